//! The records of a delimited text file, guarded against what one stray quote does.
//!
//! A name typed as `"Haji Umar` opens a quoted field that the csv grammar closes only at
//! the next quote, lines or megabytes later: the rows in between would vanish into one
//! name. So a record whose cells hold line breaks is accepted only when it looks like a
//! real multi-line cell (an address typed with Alt+Enter): the same number of columns as
//! the record before it, at most [`MAX_CELL_LINES`] lines, and no column separator inside
//! the broken cell. Anything else, and any record longer than [`MAX_RECORD_BYTES`], is
//! rejected with its first line number, and reading starts again on the next line, so
//! nothing after the stray quote is lost.

use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read, Seek, SeekFrom};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::text::{Decoded, TextEncoding, fill_cells};
use super::{Cell, LineIssue};
use crate::core::{Error, Result};

/// Longest record accepted (bytes); a longer one is a quote left open.
const MAX_RECORD_BYTES: u64 = 1 << 20;

/// Most lines one record may span (a cell with a few line breaks).
const MAX_CELL_LINES: usize = 4;

/// Buffer of the csv reader; the guard allows for what it reads ahead.
const BUFFER: usize = 1 << 20;

/// Where the bytes come from: the file itself, or text decoded into memory (UTF-16).
pub(super) enum Origin {
    /// A file read from disk.
    File(PathBuf),
    /// Decoded text.
    Memory(Arc<[u8]>),
}

type Source = Box<dyn Read + Send>;

impl Origin {
    fn open_at(&self, offset: u64) -> std::io::Result<Source> {
        match self {
            Origin::File(path) => {
                let mut file = File::open(path)?;
                file.seek(SeekFrom::Start(offset))?;
                Ok(Box::new(file))
            }
            Origin::Memory(bytes) => {
                let mut cursor = Cursor::new(Arc::clone(bytes));
                cursor.set_position(offset);
                Ok(Box::new(cursor))
            }
        }
    }

    fn path(&self) -> PathBuf {
        match self {
            Origin::File(path) => path.clone(),
            Origin::Memory(_) => PathBuf::new(),
        }
    }
}

/// Stops the csv reader (with an error) once it reads far past the last record's end.
struct Guard {
    inner: Source,
    read: u64,
    limit: Arc<AtomicU64>,
}

/// The error text of a guard stop, told apart from a real I/O error.
const RUNAWAY: &str = "record too long";

impl Read for Guard {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.read > self.limit.load(Ordering::Relaxed) {
            return Err(std::io::Error::other(RUNAWAY));
        }
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

/// Finds the line a record starts on, as a text editor or spreadsheet numbers it.
///
/// The csv reader reports where it started reading a record, which can be the `\n` of a
/// CRLF or a run of skipped blank lines; this reads the same bytes alongside, counting
/// newlines up to the record's first real byte.
struct LineCounter {
    reader: BufReader<Source>,
    offset: u64,
    line: u64,
}

impl LineCounter {
    fn line_of_record(&mut self, start: u64) -> Option<u64> {
        loop {
            let buf = self.reader.fill_buf().ok()?;
            if buf.is_empty() {
                return Some(self.line);
            }
            // Up to the reported start: count newlines in bulk.
            let ahead = usize::try_from(start.saturating_sub(self.offset)).unwrap_or(usize::MAX);
            let bulk = ahead.min(buf.len());
            self.line += count_newlines(&buf[..bulk]);
            // From there: skip the line breaks before the record's first real byte.
            let breaks = buf[bulk..]
                .iter()
                .take_while(|&&b| b == b'\n' || b == b'\r')
                .count();
            self.line += count_newlines(&buf[bulk..bulk + breaks]);
            let used = bulk + breaks;
            self.offset += used as u64;
            let reached = used < buf.len();
            self.reader.consume(used);
            if reached {
                return Some(self.line);
            }
        }
    }

    /// Moves past the end of the current line; returns the offset of the next one.
    fn skip_line(&mut self) -> std::io::Result<u64> {
        let mut skipped = Vec::new();
        let n = (&mut self.reader)
            .take(MAX_RECORD_BYTES + BUFFER as u64)
            .read_until(b'\n', &mut skipped)?;
        self.offset += n as u64;
        self.line += 1;
        Ok(self.offset)
    }
}

fn count_newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

/// Records of a delimited file with their line numbers.
pub(super) struct CsvRows {
    origin: Origin,
    delimiter: u8,
    encoding: TextEncoding,
    reader: csv::Reader<Guard>,
    /// Offset in the text where `reader` started (after a resynchronisation).
    base: u64,
    limit: Arc<AtomicU64>,
    record: csv::ByteRecord,
    lines: LineCounter,
    /// Columns of the last accepted record.
    expected: Option<usize>,
    /// Lines rejected or repaired while reading, not yet taken.
    pub(super) issues: Vec<LineIssue>,
}

impl CsvRows {
    /// Starts reading `origin` from its beginning.
    pub(super) fn new(origin: Origin, delimiter: u8, encoding: TextEncoding) -> Result<CsvRows> {
        let limit = Arc::new(AtomicU64::new(0));
        let io = |e| Error::io(origin.path(), e);
        let reader = csv_reader(origin.open_at(0).map_err(io)?, delimiter, &limit, 0);
        let lines = LineCounter {
            reader: BufReader::with_capacity(BUFFER, origin.open_at(0).map_err(io)?),
            offset: 0,
            line: 1,
        };
        Ok(CsvRows {
            origin,
            delimiter,
            encoding,
            reader,
            base: 0,
            limit,
            record: csv::ByteRecord::new(),
            lines,
            expected: None,
            issues: Vec::new(),
        })
    }

