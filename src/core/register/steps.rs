//! The steps of an application: the one writer of its state and its history, and the
//! acts that move it (each its own transaction with its audit entry).

use chrono::{DateTime, Local};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::{Application, Channel, Status, Workflow, get};
use crate::core::audit::{self, AuditAction};
use crate::core::settings::Settings;
use crate::core::{Error, Result, nik};

/// How a result reached the applicant: in person at the counter ([`Channel::Loket`]) or
/// sent online to a contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handover {
    /// The way it went: `Loket` for in person, otherwise the online channel.
    pub channel: Channel,
    /// Where it was sent (a WhatsApp number, an e-mail address); empty in person.
    pub contact: String,
}

impl Handover {
    /// Handed over in person at the counter.
    pub fn in_person() -> Handover {
        Handover {
            channel: Channel::Loket,
            contact: String::new(),
        }
    }

    /// The state a letter's application reaches with this handover.
    pub fn status(&self) -> Status {
        if self.channel == Channel::Loket {
            Status::Diserahkan
        } else {
            Status::DikirimOnline
        }
    }

    /// Checks that an online handover names its contact.
    pub fn validate(&self) -> Result<()> {
        if self.channel != Channel::Loket && self.contact.trim().is_empty() {
            return Err(Error::Invalid(format!(
                "Kontak tujuan pengiriman lewat {} wajib diisi.",
                self.channel.label()
            )));
        }
        Ok(())
    }

    /// The history note: "langsung di loket" or "lewat WhatsApp ke 0812…".
    pub fn describe(&self) -> String {
        if self.channel == Channel::Loket {
            "langsung di loket".into()
        } else {
            format!("lewat {} ke {}", self.channel.label(), self.contact.trim())
        }
    }
}

/// One step of an application: the state it moves to, who moved it and when.
pub struct Step<'a> {
    /// The new state.
    pub status: Status,
    /// The result kept on the application (the advice of a not-registered result), if
    /// it changes.
    pub result_note: Option<&'a str>,
    /// The note in the application's history.
    pub note: &'a str,
    /// Who took the step.
    pub actor: &'a str,
    /// When (the caller's clock).
    pub at: DateTime<Local>,
    /// How the result was handed over, for the handover steps.
    pub handover: Option<&'a Handover>,
}

impl<'a> Step<'a> {
    /// A step to `status` with a history `note`, no result kept and no handover.
    pub fn plain(status: Status, note: &'a str, actor: &'a str, at: DateTime<Local>) -> Self {
        Step {
            status,
            result_note: None,
            note,
            actor,
            at,
            handover: None,
        }
    }
}

/// The office's flow (which steps apply), from the settings in `conn`.
pub fn workflow(conn: &Connection) -> Result<Workflow> {
    Ok(Settings::load(conn)?.workflow)
}

/// The one writer of an application's state, inside the caller's transaction: checks
/// that the current state may move to `step.status` under the office's flow
/// ([`Status::can_move_to`]), stores it and appends the step to the history. An
/// illegal step changes nothing. Returns the new event's id.
pub fn transition(conn: &Connection, id: i64, step: &Step<'_>) -> Result<i64> {
    let current = check_step(conn, id, step.status)?;
    conn.execute(
        "UPDATE application SET status = ?2, result_note = COALESCE(?3, result_note),
             updated_at = ?4
         WHERE id = ?1",
        params![
            id,
            step.status.code(),
            step.result_note,
            step.at.to_rfc3339()
        ],
    )?;
    add_event(conn, id, Some(current.status), step, "langkah")
}

/// Fails as [`transition`] would when application `id` may not move to `status`;
/// writes nothing and returns the application. Lets a caller refuse early, before slow
/// work such as drawing a letter.
pub fn check_step(conn: &Connection, id: i64, status: Status) -> Result<Application> {
    let current = get(conn, id)?;
    let flow = workflow(conn)?;
    if !current.status.can_move_to(status, &flow) {
        return Err(illegal(&current, status, &flow));
    }
    Ok(current)
}

/// The Indonesian refusal of an illegal step, naming the legal ones.
fn illegal(current: &Application, wanted: Status, flow: &Workflow) -> Error {
    let next: Vec<&str> = current
        .status
        .next_states(flow)
        .into_iter()
        .map(Status::label)
        .collect();
    let hint = if next.is_empty() {
        "Permohonan ini sudah selesai.".to_string()
    } else {
        format!("Langkah yang dapat diambil: {}.", next.join(", "))
    };
    Error::Invalid(format!(
        "Permohonan {} berstatus {}; langkah \"{}\" tidak dapat dilakukan. {hint}",
        current.register_no,
        current.status.label(),
        wanted.label()
    ))
}

