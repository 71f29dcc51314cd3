//! Importing a program recipient list (e.g. "PKH 2025 tahap 3"): a file with a NIK
//! column; it adds coverage to the active snapshot instead of replacing it.

use std::collections::HashSet;
use std::path::Path;
use std::time::Instant;

use rusqlite::{TransactionBehavior, params};

use crate::core::snapshot::evidence::Rounding;
use crate::core::snapshot::header::{self, ColumnOverride};
use crate::core::snapshot::import::{ImportProgress, ImportSummary, Reject, SnapshotRef};
use crate::core::snapshot::reader::{self, Cell};
use crate::core::snapshot::reading::SheetRows;
use crate::core::snapshot::sheets::{self, HeaderRules};
use crate::core::snapshot::{columns::Field, normalize, store};
use crate::core::{Error, Result, db};

/// A program recipient list to import, and how.
#[derive(Debug, Clone, Default)]
pub struct ProgramList {
    /// The program, e.g. "PKH".
    pub program: String,
    /// The list's period or stage, e.g. "2025 tahap 3".
    pub period: Option<String>,
    /// Spreadsheet sheet to read.
    pub sheet: Option<String>,
    /// The admin's column mapping.
    pub columns: Vec<ColumnOverride>,
    /// Take a NIK column told from its content (see [`ImportOptions::accept_guess`]).
    ///
    /// [`ImportOptions::accept_guess`]: crate::core::snapshot::ImportOptions::accept_guess
    pub accept_guess: bool,
}

/// Imports the recipients in `file` of `list.program` into the active snapshot of data
/// dir `dir`.
pub fn import_program(
    dir: &Path,
    file: &Path,
    list: &ProgramList,
    progress: &mut dyn FnMut(ImportProgress) -> bool,
) -> Result<ImportSummary> {
    let program = list.program.trim().to_uppercase();
    if program.is_empty() {
        return Err(Error::Invalid(
            "Nama program wajib diisi (misalnya PKH).".into(),
        ));
    }
    let (period, sheet) = (list.period.as_deref(), list.sheet.as_deref());
    let started = Instant::now();
    let mut conn = db::open_snapshots(&dir.join("snapshot.db"))?;
    let rules = HeaderRules {
        conn: &conn,
        overrides: &list.columns,
        require_name: false,
        accept_guess: list.accept_guess,
    };
    let chosen = sheets::choose(file, sheet, &rules)?;
    let format = chosen.sources[0].rows.format.clone();
    let snapshot = store::active(&conn)?.ok_or(Error::NoSnapshot)?;
    let table = store::program_table(snapshot.id);
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute_batch(&format!(
        "CREATE TABLE IF NOT EXISTS {table}(nik TEXT NOT NULL, program TEXT NOT NULL, period TEXT,
             UNIQUE(nik, program, period))"
    ))?;
    let mut insert = tx.prepare(&format!(
        "INSERT OR IGNORE INTO {table}(nik, program, period) VALUES (?1, ?2, ?3)"
    ))?;
    let (mut rows_read, mut imported, mut duplicates) = (0u64, 0u64, 0u64);
    let mut rejects = Vec::new();
    let mut seen = HashSet::new();
    let mut rounding = Rounding::default();
    let mut rounded = Vec::new();
    for SheetRows { mut rows, map, .. } in chosen.sources {
        let nik_col = map.index(&Field::Nik);
        while let Some(row) = rows.next_row() {
            let (line, cells) = row?;
            rejects.extend(rejected_lines(&mut rows));
            if cells.iter().all(Cell::is_blank) || normalize::is_totals_row(&cells) {
                continue;
            }
            rows_read += 1;
            if rows_read.is_multiple_of(8192) {
                let p = ImportProgress {
                    rows: rows_read,
                    fraction: rows.fraction(),
                    elapsed: started.elapsed(),
                };
                if !progress(p) {
                    return Err(Error::Cancelled);
                }
            }
            let cell = nik_col.and_then(|i| cells.get(i)).unwrap_or(&Cell::Empty);
            let suspect = rounding.observe(cell);
            match normalize::nik(cell) {
                Ok(nik) if !seen.insert(nik.as_str().to_string()) => duplicates += 1,
                Ok(nik) => {
                    insert.execute(params![nik.as_str(), program, period])?;
                    imported += 1;
                    if suspect {
                        rounded.push((nik, line));
                    }
                }
                Err(reason) => rejects.push(Reject { row: line, reason }),
            }
        }
        rejects.extend(rejected_lines(&mut rows));
    }
    drop(insert);
    if rounding.is_rounded() {
        // The whole NIK column was rounded by a spreadsheet: none ending in 0 is trusted.
        let mut delete = tx.prepare(&format!(
            "DELETE FROM {table} WHERE nik = ?1 AND program = ?2 AND period IS ?3"
        ))?;
        for (nik, line) in rounded {
            delete.execute(params![nik.as_str(), program, period])?;
            imported -= 1;
            rejects.push(Reject {
                row: line,
                reason: rounding.nik_reason(),
            });
        }
        rejects.sort_by_key(|r| r.row);
    }
    header::remember(&tx, &chosen.header)?;
    if imported == 0 {
        return Err(Error::import(file, "tidak ada NIK penerima yang valid"));
    }
    tx.commit()?;
    Ok(ImportSummary {
        file: file.to_path_buf(),
        format,
        rows_read,
        imported,
        rejected: rejects.len() as u64,
        duplicates,
        rejects,
        repairs: Vec::new(),
        sheets: Vec::new(),
        notes: chosen
            .header
            .guessed
            .iter()
            .map(|g| format!("kolom ditebak dari isinya: {g}"))
            .collect(),
        snapshot: SnapshotRef {
            id: snapshot.id,
            source: snapshot.source,
            period: snapshot.period,
        },
    })
}

/// The lines the reader left out (a text line broken by a stray quote, say).
fn rejected_lines(rows: &mut reader::Rows) -> impl Iterator<Item = Reject> + use<> {
    rows.take_issues()
        .into_iter()
        .filter(|issue| issue.rejected)
        .map(|issue| Reject {
            row: issue.line,
            reason: issue.reason,
        })
}
