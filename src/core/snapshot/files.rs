//! The data files of one snapshot, kept beside the catalogue `snapshot.db`:
//! `snapshots/<stem>.db` holds the persons and `snapshots/<stem>-nama.db` the name index.
//!
//! An import writes them without a journal (the fast way to load millions of rows), syncs
//! them to disk, and only then adds the snapshot to the catalogue in one short
//! transaction. A cancelled, failed or killed import therefore leaves at most files that
//! no snapshot refers to; [`remove_orphans`] deletes them before the next import.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use rusqlite::Connection;

use crate::core::snapshot::SnapshotInfo;
use crate::core::{Error, Result};

/// Folder of the data files, inside the data directory.
pub const FOLDER: &str = "snapshots";

/// Suffix of the name index file after the stem.
const NAMES_SUFFIX: &str = "-nama.db";

/// Table of persons inside the persons file.
pub const PERSON_TABLE: &str = "person";

/// Full-text table of name terms inside the names file.
pub const NAME_TABLE: &str = "names";

/// Table of the distinct canonical name words inside the names file.
pub const VOCAB_TABLE: &str = "vocab";

/// The NIK as stored (an integer: smaller rows, a smaller and faster index) back as text.
pub fn nik_text(stored: i64) -> String {
    format!("{stored:016}")
}

/// The two files of one snapshot.
#[derive(Debug, Clone)]
pub struct DataFiles {
    stem: String,
    /// Persons (one row per NIK).
    pub persons: PathBuf,
    /// Name search index (FTS5, row ids of the persons file).
    pub names: PathBuf,
}

impl DataFiles {
    /// The files with `stem` in data directory `dir`.
    pub fn of(dir: &Path, stem: &str) -> DataFiles {
        let folder = dir.join(FOLDER);
        DataFiles {
            stem: stem.to_string(),
            persons: folder.join(format!("{stem}.db")),
            names: folder.join(format!("{stem}{NAMES_SUFFIX}")),
        }
    }

    /// Fresh file names for a new import (the folder is created when missing).
    pub fn create(dir: &Path) -> Result<DataFiles> {
        let folder = dir.join(FOLDER);
        crate::core::files::create_private_dir(&folder)?;
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let stem = format!(
            "{}-{}-{}",
            chrono::Local::now().format("%Y%m%d-%H%M%S"),
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        Ok(DataFiles::of(dir, &stem))
    }

    /// The stem recorded in the catalogue.
    pub fn stem(&self) -> &str {
        &self.stem
    }

    /// Writes both files (owner-only) and their folder through to the disk.
    pub fn sync(&self) -> Result<()> {
        for path in [&self.persons, &self.names] {
            crate::core::files::make_private(path)?;
            File::open(path)
                .and_then(|f| f.sync_all())
                .map_err(|e| Error::io(path, e))?;
        }
        if let Some(folder) = self.persons.parent() {
            // Directory fsync makes the new names durable; not every platform allows it.
            let _ = File::open(folder).and_then(|f| f.sync_all());
        }
        Ok(())
    }

    /// Deletes both files (best effort: used after a failed or cancelled import).
    pub fn remove(&self) {
        let _ = std::fs::remove_file(&self.persons);
        let _ = std::fs::remove_file(&self.names);
    }
}

/// Opens a new data file for loading: no journal, no syncs, this connection only.
pub fn open_for_loading(path: &Path) -> Result<Connection> {
    let conn = Connection::open(path)?;
    crate::core::files::make_private(path)?;
    conn.pragma_update(None, "journal_mode", "OFF")?;
    conn.pragma_update(None, "synchronous", "OFF")?;
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
    conn.pragma_update(None, "cache_size", -64_000)?;
    conn.pragma_update(None, "threads", 2)?;
    Ok(conn)
}

/// Holds an advisory lock on a new persons file while its import runs, so that
/// [`remove_orphans`] in another window or process leaves it alone.
pub fn lock_while_loading(files: &DataFiles) -> Result<File> {
    let path = &files.persons;
    let file = crate::core::files::private_options()
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    file.lock().map_err(|e| Error::io(path, e))?;
    Ok(file)
}

/// Deletes data files that no snapshot in the catalogue refers to and no running import
/// holds (left by an import that was killed).
pub fn remove_orphans(dir: &Path, catalogue: &Connection) -> Result<()> {
    let folder = dir.join(FOLDER);
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Ok(());
    };
    let mut stmt = catalogue.prepare("SELECT data_file FROM snapshot")?;
    let known: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".db") else {
            continue;
        };
        if let Some(stem) = stem.strip_suffix("-nama") {
            // A names file whose persons file is gone belongs to no import.
            if !DataFiles::of(dir, stem).persons.exists() && !known.iter().any(|k| k == stem) {
                let _ = std::fs::remove_file(entry.path());
            }
            continue;
        }
        if known.iter().any(|k| k == stem) {
            continue;
        }
        let files = DataFiles::of(dir, stem);
        let in_use = File::open(&files.persons)
            .map(|f| f.try_lock().is_err())
            .unwrap_or(false);
        if !in_use {
            files.remove();
        }
    }
    Ok(())
}

/// Qualified table names of an attached snapshot, for SQL.
pub struct Attached {
    /// e.g. `p3.person`.
    pub persons: String,
    /// e.g. `n3.names`.
    pub names: String,
    /// e.g. `n3.vocab`.
    pub vocab: String,
    /// Schema of the names file, e.g. `n3`.
    pub names_schema: String,
}

