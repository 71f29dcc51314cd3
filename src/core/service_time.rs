//! Service hours and time standards: how long an application has waited, counted in
//! working minutes, and whether it is past the office's standard.
//!
//! The seeds give the shapes: Solok 5 minutes per step, Magetan 30 minutes in total,
//! Karangasem "1 hari kerja" with hours Mon-Thu 07:30-15:15 and Fri 08:00-13:00. Waiting
//! is counted only inside service hours, so an application received Friday 12:50 and
//! still open Monday 08:00 has waited 10 + 30 = 40 minutes, not three days.
//!
//! Everything here is pure: the caller passes "now" (the window's clock, frozen in
//! tests), and times are the office's local wall-clock times (`NaiveDateTime`).

#[cfg(test)]
mod tests;

use std::fmt;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use crate::core::settings::Settings;

/// How far ahead a deadline is searched: an office closed for longer has no deadline.
const MAX_DAYS: u32 = 400;

/// The hours of one service day, opening time before closing time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Span {
    /// Opening time.
    pub open: NaiveTime,
    /// Closing time (no service from this minute on).
    pub close: NaiveTime,
}

impl Span {
    /// Parses "07:30-15:15" (also "7.30 - 15.15"); the message says what is wrong.
    pub fn parse(text: &str) -> Result<Span, String> {
        let wrong = || {
            format!(
                "Jam \"{}\" tidak dikenal; tulis seperti 07:30-15:15.",
                text.trim()
            )
        };
        let (open, close) = text.split_once('-').ok_or_else(wrong)?;
        let time = |t: &str| {
            NaiveTime::parse_from_str(&t.trim().replace('.', ":"), "%H:%M").map_err(|_| wrong())
        };
        let (open, close) = (time(open)?, time(close)?);
        if close <= open {
            return Err("Jam tutup harus sesudah jam buka.".into());
        }
        Ok(Span { open, close })
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{}",
            self.open.format("%H:%M"),
            self.close.format("%H:%M")
        )
    }
}

impl TryFrom<String> for Span {
    type Error = String;
    fn try_from(text: String) -> Result<Span, String> {
        Span::parse(&text)
    }
}

impl From<Span> for String {
    fn from(span: Span) -> String {
        span.to_string()
    }
}

/// The service hours per weekday; `None` is a closed day (tutup).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceHours {
    /// Senin.
    pub monday: Option<Span>,
    /// Selasa.
    pub tuesday: Option<Span>,
    /// Rabu.
    pub wednesday: Option<Span>,
    /// Kamis.
    pub thursday: Option<Span>,
    /// Jumat.
    pub friday: Option<Span>,
    /// Sabtu.
    pub saturday: Option<Span>,
    /// Minggu.
    pub sunday: Option<Span>,
}

impl ServiceHours {
    /// The weekdays in order, Monday first, with their Indonesian names.
    pub const DAYS: [(Weekday, &'static str); 7] = [
        (Weekday::Mon, "Senin"),
        (Weekday::Tue, "Selasa"),
        (Weekday::Wed, "Rabu"),
        (Weekday::Thu, "Kamis"),
        (Weekday::Fri, "Jumat"),
        (Weekday::Sat, "Sabtu"),
        (Weekday::Sun, "Minggu"),
    ];

    /// The hours of `day` (`None`: closed).
    pub fn on(&self, day: Weekday) -> Option<Span> {
        *self.slot(day)
    }

    /// Sets the hours of `day` (`None`: closed).
    pub fn set(&mut self, day: Weekday, span: Option<Span>) {
        *self.slot_mut(day) = span;
    }

    fn slot(&self, day: Weekday) -> &Option<Span> {
        match day {
            Weekday::Mon => &self.monday,
            Weekday::Tue => &self.tuesday,
            Weekday::Wed => &self.wednesday,
            Weekday::Thu => &self.thursday,
            Weekday::Fri => &self.friday,
            Weekday::Sat => &self.saturday,
            Weekday::Sun => &self.sunday,
        }
    }

    fn slot_mut(&mut self, day: Weekday) -> &mut Option<Span> {
        match day {
            Weekday::Mon => &mut self.monday,
            Weekday::Tue => &mut self.tuesday,
            Weekday::Wed => &mut self.wednesday,
            Weekday::Thu => &mut self.thursday,
            Weekday::Fri => &mut self.friday,
            Weekday::Sat => &mut self.saturday,
            Weekday::Sun => &mut self.sunday,
        }
    }

    /// Whether the office serves at `at` (from the opening minute up to, not including,
    /// the closing minute).
    pub fn is_open(&self, at: NaiveDateTime) -> bool {
        self.on(at.weekday())
            .is_some_and(|s| s.open <= at.time() && at.time() < s.close)
    }

    /// The hours of `date` as a time range, if the office opens that day.
    fn range_on(&self, date: NaiveDate) -> Option<(NaiveDateTime, NaiveDateTime)> {
        self.on(date.weekday())
            .map(|s| (date.and_time(s.open), date.and_time(s.close)))
    }

    /// The first date on or after `from` on which the office opens.
    fn working_day_from(&self, from: NaiveDate) -> Option<NaiveDate> {
        from.iter_days()
            .take(MAX_DAYS as usize)
            .find(|d| self.on(d.weekday()).is_some())
    }
}

/// Minutes inside `hours` between `start` and `end` (0 when `end` is not after `start`).
pub fn working_minutes_between(
    start: NaiveDateTime,
    end: NaiveDateTime,
    hours: &ServiceHours,
) -> i64 {
    if end <= start {
        return 0;
    }
    let counted: Duration = start
        .date()
        .iter_days()
        .take_while(|d| *d <= end.date())
        .filter_map(|d| hours.range_on(d))
        .map(|(open, close)| (close.min(end) - open.max(start)).max(Duration::zero()))
        .sum();
    counted.num_minutes()
}

/// The total time an application may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Total {
    /// Working minutes (Magetan: 30).
    Minutes(u32),
    /// Working days: done by the close of the n-th working day after the day it came in
    /// (Karangasem: 1; a Saturday or Monday-morning intake is due by the close of the
    /// next working day, Monday or Tuesday).
    WorkingDays(u32),
}

