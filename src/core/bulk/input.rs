//! Reading the list to check with the snapshot importer's reader and header detection:
//! the NIK column by its header or, failing that, by its content; NAMA and TGL_LAHIR (or
//! a "tempat, tanggal lahir" column) when the list has them.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{BulkProgress, MAX_ROWS, cancelled};
use crate::core::nik::Nik;
use crate::core::snapshot::columns::{ColumnMap, Field};
use crate::core::snapshot::normalize;
use crate::core::snapshot::parse::Columns;
use crate::core::snapshot::reader::Cell;
use crate::core::snapshot::sheets::{self, HeaderRules};
use crate::core::{Error, Result};

/// Rows read between progress reports.
const REPORT_EVERY: usize = 4096;

/// What a row's NIK cell holds.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum NikCell {
    /// A valid NIK.
    Valid(Nik),
    /// Nothing.
    Empty,
    /// Something that is no NIK, with the reason (the NIK error's text).
    Invalid(String),
}

/// One data row of the list.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct InputRow {
    /// Line (row) number in the file.
    pub line: u64,
    /// The NIK cell as written (trimmed).
    pub nik_text: String,
    /// What the NIK cell holds.
    pub nik: NikCell,
    /// The name given, cleaned of extra spaces.
    pub name: String,
    /// The birth date given.
    pub birth_date: Option<NaiveDate>,
    /// Why the reader could not read the line at all (a stray quote), if so.
    pub unreadable: Option<String>,
}

/// The rows of the list, in file order, and notes on how it was read.
pub(super) struct List {
    /// Data rows (blank, totals and repeated header rows left out).
    pub rows: Vec<InputRow>,
    /// How the columns were found, when told from their content.
    pub notes: Vec<String>,
}

/// The columns a bulk check uses.
struct Wanted {
    nik: Option<usize>,
    name: Option<usize>,
    birth: Option<usize>,
    place_date: Option<usize>,
}

impl Wanted {
    fn of(map: &ColumnMap) -> Wanted {
        Wanted {
            nik: map.index(&Field::Nik),
            name: map.index(&Field::Name),
            birth: map.index(&Field::BirthDate),
            place_date: map.index(&Field::BirthPlaceDate),
        }
    }

    fn row(&self, line: u64, cells: &[Cell]) -> InputRow {
        let empty = Cell::Empty;
        let cell = |i: Option<usize>| i.and_then(|i| cells.get(i)).unwrap_or(&empty);
        let nik_cell = cell(self.nik);
        let nik = if nik_cell.is_blank() {
            NikCell::Empty
        } else {
            match normalize::nik(nik_cell) {
                Ok(nik) => NikCell::Valid(nik),
                Err(reason) => NikCell::Invalid(reason),
            }
        };
        let birth_date = normalize::date(cell(self.birth)).or_else(|| {
            self.place_date
                .and_then(|_| normalize::place_and_date(&cell(self.place_date).as_text()).1)
        });
        InputRow {
            line,
            nik_text: nik_cell.text(),
            nik,
            name: normalize::display_name(&cell(self.name).as_text()),
            birth_date,
            unreadable: None,
        }
    }
}

/// Reads every data row of `file` (every sheet of a workbook with the first NIK sheet's
/// layout). `conn` is the snapshot catalogue, for column mappings the admin saved.
pub(super) fn read(
    conn: &Connection,
    file: &Path,
    progress: &mut dyn FnMut(BulkProgress) -> bool,
) -> Result<List> {
    let rules = HeaderRules {
        conn,
        overrides: &[],
        require_name: false,
        accept_guess: true,
    };
    let chosen = sheets::choose(file, None, &rules).map_err(unreadable_list)?;
    let mut notes = chosen.notes;
    if let Some(guessed) = &chosen.header.guessed {
        notes.insert(0, format!("kolom ditebak dari isinya: {guessed}"));
    }
    let mut rows = Vec::new();
    let mut cells = Vec::new();
    let count = chosen.sources.len();
    for (index, source) in chosen.sources.into_iter().enumerate() {
        let wanted = Wanted::of(&source.map);
        let columns = Columns::new(&source.map);
        let mut reader = source.rows;
        while let Some(line) = reader.next_row_into(&mut cells) {
            let line = line.map_err(unreadable_list)?;
            take_issues(&mut reader, &mut rows);
            if cells.iter().all(Cell::is_blank)
                || normalize::is_totals_row(&cells)
                || columns.is_repeated_header(&cells)
            {
                continue;
            }
            rows.push(wanted.row(line, &cells));
            if rows.len() > MAX_ROWS {
                return Err(Error::Invalid(format!(
                    "Daftar terlalu panjang (lebih dari {MAX_ROWS} baris); bagi menjadi \
                     beberapa berkas."
                )));
            }
            if rows.len() % REPORT_EVERY == 0 {
                let fraction = (index as f32 + reader.fraction()) / count as f32;
                if !progress(BulkProgress {
                    rows: rows.len(),
                    fraction: fraction * 0.5,
                }) {
                    return Err(cancelled());
                }
            }
        }
        take_issues(&mut reader, &mut rows);
    }
    Ok(List { rows, notes })
}

/// Adds the lines the reader had to leave out as rows that could not be checked.
fn take_issues(reader: &mut crate::core::snapshot::reader::Rows, rows: &mut Vec<InputRow>) {
    for issue in reader.take_issues().into_iter().filter(|i| i.rejected) {
        rows.push(InputRow {
            line: issue.line,
            nik_text: String::new(),
            nik: NikCell::Empty,
            name: String::new(),
            birth_date: None,
            unreadable: Some(issue.reason),
        });
    }
}

/// A refusal of the reader, worded for a list to check rather than a snapshot to import.
fn unreadable_list(error: Error) -> Error {
    match error {
        Error::Import { file, reason } => Error::Invalid(format!(
            "Berkas {} tidak dapat dibaca: {reason}",
            file.display()
        )),
        other => other,
    }
}
