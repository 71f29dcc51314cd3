//! Spreadsheets read whole through calamine (ODS and XLS; XLSX is streamed, see
//! `xlsx.rs`), with the sheet chosen by name or as the first one with a NIK header.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use calamine::{Data, Reader, Sheets, open_workbook};

use super::bounds::{MAX_COLUMNS, MAX_ROWS, checked_once, guarded, number};
use super::{Cell, Rows, RowsInner, xls_guard, zip_guard};
use crate::core::{Error, Result};

/// Spreadsheet formats, told apart by content so a renamed file still opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SpreadsheetKind {
    Xlsx,
    Ods,
    Xls,
}

pub(super) fn spreadsheet_kind(head: &[u8]) -> Option<SpreadsheetKind> {
    if head.starts_with(b"\xD0\xCF\x11\xE0") {
        return Some(SpreadsheetKind::Xls);
    }
    if !head.starts_with(b"PK\x03\x04") {
        return None;
    }
    let oasis = b"application/vnd.oasis.opendocument.spreadsheet";
    let is_ods = head.windows(oasis.len()).take(200).any(|w| w == oasis);
    Some(if is_ods {
        SpreadsheetKind::Ods
    } else {
        SpreadsheetKind::Xlsx
    })
}

fn open_book(
    path: &Path,
    kind: SpreadsheetKind,
) -> std::result::Result<Sheets<BufReader<File>>, String> {
    let text = |e: &dyn std::fmt::Display| e.to_string();
    match kind {
        SpreadsheetKind::Xlsx => open_workbook(path).map(Sheets::Xlsx).map_err(|e| text(&e)),
        SpreadsheetKind::Ods => open_workbook(path).map(Sheets::Ods).map_err(|e| text(&e)),
        SpreadsheetKind::Xls => open_workbook(path).map(Sheets::Xls).map_err(|e| text(&e)),
    }
}

/// Runs the size checks of a workbook of `kind` (see `zip_guard` and `xls_guard`).
/// A file that passed unchanged is not checked again (see [`checked_once`]).
pub(super) fn check_bounds(path: &Path, kind: SpreadsheetKind) -> Result<()> {
    checked_once(path, || match kind {
        SpreadsheetKind::Xls => xls_guard::check(path),
        _ => zip_guard::check(path, kind),
    })
}

/// The sheet names of the spreadsheet at `path`, in workbook order, after the same
/// checks as an import; empty for a file that is not a spreadsheet.
pub fn sheet_names(path: &Path) -> Result<Vec<String>> {
    super::ensure_regular_file(path)?;
    let mut head = [0u8; 512];
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    let n = super::read_up_to(&mut file, &mut head).map_err(|e| Error::io(path, e))?;
    let Some(kind) = spreadsheet_kind(&head[..n]) else {
        return Ok(Vec::new());
    };
    guarded(path, || {
        check_bounds(path, kind)?;
        let book = open_book(path, kind).map_err(|e| broken(path, &e))?;
        Ok(book.sheet_names().to_vec())
    })
}

/// The refusal for a workbook calamine cannot open.
pub fn broken(path: &Path, e: &dyn std::fmt::Display) -> Error {
    Error::import(path, format!("lembar kerja rusak atau terpotong ({e})"))
}

/// Fails when the sheet the admin asked for is not in the workbook.
pub(super) fn check_sheet(path: &Path, sheet: Option<&str>, names: &[String]) -> Result<()> {
    match sheet {
        Some(wanted) if !names.iter().any(|n| n == wanted) => Err(Error::import(
            path,
            format!(
                "lembar \"{wanted}\" tidak ada; lembar yang tersedia: {}",
                names.join(", ")
            ),
        )),
        _ => Ok(()),
    }
}

/// Reads the chosen sheet of an XLS or ODS workbook whole; a panic in calamine refuses
/// the file.
pub(super) fn open_spreadsheet(
    path: &Path,
    kind: SpreadsheetKind,
    sheet: Option<&str>,
    has_nik_header: &dyn Fn(&[Cell]) -> bool,
) -> Result<Rows> {
    guarded(path, || read_spreadsheet(path, kind, sheet, has_nik_header))
}

fn read_spreadsheet(
    path: &Path,
    kind: SpreadsheetKind,
    sheet: Option<&str>,
    has_nik_header: &dyn Fn(&[Cell]) -> bool,
) -> Result<Rows> {
    let refuse = |reason: String| Error::import(path, reason);
    check_bounds(path, kind)?;
    let mut book = open_book(path, kind).map_err(|e| broken(path, &e))?;
    let names = book.sheet_names().to_vec();
    check_sheet(path, sheet, &names)?;
    let mut chosen = None;
    let mut first = None;
    for name in names
        .iter()
        .filter(|n| sheet.is_none_or(|w| w == n.as_str()))
    {
        let range = book
            .worksheet_range(name)
            .map_err(|e| refuse(format!("lembar \"{name}\" tidak dapat dibaca ({e})")))?;
        if let Some((rows, columns)) = range
            .end()
            .map(|(r, c)| (u64::from(r) + 1, u64::from(c) + 1))
            && (rows > MAX_ROWS || columns > MAX_COLUMNS)
        {
            return Err(refuse(format!(
                "lembar \"{name}\" berukuran {} baris × {} kolom; batasnya {} baris × {} kolom",
                number(rows),
                number(columns),
                number(MAX_ROWS),
                number(MAX_COLUMNS)
            )));
        }
        let header = range
            .rows()
            .take(30)
            .any(|r| has_nik_header(&r.iter().map(to_cell).collect::<Vec<_>>()));
        if header || sheet.is_some() {
            chosen = Some((name.clone(), range));
            break;
        }
        first.get_or_insert((name.clone(), range));
    }
    let (name, range) = chosen
        .or(first)
        .ok_or_else(|| refuse("lembar kerja tidak berisi lembar apa pun".into()))?;
    // calamine keeps every sheet of the book; let it go before the copy is made.
    drop(book);
    // Rows above the first used one are not in the range; numbering starts there.
    let skipped = range.start().map_or(0, |(row, _)| u64::from(row));
    let rows: Vec<Vec<Cell>> = range
        .rows()
        .map(|r| r.iter().map(to_cell).collect())
        .collect();
    Ok(grid(&name, skipped, rows))
}

fn grid(name: &str, skipped: u64, rows: Vec<Vec<Cell>>) -> Rows {
    let total = skipped + rows.len() as u64;
    Rows {
        inner: RowsInner::Grid {
            rows: rows.into_iter(),
            next_row: skipped,
            total,
        },
        total_bytes: 0,
        format: format!("lembar kerja, lembar \"{name}\""),
    }
}

fn to_cell(data: &Data) -> Cell {
    match data {
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Text(if *b { "YA" } else { "TIDAK" }.into()),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map(|d| Cell::Date(d.date()))
            .unwrap_or(Cell::Number(dt.as_f64())),
        Data::Error(_) | Data::Empty => Cell::Empty,
    }
}
