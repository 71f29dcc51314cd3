//! The complaints and guest/suggestion book (buku pengaduan, saran dan tamu).
//!
//! The service standards name the channels a citizen may complain or suggest through
//! (Luwu Timur: telephone, Facebook, Instagram; Karangasem: telephone, WhatsApp, FB, IG,
//! the guest/suggestion book) and evaluate the counter by them. Each entry is written
//! once, then followed up (tindak lanjut) until it is closed; the time to the first
//! follow-up is the response time the office reports.
//!
//! Every write is one transaction that stores the entry and a typed audit event without
//! the citizen's name, contact or words. The acting user and the clock are passed in.

mod kinds;
#[cfg(test)]
mod tests;

pub use kinds::*;

use chrono::{DateTime, Local, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, TransactionBehavior, params};
use serde::Serialize;

use crate::core::audit::{self, AuditAction};
use crate::core::{Error, Result};

/// The longest text kept for an entry or a follow-up (characters).
const TEXT_MAX: usize = 4000;

/// What the clerk writes for a new entry.
#[derive(Debug, Clone, PartialEq)]
pub struct NewComplaint {
    /// Where it came in.
    pub channel: ComplaintChannel,
    /// Complaint, suggestion or guest.
    pub kind: ComplaintKind,
    /// Who (may be empty for a complaint or suggestion; required for a guest).
    pub name: String,
    /// How to reach them (phone, e-mail; may be empty).
    pub contact: String,
    /// The complaint, the suggestion, or the guest's purpose.
    pub text: String,
    /// The register application it is about, if any.
    pub application_id: Option<i64>,
}

/// An entry as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Complaint {
    /// Row id.
    pub id: i64,
    /// When it came in (RFC 3339).
    pub received_at: String,
    /// Where it came in.
    pub channel: ComplaintChannel,
    /// What it is.
    pub kind: ComplaintKind,
    /// Who, may be empty.
    pub name: String,
    /// Contact, may be empty.
    pub contact: String,
    /// The words of the entry.
    pub text: String,
    /// The application it is about, if any.
    pub application_id: Option<i64>,
    /// Where its handling stands.
    pub status: ComplaintStatus,
    /// The follow-ups so far, one per line, each starting with its date and time.
    pub follow_up: String,
    /// When it was first followed up (RFC 3339).
    pub responded_at: Option<String>,
    /// Minutes from receipt to the first follow-up; `None` while unanswered.
    pub response_minutes: Option<i64>,
}

const COLUMNS: &str = "id, received_at, channel, kind, name, contact, text, application_id, \
     status, follow_up, responded_at";

/// A stored code read back through `parse`; an unknown code is a conversion error.
fn coded<T>(row: &Row<'_>, idx: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let code: String = row.get(idx)?;
    parse(&code).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("kode tidak dikenal: {code}").into(),
        )
    })
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Complaint> {
    let received_at: String = row.get(1)?;
    let responded_at: Option<String> = row.get(10)?;
    Ok(Complaint {
        id: row.get(0)?,
        channel: coded(row, 2, ComplaintChannel::parse)?,
        kind: coded(row, 3, ComplaintKind::parse)?,
        name: row.get(4)?,
        contact: row.get(5)?,
        text: row.get(6)?,
        application_id: row.get(7)?,
        status: coded(row, 8, ComplaintStatus::parse)?,
        follow_up: row.get(9)?,
        response_minutes: responded_at
            .as_deref()
            .and_then(|r| minutes_between(&received_at, r)),
        responded_at,
        received_at,
    })
}

/// Whole minutes from one RFC 3339 time to another.
fn minutes_between(from: &str, to: &str) -> Option<i64> {
    let from = DateTime::parse_from_rfc3339(from).ok()?;
    let to = DateTime::parse_from_rfc3339(to).ok()?;
    Some((to - from).num_minutes())
}

/// The text trimmed and cut to [`TEXT_MAX`] characters.
fn clean(text: &str) -> String {
    text.trim().chars().take(TEXT_MAX).collect()
}

