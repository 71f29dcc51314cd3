//! Importing a snapshot file atomically: everything loads inside one transaction and the
//! new snapshot becomes active only at its end, so a bad file, a cancel or a crash leaves
//! the previous snapshot active.

use std::collections::HashMap;
use std::collections::hash_map::{DefaultHasher, Entry};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{Connection, Transaction, TransactionBehavior, params};
use serde::Serialize;

use crate::core::settings::Source;
use crate::core::snapshot::columns::{ColumnMap, Field};
use crate::core::snapshot::header::{self, ColumnOverride};
use crate::core::snapshot::reader::{self, Cell, Rows};
use crate::core::snapshot::{normalize, store};
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
    conn.pragma_update(None, "cache_size", -200_000)?;
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
    let mut load = Load::default();
    load_rows(
        &tx,
        &table,
        &header.map,
        &mut rows,
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
        format: rows.format.clone(),
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
    map: &ColumnMap,
    rows: &mut Rows,
    load: &mut Load,
    started: Instant,
    progress: &mut dyn FnMut(ImportProgress) -> bool,
) -> Result<()> {
    let mut insert = tx.prepare(&format!(
        "INSERT INTO {table}(nik, kk, name, name_key, birth_date, birth_place, sex, address, desa,
             kec, id_dtks, desil, programs)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
    ))?;
    // NIK -> (hash of the whole row, row number) of the first occurrence.
    let mut seen: HashMap<u64, (u64, u64)> = HashMap::new();
    let col = |field: Field| map.index(&field);
    let (nik_col, name_col) = (col(Field::Nik), col(Field::Name));
    let cols = [
        col(Field::Kk),
        col(Field::BirthDate),
        col(Field::BirthPlace),
        col(Field::Sex),
        col(Field::Address),
        col(Field::Desa),
        col(Field::Kec),
        col(Field::IdDtks),
        col(Field::Desil),
        col(Field::Programs),
    ];
    let empty = Cell::Empty;
    while let Some(row) = rows.next_row() {
        let (line, cells) = row?;
        if cells.iter().all(Cell::is_blank) || normalize::is_totals_row(&cells) {
            continue;
        }
        load.rows_read += 1;
        if load.rows_read.is_multiple_of(8192) {
            let p = ImportProgress {
                rows: load.rows_read,
                fraction: rows.fraction(),
                elapsed: started.elapsed(),
            };
            if !progress(p) {
                return Err(Error::Cancelled);
            }
        }
        let cell = |i: Option<usize>| i.and_then(|i| cells.get(i)).unwrap_or(&empty);
        let text = |i: Option<usize>| Some(cell(i).text()).filter(|t| !t.is_empty());
        let nik = match normalize::nik(cell(nik_col)) {
            Ok(n) => n,
            Err(reason) => {
                load.rejects.push(Reject { row: line, reason });
                continue;
            }
        };
        let name = normalize::display_name(&cell(name_col).text());
        if name.is_empty() {
            load.rejects.push(Reject {
                row: line,
                reason: "NAMA kosong".into(),
            });
            continue;
        }
        // Two rows are the same record when every column we read is equal (a running
        // "No" column or other unmapped columns do not count).
        let mut hasher = DefaultHasher::new();
        for (i, _) in &map.columns {
            cell(Some(*i)).text().hash(&mut hasher);
        }
        let row_hash = hasher.finish();
        let key: u64 = nik.as_str().parse().unwrap_or_default();
        match seen.entry(key) {
            Entry::Occupied(first) => {
                let (first_hash, first_row) = *first.get();
                if first_hash == row_hash {
                    load.duplicates += 1;
                } else {
                    load.rejects.push(Reject {
                        row: line,
                        reason: format!(
                            "NIK {} sudah dipakai baris {first_row} dengan data berbeda (konflik)",
                            nik.masked()
                        ),
                    });
                }
                continue;
            }
            Entry::Vacant(v) => {
                v.insert((row_hash, line));
            }
        }
        let [
            kk,
            birth,
            place,
            sex,
            address,
            desa,
            kec,
            id_dtks,
            desil,
            programs,
        ] = cols;
        let mut program_names: Vec<String> = text(programs)
            .map(|t| normalize::program_list(&t))
            .unwrap_or_default();
        for (i, program) in map.flags() {
            if normalize::flag(cell(Some(i))) && !program_names.iter().any(|p| p == program) {
                program_names.push(program.to_string());
            }
        }
        let desil_value = text(desil)
            .and_then(|d| d.parse::<f64>().ok())
            .filter(|d| (1.0..=10.0).contains(d))
            .map(|d| d as i64);
        insert.execute(params![
            nik.as_str(),
            text(kk).map(|k| k.trim_start_matches('\'').to_string()),
            name,
            normalize::name_key(&name),
            normalize::date(cell(birth)).map(|d| d.format("%Y-%m-%d").to_string()),
            text(place),
            crate::core::nik::Sex::parse(&cell(sex).text()).map(|s| s.code()),
            text(address),
            text(desa),
            text(kec),
            text(id_dtks),
            desil_value,
            (!program_names.is_empty()).then(|| program_names.join(", ")),
        ])?;
        load.imported += 1;
    }
    Ok(())
}

fn finish(tx: &Connection, id: i64, table: &str, period: &str, load: &Load) -> Result<()> {
    let names = store::name_index(id);
    tx.execute_batch(&format!(
        "CREATE UNIQUE INDEX {table}_nik ON {table}(nik);
         CREATE VIRTUAL TABLE {names} USING fts5(name_key, content='{table}', tokenize='trigram');
         INSERT INTO {names}({names}) VALUES ('rebuild');"
    ))?;
    tx.execute(
        "UPDATE snapshot SET period = ?2, rows = ?3, rejected = ?4 WHERE id = ?1",
        params![id, period, load.imported as i64, load.rejects.len() as i64],
    )?;
    tx.execute("UPDATE snapshot SET active = (id = ?1)", [id])?;
    Ok(())
}
