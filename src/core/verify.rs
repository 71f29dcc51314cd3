//! Verification codes for issued letters, signed with the office's own ed25519 key.
//!
//! The key is made on first use and kept in the data dir (`kunci-surat.ed25519`, mode
//! 0600). A code is `YYYY-NNNN-SSSSSSSSSSSSSSSS`: the letter's year and sequence, then the
//! first 16 base32 characters (80 bits) of the deterministic ed25519 signature over the
//! letter's number, NIK, name and date. Only the holder of the key can produce a matching
//! code, and the office re-signs the stored record to check one: a code whose letter
//! exists but whose signature differs is reported as forged.

use std::path::Path;

use data_encoding::BASE32_NOPAD;
use ed25519_dalek::{Signer, SigningKey};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use crate::core::audit::{self, AuditAction};
use crate::core::{Error, Result, Store, nik};

/// File name of the office's signing key in the data dir.
pub const KEY_FILE: &str = "kunci-surat.ed25519";

/// Characters of the signature kept in a code.
const SIGNATURE_CHARS: usize = 16;

/// Loads the office key, creating it on first use.
pub fn office_key(dir: &Path) -> Result<SigningKey> {
    let path = dir.join(KEY_FILE);
    match std::fs::read(&path) {
        Ok(bytes) => {
            let seed: [u8; 32] = bytes.as_slice().try_into().map_err(|_| {
                Error::Invalid(format!(
                    "Berkas kunci {} rusak (bukan 32 byte); pulihkan dari cadangan.",
                    path.display()
                ))
            })?;
            Ok(SigningKey::from_bytes(&seed))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut seed = [0u8; 32];
            getrandom::fill(&mut seed)
                .map_err(|e| Error::Invalid(format!("Gagal membuat kunci acak: {e}")))?;
            // Written whole under a name of its own, then linked into place: a second
            // writer (another thread or process issuing its first letter at the same
            // moment) either wins the link or reads the key the first one completed,
            // never a half-written file.
            let mut nonce = [0u8; 8];
            getrandom::fill(&mut nonce)
                .map_err(|e| Error::Invalid(format!("Gagal membuat kunci acak: {e}")))?;
            let draft = dir.join(format!(".{KEY_FILE}.{}", BASE32_NOPAD.encode(&nonce)));
            write_private(&draft, &seed)?;
            let linked = std::fs::hard_link(&draft, &path);
            let _ = std::fs::remove_file(&draft);
            match linked {
                Ok(()) => Ok(SigningKey::from_bytes(&seed)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => office_key(dir),
                Err(e) => Err(Error::io(&path, e)),
            }
        }
        Err(e) => Err(Error::io(&path, e)),
    }
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(|e| Error::io(path, e))?;
    file.write_all(bytes).map_err(|e| Error::io(path, e))?;
    file.sync_all().map_err(|e| Error::io(path, e))
}

/// What a letter's code vouches for.
pub struct Signed<'a> {
    /// Year of the letter number.
    pub year: i32,
    /// Sequence within the year.
    pub seq: i64,
    /// Letter number.
    pub number: &'a str,
    /// NIK of the person.
    pub nik: &'a str,
    /// Name of the person.
    pub name: &'a str,
}

/// The verification code for a letter.
pub fn code(key: &SigningKey, letter: &Signed<'_>) -> String {
    let message = format!(
        "loket-dtks/v1|{}|{}|{}",
        letter.number, letter.nik, letter.name
    );
    let signature = BASE32_NOPAD.encode(&key.sign(message.as_bytes()).to_bytes());
    format!(
        "{}-{:04}-{}",
        letter.year,
        letter.seq,
        &signature[..SIGNATURE_CHARS]
    )
}

/// The outcome of checking a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Issued by this office and in force.
    Valid,
    /// Issued by this office, then voided.
    Void,
    /// No letter of this office has this code's number.
    Unknown,
    /// A letter with this number exists but the code was not made for it.
    Forged,
}

impl Status {
    /// Indonesian label shown on screen.
    pub fn label(self) -> &'static str {
        match self {
            Status::Valid => "SAH",
            Status::Void => "DIBATALKAN",
            Status::Unknown => "TIDAK DIKENAL",
            Status::Forged => "PALSU",
        }
    }
}

