//! XLSX sheets streamed cell by cell on a helper thread, so that a sheet of a million rows
//! neither has to fit in memory at once nor keeps the import silent while it is decoded.
//! Row numbers are the sheet's own (blank rows above the data included).

use std::fs::File;
use std::io::BufReader;
use std::path::Path;
use std::sync::mpsc::{Receiver, sync_channel};

use calamine::{DataRef, Reader, Xlsx, XlsxError, open_workbook};

use super::sheet::{broken, check_sheet};
use super::{Cell, Rows, RowsInner};
use crate::core::{Error, Result};

/// Rows handed over at a time.
const BATCH: usize = 1024;

/// Rows read before giving up looking for a NIK header in a sheet.
const HEADER_ROWS: u32 = 30;

/// Batches of (1-based row number, cells).
pub(super) type RowBatches = Receiver<Result<Vec<(u64, Vec<Cell>)>>>;

type Book = Xlsx<BufReader<File>>;

/// Opens an XLSX file and starts streaming the chosen sheet (by name, or the first one
/// with a NIK header in its first rows, or else the first sheet).
pub(super) fn open_xlsx(
    path: &Path,
    sheet: Option<&str>,
    has_nik_header: &dyn Fn(&[Cell]) -> bool,
) -> Result<Rows> {
    let refuse = |reason: String| Error::import(path, reason);
    let mut book: Book = open_workbook(path).map_err(|e: XlsxError| broken(path, &e))?;
    let names = book.sheet_names().to_vec();
    check_sheet(path, sheet, &names)?;
    let chosen = match sheet {
        Some(wanted) => wanted.to_string(),
        None => {
            let mut with_header = None;
            for name in &names {
                let head = first_rows(&mut book, name)
                    .map_err(|e| refuse(format!("lembar \"{name}\" tidak dapat dibaca ({e})")))?;
                if head.iter().any(|row| has_nik_header(row)) {
                    with_header = Some(name.clone());
                    break;
                }
            }
            with_header
                .or_else(|| names.first().cloned())
                .ok_or_else(|| refuse("lembar kerja tidak berisi lembar apa pun".into()))?
        }
    };
    let total = book
        .worksheet_cells_reader(&chosen)
        .map(|reader| u64::from(reader.dimensions().end.0) + 1)
        .map_err(|e| refuse(format!("lembar \"{chosen}\" tidak dapat dibaca ({e})")))?;
    let format = format!("lembar kerja, lembar \"{chosen}\"");
    let file = path.to_path_buf();
    let (send, batches) = sync_channel(4);
    std::thread::spawn(move || {
        let result = stream(&mut book, &chosen, BATCH, &mut |batch| {
            send.send(Ok(batch)).is_ok()
        });
        if let Err(e) = result {
            let _ = send.send(Err(Error::import(
                file,
                format!("lembar \"{chosen}\" terpotong atau rusak ({e})"),
            )));
        }
    });
    Ok(Rows {
        inner: RowsInner::Stream {
            batches,
            pending: Vec::new().into_iter(),
            last: 0,
            total,
        },
        total_bytes: 0,
        format,
    })
}

/// The first rows of a sheet, to look for its header.
fn first_rows(book: &mut Book, name: &str) -> std::result::Result<Vec<Vec<Cell>>, XlsxError> {
    let mut rows = Vec::new();
    stream(book, name, 1, &mut |batch| {
        for (line, cells) in batch {
            if line > u64::from(HEADER_ROWS) {
                return false;
            }
            rows.push(cells);
        }
        true
    })?;
    Ok(rows)
}

/// Reads the rows of sheet `name` in order, handing them to `deliver` `size` at a time
/// with their 1-based row numbers, until the sheet ends or `deliver` returns false.
fn stream(
    book: &mut Book,
    name: &str,
    size: usize,
    deliver: &mut dyn FnMut(Vec<(u64, Vec<Cell>)>) -> bool,
) -> std::result::Result<(), XlsxError> {
    let mut reader = book.worksheet_cells_reader(name)?;
    let mut batch = Vec::with_capacity(size);
    let mut current: Option<(u32, Vec<Cell>)> = None;
    while let Some(cell) = reader.next_cell()? {
        let (row, column) = cell.get_position();
        if current.as_ref().is_some_and(|(r, _)| *r != row) {
            batch.extend(current.take().map(|(r, cells)| (u64::from(r) + 1, cells)));
            if batch.len() == size && !deliver(std::mem::take(&mut batch)) {
                return Ok(());
            }
        }
        let cells = &mut current.get_or_insert_with(|| (row, Vec::new())).1;
        put(cells, column, cell.get_value());
    }
    batch.extend(current.map(|(r, cells)| (u64::from(r) + 1, cells)));
    deliver(batch);
    Ok(())
}

fn put(cells: &mut Vec<Cell>, column: u32, value: &DataRef<'_>) {
    let column = column as usize;
    if cells.len() <= column {
        cells.resize(column + 1, Cell::Empty);
    }
    cells[column] = to_cell(value);
}

fn to_cell(data: &DataRef<'_>) -> Cell {
    match data {
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::SharedString(s) => Cell::Text((*s).to_string()),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            Cell::Text(s.clone())
        }
        DataRef::Bool(b) => Cell::Text(if *b { "YA" } else { "TIDAK" }.into()),
        DataRef::DateTime(dt) => dt
            .as_datetime()
            .map(|d| Cell::Date(d.date()))
            .unwrap_or(Cell::Number(dt.as_f64())),
        DataRef::Error(_) | DataRef::Empty => Cell::Empty,
    }
}
