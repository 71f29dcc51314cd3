//! The office's signing key (ed25519) for verification codes, and its history.
//!
//! The key is made once, on the first letter of a data dir that has never issued one
//! (`kunci-surat.ed25519`, mode 0600). After that it is never made again behind the
//! office's back: when letters exist and the key is missing or damaged, issuing and
//! verifying stop with [`Error::KeyMissing`] / [`Error::KeyDamaged`], which point to
//! `restore`. A replaced key would make every genuine letter verify as forged and sign
//! new letters with a key nobody backed up.
//!
//! A new key comes only from [`rotate`] (`loket-dtks key rotate --reason ..`), audited.
//! A code keeps only 80 bits of the signature, which cannot be checked against a public
//! key, so the retired secret is kept in `kunci-surat.riwayat` (JSON, 0600), for
//! verification only: each entry names the last letter it signed, and a letter is
//! checked with the key of its time.

use std::path::Path;

use chrono::{DateTime, Local};
use data_encoding::{BASE32_NOPAD, HEXLOWER};
use ed25519_dalek::SigningKey;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::core::audit::{self, AuditAction};
use crate::core::files::{write_atomically, write_synced};
use crate::core::{Error, Result, Store};

/// File name of the office's signing key in the data dir.
pub const KEY_FILE: &str = "kunci-surat.ed25519";

/// File name of the retired keys (kept for verifying older letters only).
pub const HISTORY_FILE: &str = "kunci-surat.riwayat";

/// One retired key in [`HISTORY_FILE`].
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Retired {
    /// When it was replaced (RFC 3339).
    retired_at: String,
    /// The last certificate row (id) issued while it was in use.
    last_certificate_id: i64,
    /// Its 32-byte seed in hex; `None` when it was already lost at rotation.
    seed: Option<String>,
    /// Why it was replaced.
    reason: String,
}

/// What [`rotate`] did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rotation {
    /// Letters signed with the retired key.
    pub letters_before: i64,
    /// Whether the retired key could be kept (false when it was missing or damaged:
    /// letters up to then cannot be verified by code any more).
    pub old_key_kept: bool,
}

/// Whether `conn`'s register has ever issued a numbered letter.
fn has_letters(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM certificate WHERE kind = 'surat')",
        [],
        |r| r.get(0),
    )?)
}

/// The current key as stored, `None` when the file is missing.
fn read_key(dir: &Path) -> Result<Option<SigningKey>> {
    let path = dir.join(KEY_FILE);
    match std::fs::read(&path) {
        Ok(bytes) => {
            let seed: [u8; 32] = bytes
                .as_slice()
                .try_into()
                .map_err(|_| Error::KeyDamaged { path: path.clone() })?;
            Ok(Some(SigningKey::from_bytes(&seed)))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(_) => Err(Error::KeyDamaged { path }),
    }
}

/// The key that signs new letters. Made on the first letter of a data dir that has
/// never issued one; otherwise a missing key is an error, never replaced.
pub fn signing_key(store: &Store) -> Result<SigningKey> {
    match read_key(store.dir())? {
        Some(key) => Ok(key),
        None if !has_letters(&store.register)? => create(store.dir()),
        None => Err(Error::KeyMissing {
            path: store.dir().join(KEY_FILE),
        }),
    }
}

/// The current key for keying the audit log and sealing archived files: `None` when it
/// is missing or damaged (never made here; see [`signing_key`]).
pub(crate) fn current(dir: &Path) -> Option<SigningKey> {
    read_key(dir).ok().flatten()
}

/// Every key this data dir has signed with and still holds, oldest first: the retired
/// ones kept in [`HISTORY_FILE`] (in the order they were retired), then the current one.
pub(crate) fn known(dir: &Path) -> Vec<SigningKey> {
    let mut keys: Vec<SigningKey> = read_history(dir)
        .unwrap_or_default()
        .iter()
        .filter_map(|r| r.seed.as_deref())
        .filter_map(|seed| HEXLOWER.decode(seed.as_bytes()).ok())
        .filter_map(|bytes| <[u8; 32]>::try_from(bytes).ok())
        .map(|seed| SigningKey::from_bytes(&seed))
        .collect();
    keys.extend(current(dir));
    keys
}

/// Makes the first key. Written whole under a name of its own, then linked into place: a
/// second writer (another thread or process issuing its first letter at the same
/// moment) either wins the link or reads the key the first one completed.
fn create(dir: &Path) -> Result<SigningKey> {
    let mut seed = [0u8; 32];
    let mut nonce = [0u8; 8];
    getrandom::fill(&mut seed)
        .and_then(|()| getrandom::fill(&mut nonce))
        .map_err(|e| Error::Invalid(format!("Gagal membuat kunci acak: {e}")))?;
    let path = dir.join(KEY_FILE);
    let draft = dir.join(format!(".{KEY_FILE}.{}", BASE32_NOPAD.encode(&nonce)));
    write_synced(&draft, &seed)?;
    let linked = std::fs::hard_link(&draft, &path);
    let _ = std::fs::remove_file(&draft);
    match linked {
        Ok(()) => Ok(SigningKey::from_bytes(&seed)),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            read_key(dir)?.ok_or(Error::KeyMissing { path })
        }
        Err(e) => Err(Error::io(&path, e)),
    }
}

