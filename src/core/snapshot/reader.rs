//! Reading the rows of a snapshot file, whatever its format: delimited text (any common
//! delimiter, UTF-8 with or without BOM or Windows-1252) or a spreadsheet (XLSX, XLS,
//! ODS through calamine).

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use calamine::{Data, Reader, Sheets, open_workbook};
use chrono::NaiveDate;

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

/// Text encodings we sniff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 (a BOM is dropped).
    Utf8,
    /// Windows-1252, as saved by Excel on Windows.
    Windows1252,
}

/// A source of rows with its row numbers as the user sees them (1-based).
pub struct Rows {
    inner: RowsInner,
    total_bytes: u64,
    /// Description of what was detected, e.g. "CSV ';' UTF-8".
    pub format: String,
}

enum RowsInner {
    Csv {
        reader: Box<csv::Reader<BufReader<File>>>,
        encoding: TextEncoding,
        record: csv::ByteRecord,
        lines: LineCounter,
    },
    Grid {
        rows: std::vec::IntoIter<Vec<Cell>>,
        next_row: u64,
        total: u64,
    },
}

impl Rows {
    /// The next row and its 1-based line/row number, or `None` at the end.
    pub fn next_row(&mut self) -> Option<Result<(u64, Vec<Cell>)>> {
        match &mut self.inner {
            RowsInner::Csv {
                reader,
                encoding,
                record,
                lines,
            } => {
                let line = reader.position().line();
                match reader.read_byte_record(record) {
                    Ok(false) => None,
                    Ok(true) => {
                        let start = record.position().map(|p| p.byte()).unwrap_or(0);
                        let line = lines.line_of_record(start).unwrap_or(line);
                        let cells = record
                            .iter()
                            .map(|f| Cell::Text(decode(f, *encoding)))
                            .collect();
                        Some(Ok((line, cells)))
                    }
                    Err(e) => Some(Err(Error::Invalid(format!(
                        "berkas tidak dapat dibaca sekitar baris {line}: {e}"
                    )))),
                }
            }
            RowsInner::Grid { rows, next_row, .. } => {
                let row = rows.next()?;
                *next_row += 1;
                Some(Ok((*next_row, row)))
            }
        }
    }

    /// How far through the file we are, 0.0 to 1.0.
    pub fn fraction(&self) -> f32 {
        match &self.inner {
            RowsInner::Csv { reader, .. } if self.total_bytes > 0 => {
                (reader.position().byte() as f64 / self.total_bytes as f64).min(1.0) as f32
            }
            RowsInner::Grid {
                next_row, total, ..
            } if *total > 0 => (*next_row as f64 / *total as f64) as f32,
            _ => 0.0,
        }
    }
}

/// Finds the line a record starts on, as a text editor or spreadsheet numbers it.
///
/// The csv reader reports where it started reading a record, which can be the `\n` of a
/// CRLF or a run of skipped blank lines; this reads the same file alongside, counting
/// newlines up to the record's first real byte.
struct LineCounter {
    reader: BufReader<File>,
    offset: u64,
    line: u64,
}

impl LineCounter {
    fn new(file: File) -> LineCounter {
        LineCounter {
            reader: BufReader::with_capacity(1 << 20, file),
            offset: 0,
            line: 1,
        }
    }

    fn line_of_record(&mut self, start: u64) -> Option<u64> {
        use std::io::BufRead;
        loop {
            let buf = self.reader.fill_buf().ok()?;
            if buf.is_empty() {
                return Some(self.line);
            }
            // Up to the reported start: count newlines in bulk.
            let ahead = usize::try_from(start.saturating_sub(self.offset)).unwrap_or(usize::MAX);
            let bulk = ahead.min(buf.len());
            self.line += buf[..bulk].iter().filter(|&&b| b == b'\n').count() as u64;
            // From there: skip the line breaks before the record's first real byte.
            let breaks = buf[bulk..]
                .iter()
                .take_while(|&&b| b == b'\n' || b == b'\r')
                .count();
            self.line += buf[bulk..bulk + breaks]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            let used = bulk + breaks;
            self.offset += used as u64;
            let reached = used < buf.len();
            self.reader.consume(used);
            if reached {
                return Some(self.line);
            }
        }
    }
}