/// Appends a step to an application's history; returns the event's id.
pub(super) fn add_event(
    conn: &Connection,
    id: i64,
    from: Option<Status>,
    step: &Step<'_>,
    kind: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO application_event(application_id, at, actor, status, note, kind,
             from_status, via, contact)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            id,
            step.at.to_rfc3339(),
            step.actor,
            step.status.code(),
            step.note.trim(),
            kind,
            from.map(Status::code),
            step.handover.map(|h| h.channel.label()),
            step.handover.map(|h| h.contact.trim()),
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Runs `work` in one `BEGIN IMMEDIATE` transaction and returns the application after.
pub(super) fn in_step_transaction(
    conn: &Connection,
    id: i64,
    work: impl FnOnce(&Transaction<'_>) -> Result<()>,
) -> Result<Application> {
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    work(&tx)?;
    tx.commit()?;
    get(conn, id)
}

/// Takes a step that has no document or sign-off of its own (the check's result,
/// closing after the slip) and logs it ([`AuditAction::Langkah`]) in one transaction.
pub(super) fn simple_step(conn: &Connection, id: i64, step: &Step<'_>) -> Result<Application> {
    in_step_transaction(conn, id, |tx| {
        let app = get(tx, id)?;
        transition(tx, id, step)?;
        audit::record(
            tx,
            step.actor,
            AuditAction::Langkah(step.status),
            &app.register_no,
            &format!("{} {}", nik::mask(&app.nik), step.note.trim()),
            step.at,
        )
    })
}

/// The state an operator's check leads to, and its history note ("Dicek: terdaftar
/// dalam DTSEN periode 2025-09").
fn check_result(registered: bool, source: &str) -> (Status, String) {
    let (status, word) = if registered {
        (Status::Terdaftar, "terdaftar")
    } else {
        (Status::TidakTerdaftar, "tidak terdaftar")
    };
    (status, format!("Dicek: {word} dalam {source}"))
}

/// The operator's check of a received application: the person is (`registered`) or
/// is not in the snapshot `source` (its label). Taking the same result again changes
/// nothing.
pub fn record_check(
    conn: &Connection,
    id: i64,
    registered: bool,
    source: &str,
    actor: &str,
    at: DateTime<Local>,
) -> Result<Application> {
    let (status, note) = check_result(registered, source);
    let current = get(conn, id)?;
    if current.status == status {
        return Ok(current);
    }
    let step = Step::plain(status, &note, actor, at);
    simple_step(conn, id, &step)
}

/// Inside a letter's or slip's transaction: records the check's result first when the
/// operator issues straight from a received application (the check is part of issuing).
pub fn check_before_document(
    conn: &Connection,
    id: i64,
    registered: bool,
    source: &str,
    actor: &str,
    at: DateTime<Local>,
) -> Result<()> {
    let (status, note) = check_result(registered, source);
    let current = get(conn, id)?;
    if current.status == status || !current.status.can_move_to(status, &workflow(conn)?) {
        return Ok(());
    }
    let step = Step::plain(status, &note, actor, at);
    transition(conn, id, &step)?;
    Ok(())
}

/// Whether application `id` may take its document step: a letter (`registered`) or a
/// slip, possibly checking first. Writes nothing.
pub fn check_document_step(conn: &Connection, id: i64, registered: bool) -> Result<()> {
    let (result, document) = if registered {
        (Status::Terdaftar, Status::SuratDicetak)
    } else {
        (Status::TidakTerdaftar, Status::SlipSaran)
    };
    let current = get(conn, id)?;
    let flow = workflow(conn)?;
    if current.status == result || current.status.can_move_to(result, &flow) {
        return Ok(());
    }
    Err(illegal(&current, document, &flow))
}

/// Cancels an application (a mistyped or withdrawn entry) with a required reason.
pub fn cancel(
    conn: &Connection,
    id: i64,
    reason: &str,
    actor: &str,
    at: DateTime<Local>,
) -> Result<Application> {
    let reason = required_reason(reason, "pembatalan permohonan")?;
    let note = format!("Dibatalkan: {reason}");
    let step = Step {
        status: Status::Dibatalkan,
        result_note: Some(reason),
        note: &note,
        actor,
        at,
        handover: None,
    };
    simple_step(conn, id, &step)
}

/// A trimmed reason, or `Error::Invalid` naming what it is for when empty.
pub(super) fn required_reason<'a>(reason: &'a str, what: &str) -> Result<&'a str> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::Invalid(format!("Alasan {what} wajib diisi.")));
    }
    Ok(reason)
}

/// After a letter of application `id` was voided (inside that transaction): an
/// application whose state belongs to the letter returns to [`Status::Terdaftar`], so
/// a corrected letter can be issued. The history keeps the voided letter.
pub fn reopen_after_void(
    conn: &Connection,
    id: i64,
    number: &str,
    reason: &str,
    actor: &str,
    at: DateTime<Local>,
) -> Result<()> {
    let current = get(conn, id)?;
    if !current.status.has_letter() {
        return Ok(());
    }
    conn.execute(
        "UPDATE application SET status = 'terdaftar', updated_at = ?2 WHERE id = ?1",
        params![id, at.to_rfc3339()],
    )?;
    let note = format!("Surat {number} dibatalkan: {}", reason.trim());
    let step = Step::plain(Status::Terdaftar, &note, actor, at);
    add_event(conn, id, Some(current.status), &step, "batal_surat")?;
    Ok(())
}

/// The id of the letter (not voided) issued for application `id`, if any.
pub fn current_letter(conn: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM certificate
             WHERE application_id = ?1 AND kind = 'surat' AND status = 'final'
             ORDER BY id DESC LIMIT 1",
            [id],
            |r| r.get(0),
        )
        .optional()?)
}
