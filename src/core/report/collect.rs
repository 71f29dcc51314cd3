//! The counting queries of the period report. Every query text is fixed; the period's
//! first and last day are bound as `?1` and `?2` and compared with the local date part of
//! the stored RFC 3339 times.

use std::collections::HashMap;

use rusqlite::{Connection, params};

use super::{ComplaintStats, Count, DayCount, Outcome, Period, median};
use crate::core::Result;
use crate::core::register::Status;
use crate::core::usulan::Stage;

/// Applications received in the period (`a` is the application).
const IN_PERIOD: &str = "substr(a.created_at, 1, 10) BETWEEN ?1 AND ?2";

/// The queries for one period.
pub(super) struct Query<'a> {
    conn: &'a Connection,
    period: Period,
    from: String,
    to: String,
}

impl<'a> Query<'a> {
    /// Queries over `period` in `conn`.
    pub(super) fn new(conn: &'a Connection, period: Period) -> Query<'a> {
        Query {
            conn,
            period,
            from: period.from.to_string(),
            to: period.to.to_string(),
        }
    }

    fn one(&self, sql: &str) -> Result<i64> {
        Ok(self
            .conn
            .query_row(sql, params![self.from, self.to], |r| r.get(0))?)
    }

    /// Label/count rows of `sql` (label first, count second).
    fn counts(&self, sql: &str) -> Result<Vec<Count>> {
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map(params![self.from, self.to], |r| {
            Ok(Count {
                label: r.get(0)?,
                count: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Applications received.
    pub(super) fn applications(&self) -> Result<i64> {
        self.one(&format!(
            "SELECT COUNT(*) FROM application a WHERE {IN_PERIOD}"
        ))
    }

    /// Applications by outcome, every outcome in [`Outcome::ALL`] order.
    pub(super) fn by_outcome(&self) -> Result<Vec<Count>> {
        let by_status = self.counts(&format!(
            "SELECT a.status, COUNT(*) FROM application a WHERE {IN_PERIOD} GROUP BY a.status"
        ))?;
        let mut tally: HashMap<Outcome, i64> = HashMap::new();
        for c in by_status {
            *tally
                .entry(Outcome::of(Status::from_code(&c.label)))
                .or_default() += c.count;
        }
        Ok(Outcome::ALL
            .into_iter()
            .map(|o| Count {
                label: o.label().into(),
                count: tally.get(&o).copied().unwrap_or(0),
            })
            .collect())
    }

    /// Applications by channel.
    pub(super) fn by_channel(&self) -> Result<Vec<Count>> {
        self.counts(&format!(
            "SELECT a.channel, COUNT(*) FROM application a WHERE {IN_PERIOD}
             GROUP BY a.channel ORDER BY COUNT(*) DESC, a.channel"
        ))
    }

    /// Applications by purpose, grouped without case or surrounding spaces; the label is
    /// the first spelling met.
    pub(super) fn by_purpose(&self) -> Result<Vec<Count>> {
        self.grouped("purpose", "(tanpa keperluan)")
    }

    /// Applications by desa, grouped like purposes.
    pub(super) fn by_desa(&self) -> Result<Vec<Count>> {
        self.grouped("desa", "(tanpa desa)")
    }

    /// Counts by the text column `column` (a fixed name), grouped by its lower-cased
    /// trimmed text (SQLite's `lower` folds ASCII only, so Unicode is folded here).
    fn grouped(&self, column: &str, blank: &str) -> Result<Vec<Count>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT trim(a.{column}) FROM application a WHERE {IN_PERIOD} ORDER BY a.id"
        ))?;
        let rows = stmt.query_map(params![self.from, self.to], |r| r.get::<_, String>(0))?;
        let mut order: Vec<Count> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for text in rows {
            let text = text?;
            let key = text.to_lowercase();
            let i = *index.entry(key).or_insert_with(|| {
                let label = if text.is_empty() { blank.into() } else { text };
                order.push(Count { label, count: 0 });
                order.len() - 1
            });
            order[i].count += 1;
        }
        order.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
        Ok(order)
    }

    /// Applications by the actor of their intake event (the first event, which has no
    /// state before it).
    pub(super) fn by_petugas(&self) -> Result<Vec<Count>> {
        self.counts(&format!(
            "SELECT COALESCE((SELECT e.actor FROM application_event e
                              WHERE e.application_id = a.id AND e.from_status IS NULL
                              ORDER BY e.id LIMIT 1), '(tidak diketahui)') AS who,
                    COUNT(*)
             FROM application a WHERE {IN_PERIOD}
             GROUP BY who ORDER BY COUNT(*) DESC, who"
        ))
    }

    /// Applications per day, every day of the period.
    pub(super) fn per_day(&self) -> Result<Vec<DayCount>> {
        let counted: HashMap<String, i64> = self
            .counts(&format!(
                "SELECT substr(a.created_at, 1, 10), COUNT(*) FROM application a
                 WHERE {IN_PERIOD} GROUP BY substr(a.created_at, 1, 10)"
            ))?
            .into_iter()
            .map(|c| (c.label, c.count))
            .collect();
        Ok(self
            .period
            .days()
            .map(|date| DayCount {
                count: counted.get(&date.to_string()).copied().unwrap_or(0),
                date,
            })
            .collect())
    }

    /// Numbered letters issued (voided since or not).
    pub(super) fn letters_issued(&self) -> Result<i64> {
        self.one(
            "SELECT COUNT(*) FROM certificate
             WHERE kind = 'surat' AND substr(issued_at, 1, 10) BETWEEN ?1 AND ?2",
        )
    }

    /// Letters voided in the period.
    pub(super) fn letters_voided(&self) -> Result<i64> {
        self.one(
            "SELECT COUNT(*) FROM certificate
             WHERE kind = 'surat' AND status = 'void'
               AND substr(voided_at, 1, 10) BETWEEN ?1 AND ?2",
        )
    }

    /// Reprints: the audit log's `cetak_ulang` entries.
    pub(super) fn reprints(&self) -> Result<i64> {
        self.one(
            "SELECT COUNT(*) FROM audit
             WHERE action = 'cetak_ulang' AND substr(at, 1, 10) BETWEEN ?1 AND ?2",
        )
    }

    /// Not-registered slips issued.
    pub(super) fn slips(&self) -> Result<i64> {
        self.one(
            "SELECT COUNT(*) FROM certificate
             WHERE kind = 'slip' AND substr(issued_at, 1, 10) BETWEEN ?1 AND ?2",
        )
    }

    /// Proposals entered in the period by their stage, every stage in pipeline order.
    pub(super) fn usulan_by_stage(&self) -> Result<Vec<Count>> {
        let counted: HashMap<String, i64> = self
            .counts(
                "SELECT stage, COUNT(*) FROM proposal
                 WHERE substr(created_at, 1, 10) BETWEEN ?1 AND ?2 GROUP BY stage",
            )?
            .into_iter()
            .map(|c| (c.label, c.count))
            .collect();
        Ok(Stage::ALL
            .into_iter()
            .map(|s| Count {
                label: s.label().into(),
                count: counted.get(s.code()).copied().unwrap_or(0),
            })
            .collect())
    }

    /// Complaints received in the period and their response times.
    pub(super) fn complaints(&self) -> Result<ComplaintStats> {
        let mut stmt = self.conn.prepare(
            "SELECT received_at, responded_at FROM complaint
             WHERE kind = 'pengaduan' AND substr(received_at, 1, 10) BETWEEN ?1 AND ?2",
        )?;
        let rows = stmt.query_map(params![self.from, self.to], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
        })?;
        let mut received = 0;
        let mut minutes = Vec::new();
        for row in rows {
            let (from, answered) = row?;
            received += 1;
            if let Some(m) = answered.and_then(|to| minutes_between(&from, &to)) {
                minutes.push(m);
            }
        }
        Ok(ComplaintStats {
            received,
            answered: minutes.len() as i64,
            median_response_minutes: median(&mut minutes),
        })
    }
}

/// Whole minutes from one RFC 3339 time to another (never negative).
fn minutes_between(from: &str, to: &str) -> Option<i64> {
    let from = chrono::DateTime::parse_from_rfc3339(from).ok()?;
    let to = chrono::DateTime::parse_from_rfc3339(to).ok()?;
    Some((to - from).num_minutes().max(0))
}
