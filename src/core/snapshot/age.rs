//! How old the active snapshot is, and whether the operator should ask for newer data.
//!
//! The age counts calendar months from the period the data describes ("2025-09") to the
//! date passed in; the core never reads the clock, so the window and tests pass their own
//! date. Periods that are not `YYYY-MM` (a program's stage, "Tahap 2") fall back to the
//! import date, counting whole months since that day.

use chrono::{DateTime, Datelike, NaiveDate};

use crate::core::snapshot::SnapshotInfo;

/// What the age was counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The snapshot's `YYYY-MM` period.
    Period,
    /// The import date (the period is not a month).
    Imported,
}

/// The age of a snapshot on a given date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotAge {
    /// Whole months old (0 in the period's own month).
    pub months: u32,
    /// What the months were counted from.
    pub basis: Basis,
    /// The office's limit in months ([`Settings::max_snapshot_age_months`]).
    ///
    /// [`Settings::max_snapshot_age_months`]: crate::core::settings::Settings::max_snapshot_age_months
    pub limit: u32,
}

impl SnapshotAge {
    /// The age of `snapshot` on `today` against a limit of `limit` months; `None` when
    /// neither the period nor the import date can be read.
    pub fn of(snapshot: &SnapshotInfo, today: NaiveDate, limit: u32) -> Option<SnapshotAge> {
        let (months, basis) = match period_month(&snapshot.period) {
            Some(month) => (months_between(month, today, false), Basis::Period),
            None => {
                let imported = DateTime::parse_from_rfc3339(snapshot.imported_at.trim())
                    .ok()?
                    .date_naive();
                (months_between(imported, today, true), Basis::Imported)
            }
        };
        Some(SnapshotAge {
            months,
            basis,
            limit,
        })
    }

    /// Whether the data is older than the office's limit.
    pub fn too_old(&self) -> bool {
        self.months > self.limit
    }

    /// "bulan ini", "1 bulan lalu", "5 bulan lalu".
    pub fn ago(&self) -> String {
        match self.months {
            0 => "bulan ini".into(),
            n => format!("{n} bulan lalu"),
        }
    }

    /// The line shown with a lookup, e.g. "Data DTSEN periode 2025-09 (2 bulan lalu)".
    pub fn describe(&self, snapshot: &SnapshotInfo) -> String {
        match self.basis {
            Basis::Period => format!(
                "Data {} periode {} ({})",
                snapshot.source,
                snapshot.period,
                self.ago()
            ),
            Basis::Imported => format!(
                "Data {} periode {} (diimpor {})",
                snapshot.source,
                snapshot.period,
                self.ago()
            ),
        }
    }

    /// The warning past the limit, e.g. "Data sudah 5 bulan; minta data terbaru ke tim data".
    pub fn warning(&self) -> Option<String> {
        self.too_old().then(|| {
            format!(
                "Data sudah {} bulan (batas {} bulan); minta data terbaru ke tim data.",
                self.months, self.limit
            )
        })
    }
}

/// The first day of a `YYYY-MM` period.
fn period_month(period: &str) -> Option<NaiveDate> {
    let (year, month) = period.trim().split_once('-')?;
    if year.len() != 4 || month.len() != 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, 1)
}

/// Calendar months from `from` to `to` (0 when `to` is earlier); with `whole`, a month
/// only counts once its day of the month is reached.
fn months_between(from: NaiveDate, to: NaiveDate, whole: bool) -> u32 {
    let mut months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    if whole && to.day() < from.day() {
        months -= 1;
    }
    months.max(0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(period: &str, imported_at: &str) -> SnapshotInfo {
        SnapshotInfo {
            id: 1,
            source: "DTSEN".into(),
            period: period.into(),
            file_name: "dtsen.csv".into(),
            imported_at: imported_at.into(),
            rows: 1,
            rejected: 0,
            active: true,
            demo: false,
            data_file: String::new(),
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_period_counts_calendar_months() {
        let s = snapshot("2025-09", "2025-10-20T09:00:00+07:00");
        let age = |today| SnapshotAge::of(&s, today, 3).unwrap();
        assert_eq!(age(day(2025, 9, 30)).months, 0);
        assert_eq!(age(day(2025, 9, 30)).ago(), "bulan ini");
        assert_eq!(age(day(2025, 10, 1)).months, 1);
        assert_eq!(age(day(2025, 11, 30)).months, 2);
        assert_eq!(
            age(day(2025, 11, 1)).describe(&s),
            "Data DTSEN periode 2025-09 (2 bulan lalu)"
        );
        // Across a year boundary; three months is still within the default limit.
        let december = age(day(2025, 12, 31));
        assert_eq!((december.months, december.too_old()), (3, false));
        assert_eq!(december.warning(), None);
        let february = age(day(2026, 2, 1));
        assert_eq!((february.months, february.too_old()), (5, true));
        assert_eq!(
            february.warning().unwrap(),
            "Data sudah 5 bulan (batas 3 bulan); minta data terbaru ke tim data."
        );
        assert_eq!(february.basis, Basis::Period);
    }

    #[test]
    fn a_date_before_the_period_is_not_negative() {
        let s = snapshot("2026-01", "");
        assert_eq!(SnapshotAge::of(&s, day(2025, 12, 15), 3).unwrap().months, 0);
    }

    #[test]
    fn a_stage_period_counts_whole_months_since_the_import() {
        let s = snapshot("Tahap 2", "2025-10-20T09:00:00+07:00");
        let age = |today| SnapshotAge::of(&s, today, 3).unwrap();
        assert_eq!(age(day(2025, 11, 19)).months, 0, "not yet a whole month");
        assert_eq!(age(day(2025, 11, 20)).months, 1);
        assert_eq!(age(day(2026, 2, 19)).months, 3);
        assert!(age(day(2026, 2, 20)).too_old());
        assert_eq!(age(day(2026, 2, 20)).basis, Basis::Imported);
        assert_eq!(
            age(day(2025, 12, 1)).describe(&s),
            "Data DTSEN periode Tahap 2 (diimpor 1 bulan lalu)"
        );
    }

    #[test]
    fn malformed_periods_fall_back_and_unreadable_dates_give_nothing() {
        for period in ["2025-9", "25-09", "2025-13", "2025/09"] {
            let s = snapshot(period, "2025-10-20T09:00:00+07:00");
            let age = SnapshotAge::of(&s, day(2025, 12, 20), 3).unwrap();
            assert_eq!((age.basis, age.months), (Basis::Imported, 2), "{period}");
        }
        assert_eq!(
            SnapshotAge::of(&snapshot("Tahap 1", ""), day(2025, 1, 1), 3),
            None
        );
    }
}
