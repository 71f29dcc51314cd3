//! Bulk check ("cek massal"): schools, hospitals and desa offices send a list of people
//! and ask which of them are in the DTKS/DTSEN. The list is read with the snapshot
//! importer's own reader and header detection (any delimiter, encoding or spreadsheet;
//! the NIK column by its header or by its content), each row is answered from the active
//! snapshot, and the answers are written to a new XLSX with one row per input row, in
//! order. A row without a NIK but with a name and a birth date is matched by name: only a
//! person whose canonical name and birth date are the same counts.
//!
//! Unlike the register's exports, the answer keeps each NIK in full: the requester sent
//! those NIKs, and must be able to match the answer to its own list row by row. The
//! audit entry holds the counts only, never a NIK.

mod answer;
mod input;
mod sheet;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local};
use serde::Serialize;

use crate::core::audit::{self, AuditAction};
use crate::core::files::check_output_path;
use crate::core::{Error, Result, Store};

/// Most data rows one check takes: an XLSX sheet holds 1,048,576 rows, and a list longer
/// than a kabupaten's population is no list to check.
pub const MAX_ROWS: usize = 1_000_000;

/// How far a bulk check is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BulkProgress {
    /// Rows read (while reading) or answered (while checking) so far.
    pub rows: usize,
    /// Fraction of the whole job done, 0.0 to 1.0.
    pub fraction: f32,
}

/// The outcome of a bulk check (the CLI's `--json` shape).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BulkSummary {
    /// Data rows in the list (blank and totals rows left out).
    pub rows: usize,
    /// Rows found in the active snapshot.
    pub registered: usize,
    /// Rows checked and not found.
    pub not_registered: usize,
    /// Rows that could not be checked (no valid NIK and no exact name match).
    pub invalid: usize,
    /// The XLSX written.
    pub file: PathBuf,
    /// What the clerk should know about how the list was read (columns told from their
    /// content, rows matched by name), in Indonesian.
    #[serde(skip)]
    pub notes: Vec<String>,
}

/// The answer for one row of the list, as written to the result file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BulkRow {
    /// Row (line) number in the input file.
    pub line: u64,
    /// The NIK: the 16 digits when valid, else the cell as written.
    pub nik: String,
    /// The name the list gives.
    pub file_name: String,
    /// Whether the person is in the snapshot; `None` when the row could not be checked.
    pub registered: Option<bool>,
    /// The name in the snapshot.
    pub snapshot_name: Option<String>,
    /// Whether the list's name is the snapshot's once both are in canonical form; `None`
    /// when there are not two names to compare.
    pub name_matches: Option<bool>,
    /// DTSEN decile.
    pub desil: Option<i64>,
    /// Programs covering the person.
    pub programs: Vec<String>,
    /// Source and period of the snapshot that answered, e.g. "DTSEN periode 2025-09".
    pub snapshot: Option<String>,
    /// Why a row could not be checked, or how it was (matched by name).
    pub note: String,
}

/// Checks every row of `input` against the active snapshot and writes the answers to the
/// new XLSX `out` (through a temporary file, then renamed), logging the check once by
/// `actor` at `at` ([`AuditAction::CekMassal`], the counts only).
///
/// `out` must not exist and must lie outside the data dir. `progress` is called every few
/// thousand rows; returning `false` cancels (nothing is written or logged).
pub fn check_file(
    store: &Store,
    input: &Path,
    out: &Path,
    progress: &mut dyn FnMut(BulkProgress) -> bool,
    actor: &str,
    at: DateTime<Local>,
) -> Result<BulkSummary> {
    check_output_path(store.dir(), out, false)?;
    let snapshot =
        crate::core::snapshot::store::active(&store.snapshots)?.ok_or(Error::NoSnapshot)?;
    let list = input::read(&store.snapshots, input, progress)?;
    let answered = answer::answer(&store.snapshots, &snapshot, list.rows, progress)?;
    let bytes = sheet::workbook(&answered.rows)?;
    if !progress(BulkProgress {
        rows: answered.rows.len(),
        fraction: 1.0,
    }) {
        return Err(cancelled());
    }
    // Checked again: the list took a while, and the rename would replace a file that
    // appeared meanwhile.
    check_output_path(store.dir(), out, false)?;
    crate::core::files::write_atomically(out, &bytes)?;
    let count = |registered: Option<bool>| {
        answered
            .rows
            .iter()
            .filter(|r| r.registered == registered)
            .count()
    };
    let summary = BulkSummary {
        rows: answered.rows.len(),
        registered: count(Some(true)),
        not_registered: count(Some(false)),
        invalid: count(None),
        file: out.to_path_buf(),
        notes: list.notes.into_iter().chain(answered.notes).collect(),
    };
    let detail = format!(
        "{} baris: {} terdaftar, {} tidak terdaftar, {} tidak dapat dicek",
        summary.rows, summary.registered, summary.not_registered, summary.invalid
    );
    let logged = audit::record(
        &store.register,
        actor,
        AuditAction::CekMassal,
        &out.display().to_string(),
        &detail,
        at,
    );
    if let Err(e) = logged {
        // A list of answers nobody logged must not stay behind.
        let _ = std::fs::remove_file(out);
        return Err(e);
    }
    Ok(summary)
}

/// The answer to a cancelled check (the importer's own message speaks of an import).
fn cancelled() -> Error {
    Error::Invalid("Cek massal dibatalkan; tidak ada berkas yang ditulis.".into())
}