fn read_history(dir: &Path) -> Result<Vec<Retired>> {
    let path = dir.join(HISTORY_FILE);
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|_| Error::KeyDamaged { path }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(_) => Err(Error::KeyDamaged { path }),
    }
}

/// The key that signed the certificate row `certificate_id` (number `number`): a
/// retired one for letters issued before a rotation, else the current key.
pub(crate) fn key_for(store: &Store, certificate_id: i64, number: &str) -> Result<SigningKey> {
    let history = read_history(store.dir())?;
    let retired = history
        .iter()
        .filter(|r| r.last_certificate_id >= certificate_id)
        .min_by_key(|r| r.last_certificate_id);
    let Some(retired) = retired else {
        return read_key(store.dir())?.ok_or_else(|| Error::KeyMissing {
            path: store.dir().join(KEY_FILE),
        });
    };
    let path = store.dir().join(HISTORY_FILE);
    let seed = retired
        .seed
        .as_deref()
        .ok_or_else(|| Error::RetiredKeyLost {
            number: number.to_string(),
        })?;
    let seed: [u8; 32] = HEXLOWER
        .decode(seed.as_bytes())
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or(Error::KeyDamaged { path })?;
    Ok(SigningKey::from_bytes(&seed))
}

/// `key rotate`: replaces the signing key with a new one, by `actor` at `at` for
/// `reason` ([`AuditAction::GantiKunci`]). The old key (when it can still be read) is
/// kept in [`HISTORY_FILE`] so letters issued so far keep verifying. Also the way back
/// to issuing when the key is lost and no backup holds it; those older letters then
/// cannot be checked by code any more (their archived PDFs still can).
pub fn rotate(store: &Store, reason: &str, actor: &str, at: DateTime<Local>) -> Result<Rotation> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::Invalid(
            "Alasan mengganti kunci (--reason) wajib diisi.".into(),
        ));
    }
    let dir = store.dir();
    let old = match read_key(dir) {
        Ok(key) => key,
        Err(Error::KeyDamaged { .. }) => None,
        Err(e) => return Err(e),
    };
    // The write lock keeps letters from being recorded while the key changes hands.
    let tx = rusqlite::Transaction::new_unchecked(
        &store.register,
        rusqlite::TransactionBehavior::Immediate,
    )?;
    let last_certificate_id: i64 =
        tx.query_row("SELECT COALESCE(MAX(id), 0) FROM certificate", [], |r| {
            r.get(0)
        })?;
    let letters_before: i64 = tx.query_row(
        "SELECT COUNT(*) FROM certificate WHERE kind = 'surat'",
        [],
        |r| r.get(0),
    )?;
    let mut history = read_history(dir)?;
    history.push(Retired {
        retired_at: at.to_rfc3339(),
        last_certificate_id,
        seed: old.as_ref().map(|k| HEXLOWER.encode(&k.to_bytes())),
        reason: reason.to_string(),
    });
    write_atomically(
        &dir.join(HISTORY_FILE),
        &serde_json::to_vec_pretty(&history)?,
    )?;
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed)
        .map_err(|e| Error::Invalid(format!("Gagal membuat kunci acak: {e}")))?;
    write_atomically(&dir.join(KEY_FILE), &seed)?;
    let detail = format!(
        "{reason}; {letters_before} surat sebelumnya, kunci lama {}",
        if old.is_some() { "disimpan" } else { "hilang" }
    );
    audit::record(&tx, actor, AuditAction::GantiKunci, KEY_FILE, &detail, at)?;
    tx.commit()?;
    Ok(Rotation {
        letters_before,
        old_key_kept: old.is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::letter::{Issued, issue_certificate};
    use crate::core::verify::{self, Status};

    fn issue(store: &Store) -> Result<Issued> {
        issue_certificate(store, &crate::core::letter::issue::tests::request())
    }

    #[test]
    fn the_first_key_is_made_once_when_many_ask_at_the_same_time() {
        let dir = tempfile::tempdir().unwrap();
        Store::open(dir.path()).unwrap();
        let keys: Vec<[u8; 32]> = (0..8)
            .map(|_| {
                let dir = dir.path().to_path_buf();
                std::thread::spawn(move || {
                    signing_key(&Store::open(&dir).unwrap()).unwrap().to_bytes()
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|t| t.join().unwrap())
            .collect();
        assert!(
            keys.iter().all(|k| *k == keys[0]),
            "every caller got the one key"
        );
        let drafts = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
            .count();
        assert_eq!(drafts, 0, "no draft key file is left behind");
    }

    #[test]
    fn a_missing_or_damaged_key_is_never_replaced_once_letters_exist() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let issued = issue(&store).unwrap();
        let path = dir.path().join(KEY_FILE);
        std::fs::remove_file(&path).unwrap();
        assert!(matches!(signing_key(&store), Err(Error::KeyMissing { .. })));
        assert!(matches!(
            verify::verify(&store, &issued.verification_code),
            Err(Error::KeyMissing { .. })
        ));
        assert!(matches!(issue(&store), Err(Error::KeyMissing { .. })));
        assert!(!path.exists());
        std::fs::write(&path, b"pendek").unwrap();
        assert!(matches!(signing_key(&store), Err(Error::KeyDamaged { .. })));
        assert_eq!(std::fs::read(&path).unwrap(), b"pendek");
    }

    #[test]
    fn rotation_keeps_old_letters_verifiable_and_signs_new_ones_anew() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let old = issue(&store).unwrap();
        let old_key = signing_key(&store).unwrap().to_bytes();
        assert!(rotate(&store, "  ", "admin", Local::now()).is_err());
        let rotation = rotate(&store, "laptop hilang", "admin", Local::now()).unwrap();
        assert_eq!((rotation.letters_before, rotation.old_key_kept), (1, true));
        assert_ne!(signing_key(&store).unwrap().to_bytes(), old_key);
        let new = issue(&store).unwrap();
        for code in [&old.verification_code, &new.verification_code] {
            assert_eq!(verify::verify(&store, code).unwrap().status, Status::Valid);
        }
        // The new letter's number with a code made by the retired key is a forgery.
        let retired = SigningKey::from_bytes(&old_key);
        let (year, seq, nik, name): (i32, i64, String, String) = store
            .register
            .query_row(
                "SELECT year, seq, nik, name FROM certificate WHERE number = ?1",
                [&new.number],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap();
        let forged = verify::code(
            &retired,
            &verify::Signed {
                year,
                seq,
                number: &new.number,
                nik: &nik,
                name: &name,
            },
        );
        assert_eq!(
            verify::verify(&store, &forged).unwrap().status,
            Status::Forged
        );
        assert_eq!(crate::core::audit::verify(&store.register).unwrap(), None);

        // A key lost before rotating: issuing resumes, older codes cannot be checked.
        std::fs::remove_file(dir.path().join(KEY_FILE)).unwrap();
        let lost = rotate(&store, "kunci terhapus", "admin", Local::now()).unwrap();
        assert!(!lost.old_key_kept);
        assert!(matches!(
            verify::verify(&store, &new.verification_code),
            Err(Error::RetiredKeyLost { .. })
        ));
        assert_eq!(
            verify::verify(&store, &old.verification_code)
                .unwrap()
                .status,
            Status::Valid
        );
        let newest = issue(&store).unwrap();
        assert_eq!(
            verify::verify(&store, &newest.verification_code)
                .unwrap()
                .status,
            Status::Valid
        );
    }
}