impl fmt::Display for Total {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Total::Minutes(n) => write!(f, "{n} menit"),
            Total::WorkingDays(n) => write!(f, "{n} hari kerja"),
        }
    }
}

/// The office's time standard (mutu baku waktu).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeStandard {
    /// Minutes per step (Solok: 5), shown beside the lists as the pace to keep.
    pub step_minutes: u32,
    /// The total for the whole application.
    pub total: Total,
}

impl TimeStandard {
    /// When an application received at `received` is due, or `None` when the office
    /// never opens long enough (no service hours at all).
    ///
    /// Minutes are counted inside service hours from `received` (or from the next
    /// opening when it came in outside them). "1 hari kerja" means by the close of the
    /// next working day: the office then has the whole of that day's hours.
    pub fn deadline(&self, received: NaiveDateTime, hours: &ServiceHours) -> Option<NaiveDateTime> {
        match self.total {
            Total::Minutes(minutes) => {
                let mut left = i64::from(minutes);
                for date in received.date().iter_days().take(MAX_DAYS as usize) {
                    let Some((open, close)) = hours.range_on(date) else {
                        continue;
                    };
                    let from = open.max(received);
                    let available = (close - from).num_minutes();
                    if from < close && left <= available {
                        return Some(from + Duration::minutes(left));
                    }
                    left -= available.max(0);
                }
                None
            }
            Total::WorkingDays(days) => {
                // The n-th working day after the day of receipt (0: that day, or the
                // first working day after it when it came in on a closed day).
                let mut date = received.date();
                if days == 0 {
                    date = hours.working_day_from(date)?;
                }
                for _ in 0..days {
                    date = hours.working_day_from(date.succ_opt()?)?;
                }
                hours.range_on(date).map(|(_, close)| close)
            }
        }
    }

    /// Whether an application received at `received` and not done at `now` is past its
    /// deadline.
    pub fn is_late(
        &self,
        received: NaiveDateTime,
        now: NaiveDateTime,
        hours: &ServiceHours,
    ) -> bool {
        self.deadline(received, hours).is_some_and(|due| now > due)
    }
}

impl fmt::Display for TimeStandard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Standar waktu: {} menit per langkah, selesai dalam {}.",
            self.step_minutes, self.total
        )
    }
}

/// How long one application has waited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Waiting {
    /// Working minutes from receipt to its finish (or to now, while open).
    pub minutes: i64,
    /// Past the total standard (finished after its deadline, or still open after it).
    pub late: bool,
    /// Received outside service hours (an evening WhatsApp, a Saturday walk-in).
    pub outside_hours: bool,
    /// Finished (the last step is done); otherwise still waiting at now.
    pub finished: bool,
}

impl Waiting {
    /// The waiting of an application received at `received`, finished at `finished`
    /// (its last event) or still open at `now`.
    pub fn measure(
        received: NaiveDateTime,
        finished: Option<NaiveDateTime>,
        now: NaiveDateTime,
        hours: &ServiceHours,
        standard: &TimeStandard,
    ) -> Waiting {
        let end = finished.unwrap_or(now);
        Waiting {
            minutes: working_minutes_between(received, end, hours),
            late: standard.is_late(received, end, hours),
            outside_hours: !hours.is_open(received),
            finished: finished.is_some(),
        }
    }
}

/// The office local time of a stored RFC 3339 timestamp (the wall clock it was written
/// at), or `None` when it cannot be read.
pub fn local_time(timestamp: &str) -> Option<NaiveDateTime> {
    DateTime::parse_from_rfc3339(timestamp)
        .ok()
        .map(|t| t.naive_local())
}

/// What a list needs to show waiting times: the office's hours and standard, and the
/// moment waiting is measured at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ServiceClock {
    /// The service hours.
    pub hours: ServiceHours,
    /// The time standard.
    pub standard: TimeStandard,
    /// Now (passed in by the caller).
    pub now: NaiveDateTime,
}

impl ServiceClock {
    /// The hours and standard of `settings`, measured at `now`.
    pub fn new(settings: &Settings, now: NaiveDateTime) -> ServiceClock {
        ServiceClock {
            hours: settings.service_hours,
            standard: settings.time_standard,
            now,
        }
    }

    /// The waiting of an application written at `received` (RFC 3339) and finished at
    /// `finished`, if any; `None` when a timestamp cannot be read.
    pub fn waiting(&self, received: &str, finished: Option<&str>) -> Option<Waiting> {
        let finished = match finished {
            Some(at) => Some(local_time(at)?),
            None => None,
        };
        Some(Waiting::measure(
            local_time(received)?,
            finished,
            self.now,
            &self.hours,
            &self.standard,
        ))
    }
}
