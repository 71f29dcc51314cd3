//! The daily backup: on the first start of the day the window (or `backup --daily`)
//! writes `loket-cadangan-YYYY-MM-DD.loket` into the folder the office named in the
//! settings (a USB stick, a shared folder), never over an existing file.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local, NaiveDate};

use super::{BackupSummary, backup};
use crate::core::{Error, Result, Store, audit};

/// Who the audit log names for a backup the window made on its own.
pub const ACTOR: &str = "sistem";

/// The file name of `day`'s backup.
pub fn file_name(day: NaiveDate) -> String {
    format!("loket-cadangan-{}.loket", day.format("%Y-%m-%d"))
}

/// What [`run`] did.
#[derive(Debug, Clone, PartialEq)]
pub enum Daily {
    /// No folder is set: daily backups are off.
    Off,
    /// Today's backup was made already (the file is there, or the log has it).
    Done(PathBuf),
    /// Today's backup was written now.
    Written(BackupSummary),
}

impl Daily {
    /// The line shown to the clerks, if any.
    pub fn message(&self) -> Option<String> {
        match self {
            Daily::Off => None,
            Daily::Done(file) => Some(format!(
                "Cadangan harian hari ini sudah ada: {}",
                file.display()
            )),
            Daily::Written(summary) => Some(format!(
                "Cadangan harian tersimpan: {}",
                summary.file.display()
            )),
        }
    }
}

/// The folder set in the settings, `None` when empty (off).
pub fn folder(store: &Store) -> Result<Option<PathBuf>> {
    Ok(store
        .settings()?
        .daily_backup_dir
        .filter(|dir| !dir.as_os_str().is_empty()))
}

/// Where today's backup goes when it is due: `None` when `folder` already holds a
/// file of that name or the audit log records a backup to it today. A folder that is
/// not there (a USB stick not plugged in) is an error that says so.
pub fn due(store: &Store, folder: &Path, today: NaiveDate) -> Result<Option<PathBuf>> {
    if !folder.is_dir() {
        return Err(Error::Invalid(format!(
            "Folder cadangan harian tidak ditemukan (USB belum dipasang?): {}",
            folder.display()
        )));
    }
    let file = folder.join(file_name(today));
    if file.symlink_metadata().is_ok() {
        return Ok(None);
    }
    let logged: bool = store.register.query_row(
        "SELECT EXISTS(SELECT 1 FROM audit WHERE action = ?1 AND subject = ?2
             AND substr(at, 1, 10) = ?3)",
        rusqlite::params![
            audit::AuditAction::Cadangkan.code(),
            file.display().to_string(),
            today.format("%Y-%m-%d").to_string()
        ],
        |r| r.get(0),
    )?;
    Ok((!logged).then_some(file))
}

/// Makes today's backup into the settings' folder when it is due (see [`due`]), logged
/// as made by `actor` at `at`.
pub fn run(store: &Store, today: NaiveDate, actor: &str, at: DateTime<Local>) -> Result<Daily> {
    let Some(folder) = folder(store)? else {
        return Ok(Daily::Off);
    };
    match due(store, &folder, today)? {
        None => Ok(Daily::Done(folder.join(file_name(today)))),
        Some(file) => {
            // A backup killed half-way on an earlier day left its temporary file here.
            crate::core::files::remove_stale_temps(&folder);
            backup(store, &file, false, actor, at).map(Daily::Written)
        }
    }
}

#[cfg(test)]
#[path = "daily_tests.rs"]
mod tests;
