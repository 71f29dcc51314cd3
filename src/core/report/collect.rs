//! The counting queries of the period report, run over one piece of the period at a time
//! and added into a [`Tally`]: a long period is counted month by month (so the window can
//! show how far it got) and gives the same report as one pass over the whole of it.
//!
//! Every query text is fixed; the piece's first and last day are bound as `?1` and `?2`
//! and compared with the local date part of the stored RFC 3339 times.

use std::collections::HashMap;

use rusqlite::{Connection, params};

use super::times::TimesTally;
use super::{ComplaintStats, Count, DayCount, Outcome, Period, median};
use crate::core::Result;
use crate::core::register::Status;
use crate::core::service_time::ServiceClock;
use crate::core::usulan::Stage;

/// Applications received in the period (`a` is the application).
const IN_PERIOD: &str = "substr(a.created_at, 1, 10) BETWEEN ?1 AND ?2";

/// A text typed by people, counted without regard to case or surrounding spaces; the
/// label is the spelling of the earliest application (the lowest id) in the group.
#[derive(Debug, Default)]
struct Grouped(HashMap<String, (i64, String, i64)>);

impl Grouped {
    fn add(&mut self, id: i64, text: String, blank: &str) {
        let label = || {
            if text.is_empty() {
                blank.to_string()
            } else {
                text.clone()
            }
        };
        let entry = self
            .0
            .entry(text.to_lowercase())
            .or_insert_with(|| (id, label(), 0));
        if id < entry.0 {
            (entry.0, entry.1) = (id, label());
        }
        entry.2 += 1;
    }

    fn counts(self) -> Vec<Count> {
        most_first(
            self.0
                .into_values()
                .map(|(_, label, count)| Count { label, count })
                .collect(),
        )
    }
}

/// Counts sorted most first, then by label (byte order, as SQLite's `ORDER BY`).
fn most_first(mut counts: Vec<Count>) -> Vec<Count> {
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    counts
}

/// `tally` as counts, most first.
fn ranked(tally: HashMap<String, i64>) -> Vec<Count> {
    most_first(
        tally
            .into_iter()
            .map(|(label, count)| Count { label, count })
            .collect(),
    )
}

/// The report's counts added up over the pieces counted so far.
#[derive(Debug, Default)]
pub(super) struct Tally {
    pub(super) applications: i64,
    outcome: HashMap<Outcome, i64>,
    channel: HashMap<String, i64>,
    purpose: Grouped,
    desa: Grouped,
    petugas: HashMap<String, i64>,
    day: HashMap<String, i64>,
    pub(super) letters_issued: i64,
    pub(super) letters_voided: i64,
    pub(super) reprints: i64,
    pub(super) slips: i64,
    stage: HashMap<String, i64>,
    pub(super) times: TimesTally,
    complaints_received: i64,
    response_minutes: Vec<i64>,
}

