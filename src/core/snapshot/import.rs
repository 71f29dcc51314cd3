//! Importing a snapshot file atomically: everything loads inside one transaction and the
//! new snapshot becomes active only at its end, so a bad file, a cancel or a crash leaves
//! the previous snapshot active.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use rusqlite::{Connection, Transaction, TransactionBehavior, params};
use serde::Serialize;

use crate::core::settings::Source;
use crate::core::snapshot::header::{self, ColumnOverride};
use crate::core::snapshot::parse::{self, Batch, Parsed};
use crate::core::snapshot::reader;
use crate::core::snapshot::store;
use crate::core::{Error, Result, db};

/// How to import a file.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Source label of the new snapshot.
    pub source: Source,
    /// Period, e.g. "2025-09"; defaults to the current month.
    pub period: Option<String>,
    /// Spreadsheet sheet to read.
    pub sheet: Option<String>,
    /// Marks the embedded demo data ("DATA CONTOH").
    pub demo: bool,
    /// The admin's column mapping for headers we do not recognise.
    pub columns: Vec<ColumnOverride>,
}

/// Progress reported while importing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImportProgress {
    /// Data rows read so far.
    pub rows: u64,
    /// Fraction of the file read, 0.0 to 1.0.
    pub fraction: f32,
    /// Time since the import started.
    pub elapsed: Duration,
}

impl ImportProgress {
    /// Rows per second so far.
    pub fn rows_per_second(&self) -> f64 {
        self.rows as f64 / self.elapsed.as_secs_f64().max(0.001)
    }

    /// Estimated time left, from the fraction read.
    pub fn remaining(&self) -> Option<Duration> {
        (self.fraction > 0.01).then(|| {
            self.elapsed
                .mul_f64(f64::from((1.0 - self.fraction) / self.fraction))
        })
    }
}

/// A row that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reject {
    /// Row (line) number in the file, 1-based.
    pub row: u64,
    /// Reason in Indonesian.
    pub reason: String,
}

/// Which snapshot an import created or extended.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SnapshotRef {
    /// Snapshot id.
    pub id: i64,
    /// "DTKS" or "DTSEN".
    pub source: String,
    /// Period.
    pub period: String,
}

/// The result of an import (the CLI's `--json` shape).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportSummary {
    /// The file imported.
    pub file: PathBuf,
    /// Format detected, e.g. "teks dipisah ';', UTF-8".
    pub format: String,
    /// Data rows read (blank and totals rows excluded).
    pub rows_read: u64,
    /// Persons imported.
    pub imported: u64,
    /// Rows rejected.
    pub rejected: u64,
    /// Rows that repeated an earlier row exactly (imported once).
    pub duplicates: u64,
    /// Each rejected row with its reason.
    pub rejects: Vec<Reject>,
    /// The snapshot created.
    pub snapshot: SnapshotRef,
}

/// Imports `file` into the snapshot database of data dir `dir` as a new active snapshot.
///
/// `progress` is called every few thousand rows; returning `false` cancels the import
/// (nothing is changed).
pub fn import_snapshot(
    dir: &Path,
    file: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress) -> bool,
) -> Result<ImportSummary> {
    let started = Instant::now();
    let mut rows = reader::open(file, options.sheet.as_deref(), &header::has_nik_header)?;
    let mut conn = db::open_snapshots(&dir.join("snapshot.db"))?;
    let header = header::find(&mut rows, file, &conn, &options.columns, true)?;
    let sha256 = crate::core::archive::sha256_file(file)?;
    // 64 MB of page cache and a helper thread for sorting the NIK index.
    conn.pragma_update(None, "cache_size", -64_000)?;
    conn.pragma_update(None, "threads", 2)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let file_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    tx.execute(
        "INSERT INTO snapshot(source, period, file_name, sha256, imported_at, rows, rejected, demo)
         VALUES (?1, '', ?2, ?3, ?4, 0, 0, ?5)",
        params![
            options.source.code(),
            file_name,
            sha256,
            chrono::Local::now().to_rfc3339(),
            options.demo
        ],
    )?;
    let id = tx.last_insert_rowid();
    let table = store::person_table(id);
    tx.execute_batch(&format!(
        "CREATE TABLE {table}(nik TEXT NOT NULL, kk TEXT, name TEXT NOT NULL, name_key TEXT NOT NULL,
             birth_date TEXT, birth_place TEXT, sex TEXT, address TEXT, desa TEXT, kec TEXT,
             id_dtks TEXT, desil INTEGER, programs TEXT, period TEXT)"
    ))?;
    let format = rows.format.clone();
    let mut load = Load::default();
    load_rows(
        &tx,
        &table,
        parse::spawn(rows, &header.map),
        &mut load,
        started,
        progress,
    )?;
    if load.imported == 0 {
        return Err(Error::Import {
            file: file.to_path_buf(),
            reason: format!(
                "tidak ada baris yang valid ({} baris ditolak){}",
                load.rejects.len(),
                load.rejects
                    .first()
                    .map(|r| format!("; contoh: baris {}: {}", r.row, r.reason))
                    .unwrap_or_default()
            ),
        });
    }
    let period = options
        .period
        .clone()
        .unwrap_or_else(|| chrono::Local::now().format("%Y-%m").to_string());
    finish(&tx, id, &table, &period, &load)?;
    header::remember(&tx, &header)?;
    tx.commit()?;
    Ok(ImportSummary {
        file: file.to_path_buf(),
        format,
        rows_read: load.rows_read,
        imported: load.imported,
        rejected: load.rejects.len() as u64,
        duplicates: load.duplicates,
        rejects: load.rejects,
        snapshot: SnapshotRef {
            id,
            source: options.source.code().to_string(),
            period,
        },
    })
}

