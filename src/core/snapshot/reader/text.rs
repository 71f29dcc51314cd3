//! Delimited text files: encoding (UTF-8, Windows-1252, UTF-16 with BOM) and delimiter
//! sniffing (on the evidence of the first megabytes), Excel's `sep=` hint line. The
//! records themselves are read by [`super::csv_rows`].

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::csv_rows::{CsvRows, Origin};
use super::{Cell, Rows, RowsInner};
use crate::core::{Error, Result};

/// Text encodings we sniff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 (a BOM is dropped).
    Utf8,
    /// Windows-1252, as saved by Excel on Windows.
    Windows1252,
}

/// How a record's bytes became text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Decoded {
    /// In the file's encoding.
    Clean,
    /// A column (0-based) was not valid UTF-8 and held nothing else that was: read as
    /// Windows-1252, as a stray byte from a Windows program usually is.
    Repaired(usize),
    /// A column mixed valid UTF-8 with invalid bytes: no reading of it is trustworthy.
    Damaged(usize),
}

/// Fills `cells` with the trimmed cells of one record, reusing the buffers already there.
/// A UTF-8 record is validated once as a whole rather than field by field.
pub(super) fn fill_cells(
    record: &csv::ByteRecord,
    encoding: TextEncoding,
    cells: &mut Vec<Cell>,
) -> Decoded {
    let whole = match encoding {
        TextEncoding::Utf8 => std::str::from_utf8(record.as_slice()).ok(),
        TextEncoding::Windows1252 => None,
    };
    let mut outcome = Decoded::Clean;
    cells.truncate(record.len());
    for i in 0..record.len() {
        let field = whole.zip(record.range(i)).and_then(|(w, r)| w.get(r));
        let decoded;
        let text = match field {
            Some(text) => text.trim_start_matches('\u{feff}').trim(),
            None => {
                let (text, how) = decode_field(&record[i], encoding);
                if outcome == Decoded::Clean {
                    outcome = match how {
                        FieldDecoding::Repaired => Decoded::Repaired(i),
                        FieldDecoding::Damaged => Decoded::Damaged(i),
                        FieldDecoding::Clean => Decoded::Clean,
                    };
                }
                decoded = text;
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
    outcome
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FieldDecoding {
    Clean,
    Repaired,
    Damaged,
}

fn decode_field(bytes: &[u8], encoding: TextEncoding) -> (String, FieldDecoding) {
    if encoding == TextEncoding::Windows1252 {
        let text = encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned();
        return (text, FieldDecoding::Clean);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (
            s.trim_start_matches('\u{feff}').to_string(),
            FieldDecoding::Clean,
        ),
        Err(_) if utf8_evidence(bytes).valid == 0 => (
            encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
            FieldDecoding::Repaired,
        ),
        Err(_) => (
            String::from_utf8_lossy(bytes).into_owned(),
            FieldDecoding::Damaged,
        ),
    }
}

/// Decodes a sample in the file's encoding (invalid UTF-8 read as Windows-1252).
pub(super) fn decode(bytes: &[u8], encoding: TextEncoding) -> String {
    decode_field(bytes, encoding).0
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

/// Bytes of a text file read to decide its encoding.
const ENCODING_SAMPLE: u64 = 16 << 20;

/// Opens a delimited text file whose first bytes are `head`.
pub(super) fn open_text(path: &Path, head: &[u8], total_bytes: u64) -> Result<Rows> {
    let (origin, encoding, label, total, sample) = match utf16(head) {
        Some(wide) => {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            let text = wide.decode(&bytes).0.into_owned().into_bytes();
            let sample = String::from_utf8_lossy(&text[..text.len().min(64 * 1024)]).into_owned();
            let total = text.len() as u64;
            let origin = Origin::Memory(text.into());
            (origin, TextEncoding::Utf8, "UTF-16", total, sample)
        }
        None => {
            let mut evidence = Vec::new();
            File::open(path)
                .and_then(|f| f.take(ENCODING_SAMPLE).read_to_end(&mut evidence))
                .map_err(|e| Error::io(path, e))?;
            let encoding = sniff_encoding(&evidence);
            let label = match encoding {
                TextEncoding::Utf8 => "UTF-8",
                TextEncoding::Windows1252 => "Windows-1252",
            };
            let sample = decode(head, encoding);
            let origin = Origin::File(path.to_path_buf());
            (origin, encoding, label, total_bytes, sample)
        }
    };
    let delimiter = sep_hint(&sample).unwrap_or_else(|| sniff_delimiter(&sample));
    let delimiter_name = match delimiter {
        b'\t' => "tab".to_string(),
        d => format!("'{}'", d as char),
    };
    Ok(Rows {
        inner: RowsInner::Csv(Box::new(CsvRows::new(origin, delimiter, encoding)?)),
        total_bytes: total,
        format: format!("teks dipisah {delimiter_name}, {label}"),
    })
}

/// Non-ASCII characters that are valid UTF-8, and byte sequences that are not.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Utf8Evidence {
    /// Valid multi-byte characters.
    pub valid: usize,
    /// Invalid sequences.
    pub invalid: usize,
}

/// Counts the evidence for and against UTF-8 in `bytes` (a character cut at the end is
/// neither).
pub(super) fn utf8_evidence(mut bytes: &[u8]) -> Utf8Evidence {
    let mut evidence = Utf8Evidence::default();
    let count = |text: &[u8]| text.iter().filter(|&&b| b >= 0xC0).count();
    loop {
        match std::str::from_utf8(bytes) {
            Ok(_) => {
                evidence.valid += count(bytes);
                return evidence;
            }
            Err(e) => {
                evidence.valid += count(&bytes[..e.valid_up_to()]);
                let Some(bad) = e.error_len() else {
                    return evidence;
                };
                evidence.invalid += 1;
                bytes = &bytes[e.valid_up_to() + bad..];
            }
        }
    }
}

/// UTF-8 unless the evidence says otherwise: a file with invalid sequences and no more
/// valid non-ASCII characters than invalid ones is Windows-1252. A UTF-8 file with a few
/// stray bytes stays UTF-8 (those cells are repaired or rejected row by row and reported).
pub fn sniff_encoding(sample: &[u8]) -> TextEncoding {
    let evidence = utf8_evidence(sample);
    if evidence.invalid > 0 && evidence.valid <= evidence.invalid {
        TextEncoding::Windows1252
    } else {
        TextEncoding::Utf8
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