    /// Offset in the text read so far.
    pub(super) fn position(&self) -> u64 {
        self.base + self.reader.position().byte()
    }

    /// Fills `cells` with the next good record and returns its first line, or `None` at
    /// the end. Broken records are noted in `issues` and skipped.
    pub(super) fn next_into(&mut self, cells: &mut Vec<Cell>) -> Option<Result<u64>> {
        loop {
            let start = self.position();
            self.limit
                .store(start + MAX_RECORD_BYTES + BUFFER as u64, Ordering::Relaxed);
            let line = match self.reader.read_byte_record(&mut self.record) {
                Ok(false) => return None,
                Ok(true) => {
                    let first = self.base + self.record.position().map_or(0, |p| p.byte());
                    self.lines
                        .line_of_record(first)
                        .unwrap_or_else(|| self.reader.position().line())
                }
                Err(e) if is_runaway(&e) => {
                    let line = self.lines.line_of_record(start).unwrap_or(0);
                    let reason = format!(
                        "baris lebih panjang dari {} KB: ada tanda kutip (\") tanpa pasangan; \
                         baris ini ditolak, baris sesudahnya tetap dibaca",
                        MAX_RECORD_BYTES / 1024
                    );
                    if let Err(e) = self.reject_and_resync(line, reason) {
                        return Some(Err(e));
                    }
                    continue;
                }
                Err(e) => {
                    let line = self.reader.position().line();
                    return Some(Err(Error::Invalid(format!(
                        "berkas tidak dapat dibaca sekitar baris {line}: {e}"
                    ))));
                }
            };
            if let Some(reason) = self.mangled() {
                if let Err(e) = self.reject_and_resync(line, reason) {
                    return Some(Err(e));
                }
                continue;
            }
            self.expected = Some(self.record.len());
            match fill_cells(&self.record, self.encoding, cells) {
                Decoded::Clean => {}
                Decoded::Repaired(column) => self.issues.push(LineIssue::repaired(
                    line,
                    format!(
                        "huruf di kolom ke-{} bukan UTF-8; dibaca sebagai Windows-1252",
                        column + 1
                    ),
                )),
                Decoded::Damaged(column) => {
                    self.issues.push(LineIssue::rejected(
                        line,
                        format!(
                            "teks di kolom ke-{} rusak (campuran UTF-8 dan pengodean lain); \
                             perbaiki baris ini di berkas asal",
                            column + 1
                        ),
                    ));
                    continue;
                }
            }
            return Some(Ok(line));
        }
    }

    /// Why the record just read is a stray quote's work rather than real data, if it is.
    fn mangled(&self) -> Option<String> {
        let broken = |field: &[u8]| field.iter().any(|&b| b == b'\n' || b == b'\r');
        if !broken(self.record.as_slice()) {
            return None;
        }
        let spanned = count_newlines(self.record.as_slice()) as usize + 1;
        let separator_inside = self
            .record
            .iter()
            .any(|f| broken(f) && f.contains(&self.delimiter));
        let columns_changed = self.expected.is_some_and(|n| n != self.record.len());
        (spanned > MAX_CELL_LINES || separator_inside || columns_changed).then(|| {
            format!(
                "tanda kutip (\") tanpa pasangan menyambung sel ini ke {} baris berikutnya; \
                 baris ini ditolak, baris sesudahnya tetap dibaca",
                spanned - 1
            )
        })
    }

    /// Rejects `line` and starts reading again at the line after it.
    fn reject_and_resync(&mut self, line: u64, reason: String) -> Result<()> {
        self.issues.push(LineIssue::rejected(line, reason));
        let io = |e| Error::io(self.origin.path(), e);
        let next = self.lines.skip_line().map_err(io)?;
        let source = self.origin.open_at(next).map_err(io)?;
        self.reader = csv_reader(source, self.delimiter, &self.limit, next);
        self.base = next;
        Ok(())
    }
}

fn csv_reader(
    source: Source,
    delimiter: u8,
    limit: &Arc<AtomicU64>,
    at: u64,
) -> csv::Reader<Guard> {
    limit.store(at + MAX_RECORD_BYTES + BUFFER as u64, Ordering::Relaxed);
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(BUFFER)
        .from_reader(Guard {
            inner: source,
            read: at,
            limit: Arc::clone(limit),
        })
}

fn is_runaway(e: &csv::Error) -> bool {
    matches!(e.kind(), csv::ErrorKind::Io(io) if io.to_string() == RUNAWAY)
}