/// The answer of `verify` (the CLI's JSON shape).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verification {
    /// The code checked.
    pub code: String,
    /// Valid, void, unknown or forged.
    pub status: Status,
    /// Letter number, when the letter is known.
    pub number: Option<String>,
    /// Date of issue, when known.
    pub date: Option<String>,
    /// NIK with the middle hidden, when known.
    pub nik_masked: Option<String>,
    /// Name, when known.
    pub name: Option<String>,
}

/// Takes the code out of what was scanned: a bare code or a URL ending in it.
pub fn extract_code(text: &str) -> String {
    text.trim()
        .trim_end_matches('/')
        .rsplit(['/', '=', ':'])
        .next()
        .unwrap_or("")
        .trim()
        .to_uppercase()
}

/// Verifikasi Surat, from the window or the CLI: checks `text` (a code or the whole QR
/// text) and logs the check by `actor` ([`AuditAction::VerifikasiSurat`], the code and
/// the status only).
pub fn check(store: &Store, text: &str, actor: &str) -> Result<Verification> {
    let answer = verify(store, text)?;
    audit::record(
        &store.register,
        actor,
        AuditAction::VerifikasiSurat,
        &answer.code,
        answer.status.label(),
        chrono::Local::now(),
    )?;
    Ok(answer)
}

/// Checks a code (or the whole QR text) against the register.
pub fn verify(store: &Store, text: &str) -> Result<Verification> {
    let code_text = extract_code(text);
    let mut answer = Verification {
        code: code_text.clone(),
        status: Status::Unknown,
        number: None,
        date: None,
        nik_masked: None,
        name: None,
    };
    let parts: Vec<&str> = code_text.split('-').collect();
    let (Some(year), Some(seq)) = (
        parts.first().and_then(|y| y.parse::<i32>().ok()),
        parts.get(1).and_then(|s| s.parse::<i64>().ok()),
    ) else {
        return Ok(answer);
    };
    if parts.len() != 3 {
        return Ok(answer);
    }
    let row = store
        .register
        .query_row(
            "SELECT number, nik, name, issued_at, status FROM certificate
             WHERE kind = 'surat' AND year = ?1 AND seq = ?2",
            params![year, seq],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            },
        )
        .optional()?;
    let Some((number, nik_text, name, issued_at, status)) = row else {
        return Ok(answer);
    };
    let expected = code(
        &office_key(store.dir())?,
        &Signed {
            year,
            seq,
            number: &number,
            nik: &nik_text,
            name: &name,
        },
    );
    answer.status = if expected != code_text {
        Status::Forged
    } else if status == "void" {
        Status::Void
    } else {
        Status::Valid
    };
    if answer.status != Status::Forged {
        answer.number = Some(number);
        answer.date = issued_at.get(..10).map(str::to_string);
        answer.nik_masked = Some(nik::mask(&nik_text));
        answer.name = Some(name);
    }
    Ok(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_key_is_made_once_when_many_ask_at_the_same_time() {
        let dir = tempfile::tempdir().unwrap();
        let keys: Vec<[u8; 32]> = (0..8)
            .map(|_| {
                let dir = dir.path().to_path_buf();
                std::thread::spawn(move || office_key(&dir).unwrap().to_bytes())
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|t| t.join().unwrap())
            .collect();
        assert!(
            keys.iter().all(|k| *k == keys[0]),
            "every caller got the one key"
        );
        let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(files.len(), 1, "no draft key file is left behind");
    }

    #[test]
    fn key_is_made_once_and_codes_are_deterministic() {
        let dir = tempfile::tempdir().unwrap();
        let a = office_key(dir.path()).unwrap();
        let b = office_key(dir.path()).unwrap();
        assert_eq!(a.to_bytes(), b.to_bytes());
        let letter = Signed {
            year: 2026,
            seq: 7,
            number: "400.9/007/Dinsos/XI/2026",
            nik: "3520011705850001",
            name: "Budi Santoso",
        };
        let c = code(&a, &letter);
        assert!(c.starts_with("2026-0007-"));
        assert_eq!(c.len(), "2026-0007-".len() + SIGNATURE_CHARS);
        assert_eq!(c, code(&b, &letter));
        let other = office_key(tempfile::tempdir().unwrap().path()).unwrap();
        assert_ne!(
            c,
            code(&other, &letter),
            "another office's key gives another code"
        );
    }

    #[test]
    fn extracts_code_from_a_url() {
        assert_eq!(
            extract_code("https://dinsos.example.go.id/verifikasi/2026-0007-abcd"),
            "2026-0007-ABCD"
        );
        assert_eq!(extract_code(" 2026-0007-ABCD "), "2026-0007-ABCD");
    }
}
