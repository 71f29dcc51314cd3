//! Plumbing shared by the letters, slips and the archive: where a PDF goes in the
//! archive folder, writing it durably, and the one write transaction that removes the
//! files it wrote when it fails.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, Transaction, TransactionBehavior};
use sha2::{Digest, Sha256};

use crate::core::audit::hex;
use crate::core::files::write_atomically;
use crate::core::{Result, Store};

/// Lowercase hex SHA-256 of bytes.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// A file name made from a letter number: `/` and other unsafe characters become `_`.
pub(crate) fn file_stem(number: &str) -> String {
    number
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// `<archive dir>/YYYY/MM/<file_name>` for a letter dated `date`.
pub(crate) fn archive_path(store: &Store, date: NaiveDate, file_name: &str) -> PathBuf {
    store
        .archive_dir()
        .join(format!("{:04}", date.year()))
        .join(format!("{:02}", date.month()))
        .join(file_name)
}

/// The path stored in the register: relative to the data dir, with `/` separators.
pub(crate) fn relative_to_store(store: &Store, path: &Path) -> String {
    let rel = path.strip_prefix(store.dir()).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// A PDF written into the archive.
pub(crate) struct Archived {
    /// Absolute path.
    pub file: PathBuf,
    /// SHA-256, lowercase hex.
    pub sha256: String,
    /// Path relative to the data dir, as stored in the register.
    pub relative: String,
}

/// Writes `pdf` as `<archive>/YYYY/MM/<file_name>`, remembering the path in `written` so
/// a failed transaction can remove it again.
pub(crate) fn archive_pdf(
    store: &Store,
    date: NaiveDate,
    file_name: &str,
    pdf: &[u8],
    written: &mut Vec<PathBuf>,
) -> Result<Archived> {
    let file = archive_path(store, date, file_name);
    written.push(file.clone());
    write_atomically(&file, pdf)?;
    Ok(Archived {
        sha256: sha256_hex(pdf),
        relative: relative_to_store(store, &file),
        file,
    })
}

/// Current local time, RFC 3339.
pub(crate) fn now() -> String {
    chrono::Local::now().to_rfc3339()
}

/// Runs `work` in one `BEGIN IMMEDIATE` transaction. When anything fails (including the
/// commit), every file `work` reported is removed and the transaction rolled back, in
/// that order: the lock is held until the files are gone, so a writer that takes the
/// same number or row id next cannot have its file removed by this one.
pub(crate) fn in_transaction<T>(
    conn: &Connection,
    work: impl FnOnce(&Transaction<'_>, &mut Vec<PathBuf>) -> Result<T>,
) -> Result<T> {
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let mut written = Vec::new();
    let result = work(&tx, &mut written).and_then(|value| {
        // Not `tx.commit()`: that drops (rolls back) the transaction on failure before
        // the files below are removed.
        tx.execute_batch("COMMIT")?;
        Ok(value)
    });
    if result.is_err() {
        for file in written {
            let _ = std::fs::remove_file(file);
        }
    }
    drop(tx);
    result
}
