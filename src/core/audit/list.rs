//! Reading the access log for the Admin's "Log Akses" tab: filtered lists, newest first,
//! and their CSV export.

use std::path::Path;

use chrono::{DateTime, Local, NaiveDate};
use rusqlite::{Connection, params};
use serde::Serialize;

use super::{AuditAction, record};
use crate::core::files::{check_output_path, write_atomically};
use crate::core::register::neutralise_cell;
use crate::core::{Error, Result, Store};

/// Which entries [`list`] returns; every field narrows, empty ones do not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// First day (local date of the entry), inclusive.
    pub from: Option<NaiveDate>,
    /// Last day, inclusive.
    pub to: Option<NaiveDate>,
    /// Text the actor contains (case-insensitive).
    pub actor: String,
    /// The action code (as [`AuditAction::code`]).
    pub action: Option<String>,
    /// Most entries returned (the newest); `None` for all.
    pub limit: Option<i64>,
}

/// One entry of the access log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// Its id (the order of the chain).
    pub id: i64,
    /// When (RFC 3339).
    pub at: String,
    /// Who.
    pub actor: String,
    /// The action code.
    pub action: String,
    /// What it concerned (a masked NIK, a letter number, a file).
    pub subject: String,
    /// More about it.
    pub detail: String,
}

/// The entries matching `filter`, newest first.
pub fn list(conn: &Connection, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
    let escaped = filter
        .actor
        .trim()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    let day = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, action, COALESCE(subject, ''), COALESCE(detail, '')
         FROM audit
         WHERE (?1 IS NULL OR substr(at, 1, 10) >= ?1)
           AND (?2 IS NULL OR substr(at, 1, 10) <= ?2)
           AND actor LIKE ?3 ESCAPE '\\'
           AND (?4 IS NULL OR action = ?4)
         ORDER BY id DESC
         LIMIT ?5",
    )?;
    let rows = stmt.query_map(
        params![
            day(filter.from),
            day(filter.to),
            format!("%{escaped}%"),
            filter.action,
            filter.limit.unwrap_or(-1)
        ],
        |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                subject: r.get(4)?,
                detail: r.get(5)?,
            })
        },
    )?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The action codes the log holds, sorted (for the filter's pick list).
pub fn action_codes(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT DISTINCT action FROM audit ORDER BY action")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Writes the entries matching `filter` (all of them, newest first) as CSV to `out`
/// (`;`-separated, UTF-8 with BOM, cells neutralised), after checking `out` (never in
/// the data dir, never over a file), and logs it by `actor` at `at`
/// ([`AuditAction::EksporLogAkses`]). Returns how many entries were written.
pub fn export_csv_file(
    store: &Store,
    filter: &AuditFilter,
    out: &Path,
    actor: &str,
    at: DateTime<Local>,
) -> Result<usize> {
    check_output_path(store.dir(), out, false)?;
    let entries = list(
        &store.register,
        &AuditFilter {
            limit: None,
            ..filter.clone()
        },
    )?;
    let csv_err = |e: csv::Error| Error::Invalid(format!("CSV tidak dapat ditulis: {e}"));
    let mut csv = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(b"\xef\xbb\xbf".to_vec());
    csv.write_record(["id", "waktu", "pelaku", "aksi", "subjek", "keterangan"])
        .map_err(csv_err)?;
    for e in &entries {
        let id = e.id.to_string();
        let cells = [&id, &e.at, &e.actor, &e.action, &e.subject, &e.detail];
        csv.write_record(cells.iter().map(|c| neutralise_cell(c)))
            .map_err(csv_err)?;
    }
    let bytes = csv
        .into_inner()
        .map_err(|e| Error::Invalid(format!("CSV tidak dapat ditulis: {e}")))?;
    write_atomically(out, &bytes)?;
    record(
        &store.register,
        actor,
        AuditAction::EksporLogAkses,
        &out.display().to_string(),
        &format!("{} entri", entries.len()),
        at,
    )?;
    Ok(entries.len())
}
