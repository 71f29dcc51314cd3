//! Rebuilding the name index of a snapshot imported by an older version (index version 0:
//! raw words, no vocabulary, no birth dates), so that search keeps working after an update
//! without asking the admin to import the file again.
//!
//! It runs on the first search that finds the old index (in the window that search is
//! already on a background thread, showing "Mencari…"): a few seconds per million persons,
//! once. The new index is written beside the old one and renamed over it when complete, so
//! a failure leaves the old file, and another process reads either the old file or the new
//! one. A file left by a killed rebuild has no persons file of its name and is removed as
//! an orphan by the next import.

use std::fs::File;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use rusqlite::{Connection, OpenFlags};

use crate::core::snapshot::files::PERSON_TABLE;
use crate::core::snapshot::names::NameIndexer;
use crate::core::snapshot::normalize::name_key;
use crate::core::{Error, Result};

/// Persons sent to the index thread at a time.
const BATCH: usize = 10_000;

/// Rebuilds the name index file `names` from the persons file `persons`.
pub fn rebuild(persons: &Path, names: &Path) -> Result<()> {
    let file_name = names
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Distinct per process and per call, so two searches never write the same file.
    static CALLS: AtomicU64 = AtomicU64::new(0);
    let fresh = names.with_file_name(format!(
        "baru-{}-{}-{file_name}",
        std::process::id(),
        CALLS.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_file(&fresh);
    let built = build(persons, &fresh).and_then(|()| {
        File::open(&fresh)
            .and_then(|f| f.sync_all())
            .and_then(|()| std::fs::rename(&fresh, names))
            .map_err(|e| Error::io(names, e))
    });
    if built.is_err() {
        let _ = std::fs::remove_file(&fresh);
    }
    built
}

fn build(persons: &Path, fresh: &Path) -> Result<()> {
    let indexer = NameIndexer::start(fresh.to_path_buf())?;
    let conn = Connection::open_with_flags(persons, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT rowid, name, birth_date FROM {PERSON_TABLE}"
    ))?;
    let mut rows = stmt.query([])?;
    let mut batch = Vec::with_capacity(BATCH);
    while let Some(row) = rows.next()? {
        let name: String = row.get(1)?;
        batch.push((row.get(0)?, name_key(&name), row.get(2)?));
        if batch.len() == BATCH {
            indexer.add(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))?;
        }
    }
    indexer.add(batch)?;
    indexer.finish()
}
