//! Data minimisation: once an application is closed and older than the office's
//! retention period (`retensi data pribadi`, [`Settings::retention_months`]), the Admin
//! erases the personal data it holds while keeping what the period report counts.
//!
//! Erased: the applicant's name (replaced by [`PURGED_NAME`]), the NIK (kept only in the
//! masked form the audit log already uses, `352001******0001`), the KK, phone and
//! contact, the desa cover letter's number, the paper exception's reason, the notes and
//! contacts of its history, and the attached copies of papers (`lampiran/`, rows and
//! files). Kept: the register number, dates and step times, status, channel, purpose,
//! desa, papers checklist, who wrote and took each step, and the result note (a letter
//! number) — so the report for an old month counts the same before and after.
//!
//! Not touched: open applications (never), the numbered letters and slips in the
//! archive with their PDFs (legal records of what the office certified; the archive
//! keeps its own retention under the archives law), proposals (usulan) and complaints
//! (their own books), and the audit log (append-only, already masked).
//!
//! [`Settings::retention_months`]: crate::core::settings::Settings::retention_months

use std::path::PathBuf;

use chrono::{DateTime, Local, Months, NaiveDate};
use rusqlite::{Connection, Transaction, TransactionBehavior, params};
use serde::Serialize;

use super::ATTACHMENT_DIR;
use super::book::FINAL_CODES;
use crate::core::audit::{self, AuditAction};
use crate::core::nik::mask;
use crate::core::users::{self, Permission};
use crate::core::{Result, Store};

/// The name an application keeps once its personal data is erased.
pub const PURGED_NAME: &str = "[dihapus]";

/// What [`purge_personal`] did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PurgeSummary {
    /// Applications registered before this date were considered.
    pub before: NaiveDate,
    /// Applications whose personal data was erased.
    pub applications: usize,
    /// Attached files deleted.
    pub files_removed: usize,
    /// Attached files whose record was erased but which could not be deleted (to delete
    /// by hand; relative to the data dir).
    pub files_left: Vec<PathBuf>,
}

/// The cut-off for a retention of `months` months on `today`: applications registered
/// before it may be purged. `None` when the retention is off (0 months).
pub fn retention_cutoff(today: NaiveDate, months: u32) -> Option<NaiveDate> {
    (months > 0).then(|| today.checked_sub_months(Months::new(months)))?
}

/// The condition for applications [`purge_personal`] erases: closed, registered before
/// `?1`, not erased yet.
fn purgeable() -> String {
    format!(
        "status IN ({FINAL_CODES}) AND substr(created_at, 1, 10) < ?1
         AND applicant_name <> '{PURGED_NAME}'"
    )
}

/// How many applications [`purge_personal`] would erase for `before` (the preview shown
/// in the confirmation).
pub fn purge_count(conn: &Connection, before: NaiveDate) -> Result<usize> {
    let n: i64 = conn.query_row(
        &format!("SELECT COUNT(*) FROM application WHERE {}", purgeable()),
        [before.to_string()],
        |r| r.get(0),
    )?;
    Ok(n as usize)
}

/// Erases the personal data of every closed application registered before `before`
/// (see the module notes for what is erased and kept), as `actor` (an Admin) at `at`:
/// one transaction with one [`AuditAction::HapusDataPribadi`] entry. The attached files
/// are deleted after the commit; any that cannot be are listed in the summary.
pub fn purge_personal(
    store: &Store,
    before: NaiveDate,
    actor: &str,
    at: DateTime<Local>,
) -> Result<PurgeSummary> {
    let conn = &store.register;
    users::require(conn, actor, Permission::DataPribadi)?;
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let cutoff = before.to_string();
    let ids: Vec<(i64, String)> = {
        let mut stmt = tx.prepare(&format!(
            "SELECT id, nik FROM application WHERE {}",
            purgeable()
        ))?;
        let rows = stmt.query_map([&cutoff], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut files = Vec::new();
    for (id, nik) in &ids {
        erase(&tx, *id, nik, &mut files)?;
    }
    audit::record(
        &tx,
        actor,
        AuditAction::HapusDataPribadi,
        &format!("sebelum {before}"),
        &format!("{} permohonan, {} lampiran", ids.len(), files.len()),
        at,
    )?;
    tx.commit()?;
    let mut summary = PurgeSummary {
        before,
        applications: ids.len(),
        files_removed: 0,
        files_left: Vec::new(),
    };
    let folder = store.dir().join(ATTACHMENT_DIR);
    for relative in files {
        let path = store.dir().join(&relative);
        // Only files inside `lampiran/` are ever deleted, whatever the row says.
        let inside = path.starts_with(&folder)
            && !path
                .components()
                .any(|c| matches!(c, std::path::Component::ParentDir));
        let gone = inside
            && match std::fs::remove_file(&path) {
                Ok(()) => true,
                Err(e) => e.kind() == std::io::ErrorKind::NotFound,
            };
        if gone {
            summary.files_removed += 1;
        } else {
            summary.files_left.push(relative);
        }
    }
    Ok(summary)
}

/// Erases one application's personal data and its attachment rows; adds the attached
/// files' paths to `files`.
fn erase(tx: &Transaction<'_>, id: i64, nik: &str, files: &mut Vec<PathBuf>) -> Result<()> {
    tx.execute(
        "UPDATE application SET applicant_name = ?2, nik = ?3, kk = '', phone = '',
             contact = '', desa_letter_no = '', paper_exception = ''
         WHERE id = ?1",
        params![id, PURGED_NAME, mask(nik)],
    )?;
    tx.execute(
        "UPDATE application_event SET note = '', contact = NULL WHERE application_id = ?1",
        [id],
    )?;
    {
        let mut stmt = tx.prepare("SELECT path FROM application_file WHERE application_id = ?1")?;
        let paths = stmt.query_map([id], |r| r.get::<_, String>(0))?;
        for path in paths {
            files.push(PathBuf::from(path?));
        }
    }
    tx.execute(
        "DELETE FROM application_file WHERE application_id = ?1",
        [id],
    )?;
    Ok(())
}

#[cfg(test)]
#[path = "retention_tests.rs"]
mod tests;