fn decode(bytes: &[u8], encoding: TextEncoding) -> String {
    match encoding {
        TextEncoding::Utf8 => match std::str::from_utf8(bytes) {
            Ok(s) => s.trim_start_matches('\u{feff}').to_string(),
            Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
        },
        TextEncoding::Windows1252 => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
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
    let refuse = |reason: &str| Error::Import {
        file: path.to_path_buf(),
        reason: reason.to_string(),
    };
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    let total_bytes = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut head = vec![0u8; 64 * 1024];
    let n = read_up_to(&mut file, &mut head).map_err(|e| Error::io(path, e))?;
    head.truncate(n);
    if head.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(refuse("berkas kosong"));
    }
    if let Some(kind) = spreadsheet_kind(&head) {
        return open_spreadsheet(path, kind, sheet, has_nik_header);
    }
    if let Some(kind) = binary_kind(&head) {
        return Err(refuse(&format!(
            "ini bukan berkas data CSV atau Excel ({kind}); pilih berkas ekspor DTKS/DTSEN"
        )));
    }
    let encoding = sniff_encoding(&head);
    let text = decode(&head, encoding);
    let delimiter = sniff_delimiter(&text);
    let reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(BufReader::with_capacity(
            1 << 20,
            File::open(path).map_err(|e| Error::io(path, e))?,
        ));
    let delimiter_name = match delimiter {
        b'\t' => "tab".to_string(),
        d => format!("'{}'", d as char),
    };
    Ok(Rows {
        inner: RowsInner::Csv {
            reader: Box::new(reader),
            encoding,
            record: csv::ByteRecord::new(),
            lines: LineCounter::new(File::open(path).map_err(|e| Error::io(path, e))?),
        },
        total_bytes,
        format: format!(
            "teks dipisah {delimiter_name}, {}",
            match encoding {
                TextEncoding::Utf8 => "UTF-8",
                TextEncoding::Windows1252 => "Windows-1252",
            }
        ),
    })
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

/// UTF-8 when the sample decodes (a cut multi-byte character at the end is allowed),
/// Windows-1252 otherwise.
pub fn sniff_encoding(head: &[u8]) -> TextEncoding {
    match std::str::from_utf8(head) {
        Ok(_) => TextEncoding::Utf8,
        Err(e) if e.error_len().is_none() => TextEncoding::Utf8,
        Err(_) => TextEncoding::Windows1252,
    }
}

/// Picks the delimiter that splits the sample's lines most consistently.
pub fn sniff_delimiter(sample: &str) -> u8 {
    let lines: Vec<&str> = sample
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(60)
        .collect();
    let mut best = (b',', 0usize, 0usize);
    for delim in [b',', b';', b'\t', b'|'] {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| count_outside_quotes(l, delim))
            .collect();
        let mut freq = std::collections::HashMap::new();
        for &c in counts.iter().filter(|&&c| c > 0) {
            *freq.entry(c).or_insert(0usize) += 1;
        }
        if let Some((&mode, &lines_agreeing)) = freq.iter().max_by_key(|(c, n)| (**n, **c))
            && (lines_agreeing, mode) > (best.1, best.2)
        {
            best = (delim, lines_agreeing, mode);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, delim: u8) -> usize {
    let mut quoted = false;
    line.bytes()
        .filter(|&b| {
            if b == b'"' {
                quoted = !quoted;
            }
            b == delim && !quoted
        })
        .count()
}

/// Spreadsheet formats, told apart by content so a renamed file still opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SpreadsheetKind {
    Xlsx,
    Ods,
    Xls,
}

fn spreadsheet_kind(head: &[u8]) -> Option<SpreadsheetKind> {
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

fn open_spreadsheet(
    path: &Path,
    kind: SpreadsheetKind,
    sheet: Option<&str>,
    has_nik_header: &dyn Fn(&[Cell]) -> bool,
) -> Result<Rows> {
    let refuse = |reason: String| Error::Import {
        file: path.to_path_buf(),
        reason,
    };
    let mut book = open_book(path, kind)
        .map_err(|e| refuse(format!("lembar kerja rusak atau terpotong ({e})")))?;
    let names = book.sheet_names().to_vec();
    if let Some(wanted) = sheet
        && !names.iter().any(|n| n == wanted)
    {
        return Err(refuse(format!(
            "lembar \"{wanted}\" tidak ada; lembar yang tersedia: {}",
            names.join(", ")
        )));
    }
    let mut first: Option<(String, Vec<Vec<Cell>>)> = None;
    for name in names
        .iter()
        .filter(|n| sheet.is_none_or(|w| w == n.as_str()))
    {
        let range = book
            .worksheet_range(name)
            .map_err(|e| refuse(format!("lembar \"{name}\" tidak dapat dibaca ({e})")))?;
        let rows: Vec<Vec<Cell>> = range
            .rows()
            .map(|r| r.iter().map(to_cell).collect())
            .collect();
        if rows.iter().take(30).any(|r| has_nik_header(r)) || sheet.is_some() {
            return Ok(grid(name, rows));
        }
        first.get_or_insert((name.clone(), rows));
    }
    let (name, rows) =
        first.ok_or_else(|| refuse("lembar kerja tidak berisi lembar apa pun".into()))?;
    Ok(grid(&name, rows))
}

fn grid(name: &str, rows: Vec<Vec<Cell>>) -> Rows {
    let total = rows.len() as u64;
    Rows {
        inner: RowsInner::Grid {
            rows: rows.into_iter(),
            next_row: 0,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_delimiters() {
        assert_eq!(sniff_delimiter("NIK;NAMA;DESA\n1;\"A;B\";C\n2;D;E\n"), b';');
        assert_eq!(sniff_delimiter("NIK\tNAMA\n1\tA\n"), b'\t');
        assert_eq!(sniff_delimiter("NIK|NAMA|X\n1|A, B|C\n"), b'|');
        assert_eq!(sniff_delimiter("DATA DTKS\nNIK,NAMA\n1,A\n2,B\n"), b',');
    }

    #[test]
    fn sniffs_encoding() {
        assert_eq!(sniff_encoding("Nama’".as_bytes()), TextEncoding::Utf8);
        assert_eq!(sniff_encoding(b"Nama\x92s"), TextEncoding::Windows1252);
        assert_eq!(decode(b"Ma\x92ruf", TextEncoding::Windows1252), "Ma’ruf");
    }

    #[test]
    fn numeric_cells_print_as_integers() {
        assert_eq!(Cell::Number(3520011705850001.0).text(), "3520011705850001");
        assert_eq!(Cell::Number(2.5).text(), "2.5");
    }
}