/// Records a new entry received at `at` by `actor`, status [`ComplaintStatus::Baru`].
///
/// Refuses an empty text, a guest entry without a name, and an unknown
/// `application_id`. Writes the entry and a [`AuditAction::CatatPengaduan`] entry in
/// one transaction.
pub fn add(
    conn: &Connection,
    new: NewComplaint,
    actor: &str,
    at: DateTime<Local>,
) -> Result<Complaint> {
    let text = clean(&new.text);
    if text.is_empty() {
        return Err(Error::Invalid(match new.kind {
            ComplaintKind::Tamu => "Tulis keperluan kunjungan tamu.".into(),
            kind => format!("Tulis isi {}.", kind.label().to_lowercase()),
        }));
    }
    let name = clean(&new.name);
    if new.kind == ComplaintKind::Tamu && name.is_empty() {
        return Err(Error::Invalid("Nama tamu wajib diisi di buku tamu.".into()));
    }
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    if let Some(id) = new.application_id {
        // Refused when there is no such application (NotFound).
        crate::core::register::get(&tx, id)?;
    }
    tx.execute(
        "INSERT INTO complaint(received_at, channel, kind, name, contact, text,
             application_id, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            at.to_rfc3339(),
            new.channel.code(),
            new.kind.code(),
            name,
            clean(&new.contact),
            text,
            new.application_id,
            ComplaintStatus::Baru.code(),
        ],
    )?;
    let id = tx.last_insert_rowid();
    let detail = format!("{} via {}", new.kind.code(), new.channel.code());
    let subject = format!("pengaduan #{id}");
    audit::record(
        &tx,
        actor,
        AuditAction::CatatPengaduan,
        &subject,
        &detail,
        at,
    )?;
    tx.commit()?;
    get(conn, id)
}

/// Adds a follow-up `text` to entry `id` at `at` by `actor`; `close` marks it
/// [`ComplaintStatus::Selesai`], otherwise it is [`ComplaintStatus::Ditindaklanjuti`].
///
/// The first follow-up sets the response time. Refuses an empty text, an unknown id,
/// and an entry already closed. Writes the entry and a
/// [`AuditAction::TindakLanjutPengaduan`] entry in one transaction.
pub fn follow_up(
    conn: &Connection,
    id: i64,
    text: &str,
    close: bool,
    actor: &str,
    at: DateTime<Local>,
) -> Result<Complaint> {
    let text = clean(text);
    if text.is_empty() {
        return Err(Error::Invalid("Tulis tindak lanjut yang dilakukan.".into()));
    }
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let current = get(&tx, id)?;
    if current.status == ComplaintStatus::Selesai {
        return Err(Error::Invalid(format!(
            "Pengaduan #{id} sudah selesai; catat sebagai pengaduan baru bila ada masalah lain."
        )));
    }
    let status = if close {
        ComplaintStatus::Selesai
    } else {
        ComplaintStatus::Ditindaklanjuti
    };
    let line = format!("{}: {text}", at.format("%Y-%m-%d %H:%M"));
    let follow_up = if current.follow_up.is_empty() {
        line
    } else {
        format!("{}\n{line}", current.follow_up)
    };
    tx.execute(
        "UPDATE complaint SET status = ?2, follow_up = ?3,
             responded_at = COALESCE(responded_at, ?4)
         WHERE id = ?1",
        params![id, status.code(), follow_up, at.to_rfc3339()],
    )?;
    let subject = format!("pengaduan #{id}");
    audit::record(
        &tx,
        actor,
        AuditAction::TindakLanjutPengaduan,
        &subject,
        status.code(),
        at,
    )?;
    tx.commit()?;
    get(conn, id)
}

/// Reads one entry (`Error::NotFound` for an unknown id).
pub fn get(conn: &Connection, id: i64) -> Result<Complaint> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM complaint WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("Pengaduan #{id}")))
}

/// Which entries [`list`] returns; every field left empty matches everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ComplaintFilter {
    /// Received on or after this day.
    pub from: Option<NaiveDate>,
    /// Received on or before this day.
    pub to: Option<NaiveDate>,
    /// Only entries in this state.
    pub status: Option<ComplaintStatus>,
}

/// The entries matching `filter`, newest first.
pub fn list(conn: &Connection, filter: &ComplaintFilter) -> Result<Vec<Complaint>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM complaint
         WHERE (?1 IS NULL OR substr(received_at, 1, 10) >= ?1)
           AND (?2 IS NULL OR substr(received_at, 1, 10) <= ?2)
           AND (?3 IS NULL OR status = ?3)
         ORDER BY received_at DESC, id DESC"
    ))?;
    let rows = stmt.query_map(
        params![
            filter.from.map(|d| d.to_string()),
            filter.to.map(|d| d.to_string()),
            filter.status.map(ComplaintStatus::code),
        ],
        from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// "45 menit", "2 jam 5 menit", "1 hari 3 jam": a response time for people.
pub fn duration_label(minutes: i64) -> String {
    let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    match (days, hours) {
        (0, 0) => format!("{mins} menit"),
        (0, _) => format!("{hours} jam {mins} menit"),
        _ => format!("{days} hari {hours} jam"),
    }
}