#[derive(Default)]
struct Load {
    rows_read: u64,
    imported: u64,
    duplicates: u64,
    rejects: Vec<Reject>,
}

fn load_rows(
    tx: &Transaction<'_>,
    table: &str,
    batches: Receiver<Result<Batch>>,
    load: &mut Load,
    started: Instant,
    progress: &mut dyn FnMut(ImportProgress) -> bool,
) -> Result<()> {
    let mut insert = tx.prepare(&format!(
        "INSERT INTO {table}(nik, kk, name, name_key, birth_date, birth_place, sex, address, desa,
             kec, id_dtks, desil, programs)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
    ))?;
    // Every inserted row's NIK, content hash, line and rowid; duplicates are found by
    // sorting once at the end (a hash map of millions of NIKs costs twice the memory
    // and slows the writer, which is the import's bottleneck).
    let mut keys: Vec<RowKey> = Vec::new();
    for batch in batches {
        let batch = batch?;
        load.rows_read = batch.rows_read;
        for item in batch.items {
            let p = match item {
                Parsed::Reject(reject) => {
                    load.rejects.push(reject);
                    continue;
                }
                Parsed::Person(p) => p,
            };
            insert.execute(params![
                p.nik,
                p.kk,
                p.name,
                p.name_key,
                p.birth_date,
                p.birth_place,
                p.sex,
                p.address,
                p.desa,
                p.kec,
                p.id_dtks,
                p.desil,
                p.programs,
            ])?;
            keys.push(RowKey {
                nik: p.key,
                hash: p.hash,
                line: p.line,
                rowid: tx.last_insert_rowid(),
            });
        }
        let report = ImportProgress {
            rows: batch.rows_read,
            fraction: batch.fraction,
            elapsed: started.elapsed(),
        };
        if !progress(report) {
            return Err(Error::Cancelled);
        }
    }
    drop(insert);
    remove_repeats(tx, table, keys, load)
}

/// What is kept of each inserted row to find repeated NIKs.
struct RowKey {
    nik: u64,
    hash: u64,
    line: u64,
    rowid: i64,
}

/// Keeps the first row of each NIK: a later row with the same content is counted as a
/// duplicate, one with other content is rejected as a conflict; both are deleted.
fn remove_repeats(
    tx: &Transaction<'_>,
    table: &str,
    mut keys: Vec<RowKey>,
    load: &mut Load,
) -> Result<()> {
    keys.sort_unstable_by_key(|k| (k.nik, k.rowid));
    let mut delete = tx.prepare(&format!("DELETE FROM {table} WHERE rowid = ?1"))?;
    let (mut first, mut removed) = (0, 0u64);
    for i in 1..keys.len() {
        if keys[i].nik != keys[first].nik {
            first = i;
            continue;
        }
        let (kept, repeat) = (&keys[first], &keys[i]);
        if repeat.hash == kept.hash {
            load.duplicates += 1;
        } else {
            load.rejects.push(Reject {
                row: repeat.line,
                reason: format!(
                    "NIK {} sudah dipakai baris {} dengan data berbeda (konflik)",
                    crate::core::nik::mask(&format!("{:016}", repeat.nik)),
                    kept.line
                ),
            });
        }
        delete.execute([repeat.rowid])?;
        removed += 1;
    }
    load.imported = keys.len() as u64 - removed;
    load.rejects.sort_by_key(|r| r.row);
    Ok(())
}

fn finish(tx: &Connection, id: i64, table: &str, period: &str, load: &Load) -> Result<()> {
    let names = store::name_index(id);
    tx.execute_batch(&format!(
        "CREATE UNIQUE INDEX {table}_nik ON {table}(nik);
         CREATE VIEW {names}_source AS
             SELECT rowid AS id, name_key || ' ' || replace(name_key, ' ', '') AS terms
             FROM {table};
         CREATE VIRTUAL TABLE {names} USING fts5(terms,
             content='{names}_source', content_rowid='id', detail='none');
         INSERT INTO {names}({names}) VALUES ('rebuild');"
    ))?;
    tx.execute(
        "UPDATE snapshot SET period = ?2, rows = ?3, rejected = ?4 WHERE id = ?1",
        params![id, period, load.imported as i64, load.rejects.len() as i64],
    )?;
    tx.execute("UPDATE snapshot SET active = (id = ?1)", [id])?;
    Ok(())
}
