//! Importing a snapshot file atomically: the rows load into new data files, and the new
//! snapshot joins the catalogue (and becomes active) only once they are complete, so a bad
//! file, a cancel or a crash leaves the previous snapshot active.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use rusqlite::{Transaction, TransactionBehavior, params};
use serde::Serialize;

use crate::core::settings::Source;
use crate::core::snapshot::column_fixes::{self, Suspects};
use crate::core::snapshot::columns::Field;
use crate::core::snapshot::files::{self, DataFiles, PERSON_TABLE};
use crate::core::snapshot::header::{self, ColumnOverride};
use crate::core::snapshot::names::NameIndexer;
use crate::core::snapshot::normalize;
use crate::core::snapshot::parse::Parsed;
use crate::core::snapshot::person_row::Text;
use crate::core::snapshot::reading::{self, Batch, End, SheetCount, SheetRows};
use crate::core::snapshot::repeats::{self, RowKey};
use crate::core::snapshot::sheets::{self, HeaderRules};
use crate::core::{Error, Result, db};

/// How to import a file.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Source label of the new snapshot.
    pub source: Source,
    /// Period, e.g. "2025-09"; when `None`, the file's PERIODE column gives it, else a
    /// period in the file's name. It is never guessed: every letter states it, so a file
    /// that gives none is refused.
    pub period: Option<String>,
    /// Spreadsheet sheet to read.
    pub sheet: Option<String>,
    /// Marks the embedded demo data ("DATA CONTOH").
    pub demo: bool,
    /// The admin's column mapping for headers we do not recognise.
    pub columns: Vec<ColumnOverride>,
    /// Import with columns told from their content when no header names them (the
    /// command line, which reports it); otherwise such a file is refused so the admin
    /// can confirm the mapping first.
    pub accept_guess: bool,
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
    /// Rows imported after a repair (a cell in another encoding), with what was done.
    pub repairs: Vec<Reject>,
    /// Corrections made to a whole column (day and month swapped back, rounded KK
    /// numbers dropped) and where the period came from when the admin gave none.
    pub notes: Vec<String>,
    /// Data rows read from each sheet, when several sheets of one layout were read.
    pub sheets: Vec<SheetCount>,
    /// The snapshot created.
    pub snapshot: SnapshotRef,
}

