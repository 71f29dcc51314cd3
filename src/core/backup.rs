//! Backup and restore of an installation as one file: a SQLite database holding the
//! register (applications, letters, settings, audit log) plus the office signing key, the
//! audit log's signed anchor and every archived PDF and scan as blobs. Snapshots are not included: they are re-imported
//! from the data team's files (`snapshot.db` can be large).
//!
//! [`restore`] checks a backup whole before it replaces anything; [`daily`] makes the
//! day's backup into a folder the office names (a USB stick) on the first start.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local};
use rusqlite::{Connection, params};

use crate::core::files::{check_output_path, temp_beside};
use crate::core::{Error, Result, Store, audit, key};

pub mod daily;
mod restore;

pub use restore::restore;

/// Table in a backup file holding the files of the data dir.
const FILES_TABLE: &str = "backup_file";

/// Test hook ([`crate::core::files::test_pause`]): pause once the backup is complete
/// under its temporary name, before it is renamed into place.
pub const PAUSE_BEFORE_RENAME: &str = "LOKET_TEST_PAUSE_IN_BACKUP";

/// What a backup or restore did.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BackupSummary {
    /// The backup file.
    pub file: PathBuf,
    /// Files carried (key, audit anchor, archived letters and scans).
    pub files: usize,
    /// Letters in the register.
    pub letters: i64,
    /// After a restore into a data dir that held data: where that data was moved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aside: Option<PathBuf>,
}

fn data_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for name in [key::KEY_FILE, key::HISTORY_FILE] {
        let path = dir.join(name);
        if path.exists() {
            out.push(path);
        }
    }
    let mut stack = vec![dir.join("arsip")];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out
}

fn letters(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM certificate", [], |r| r.get(0))?)
}

/// Writes a backup of the installation to `file`: never inside the data dir, and an
/// existing file only when `force`. The copy is made under a temporary name beside
/// `file` and renamed into place when complete; it is owner-only (0600), as it holds
/// the register and the signing key. Logged as made by `actor` at `at`.
pub fn backup(
    store: &Store,
    file: &Path,
    force: bool,
    actor: &str,
    at: DateTime<Local>,
) -> Result<BackupSummary> {
    check_output_path(store.dir(), file, force)?;
    let tmp = temp_beside(file);
    let summary = write_backup(store, &tmp).and_then(|summary| {
        crate::core::files::make_private(&tmp)?;
        crate::core::files::test_pause(PAUSE_BEFORE_RENAME);
        std::fs::rename(&tmp, file).map_err(|e| Error::io(file, e))?;
        Ok(summary)
    });
    if summary.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    let summary = BackupSummary {
        file: file.to_path_buf(),
        ..summary?
    };
    audit::record(
        &store.register,
        actor,
        audit::AuditAction::Cadangkan,
        &file.display().to_string(),
        "",
        at,
    )?;
    Ok(summary)
}

/// The backup written to the new file `file`.
fn write_backup(store: &Store, file: &Path) -> Result<BackupSummary> {
    // VACUUM INTO takes a consistent copy even while the counter keeps working. It makes
    // the file itself: create it empty and private first so it is never readable by
    // others, not even for a moment.
    // The anchor before the copy: the copy then holds at least the entries it anchors.
    let anchor_file = store.dir().join(audit::ANCHOR_FILE);
    let anchor = std::fs::read(&anchor_file).ok();
    crate::core::files::private_options()
        .open(file)
        .map_err(|e| Error::io(file, e))?;
    store
        .register
        .execute("VACUUM INTO ?1", [file.to_string_lossy()])?;
    let mut copy = Connection::open(file)?;
    copy.pragma_update(None, "journal_mode", "DELETE")?;
    let tx = copy.transaction()?;
    tx.execute_batch(&format!(
        "CREATE TABLE {FILES_TABLE}(path TEXT PRIMARY KEY, data BLOB NOT NULL)"
    ))?;
    let files = data_files(store.dir());
    if let Some(anchor) = &anchor {
        tx.execute(
            &format!("INSERT INTO {FILES_TABLE}(path, data) VALUES (?1, ?2)"),
            params![audit::ANCHOR_FILE, anchor],
        )?;
    }
    for path in &files {
        let relative = path
            .strip_prefix(store.dir())
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let data = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        tx.execute(
            &format!("INSERT INTO {FILES_TABLE}(path, data) VALUES (?1, ?2)"),
            params![relative, data],
        )?;
    }
    let summary = BackupSummary {
        file: file.to_path_buf(),
        files: files.len() + usize::from(anchor.is_some()),
        letters: letters(&tx)?,
        aside: None,
    };
    tx.commit()?;
    Ok(summary)
}

#[cfg(test)]
#[path = "backup/tests.rs"]
mod tests;
