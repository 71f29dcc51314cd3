//! Reading the register as a book: applications by filter, one application's history
//! and letters. The exports are in `export.rs`, `xlsx.rs` and `page.rs`.

use chrono::NaiveDate;
use rusqlite::{Connection, params};
use serde::Serialize;

use crate::core::Result;

use super::{Application, COLUMNS, Channel, Status, from_row, get};

/// Applications for `nik` written on `since` (local date) or later, newest first.
pub fn for_nik_since(conn: &Connection, nik: &str, since: NaiveDate) -> Result<Vec<Application>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM application
         WHERE nik = ?1 AND substr(created_at, 1, 10) >= ?2
         ORDER BY created_at DESC, id DESC"
    ))?;
    let rows = stmt.query_map(params![nik, since.to_string()], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Which applications [`list`] returns. Every field left empty matches everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RegisterFilter {
    /// Only applications in this state.
    pub status: Option<Status>,
    /// Written on this local date or later.
    pub from: Option<NaiveDate>,
    /// Written on this local date or earlier.
    pub to: Option<NaiveDate>,
    /// Only requests that came through this channel.
    pub channel: Option<Channel>,
    /// Only applicants whose desa contains this text (any case).
    pub desa: Option<String>,
    /// Only applications written by this user.
    pub written_by: Option<String>,
    /// Only applications whose name, NIK or register number contains this text.
    pub text: Option<String>,
    /// Only applications still open (not in a final state).
    pub open_only: bool,
    /// At most this many.
    pub limit: Option<u32>,
    /// Oldest first (a queue); otherwise newest first.
    pub oldest_first: bool,
}

/// The stored codes of the final states, for SQL.
pub(super) const FINAL_CODES: &str = "'diserahkan', 'dikirim_online', 'selesai', 'dibatalkan'";

/// The applications matching `filter`. The query text is fixed; every value is bound.
pub fn list(conn: &Connection, filter: &RegisterFilter) -> Result<Vec<Application>> {
    let order = if filter.oldest_first {
        "created_at, id"
    } else {
        "created_at DESC, id DESC"
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM application
         WHERE (?1 IS NULL OR status = ?1)
           AND (?2 IS NULL OR substr(created_at, 1, 10) >= ?2)
           AND (?3 IS NULL OR substr(created_at, 1, 10) <= ?3)
           AND (?4 IS NULL OR channel = ?4)
           AND (?6 IS NULL OR instr(lower(desa), lower(?6)) > 0)
           AND (?7 IS NULL OR id IN (SELECT application_id FROM application_event
                                     WHERE from_status IS NULL AND actor = ?7))
           AND (?8 IS NULL OR instr(lower(applicant_name), lower(?8)) > 0
                OR instr(nik, ?8) > 0
                OR printf('%04d/%d', seq, year) = ?8)
           AND (?9 = 0 OR status NOT IN ({FINAL_CODES}))
         ORDER BY {order}
         LIMIT ?5"
    ))?;
    let text = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    };
    let rows = stmt.query_map(
        params![
            filter.status.map(Status::code),
            filter.from.map(|d| d.to_string()),
            filter.to.map(|d| d.to_string()),
            filter.channel.map(Channel::label),
            filter.limit.map_or(-1, i64::from),
            text(&filter.desa),
            text(&filter.written_by),
            text(&filter.text),
            filter.open_only,
        ],
        from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One step in an application's history (`application_event`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// When (RFC 3339).
    pub at: String,
    /// Who took the step.
    pub actor: String,
    /// State code after the step.
    pub status: String,
    /// Note, may be empty.
    pub note: String,
    /// What kind of entry: `langkah` (a step), `urung` (a step undone), `koreksi` (the
    /// entry corrected), `batal_surat` (its letter voided).
    pub kind: String,
    /// State code before the step; `None` for the entry that created the application.
    pub from_status: Option<String>,
    /// How a result was handed over (a channel label), for handover steps.
    pub via: Option<String>,
    /// Where it was sent, for online handovers.
    pub contact: Option<String>,
    /// Whether this step was undone later (the undoing entry follows it).
    pub undone: bool,
}

/// The history of application `id`, oldest first (`Error::NotFound` for an unknown id).
pub fn history(conn: &Connection, id: i64) -> Result<Vec<Event>> {
    get(conn, id)?;
    let mut stmt = conn.prepare(
        "SELECT at, actor, status, note, kind, from_status, via, contact, undone_by
         FROM application_event WHERE application_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(Event {
            at: r.get(0)?,
            actor: r.get(1)?,
            status: r.get(2)?,
            note: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
            kind: r.get(4)?,
            from_status: r.get(5)?,
            via: r.get(6)?,
            contact: r.get(7)?,
            undone: r.get::<_, Option<i64>>(8)?.is_some(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A numbered letter issued for an application.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LetterRef {
    /// Letter number.
    pub number: String,
    /// `final` or `void`.
    pub status: String,
}

/// The numbered letters issued for application `id`, in order of issue.
pub fn letters(conn: &Connection, id: i64) -> Result<Vec<LetterRef>> {
    let mut stmt = conn.prepare(
        "SELECT number, status FROM certificate
         WHERE application_id = ?1 AND kind = 'surat' AND number IS NOT NULL
         ORDER BY id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(LetterRef {
            number: r.get(0)?,
            status: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
