//! What a spreadsheet program did to a whole column, told from the evidence of all its
//! cells rather than one cell at a time.
//!
//! - **Rounded numbers.** Excel keeps 15 significant digits, and LibreOffice writes XLSX
//!   numbers the same way: a 16-digit NIK or KK stored as a number loses its last digit,
//!   which becomes 0. One number ending in 0 proves nothing (one in ten do), but a column
//!   where most of them do was rounded, and every such cell in it is untrustworthy: the
//!   lost digit is never guessed.
//! - **Day and month swapped.** A dd/mm file opened under an English (US) locale becomes
//!   date cells read month-first wherever the day is 12 or less. The NIK holds the birth
//!   day and month, so when date cells agree with their NIK only after swapping, far more
//!   often than as read, the column was read month-first and is restored.

use chrono::{Datelike, NaiveDate};

use crate::core::nik::Nik;
use crate::core::snapshot::reader::Cell;

/// Fewest suspect cells before a column is judged (below that, chance explains them).
const MIN_EVIDENCE: u64 = 3;

/// Numeric cells of a 16-digit column, and how many end in 0.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Rounding {
    /// Cells holding a 16-digit integer as a number.
    pub numeric: u64,
    /// Of those, the ones ending in 0.
    pub ending_zero: u64,
}

impl Rounding {
    /// Notes a cell; true when it is a 16-digit number ending in 0, which is rejected or
    /// dropped if the column turns out to be rounded.
    pub fn observe(&mut self, cell: &Cell) -> bool {
        let Cell::Number(n) = cell else {
            return false;
        };
        if !(1e15..1e16).contains(n) || n.fract() != 0.0 {
            return false;
        }
        self.numeric += 1;
        let zero = (*n as i64) % 10 == 0;
        self.ending_zero += u64::from(zero);
        zero
    }

    /// True when the column's numbers were rounded: most of them end in 0, where about
    /// one in ten would by chance.
    pub fn is_rounded(&self) -> bool {
        self.ending_zero >= MIN_EVIDENCE && self.ending_zero * 2 > self.numeric
    }

    /// The reject reason for a rounded NIK cell.
    pub fn nik_reason(&self) -> String {
        format!(
            "NIK tersimpan sebagai angka yang dibulatkan program lembar kerja (15 digit \
             bermakna): {} dari {} NIK angka di kolom ini berakhiran 0, jadi digit terakhirnya \
             hilang dan NIK ini bisa milik orang lain. Ekspor ulang dari sumbernya dengan \
             kolom NIK sebagai teks (atau sebagai CSV)",
            self.ending_zero, self.numeric
        )
    }
}

/// Date cells compared with the birth date in their row's NIK.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DateOrder {
    /// Date cells whose day and month agree with the NIK as read (day and month
    /// different: when equal, a cell is evidence of nothing).
    pub as_read: u64,
    /// Date cells that agree with the NIK only with day and month swapped.
    pub swapped: u64,
}

impl DateOrder {
    /// Compares a birth date read from `cell` with the NIK; true when the cell is a date
    /// cell whose day and month could have been swapped (both 12 or less, not equal).
    pub fn observe(&mut self, cell: &Cell, date: NaiveDate, nik: &Nik) -> bool {
        if !matches!(cell, Cell::Date(_) | Cell::Number(_)) {
            return false;
        }
        let from_nik = nik.birth_date();
        let (day, month) = (date.day(), date.month());
        if day == month {
            // The same either way round: no evidence.
            return false;
        }
        if (day, month) == (from_nik.day(), from_nik.month()) {
            self.as_read += 1;
        } else if (month, day) == (from_nik.day(), from_nik.month()) {
            self.swapped += 1;
        }
        day <= 12
    }

    /// True when far more date cells agree with their NIK swapped than as read.
    pub fn is_swapped(&self) -> bool {
        self.swapped >= MIN_EVIDENCE && self.swapped > 4 * self.as_read
    }
}

/// Everything observed over the whole file.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Evidence {
    /// The NIK column's numeric cells.
    pub nik: Rounding,
    /// The KK column's numeric cells.
    pub kk: Rounding,
    /// The birth date column's date cells.
    pub dates: DateOrder,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_of_rounded_numbers_is_told_from_exact_ones() {
        let mut exact = Rounding::default();
        for serial in 1..=40 {
            exact.observe(&Cell::Number(3520011705850000.0 + f64::from(serial)));
        }
        assert_eq!((exact.numeric, exact.ending_zero), (40, 4));
        assert!(!exact.is_rounded());
        let mut rounded = Rounding::default();
        for serial in 1..=5 {
            let flagged =
                rounded.observe(&Cell::Number(3520011705850000.0 + f64::from(serial) * 10.0));
            assert!(flagged);
        }
        assert!(rounded.is_rounded());
        assert!(!rounded.observe(&Cell::Text("3520011705850001".into())));
        assert!(!rounded.observe(&Cell::Number(12.0)));
        let mut two = Rounding::default();
        two.observe(&Cell::Number(3520011705850010.0));
        two.observe(&Cell::Number(3520011705850020.0));
        assert!(!two.is_rounded(), "two cells are not evidence");
    }

    #[test]
    fn dates_that_match_their_nik_only_swapped_are_detected() {
        let nik = Nik::parse("3520010503850001").unwrap(); // born 5 March 1985
        let swapped = NaiveDate::from_ymd_opt(1985, 5, 3).unwrap();
        let right = NaiveDate::from_ymd_opt(1985, 3, 5).unwrap();
        let mut order = DateOrder::default();
        for _ in 0..3 {
            assert!(order.observe(&Cell::Date(swapped), swapped, &nik));
        }
        assert!(order.is_swapped());
        assert!(!order.observe(&Cell::Text("05/03/1985".into()), right, &nik));
        let mut normal = DateOrder::default();
        for _ in 0..10 {
            normal.observe(&Cell::Date(right), right, &nik);
        }
        normal.observe(&Cell::Date(swapped), swapped, &nik);
        assert!(!normal.is_swapped());
    }
}