/// Imports `file` as a new active snapshot of data dir `dir`.
///
/// The persons and the name index are written to new files (see [`files`]); the
/// snapshot joins the catalogue only once they are complete and on disk. `progress` is
/// called every few thousand rows; returning `false` cancels the import (nothing is
/// changed).
pub fn import_snapshot(
    dir: &Path,
    file: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress) -> bool,
) -> Result<ImportSummary> {
    let started = Instant::now();
    let mut catalogue = db::open_snapshots(&dir.join("snapshot.db"))?;
    let rules = HeaderRules {
        conn: &catalogue,
        overrides: &options.columns,
        require_name: true,
        accept_guess: options.accept_guess,
    };
    let chosen = sheets::choose(file, options.sheet.as_deref(), &rules)?;
    let header = chosen.header;
    let name_period = file
        .file_name()
        .and_then(|n| normalize::period_in_file_name(&n.to_string_lossy()));
    if options.period.is_none()
        && header.map.index(&Field::Period).is_none()
        && name_period.is_none()
    {
        return Err(period_missing());
    }
    // Hashed on the side: reading the file a third time costs little wall time there.
    let hashing = std::thread::spawn({
        let file = file.to_path_buf();
        move || crate::core::archive::sha256_file(&file)
    });
    files::remove_orphans(dir, &catalogue)?;
    let format = chosen.sources[0].rows.format.clone();
    let data = DataFiles::create(dir)?;
    let mut load = match load_files(&data, file, chosen.sources, started, progress) {
        Ok(load) => load,
        Err(e) => {
            data.remove();
            return Err(e);
        }
    };
    let sha256 = hashing
        .join()
        .unwrap_or_else(|_| {
            Err(Error::io(
                file,
                std::io::Error::other("sidik SHA-256 gagal"),
            ))
        })
        .inspect_err(|_| data.remove())?;
    let mut notes = chosen.notes;
    notes.append(&mut load.notes);
    if let Some(guessed) = &header.guessed {
        notes.insert(0, format!("kolom ditebak dari isinya: {guessed}"));
    }
    let period = match (&options.period, &load.file_period, name_period) {
        (Some(given), _, _) => given.clone(),
        (None, Some(column), _) => column.clone(),
        (None, None, Some(named)) => {
            notes.push(format!("periode {named} diambil dari nama berkas"));
            named
        }
        (None, None, None) => {
            data.remove();
            return Err(period_missing());
        }
    };
    let file_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let registered = (|| -> Result<i64> {
        let tx = catalogue.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO snapshot(source, period, file_name, sha256, imported_at, rows, rejected,
                 demo, data_file)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                options.source.code(),
                period,
                file_name,
                sha256,
                chrono::Local::now().to_rfc3339(),
                load.imported as i64,
                load.rejects.len() as i64,
                options.demo,
                data.stem(),
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.execute("UPDATE snapshot SET active = (id = ?1)", [id])?;
        header::remember(&tx, &header)?;
        tx.commit()?;
        Ok(id)
    })();
    let id = registered.inspect_err(|_| data.remove())?;
    Ok(ImportSummary {
        file: file.to_path_buf(),
        format,
        rows_read: load.rows_read,
        imported: load.imported,
        rejected: load.rejects.len() as u64,
        duplicates: load.duplicates,
        rejects: load.rejects,
        repairs: load.repairs,
        notes,
        sheets: load.sheets,
        snapshot: SnapshotRef {
            id,
            source: options.source.code().to_string(),
            period,
        },
    })
}

/// The refusal of a file that does not say which period its data describes.
fn period_missing() -> Error {
    Error::Invalid(
        "Periode data tidak diketahui: berkas tidak punya kolom PERIODE dan nama berkasnya \
         tidak menyebut periode. Isi periodenya (misalnya --period 2025-09), karena periode \
         itu tercetak di setiap surat."
            .into(),
    )
}

/// Loads the rows into the new data files and syncs them to disk.
fn load_files(
    data: &DataFiles,
    file: &Path,
    sources: Vec<SheetRows>,
    started: Instant,
    progress: &mut dyn FnMut(ImportProgress) -> bool,
) -> Result<Load> {
    let lock = files::lock_while_loading(data)?;
    let mut conn = files::open_for_loading(&data.persons)?;
    conn.execute_batch(&format!(
        "CREATE TABLE {PERSON_TABLE}(nik INTEGER NOT NULL, kk TEXT, name TEXT NOT NULL,
             birth_date TEXT, birth_place TEXT, sex TEXT, address TEXT,
             desa TEXT, kec TEXT, id_dtks TEXT, desil INTEGER, programs TEXT)"
    ))?;
    let names = NameIndexer::start(data.names.clone())?;
    let tx = conn.transaction()?;
    let mut load = Load::default();
    let loaded = load_rows(
        &tx,
        reading::spawn(sources),
        &names,
        &mut load,
        started,
        progress,
    )
    .and_then(|keys| {
        let found = repeats::remove_repeats(&tx, keys)?;
        load.duplicates = found.duplicates;
        load.imported = found.kept;
        load.rejects.extend(found.conflicts);
        load.rejects.sort_by_key(|r| r.row);
        Ok(())
    })
    .and_then(|()| {
        // Built while the name index finishes on the other thread. Sorting on one
        // thread: helper threads each fill a page cache of their own (at 6M rows the
        // peak went from 425 to 311 MB).
        tx.execute_batch(&format!(
            "PRAGMA threads = 0;
             CREATE UNIQUE INDEX {PERSON_TABLE}_nik ON {PERSON_TABLE}(nik);"
        ))?;
        Ok(())
    });
    let indexed = names.finish();
    loaded?;
    indexed?;
    if load.imported == 0 {
        return Err(Error::import(
            file,
            format!(
                "tidak ada baris yang valid ({} baris ditolak){}",
                load.rejects.len(),
                load.rejects
                    .first()
                    .map(|r| format!("; contoh: baris {}: {}", r.row, r.reason))
                    .unwrap_or_default()
            ),
        ));
    }
    tx.commit()?;
    drop(conn);
    data.sync()?;
    drop(lock);
    Ok(load)
}

