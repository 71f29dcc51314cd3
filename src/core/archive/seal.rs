//! Seals of archived files: a keyed MAC (see [`audit::mac`]) over the letter's id, the
//! file's path and its SHA-256, kept in `archive_file.mac`. Rewriting a file and its
//! stored hash together then shows: the seal no longer matches.

use chrono::{DateTime, Local};
use rusqlite::{Connection, params};

use super::sha256_file;
use crate::core::audit::{self, AuditAction, mac};
use crate::core::{Error, Result, Store};

/// The seal of the row (`certificate_id`, `path`, `sha256`) with `key`.
fn tag(key: &mac::MacKey, certificate_id: i64, path: &str, sha256: &str) -> String {
    key.tag(&[
        "loket-dtks/arsip/v1",
        &certificate_id.to_string(),
        path,
        sha256,
    ])
}

/// Whether `seal` was made by one of `keys` for the row.
pub(super) fn matches(
    keys: &[mac::MacKey],
    certificate_id: i64,
    path: &str,
    sha256: &str,
    seal: &str,
) -> bool {
    let id = certificate_id.to_string();
    keys.iter()
        .any(|k| k.matches(&["loket-dtks/arsip/v1", &id, path, sha256], seal))
}

/// Records an archived file of letter `certificate_id` (`kind` `pdf` or `scan`, `path`
/// relative to the data dir) with its SHA-256, sealed when the office has a key.
pub(crate) fn insert(
    conn: &Connection,
    certificate_id: i64,
    kind: &str,
    path: &str,
    sha256: &str,
    added_at: &str,
) -> Result<()> {
    let key = mac::data_dir(conn).as_deref().and_then(mac::current);
    let seal = key.map(|k| tag(&k, certificate_id, path, sha256));
    conn.execute(
        "INSERT INTO archive_file(certificate_id, kind, path, sha256, added_at, mac)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![certificate_id, kind, path, sha256, added_at, seal],
    )?;
    Ok(())
}

/// How many archived files have no seal yet (recorded before seals were kept).
pub fn unsealed(store: &Store) -> Result<i64> {
    Ok(store.register.query_row(
        "SELECT COUNT(*) FROM archive_file WHERE mac IS NULL",
        [],
        |r| r.get(0),
    )?)
}

/// `archive seal`: seals every archived file without a seal whose content still matches
/// its recorded SHA-256 (a changed or missing file is left to [`super::check`]), by
/// `actor` at `at` ([`AuditAction::SegelArsip`]). Returns how many were sealed.
pub fn seal(store: &Store, actor: &str, at: DateTime<Local>) -> Result<usize> {
    let key = mac::current(store.dir()).ok_or_else(|| {
        Error::Invalid(
            "Kunci kantor belum ada atau rusak; arsip tidak dapat disegel (lihat `restore`)."
                .into(),
        )
    })?;
    let tx = rusqlite::Transaction::new_unchecked(
        &store.register,
        rusqlite::TransactionBehavior::Immediate,
    )?;
    let rows = {
        let mut stmt = tx.prepare(
            "SELECT id, certificate_id, path, sha256 FROM archive_file
             WHERE mac IS NULL ORDER BY id",
        )?;
        stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
    };
    let mut sealed = 0;
    for (id, certificate_id, path, sha256) in rows {
        let file = store.dir().join(&path);
        if !file.is_file() || sha256_file(&file)? != sha256 {
            continue;
        }
        tx.execute(
            "UPDATE archive_file SET mac = ?1 WHERE id = ?2",
            params![tag(&key, certificate_id, &path, &sha256), id],
        )?;
        sealed += 1;
    }
    audit::record(
        &tx,
        actor,
        AuditAction::SegelArsip,
        "arsip surat",
        &format!("{sealed} berkas disegel"),
        at,
    )?;
    tx.commit()?;
    Ok(sealed)
}
