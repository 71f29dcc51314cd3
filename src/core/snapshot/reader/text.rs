//! Delimited text files: encoding (UTF-8, Windows-1252, UTF-16 with BOM) and delimiter
//! sniffing, Excel's `sep=` hint line, and exact line numbers for reject reports.

use std::fs::File;
use std::io::{BufReader, Cursor, Read};
use std::path::Path;

use super::{Cell, Rows, RowsInner};
use crate::core::{Error, Result};

/// Where the csv reader and the line counter read from: the file, or decoded UTF-16.
pub(super) type Source = Box<dyn Read + Send>;

/// Text encodings we sniff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 (a BOM is dropped).
    Utf8,
    /// Windows-1252, as saved by Excel on Windows.
    Windows1252,
}

/// Finds the line a record starts on, as a text editor or spreadsheet numbers it.
///
/// The csv reader reports where it started reading a record, which can be the `\n` of a
/// CRLF or a run of skipped blank lines; this reads the same file alongside, counting
/// newlines up to the record's first real byte.
pub(super) struct LineCounter {
    reader: BufReader<Source>,
    offset: u64,
    line: u64,
}

impl LineCounter {
    pub(super) fn new(source: Source) -> LineCounter {
        LineCounter {
            reader: BufReader::with_capacity(1 << 20, source),
            offset: 0,
            line: 1,
        }
    }

    pub(super) fn line_of_record(&mut self, start: u64) -> Option<u64> {
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

/// Fills `cells` with the trimmed cells of one record, reusing the buffers already there.
/// A UTF-8 record is validated once as a whole rather than field by field.
pub(super) fn fill_cells(record: &csv::ByteRecord, encoding: TextEncoding, cells: &mut Vec<Cell>) {
    let whole = match encoding {
        TextEncoding::Utf8 => std::str::from_utf8(record.as_slice()).ok(),
        TextEncoding::Windows1252 => None,
    };
    cells.truncate(record.len());
    for i in 0..record.len() {
        let field = whole.zip(record.range(i)).and_then(|(w, r)| w.get(r));
        let decoded;
        let text = match field {
            Some(text) => text.trim_start_matches('\u{feff}').trim(),
            None => {
                decoded = decode(&record[i], encoding);
                decoded.trim()
            }
        };
        match cells.get_mut(i) {
            Some(Cell::Text(buffer)) => {
                buffer.clear();
                buffer.push_str(text);
            }
            Some(other) => *other = Cell::Text(text.to_string()),
            None => cells.push(Cell::Text(text.to_string())),
        }
    }
}

pub(super) fn decode(bytes: &[u8], encoding: TextEncoding) -> String {
    match encoding {
        TextEncoding::Utf8 => match std::str::from_utf8(bytes) {
            Ok(s) => s.trim_start_matches('\u{feff}').to_string(),
            Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
        },
        TextEncoding::Windows1252 => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

/// The UTF-16 encoding announced by a byte order mark, if any (Excel's "Unicode Text").
pub(super) fn utf16(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    match head {
        [0xFF, 0xFE, ..] => Some(encoding_rs::UTF_16LE),
        [0xFE, 0xFF, ..] => Some(encoding_rs::UTF_16BE),
        _ => None,
    }
}

/// True for an HTML page (web apps often save their "Excel" export as an HTML table).
pub(super) fn is_html(head: &[u8]) -> bool {
    let start = String::from_utf8_lossy(&head[..head.len().min(512)]).to_lowercase();
    let start = start.trim_start_matches('\u{feff}').trim_start();
    start.starts_with("<!doctype html")
        || start.starts_with("<html")
        || start.starts_with("<table")
        || (start.starts_with('<') && start.contains("<table"))
}

/// The delimiter named by Excel's hint line `sep=;` at the top of a file.
fn sep_hint(sample: &str) -> Option<u8> {
    let first = sample.trim_start_matches('\u{feff}').lines().next()?.trim();
    let hint = first
        .strip_prefix("sep=")
        .or_else(|| first.strip_prefix("SEP="))?;
    match hint.as_bytes() {
        [d] => Some(*d),
        _ => None,
    }
}

/// Opens a delimited text file whose first bytes are `head`.
pub(super) fn open_text(path: &Path, head: &[u8], total_bytes: u64) -> Result<Rows> {
    let open_file =
        || -> Result<Source> { Ok(Box::new(File::open(path).map_err(|e| Error::io(path, e))?)) };
    let (encoding, label, reader, lines, total, sample) = match utf16(head) {
        Some(wide) => {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            let text = wide.decode(&bytes).0.into_owned().into_bytes();
            let sample = String::from_utf8_lossy(&text[..text.len().min(64 * 1024)]).into_owned();
            let total = text.len() as u64;
            let reader: Source = Box::new(Cursor::new(text.clone()));
            let lines: Source = Box::new(Cursor::new(text));
            (TextEncoding::Utf8, "UTF-16", reader, lines, total, sample)
        }
        None => {
            let encoding = sniff_encoding(head);
            let label = match encoding {
                TextEncoding::Utf8 => "UTF-8",
                TextEncoding::Windows1252 => "Windows-1252",
            };
            let sample = decode(head, encoding);
            (
                encoding,
                label,
                open_file()?,
                open_file()?,
                total_bytes,
                sample,
            )
        }
    };
    let delimiter = sep_hint(&sample).unwrap_or_else(|| sniff_delimiter(&sample));
    let reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(Box::new(BufReader::with_capacity(1 << 20, reader)) as Source);
    let delimiter_name = match delimiter {
        b'\t' => "tab".to_string(),
        d => format!("'{}'", d as char),
    };
    Ok(Rows {
        inner: RowsInner::Csv {
            reader: Box::new(reader),
            encoding,
            record: csv::ByteRecord::new(),
            lines: LineCounter::new(lines),
        },
        total_bytes: total,
        format: format!("teks dipisah {delimiter_name}, {label}"),
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_delimiters() {
        assert_eq!(sniff_delimiter("NIK;NAMA;DESA\n1;\"A;B\";C\n2;D;E\n"), b';');
        assert_eq!(sniff_delimiter("NIK\tNAMA\n1\tA\n"), b'\t');
        assert_eq!(sniff_delimiter("NIK|NAMA|X\n1|A, B|C\n"), b'|');
        assert_eq!(sniff_delimiter("DATA DTKS\nNIK,NAMA\n1,A\n2,B\n"), b',');
        assert_eq!(sep_hint("sep=;\nNIK,NAMA;X\n"), Some(b';'));
        assert_eq!(sep_hint("NIK;NAMA\n"), None);
    }

    #[test]
    fn sniffs_encoding() {
        assert_eq!(sniff_encoding("Nama’".as_bytes()), TextEncoding::Utf8);
        assert_eq!(sniff_encoding(b"Nama\x92s"), TextEncoding::Windows1252);
        assert_eq!(decode(b"Ma\x92ruf", TextEncoding::Windows1252), "Ma’ruf");
        assert!(utf16(b"\xFF\xFEN\x00").is_some());
        assert!(is_html(b"  <html><body><table>"));
        assert!(!is_html(b"NIK,NAMA"));
    }
}
