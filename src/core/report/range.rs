//! The period a report covers: typed dates, a month, and the shortcuts the screen offers
//! (this month, last month, this quarter).

use std::fmt;

use chrono::{Datelike, Months, NaiveDate};

use crate::core::{Error, Result};

/// The longest period a report covers (a year, with room for a leap day).
pub const MAX_DAYS: i64 = 366;

/// A checked period: `from` on or before `to`, at most [`MAX_DAYS`] days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First day (inclusive).
    pub from: NaiveDate,
    /// Last day (inclusive).
    pub to: NaiveDate,
}

impl Period {
    /// The period `from`..=`to`; refuses a reversed or over-long one with a message
    /// that says what to change.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Period> {
        if from > to {
            return Err(Error::Invalid(format!(
                "Tanggal awal ({from}) sesudah tanggal akhir ({to}); tukar kedua tanggal."
            )));
        }
        if (to - from).num_days() >= MAX_DAYS {
            return Err(Error::Invalid(format!(
                "Periode laporan paling panjang {MAX_DAYS} hari; pecah menjadi beberapa laporan."
            )));
        }
        Ok(Period { from, to })
    }

    /// The calendar month starting at `first_day`.
    pub fn month(first_day: NaiveDate) -> Period {
        let first = first_day.with_day(1).unwrap_or(first_day);
        let next = first + Months::new(1);
        Period {
            from: first,
            to: next.pred_opt().unwrap_or(first),
        }
    }

    /// The month `today` falls in.
    pub fn this_month(today: NaiveDate) -> Period {
        Period::month(today)
    }

    /// The month before the one `today` falls in.
    pub fn last_month(today: NaiveDate) -> Period {
        Period::month(Period::month(today).from - Months::new(1))
    }

    /// The quarter (Januari-Maret, April-Juni, ...) `today` falls in.
    pub fn this_quarter(today: NaiveDate) -> Period {
        let first_month = (today.month0() / 3) * 3 + 1;
        let from = NaiveDate::from_ymd_opt(today.year(), first_month, 1).unwrap_or(today);
        Period {
            from,
            to: Period::month(from + Months::new(2)).to,
        }
    }

    /// The period cut at month ends: the part of each calendar month it covers, in
    /// order (one piece for a period inside one month).
    pub fn months(&self) -> Vec<Period> {
        let mut pieces = Vec::new();
        let mut from = self.from;
        while from <= self.to {
            let to = Period::month(from).to.min(self.to);
            pieces.push(Period { from, to });
            match to.succ_opt() {
                Some(next) => from = next,
                None => break,
            }
        }
        pieces
    }

    /// The days of the period, in order.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + use<> {
        let to = self.to;
        self.from.iter_days().take_while(move |d| *d <= to)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} s.d. {}", self.from, self.to)
    }
}

/// Parses `YYYY-MM-DD`; the message names the field and shows the format.
pub fn parse_date(text: &str, what: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        Error::Invalid(format!(
            "{what} \"{}\" harus berformat YYYY-MM-DD, misalnya 2026-11-01.",
            text.trim()
        ))
    })
}

/// Parses `YYYY-MM` into the first day of that month.
pub fn parse_month(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{}-01", text.trim()), "%Y-%m-%d").map_err(|_| {
        Error::Invalid(format!(
            "Bulan \"{text}\" harus berformat YYYY-MM, misalnya 2026-11."
        ))
    })
}