impl Tally {
    /// Counts the applications, letters, proposals and complaints of `piece` in `conn`,
    /// and measures its service times with `clock`.
    pub(super) fn add(
        &mut self,
        conn: &Connection,
        piece: Period,
        clock: &ServiceClock,
    ) -> Result<()> {
        let q = Query {
            conn,
            from: piece.from.to_string(),
            to: piece.to.to_string(),
        };
        self.applications += q.one(&format!(
            "SELECT COUNT(*) FROM application a WHERE {IN_PERIOD}"
        ))?;
        q.each(
            &format!(
                "SELECT a.status, COUNT(*) FROM application a WHERE {IN_PERIOD} GROUP BY a.status"
            ),
            |status, n| {
                *self
                    .outcome
                    .entry(Outcome::of(Status::from_code(&status)))
                    .or_default() += n;
            },
        )?;
        q.each(
            &format!(
                "SELECT a.channel, COUNT(*) FROM application a WHERE {IN_PERIOD} GROUP BY a.channel"
            ),
            |channel, n| *self.channel.entry(channel).or_default() += n,
        )?;
        q.texts("purpose", |id, text| {
            self.purpose.add(id, text, "(tanpa keperluan)")
        })?;
        q.texts("desa", |id, text| self.desa.add(id, text, "(tanpa desa)"))?;
        // The petugas is the actor of the intake event (the first event, which has no
        // state before it).
        q.each(
            &format!(
                "SELECT COALESCE((SELECT e.actor FROM application_event e
                                  WHERE e.application_id = a.id AND e.from_status IS NULL
                                  ORDER BY e.id LIMIT 1), '(tidak diketahui)') AS who,
                        COUNT(*)
                 FROM application a WHERE {IN_PERIOD} GROUP BY who"
            ),
            |who, n| *self.petugas.entry(who).or_default() += n,
        )?;
        q.each(
            &format!(
                "SELECT substr(a.created_at, 1, 10), COUNT(*) FROM application a
                 WHERE {IN_PERIOD} GROUP BY substr(a.created_at, 1, 10)"
            ),
            |day, n| *self.day.entry(day).or_default() += n,
        )?;
        self.letters_issued += q.one(
            "SELECT COUNT(*) FROM certificate
             WHERE kind = 'surat' AND substr(issued_at, 1, 10) BETWEEN ?1 AND ?2",
        )?;
        self.letters_voided += q.one(
            "SELECT COUNT(*) FROM certificate
             WHERE kind = 'surat' AND status = 'void'
               AND substr(voided_at, 1, 10) BETWEEN ?1 AND ?2",
        )?;
        // Reprints are the audit log's `cetak_ulang` entries.
        self.reprints += q.one(
            "SELECT COUNT(*) FROM audit
             WHERE action = 'cetak_ulang' AND substr(at, 1, 10) BETWEEN ?1 AND ?2",
        )?;
        self.slips += q.one(
            "SELECT COUNT(*) FROM certificate
             WHERE kind = 'slip' AND substr(issued_at, 1, 10) BETWEEN ?1 AND ?2",
        )?;
        q.each(
            "SELECT stage, COUNT(*) FROM proposal
             WHERE substr(created_at, 1, 10) BETWEEN ?1 AND ?2 GROUP BY stage",
            |stage, n| *self.stage.entry(stage).or_default() += n,
        )?;
        self.add_complaints(&q)?;
        self.times.add(conn, piece, clock)
    }

    /// Complaints (entries of kind pengaduan) received and their response times.
    fn add_complaints(&mut self, q: &Query<'_>) -> Result<()> {
        let mut stmt = q.conn.prepare(
            "SELECT received_at, responded_at FROM complaint
             WHERE kind = 'pengaduan' AND substr(received_at, 1, 10) BETWEEN ?1 AND ?2",
        )?;
        let rows = stmt.query_map(params![q.from, q.to], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
        })?;
        for row in rows {
            let (from, answered) = row?;
            self.complaints_received += 1;
            if let Some(m) = answered.and_then(|to| minutes_between(&from, &to)) {
                self.response_minutes.push(m);
            }
        }
        Ok(())
    }

    /// Applications by outcome, every outcome in [`Outcome::ALL`] order.
    pub(super) fn by_outcome(&self) -> Vec<Count> {
        Outcome::ALL
            .into_iter()
            .map(|o| Count {
                label: o.label().into(),
                count: self.outcome.get(&o).copied().unwrap_or(0),
            })
            .collect()
    }

    /// By channel, most used first.
    pub(super) fn by_channel(&mut self) -> Vec<Count> {
        ranked(std::mem::take(&mut self.channel))
    }

    /// By purpose, most asked first.
    pub(super) fn by_purpose(&mut self) -> Vec<Count> {
        std::mem::take(&mut self.purpose).counts()
    }

    /// By desa, most first.
    pub(super) fn by_desa(&mut self) -> Vec<Count> {
        std::mem::take(&mut self.desa).counts()
    }

    /// By petugas, most first.
    pub(super) fn by_petugas(&mut self) -> Vec<Count> {
        ranked(std::mem::take(&mut self.petugas))
    }

    /// Every day of `period` with its applications.
    pub(super) fn per_day(&self, period: Period) -> Vec<DayCount> {
        period
            .days()
            .map(|date| DayCount {
                count: self.day.get(&date.to_string()).copied().unwrap_or(0),
                date,
            })
            .collect()
    }

    /// Proposals by stage, every stage in pipeline order.
    pub(super) fn usulan_by_stage(&self) -> Vec<Count> {
        Stage::ALL
            .into_iter()
            .map(|s| Count {
                label: s.label().into(),
                count: self.stage.get(s.code()).copied().unwrap_or(0),
            })
            .collect()
    }

    /// The complaints and the median response time.
    pub(super) fn complaints(&mut self) -> ComplaintStats {
        ComplaintStats {
            received: self.complaints_received,
            answered: self.response_minutes.len() as i64,
            median_response_minutes: median(&mut self.response_minutes),
        }
    }
}

/// The queries for one piece of the period.
struct Query<'a> {
    conn: &'a Connection,
    from: String,
    to: String,
}

impl Query<'_> {
    fn one(&self, sql: &str) -> Result<i64> {
        Ok(self
            .conn
            .query_row(sql, params![self.from, self.to], |r| r.get(0))?)
    }

    /// Calls `add` with each label/count row of `sql` (label first, count second).
    fn each(&self, sql: &str, mut add: impl FnMut(String, i64)) -> Result<()> {
        let mut stmt = self.conn.prepare(sql)?;
        let mut rows = stmt.query(params![self.from, self.to])?;
        while let Some(row) = rows.next()? {
            add(row.get(0)?, row.get(1)?);
        }
        Ok(())
    }

    /// Calls `add` with the id and trimmed text of the column `column` (a fixed name) of
    /// each application, in id order.
    fn texts(&self, column: &str, mut add: impl FnMut(i64, String)) -> Result<()> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT a.id, trim(a.{column}) FROM application a WHERE {IN_PERIOD} ORDER BY a.id"
        ))?;
        let mut rows = stmt.query(params![self.from, self.to])?;
        while let Some(row) = rows.next()? {
            add(row.get(0)?, row.get(1)?);
        }
        Ok(())
    }
}

/// Whole minutes from one RFC 3339 time to another (never negative).
fn minutes_between(from: &str, to: &str) -> Option<i64> {
    let from = chrono::DateTime::parse_from_rfc3339(from).ok()?;
    let to = chrono::DateTime::parse_from_rfc3339(to).ok()?;
    Some((to - from).num_minutes().max(0))
}
