//! Reading the rows of a snapshot file, whatever its format: delimited text (any common
//! delimiter; UTF-8 with or without BOM, Windows-1252 or UTF-16) or a spreadsheet (XLSX,
//! XLS, ODS through calamine). The format is told from the content, not the file name.

mod bounds;
mod csv_rows;
mod ods_count;
mod sheet;
mod text;
mod xls_guard;
mod xls_strings;
mod xlsx;
mod xml_scan;
mod zip_guard;

pub use sheet::{broken, sheet_names};

use std::borrow::Cow;
use std::fs::File;
use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;

pub use text::{TextEncoding, sniff_delimiter, sniff_encoding};

use crate::core::{Error, Result};

/// One cell as read from the file, before any interpretation.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text (every cell of a delimited file).
    Text(String),
    /// A numeric spreadsheet cell.
    Number(f64),
    /// A spreadsheet cell formatted as a date.
    Date(NaiveDate),
    /// Nothing.
    Empty,
}

impl Cell {
    /// The cell as text (numbers without a fraction print as integers).
    pub fn text(&self) -> String {
        self.as_text().into_owned()
    }

    /// The cell as trimmed text, borrowed where it already is text.
    pub fn as_text(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(t) => Cow::Borrowed(t.trim()),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e17 => Cow::Owned(format!("{n:.0}")),
            Cell::Number(n) => Cow::Owned(n.to_string()),
            Cell::Date(d) => Cow::Owned(super::normalize::iso_date(*d)),
            Cell::Empty => Cow::Borrowed(""),
        }
    }

    /// True when the cell holds nothing but white space.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Text(t) => t.trim().is_empty(),
            Cell::Empty => true,
            _ => false,
        }
    }
}

/// A line the reader could not take as it stands: rejected, or repaired and imported.
#[derive(Debug, Clone, PartialEq)]
pub struct LineIssue {
    /// Line (row) number in the file, 1-based.
    pub line: u64,
    /// What happened, in Indonesian.
    pub reason: String,
    /// True when the line was left out; false when it was repaired and read.
    pub rejected: bool,
}

impl LineIssue {
    fn rejected(line: u64, reason: String) -> LineIssue {
        LineIssue {
            line,
            reason,
            rejected: true,
        }
    }

    fn repaired(line: u64, reason: String) -> LineIssue {
        LineIssue {
            line,
            reason,
            rejected: false,
        }
    }
}

/// A source of rows with its row numbers as the user sees them (1-based).
pub struct Rows {
    inner: RowsInner,
    total_bytes: u64,
    /// Description of what was detected, e.g. "CSV ';' UTF-8".
    pub format: String,
}

enum RowsInner {
    Csv(Box<csv_rows::CsvRows>),
    Grid {
        rows: std::vec::IntoIter<Vec<Cell>>,
        next_row: u64,
        total: u64,
    },
    Stream {
        batches: xlsx::RowBatches,
        pending: std::vec::IntoIter<(u64, Vec<Cell>)>,
        last: u64,
        total: u64,
    },
}

impl Rows {
    /// The next row and its 1-based line/row number, or `None` at the end.
    pub fn next_row(&mut self) -> Option<Result<(u64, Vec<Cell>)>> {
        let mut cells = Vec::new();
        self.next_row_into(&mut cells)
            .map(|line| line.map(|line| (line, cells)))
    }

    /// Like [`Rows::next_row`], but fills `cells`, reusing its text buffers (for the hot
    /// import loop, where allocating every cell of millions of rows shows).
    pub fn next_row_into(&mut self, cells: &mut Vec<Cell>) -> Option<Result<u64>> {
        match &mut self.inner {
            RowsInner::Csv(csv) => csv.next_into(cells),
            RowsInner::Grid { rows, next_row, .. } => {
                *cells = rows.next()?;
                *next_row += 1;
                Some(Ok(*next_row))
            }
            RowsInner::Stream {
                batches,
                pending,
                last,
                ..
            } => loop {
                if let Some((line, row)) = pending.next() {
                    *cells = row;
                    *last = line;
                    return Some(Ok(line));
                }
                match batches.next_batch(*last)? {
                    Ok(batch) => *pending = batch.into_iter(),
                    Err(e) => return Some(Err(e)),
                }
            },
        }
    }

