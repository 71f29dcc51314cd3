//! XLSX sheets streamed cell by cell on a helper thread, so that a sheet of a million rows
//! neither has to fit in memory at once nor keeps the import silent while it is decoded.
//! Row numbers are the sheet's own (blank rows above the data included).
//!
//! The helper thread ends every sheet with an explicit [`Piece::End`]: a channel that
//! closes without it means the thread stopped early (a panic in calamine, say), and the
//! rows read so far must not pass for the whole sheet.

use std::fs::File;
use std::io::BufReader;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, sync_channel};

use calamine::{DataRef, Reader, Xlsx, open_workbook};

use super::bounds::{self, MAX_COLUMNS, MAX_ROWS, guarded, number};
use super::sheet::{SpreadsheetKind, broken, check_bounds, check_sheet};
use super::{Cell, Rows, RowsInner};
use crate::core::{Error, Result};

/// Rows handed over at a time.
const BATCH: usize = 1024;

/// Cells handed over at a time at most (wide rows make smaller batches).
const BATCH_CELLS: usize = 64 * 1024;

/// Rows read before giving up looking for a NIK header in a sheet.
const HEADER_ROWS: u64 = 30;

/// (1-based row number, cells).
type Row = (u64, Vec<Cell>);

type Book = Xlsx<BufReader<File>>;

/// What the helper thread sends.
pub(super) enum Piece {
    /// The next rows.
    Rows(Vec<Row>),
    /// The sheet was read to its end.
    End,
}

/// The receiving end of a streamed sheet.
pub(super) struct RowBatches {
    pieces: Receiver<Result<Piece>>,
    file: PathBuf,
    sheet: String,
    ended: bool,
}

impl RowBatches {
    /// The next batch of rows, `None` after the sheet's end, or an error when the thread
    /// reported one or stopped without reaching the end (`last` is the last row read).
    pub(super) fn next_batch(&mut self, last: u64) -> Option<Result<Vec<Row>>> {
        if self.ended {
            return None;
        }
        match self.pieces.recv() {
            Ok(Ok(Piece::Rows(rows))) => Some(Ok(rows)),
            Ok(Ok(Piece::End)) => {
                self.ended = true;
                None
            }
            Ok(Err(e)) => Some(Err(e)),
            Err(_) => Some(Err(Error::import(
                &self.file,
                format!(
                    "pembacaan lembar \"{}\" berhenti setelah baris {}",
                    self.sheet,
                    number(last)
                ),
            ))),
        }
    }
}

/// Opens an XLSX file and starts streaming the chosen sheet (by name, or the first one
/// with a NIK header in its first rows, or else the first sheet).
pub(super) fn open_xlsx(
    path: &Path,
    sheet: Option<&str>,
    has_nik_header: &dyn Fn(&[Cell]) -> bool,
) -> Result<Rows> {
    let (book, chosen, total) = guarded(path, || {
        check_bounds(path, SpreadsheetKind::Xlsx)?;
        choose(path, sheet, has_nik_header)
    })?;
    let format = format!("lembar kerja, lembar \"{chosen}\"");
    let (send, pieces) = sync_channel(4);
    let file = path.to_path_buf();
    let name = chosen.clone();
    std::thread::spawn(move || {
        let mut book = book;
        let mut last = 0;
        let read = catch_unwind(AssertUnwindSafe(|| {
            stream(&mut book, &file, &name, BATCH, &mut last, &mut |rows| {
                send.send(Ok(Piece::Rows(rows))).is_ok()
            })
        }));
        let end = match read {
            Ok(Ok(())) => Ok(Piece::End),
            Ok(Err(e)) => Err(e),
            Err(panic) => {
                let place = format!("lembar \"{name}\" rusak setelah baris {}", number(last));
                Err(bounds::panicked(&file, &place, &*panic))
            }
        };
        let _ = send.send(end);
    });
    Ok(Rows {
        inner: RowsInner::Stream {
            batches: RowBatches {
                pieces,
                file: path.to_path_buf(),
                sheet: chosen,
                ended: false,
            },
            pending: Vec::new().into_iter(),
            last: 0,
            total,
        },
        total_bytes: 0,
        format,
    })
}

