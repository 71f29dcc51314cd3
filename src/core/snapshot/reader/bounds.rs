//! The limits a spreadsheet must stay within, checked before anything of its size is
//! allocated, and the guard that turns a panic inside a reader into a refused file.
//!
//! Why these numbers: Excel itself stops at 1,048,576 rows and 16,384 columns, so no
//! real export is larger; a DTSEN sheet uses some 15–40 columns. Files read whole (XLS,
//! ODS) hold every cell in memory several times over inside calamine, so they are held to
//! a cell count that keeps an import under 1 GB; XLSX is streamed and only limited by
//! Excel's own size. The XML of one cell, and any one tag or text in it, stays under
//! 1 MiB (Excel's longest cell is 32,767 characters, at most ~200 KB of escaped XML).
//! Zip entries are checked by inflating them, never by trusting the sizes they declare.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use crate::core::{Error, Result};

/// Most rows in a sheet (Excel's limit).
pub const MAX_ROWS: u64 = 1_048_576;
/// Most columns in a sheet (Excel's limit, column XFD).
pub const MAX_COLUMNS: u64 = 16_384;
/// Most cells (rows × columns spanned) of the workbooks read whole: XLS and ODS.
pub const MAX_GRID_CELLS: u64 = 4_000_000;
/// Most bytes of cell text (counted as XML, repeats included) of an XLS read whole.
pub const MAX_GRID_TEXT: u64 = 64 << 20;
/// Most bytes of cell text (counted as XML) that ODS repeats copy beyond the first.
pub const MAX_REPEATED_TEXT: u64 = 64 << 20;
/// Most bytes of XML in one cell, and in any one tag or text run.
pub const MAX_CELL_XML: u64 = 1 << 20;
/// Most entries in a zip-based workbook.
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// Most inflated bytes of one worksheet of an XLSX (streamed, so only time is at stake).
pub const MAX_SHEET_XML: u64 = 4 << 30;
/// Most inflated bytes of a part calamine reads whole: XLSX shared strings, ODS content.
pub const MAX_WHOLE_XML: u64 = 256 << 20;
/// Most inflated bytes of any other part (workbook, styles, relationships…).
pub const MAX_OTHER_XML: u64 = 16 << 20;
/// Most inflated bytes of all entries together.
pub const MAX_TOTAL_XML: u64 = 6 << 30;
/// Highest compression ratio of an entry that inflates past 1 MiB.
pub const MAX_RATIO: u64 = 250;
/// Most shared strings of an XLSX (each costs memory beyond its text).
pub const MAX_SHARED_STRINGS: u64 = 6_000_000;

/// Files that passed [`checked_once`], by path, length and modification time (the last
/// few only).
static PASSED: Mutex<Vec<(PathBuf, u64, SystemTime)>> = Mutex::new(Vec::new());

/// Runs `check` on `path` unless the same file (same path, length and modification time)
/// already passed it: an import opens a workbook once per sheet, after listing its
/// sheets, and inflating every part of a large workbook each time costs seconds.
pub fn checked_once(path: &Path, check: impl FnOnce() -> Result<()>) -> Result<()> {
    let identity = std::fs::metadata(path)
        .and_then(|m| Ok((path.canonicalize()?, m.len(), m.modified()?)))
        .ok();
    let passed = |list: &Vec<(PathBuf, u64, SystemTime)>| {
        identity.as_ref().is_some_and(|id| list.contains(id))
    };
    if PASSED.lock().is_ok_and(|list| passed(&list)) {
        return Ok(());
    }
    check()?;
    if let (Some(identity), Ok(mut list)) = (identity, PASSED.lock()) {
        if list.len() >= 8 {
            list.remove(0);
        }
        list.push(identity);
    }
    Ok(())
}

/// `n` with Indonesian thousands separators: 16384 → "16.384".
pub fn number(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(d);
    }
    out
}

/// A byte count in the unit a clerk reads: "256 MiB", "6 GiB".
pub fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 => format!("{} GiB", number(b >> 30)),
        b if b >= 1 << 20 => format!("{} MiB", number(b >> 20)),
        b => format!("{} byte", number(b)),
    }
}

/// Runs `read`, turning a panic inside it (calamine's, on a broken file) into the
/// refusal of `path`; the default hook has already printed the panic to stderr.
pub fn guarded<T>(path: &Path, read: impl FnOnce() -> Result<T>) -> Result<T> {
    catch_unwind(AssertUnwindSafe(read))
        .unwrap_or_else(|panic| Err(panicked(path, "lembar kerja rusak", &*panic)))
}

/// The refusal for a reader that panicked with `panic`; `place` says what broke and
/// where, e.g. `lembar "Data" rusak setelah baris 1.500`.
pub fn panicked(path: &Path, place: &str, panic: &(dyn Any + Send)) -> Error {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "kesalahan tak dikenal".into());
    Error::import(
        path,
        format!("{place}; pembacanya berhenti mendadak ({what})"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_use_indonesian_separators() {
        assert_eq!(number(0), "0");
        assert_eq!(number(999), "999");
        assert_eq!(number(16_384), "16.384");
        assert_eq!(number(321_272_406), "321.272.406");
        assert_eq!(size(256 << 20), "256 MiB");
    }

    #[test]
    fn a_panic_becomes_a_refusal() {
        let err = guarded::<()>(Path::new("x.xlsx"), || panic!("index out of bounds")).unwrap_err();
        assert!(err.to_string().contains("index out of bounds"), "{err}");
        assert!(err.is_bad_input());
    }
}
