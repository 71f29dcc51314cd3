//! Service times of the period against the office's standard
//! ([`ServiceClock`]): from the application's intake to the event that finished it
//! (handed over, sent online, or closed after the slip).

use rusqlite::{Connection, params};
use serde::Serialize;

use super::{Period, median};
use crate::core::Result;
use crate::core::register::Status;
use crate::core::service_time::ServiceClock;

/// How long the applications of the period took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceTimes {
    /// The office's standard, in words.
    pub standard: String,
    /// Applications received in the period and finished (handed over, sent, closed).
    pub finished: i64,
    /// Of those, finished within the standard.
    pub on_time: i64,
    /// Median working minutes from intake to finish, of the finished ones.
    pub median_minutes: Option<i64>,
    /// The longest, in working minutes.
    pub worst_minutes: Option<i64>,
    /// Applications received in the period, still open and already past the standard
    /// at the time the report was made.
    pub open_late: i64,
}

impl ServiceTimes {
    /// The share finished on time, in percent (`None` when nothing finished).
    pub fn on_time_percent(&self) -> Option<f64> {
        (self.finished > 0).then(|| self.on_time as f64 * 100.0 / self.finished as f64)
    }
}

/// The service times measured so far, piece by piece.
#[derive(Debug, Default)]
pub(super) struct TimesTally {
    minutes: Vec<i64>,
    on_time: i64,
    open_late: i64,
}

impl TimesTally {
    /// Measures the applications received in `piece` (cancelled ones excepted) with the
    /// office's hours and standard in `clock`.
    pub(super) fn add(
        &mut self,
        conn: &Connection,
        piece: Period,
        clock: &ServiceClock,
    ) -> Result<()> {
        let mut stmt = conn.prepare(
            "SELECT a.created_at, a.status,
                    (SELECT e.at FROM application_event e
                     WHERE e.application_id = a.id AND e.kind = 'langkah'
                       AND e.status = a.status AND e.undone_by IS NULL
                     ORDER BY e.id DESC LIMIT 1)
             FROM application a
             WHERE substr(a.created_at, 1, 10) BETWEEN ?1 AND ?2 AND a.status != ?3",
        )?;
        let rows = stmt.query_map(
            params![
                piece.from.to_string(),
                piece.to.to_string(),
                Status::Dibatalkan.code()
            ],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            },
        )?;
        for row in rows {
            let (received, status, last) = row?;
            let finished = Status::from_code(&status)
                .is_final()
                .then_some(last)
                .flatten();
            let Some(waiting) = clock.waiting(&received, finished.as_deref()) else {
                continue;
            };
            if waiting.finished {
                self.minutes.push(waiting.minutes);
                self.on_time += i64::from(!waiting.late);
            } else {
                self.open_late += i64::from(waiting.late);
            }
        }
        Ok(())
    }

    /// The times of every piece measured, against `clock`'s standard.
    pub(super) fn finish(mut self, clock: &ServiceClock) -> ServiceTimes {
        ServiceTimes {
            standard: clock.standard.to_string(),
            finished: self.minutes.len() as i64,
            on_time: self.on_time,
            worst_minutes: self.minutes.iter().max().copied(),
            median_minutes: median(&mut self.minutes),
            open_late: self.open_late,
        }
    }
}