#[derive(Default)]
struct Load {
    rows_read: u64,
    file_period: Option<String>,
    imported: u64,
    duplicates: u64,
    rejects: Vec<Reject>,
    repairs: Vec<Reject>,
    notes: Vec<String>,
    sheets: Vec<SheetCount>,
}

/// Inserts every parsed row and queues its name for the index; returns what is needed
/// to find repeated NIKs afterwards.
fn load_rows(
    tx: &Transaction<'_>,
    batches: Receiver<Result<Batch>>,
    names: &NameIndexer,
    load: &mut Load,
    started: Instant,
    progress: &mut dyn FnMut(ImportProgress) -> bool,
) -> Result<Vec<RowKey>> {
    let mut insert = tx.prepare(&format!(
        "INSERT INTO {PERSON_TABLE}(nik, kk, name, birth_date, birth_place, sex, address, desa,
             kec, id_dtks, desil, programs)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
    ))?;
    // Every inserted row's NIK, line and rowid; duplicates are found by
    // sorting once at the end (a hash map of millions of NIKs costs twice the memory
    // and slows the writer, which is the import's bottleneck).
    let mut keys: Vec<RowKey> = Vec::new();
    let mut suspects = Suspects::default();
    let mut end = None;
    for batch in batches {
        let batch = batch?;
        load.rows_read = batch.rows_read;
        if load.file_period.is_none() {
            load.file_period = batch.period;
        }
        load.repairs.extend(batch.repairs);
        end = batch.end;
        let mut queued = Vec::with_capacity(batch.items.len());
        for item in batch.items {
            let p = match item {
                Parsed::Reject(reject) => {
                    load.rejects.push(reject);
                    continue;
                }
                Parsed::Person(p) => p,
            };
            insert.execute(params![
                p.key,
                p.text(Text::Kk),
                p.text(Text::Name),
                p.text(Text::BirthDate),
                p.text(Text::BirthPlace),
                p.sex,
                p.text(Text::Address),
                p.text(Text::Desa),
                p.text(Text::Kec),
                p.text(Text::IdDtks),
                p.desil,
                p.text(Text::Programs),
            ])?;
            let rowid = tx.last_insert_rowid();
            if p.suspect.any() {
                suspects.note(rowid, p.line, p.suspect);
            }
            keys.push(RowKey::new(p.key, rowid, p.line)?);
            queued.push((
                rowid,
                p.text(Text::NameKey).unwrap_or_default().to_string(),
                p.text(Text::BirthDate).map(str::to_string),
            ));
        }
        names.add(queued)?;
        let report = ImportProgress {
            rows: batch.rows_read,
            fraction: batch.fraction,
            elapsed: started.elapsed(),
        };
        if !progress(report) {
            return Err(Error::Cancelled);
        }
    }
    let Some(End { evidence, sheets }) = end else {
        return Err(Error::Invalid(format!(
            "pembacaan berkas berhenti sebelum akhir berkas (sesudah {} baris data); tidak ada \
             yang diimpor",
            load.rows_read
        )));
    };
    let fixed = column_fixes::apply(tx, &evidence, suspects)?;
    repeats::forget(&mut keys, &fixed.deleted);
    load.rejects.extend(fixed.rejects);
    load.notes.extend(fixed.notes);
    load.sheets = sheets;
    Ok(keys)
}