/// Attaches the data files of `snapshot` to `conn` (a connection to the catalogue) unless
/// they already are, and returns the table names to query.
pub fn attach(conn: &Connection, snapshot: &SnapshotInfo) -> Result<Attached> {
    let [p, n] = schemas(snapshot);
    let attached = attached_schemas(conn)?;
    if !attached.contains(&p) {
        let dir = catalogue_dir(conn)?;
        let files = DataFiles::of(&dir, &snapshot.data_file);
        if !files.persons.is_file() || !files.names.is_file() {
            return Err(Error::NotFound(format!(
                "berkas data snapshot #{} ({})",
                snapshot.id,
                files.persons.display()
            )));
        }
        // Only the active snapshot stays attached (SQLite allows ten at a time).
        for schema in attached.iter().filter(|s| is_snapshot_schema(s)) {
            conn.execute(&format!("DETACH DATABASE {schema}"), [])?;
        }
        for (path, schema) in [(&files.persons, &p), (&files.names, &n)] {
            conn.execute(
                &format!("ATTACH DATABASE ?1 AS {schema}"),
                [path.to_string_lossy()],
            )?;
        }
    }
    Ok(Attached {
        persons: format!("{p}.{PERSON_TABLE}"),
        names: format!("{n}.{NAME_TABLE}"),
        vocab: format!("{n}.{VOCAB_TABLE}"),
        names_schema: n,
    })
}

/// Detaches snapshot `snapshot`'s files from `conn` (when attached) and deletes them.
pub fn remove_data(conn: &Connection, snapshot: &SnapshotInfo) -> Result<()> {
    detach(conn, snapshot)?;
    if !snapshot.data_file.is_empty() {
        data_files(conn, snapshot)?.remove();
    }
    Ok(())
}

/// Detaches snapshot `snapshot`'s files from `conn` when they are attached.
pub fn detach(conn: &Connection, snapshot: &SnapshotInfo) -> Result<()> {
    let attached = attached_schemas(conn)?;
    for schema in schemas(snapshot) {
        if attached.contains(&schema) {
            conn.execute(&format!("DETACH DATABASE {schema}"), [])?;
        }
    }
    Ok(())
}

/// The data files of `snapshot` beside the catalogue `conn` is connected to.
pub fn data_files(conn: &Connection, snapshot: &SnapshotInfo) -> Result<DataFiles> {
    Ok(DataFiles::of(&catalogue_dir(conn)?, &snapshot.data_file))
}

/// The schema names a snapshot's persons and names files are attached under.
fn schemas(snapshot: &SnapshotInfo) -> [String; 2] {
    [format!("p{}", snapshot.id), format!("n{}", snapshot.id)]
}

fn attached_schemas(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM pragma_database_list")?;
    let names = stmt.query_map([], |r| r.get(0))?;
    Ok(names.collect::<rusqlite::Result<_>>()?)
}

fn is_snapshot_schema(schema: &str) -> bool {
    let mut chars = schema.chars();
    matches!(chars.next(), Some('p' | 'n')) && chars.all(|c| c.is_ascii_digit())
}

/// The data directory of a catalogue connection (the folder of `snapshot.db`).
fn catalogue_dir(conn: &Connection) -> Result<PathBuf> {
    conn.path()
        .filter(|p| !p.is_empty())
        .and_then(|p| Path::new(p).parent().map(Path::to_path_buf))
        .ok_or_else(|| Error::NotFound("folder data snapshot".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orphans_are_removed_unless_referenced_or_locked() {
        let dir = tempfile::tempdir().unwrap();
        let catalogue = crate::core::db::open_snapshots(&dir.path().join("snapshot.db")).unwrap();
        let kept = DataFiles::of(dir.path(), "kept");
        let orphan = DataFiles::of(dir.path(), "orphan");
        let busy = DataFiles::of(dir.path(), "busy");
        std::fs::create_dir_all(dir.path().join(FOLDER)).unwrap();
        for files in [&kept, &orphan, &busy] {
            std::fs::write(&files.persons, b"x").unwrap();
            std::fs::write(&files.names, b"x").unwrap();
        }
        catalogue
            .execute(
                "INSERT INTO snapshot(source, period, file_name, sha256, imported_at, rows,
                     rejected, data_file)
                 VALUES ('DTKS', '2025-09', 'f.csv', '', '2025', 1, 0, 'kept')",
                [],
            )
            .unwrap();
        let lock = File::open(&busy.persons).unwrap();
        lock.lock().unwrap();
        remove_orphans(dir.path(), &catalogue).unwrap();
        assert!(kept.persons.exists() && kept.names.exists());
        assert!(!orphan.persons.exists() && !orphan.names.exists());
        assert!(busy.persons.exists(), "a running import keeps its files");
        drop(lock);
        remove_orphans(dir.path(), &catalogue).unwrap();
        assert!(!busy.persons.exists());
    }

    #[test]
    fn new_files_get_distinct_stems() {
        let dir = tempfile::tempdir().unwrap();
        let a = DataFiles::create(dir.path()).unwrap();
        let b = DataFiles::create(dir.path()).unwrap();
        assert_ne!(a.stem(), b.stem());
        assert!(a.names.to_string_lossy().ends_with("-nama.db"));
    }
}