/// Opens the workbook and picks the sheet; also the sheet's declared row count.
fn choose(
    path: &Path,
    sheet: Option<&str>,
    has_nik_header: &dyn Fn(&[Cell]) -> bool,
) -> Result<(Book, String, u64)> {
    let refuse = |name: &str, e: &dyn std::fmt::Display| {
        Error::import(path, format!("lembar \"{name}\" tidak dapat dibaca ({e})"))
    };
    let mut book: Book = open_workbook(path).map_err(|e| broken(path, &e))?;
    let names = book.sheet_names().to_vec();
    check_sheet(path, sheet, &names)?;
    let chosen = match sheet {
        Some(wanted) => wanted.to_string(),
        None => {
            let mut with_header = None;
            for name in &names {
                let head = first_rows(&mut book, path, name)?;
                if head.iter().any(|row| has_nik_header(row)) {
                    with_header = Some(name.clone());
                    break;
                }
            }
            with_header
                .or_else(|| names.first().cloned())
                .ok_or_else(|| Error::import(path, "lembar kerja tidak berisi lembar apa pun"))?
        }
    };
    let total = book
        .worksheet_cells_reader(&chosen)
        .map(|reader| u64::from(reader.dimensions().end.0) + 1)
        .map_err(|e| refuse(&chosen, &e))?;
    Ok((book, chosen, total))
}

/// The first rows of a sheet, to look for its header.
fn first_rows(book: &mut Book, path: &Path, name: &str) -> Result<Vec<Vec<Cell>>> {
    let mut rows = Vec::new();
    stream(book, path, name, 1, &mut 0, &mut |batch| {
        for (line, cells) in batch {
            if line > HEADER_ROWS {
                return false;
            }
            rows.push(cells);
        }
        true
    })?;
    Ok(rows)
}

/// Reads the rows of sheet `name` in order, handing them to `deliver` `size` at a time
/// (fewer when rows are wide) with their 1-based row numbers, until the sheet ends or
/// `deliver` returns false. A row or column past the bounds refuses the file. `last` is
/// kept at the last row read whole, to say where a panic stopped the reading.
fn stream(
    book: &mut Book,
    path: &Path,
    name: &str,
    size: usize,
    last: &mut u64,
    deliver: &mut dyn FnMut(Vec<Row>) -> bool,
) -> Result<()> {
    let broken_at = |last: u64, e: &dyn std::fmt::Display| {
        Error::import(
            path,
            format!(
                "lembar \"{name}\" terpotong atau rusak setelah baris {} ({e})",
                number(last)
            ),
        )
    };
    let mut reader = book
        .worksheet_cells_reader(name)
        .map_err(|e| broken_at(0, &e))?;
    let mut batch = Vec::with_capacity(size);
    let mut cells_in_batch = 0;
    let mut current: Option<Row> = None;
    while let Some(cell) = reader.next_cell().map_err(|e| broken_at(*last, &e))? {
        let (row, column) = cell.get_position();
        let (row, column) = (u64::from(row) + 1, u64::from(column) + 1);
        if row > MAX_ROWS || column > MAX_COLUMNS {
            return Err(past_bounds(path, name, row, column));
        }
        if current.as_ref().is_some_and(|(r, _)| *r != row) {
            let done = current.take().expect("a current row");
            *last = done.0;
            cells_in_batch += done.1.len();
            batch.push(done);
            if batch.len() == size || cells_in_batch >= BATCH_CELLS {
                cells_in_batch = 0;
                if !deliver(std::mem::replace(&mut batch, Vec::with_capacity(size))) {
                    return Ok(());
                }
            }
        }
        let cells = &mut current.get_or_insert_with(|| (row, Vec::new())).1;
        put(cells, column, cell.get_value());
    }
    batch.extend(current);
    deliver(batch);
    Ok(())
}

/// The refusal for a cell past [`MAX_ROWS`] or [`MAX_COLUMNS`].
fn past_bounds(path: &Path, name: &str, row: u64, column: u64) -> Error {
    let reason = if row > MAX_ROWS {
        format!(
            "lembar \"{name}\" memakai baris ke-{}; batasnya {} baris",
            number(row),
            number(MAX_ROWS)
        )
    } else {
        format!(
            "lembar \"{name}\" memakai kolom ke-{} (baris {}); batasnya {} kolom",
            number(column),
            number(row),
            number(MAX_COLUMNS)
        )
    };
    Error::import(path, reason)
}

/// Sets 1-based `column` of `cells` (already checked against [`MAX_COLUMNS`]).
fn put(cells: &mut Vec<Cell>, column: u64, value: &DataRef<'_>) {
    let index = (column - 1) as usize;
    if cells.len() <= index {
        cells.resize(index + 1, Cell::Empty);
    }
    cells[index] = to_cell(value);
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
