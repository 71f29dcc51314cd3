//! Repeated NIKs in a freshly loaded snapshot. Every written row's NIK, row id and line
//! are kept (16 bytes each) and sorted once at the end: a hash map of millions of NIKs
//! costs twice the memory and slows the writer, which is the import's bottleneck.

use rusqlite::Transaction;

use crate::core::snapshot::files::{self, PERSON_TABLE};
use crate::core::snapshot::import::Reject;
use crate::core::{Error, Result};

/// What the duplicate check found.
#[derive(Debug, Default)]
pub struct Repeats {
    /// Rows that repeated an earlier row exactly.
    pub duplicates: u64,
    /// Rows that gave an earlier row's NIK other values.
    pub conflicts: Vec<Reject>,
    /// Rows kept.
    pub kept: u64,
}

/// What is kept of each inserted row to find repeated NIKs (the line only names the row
/// in a message, so it saturates).
pub struct RowKey {
    nik: i64,
    rowid: u32,
    line: u32,
}

impl RowKey {
    /// The key of the row written as `rowid` from file line `line`.
    pub fn new(nik: i64, rowid: i64, line: u64) -> Result<RowKey> {
        Ok(RowKey {
            nik,
            rowid: u32::try_from(rowid).map_err(|_| too_many_rows())?,
            line: u32::try_from(line).unwrap_or(u32::MAX),
        })
    }
}

/// The refusal of a file with more rows than a snapshot holds.
fn too_many_rows() -> Error {
    Error::Invalid("berkas berisi lebih dari 4 miliar baris; pecah berkasnya".into())
}

/// Keeps the first row of each NIK: a later row with the same cleaned values is counted
/// as a duplicate, one with other values is rejected as a conflict; both are deleted
/// (their name index entries stay but no longer join to a person).
pub fn remove_repeats(tx: &Transaction<'_>, mut keys: Vec<RowKey>) -> Result<Repeats> {
    // In place (no scratch copy of millions of keys); the row id keeps the rows of one
    // NIK in file order.
    keys.sort_unstable_by_key(|k| (k.nik, k.rowid));
    let mut delete = tx.prepare(&format!("DELETE FROM {PERSON_TABLE} WHERE rowid = ?1"))?;
    let mut values = tx.prepare(&format!(
        "SELECT kk, name, birth_date, birth_place, sex, address, desa, kec, id_dtks, desil,
                programs
         FROM {PERSON_TABLE} WHERE rowid = ?1"
    ))?;
    let mut row_values = |rowid: i64| -> Result<Vec<rusqlite::types::Value>> {
        Ok(values.query_row([rowid], |r| {
            (0..11).map(|i| r.get(i)).collect::<rusqlite::Result<_>>()
        })?)
    };
    let mut repeats = Repeats::default();
    let (mut first, mut removed) = (0, 0u64);
    for i in 1..keys.len() {
        if keys[i].nik != keys[first].nik {
            first = i;
            continue;
        }
        let (kept, repeat) = (&keys[first], &keys[i]);
        if row_values(repeat.rowid.into())? == row_values(kept.rowid.into())? {
            repeats.duplicates += 1;
        } else {
            repeats.conflicts.push(Reject {
                row: repeat.line.into(),
                reason: format!(
                    "NIK {} sudah dipakai baris {} dengan data berbeda (konflik)",
                    crate::core::nik::mask(&files::nik_text(repeat.nik)),
                    kept.line
                ),
            });
        }
        delete.execute([i64::from(repeat.rowid)])?;
        removed += 1;
    }
    repeats.kept = keys.len() as u64 - removed;
    Ok(repeats)
}

/// Drops the keys of the rows deleted (`deleted` ascending, as the keys are written).
pub fn forget(keys: &mut Vec<RowKey>, deleted: &[i64]) {
    let mut deleted = deleted.iter().peekable();
    keys.retain(|k| {
        let gone = deleted.peek() == Some(&&i64::from(k.rowid));
        if gone {
            deleted.next();
        }
        !gone
    });
}
