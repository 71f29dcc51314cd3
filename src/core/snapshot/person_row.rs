//! A parsed person row: its text columns packed in one buffer, so a row costs two
//! allocations instead of a dozen (which shows at millions of rows).

use crate::core::snapshot::normalize;
use crate::core::snapshot::reader::Cell;

/// The text columns of a person row, in the order they are packed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    /// Family card number.
    Kk,
    /// Display name.
    Name,
    /// Search key of the name.
    NameKey,
    /// `YYYY-MM-DD`.
    BirthDate,
    /// Place of birth.
    BirthPlace,
    /// Address.
    Address,
    /// Village.
    Desa,
    /// District.
    Kec,
    /// ID DTKS.
    IdDtks,
    /// Programs, comma separated.
    Programs,
}

/// Number of [`Text`] columns.
const TEXTS: usize = 10;

/// Cells of a row that are wrong if their whole column turns out to be (see
/// [`super::evidence`]).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Suspect {
    /// The NIK is a 16-digit number ending in 0.
    pub nik_rounded: bool,
    /// The KK is a 16-digit number ending in 0.
    pub kk_rounded: bool,
    /// The birth date is a date cell whose day and month could be swapped.
    pub date_swapped: bool,
}

impl Suspect {
    /// True when any cell is suspect.
    pub fn any(&self) -> bool {
        self.nik_rounded || self.kk_rounded || self.date_swapped
    }
}

/// One person row, cleaned and ready to insert; its text columns share one buffer.
pub struct PersonRow {
    /// Line in the file.
    pub line: u64,
    /// The NIK as a number (how it is stored).
    pub key: i64,
    /// "L" or "P".
    pub sex: Option<&'static str>,
    /// Decile 1-10.
    pub desil: Option<i64>,
    /// Cells to correct or refuse once the whole file is read.
    pub suspect: Suspect,
    buffer: String,
    ends: [u32; TEXTS],
    filled: usize,
}

impl PersonRow {
    /// An empty row for file line `line` and NIK `key`; text columns follow with `push`.
    pub(super) fn new(line: u64, key: i64) -> PersonRow {
        PersonRow {
            line,
            key,
            sex: None,
            desil: None,
            suspect: Suspect::default(),
            buffer: String::with_capacity(192),
            ends: [0; TEXTS],
            filled: 0,
        }
    }

    /// Appends the next text column (columns are pushed in [`Text`] order).
    pub(super) fn push(&mut self, text: &str) {
        self.buffer.push_str(text);
        self.end_column();
    }

    fn end_column(&mut self) {
        self.ends[self.filled] = self.buffer.len() as u32;
        self.filled += 1;
    }

    /// A text column, `None` when empty.
    pub fn text(&self, column: Text) -> Option<&str> {
        let i = column as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        let text = &self.buffer[start..self.ends[i] as usize];
        (!text.is_empty()).then_some(text)
    }
}

impl PersonRow {
    /// Adds a program to the last column (the programs) unless it is already listed.
    pub(super) fn add_program(&mut self, program: &str) {
        let start = self.ends[..self.filled].last().copied().unwrap_or(0) as usize;
        let listed = &self.buffer[start..];
        if listed.split(", ").any(|p| p == program) {
            return;
        }
        if !listed.is_empty() {
            self.buffer.push_str(", ");
        }
        self.buffer.push_str(program);
    }

    /// Adds the programs whose flag column says yes, then closes the programs column.
    pub(super) fn push_flags(&mut self, cells: &[Cell], flags: &[(usize, String)]) {
        for (i, program) in flags {
            if cells.get(*i).is_some_and(normalize::flag) {
                self.add_program(program);
            }
        }
        self.end_column();
    }
}