    /// The lines rejected or repaired by the reader since the last call (a text line
    /// broken by a stray quote, a cell in another encoding), in file order.
    pub fn take_issues(&mut self) -> Vec<LineIssue> {
        match &mut self.inner {
            RowsInner::Csv(csv) => std::mem::take(&mut csv.issues),
            _ => Vec::new(),
        }
    }

    /// How far through the file we are, 0.0 to 1.0.
    pub fn fraction(&self) -> f32 {
        match &self.inner {
            RowsInner::Csv(csv) if self.total_bytes > 0 => {
                (csv.position() as f64 / self.total_bytes as f64).min(1.0) as f32
            }
            RowsInner::Grid {
                next_row, total, ..
            } if *total > 0 => (*next_row as f64 / *total as f64) as f32,
            // Some writers leave the sheet's size out (or wrong): then it is unknown.
            RowsInner::Stream { last, total, .. } if *total > 1 && *last <= *total => {
                (*last as f64 / *total as f64) as f32
            }
            _ => 0.0,
        }
    }
}

/// Opens a snapshot file, detecting its format from its content (not its name).
///
/// `sheet` chooses a spreadsheet sheet; by default the first sheet whose first rows
/// contain a NIK header is used (`has_nik_header` decides).
pub fn open(
    path: &Path,
    sheet: Option<&str>,
    has_nik_header: &dyn Fn(&[Cell]) -> bool,
) -> Result<Rows> {
    let refuse = |reason: &str| Error::import(path, reason);
    ensure_regular_file(path)?;
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    let total_bytes = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut head = vec![0u8; 64 * 1024];
    let n = read_up_to(&mut file, &mut head).map_err(|e| Error::io(path, e))?;
    head.truncate(n);
    if head.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(refuse("berkas kosong"));
    }
    match sheet::spreadsheet_kind(&head) {
        Some(sheet::SpreadsheetKind::Xlsx) => return xlsx::open_xlsx(path, sheet, has_nik_header),
        Some(kind) => return sheet::open_spreadsheet(path, kind, sheet, has_nik_header),
        None => {}
    }
    if text::is_html(&head) {
        return Err(refuse(
            "ini halaman web (HTML) yang diberi nama lembar kerja, seperti ekspor dari aplikasi \
             web; buka di Excel atau LibreOffice lalu simpan sebagai .xlsx atau .csv",
        ));
    }
    if text::utf16(&head).is_none()
        && let Some(kind) = binary_kind(&head)
    {
        return Err(refuse(&format!(
            "ini bukan berkas data CSV atau Excel ({kind}); pilih berkas ekspor DTKS/DTSEN"
        )));
    }
    text::open_text(path, &head, total_bytes)
}

/// Refuses anything but a regular file, before it is opened: opening a FIFO blocks until
/// someone writes to it, and a device or folder is no data file.
pub fn ensure_regular_file(path: &Path) -> Result<()> {
    let kind = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if kind.is_file() {
        return Ok(());
    }
    let what = if kind.is_dir() {
        "sebuah folder"
    } else {
        "bukan berkas biasa (pipa, perangkat atau soket)"
    };
    Err(Error::import(
        path,
        format!("{what}; pilih berkas data .csv, .xlsx, .xls atau .ods"),
    ))
}

fn read_up_to(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// Names a binary format we recognise, or a generic one for any file with NUL bytes.
fn binary_kind(head: &[u8]) -> Option<&'static str> {
    const MAGIC: [(&[u8], &str); 5] = [
        (b"\x89PNG", "gambar PNG"),
        (b"\xFF\xD8\xFF", "gambar JPEG"),
        (b"%PDF", "dokumen PDF"),
        (b"GIF8", "gambar GIF"),
        (b"\x1F\x8B", "arsip gzip"),
    ];
    MAGIC
        .iter()
        .find(|(magic, _)| head.starts_with(magic))
        .map(|(_, kind)| *kind)
        .or_else(|| head.contains(&0).then_some("berkas biner"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_cells_print_as_integers() {
        assert_eq!(Cell::Number(3520011705850001.0).text(), "3520011705850001");
        assert_eq!(Cell::Number(2.5).text(), "2.5");
    }
}
