//! Sign-off of a printed letter, in the order the service standards give: the Kabid
//! initials it (paraf), the Kepala Dinas signs it (TTD), then it is handed over to the
//! applicant or sent online as a scan (diserahkan). Voided letters and slips take no steps.

use chrono::{DateTime, Local};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use crate::core::register::{self, Handover, Status};
use crate::core::{Error, Result, Store, audit, users};

mod undo;

pub use undo::{undo_last, undoable};

/// Who records a sign-off step, when, and (for the handover) how.
pub struct SignOff<'a> {
    /// Who took the step.
    pub actor: &'a str,
    /// When (the caller's clock).
    pub at: DateTime<Local>,
    /// A note, may be empty.
    pub note: &'a str,
    /// How the letter was handed over; `None` for in person.
    pub handover: Option<&'a Handover>,
}

/// One sign-off step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Step {
    /// Initialled by the Kabid.
    Paraf,
    /// Signed by the Kepala Dinas.
    Ttd,
    /// Handed over, or sent online.
    Diserahkan,
}

impl Step {
    /// The steps in order.
    pub const ALL: [Step; 3] = [Step::Paraf, Step::Ttd, Step::Diserahkan];

    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            Step::Paraf => "paraf",
            Step::Ttd => "ttd",
            Step::Diserahkan => "diserahkan",
        }
    }

    /// What the button says.
    pub fn action(self) -> &'static str {
        match self {
            Step::Paraf => "Paraf Kabid",
            Step::Ttd => "TTD Kepala Dinas",
            Step::Diserahkan => "Serahkan",
        }
    }

    /// What is shown once done.
    pub fn done_label(self) -> &'static str {
        match self {
            Step::Paraf => "DIPARAF",
            Step::Ttd => "DITANDATANGANI",
            Step::Diserahkan => "DISERAHKAN",
        }
    }

    fn from_code(code: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// The steps done for a letter, in order.
pub fn done(conn: &Connection, certificate_id: i64) -> Result<Vec<Step>> {
    let mut stmt = conn.prepare(
        "SELECT step FROM certificate_step
         WHERE certificate_id = ?1 AND undone_at IS NULL ORDER BY id",
    )?;
    let rows = stmt.query_map([certificate_id], |r| r.get::<_, String>(0))?;
    Ok(rows
        .filter_map(|r| r.ok())
        .filter_map(|code| Step::from_code(&code))
        .collect())
}

/// A sign-off step on record: who took it and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepDone {
    /// The step.
    pub step: Step,
    /// Who took it.
    pub actor: String,
    /// When (RFC 3339, local time).
    pub at: String,
}

/// The steps on record for a letter (not undone), in order, with who and when.
pub fn record_of(conn: &Connection, certificate_id: i64) -> Result<Vec<StepDone>> {
    let mut stmt = conn.prepare(
        "SELECT step, actor, at FROM certificate_step
         WHERE certificate_id = ?1 AND undone_at IS NULL ORDER BY id",
    )?;
    let rows = stmt.query_map([certificate_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?))
    })?;
    let mut done = Vec::new();
    for row in rows {
        let (code, actor, at) = row?;
        if let Some(step) = Step::from_code(&code) {
            done.push(StepDone { step, actor, at });
        }
    }
    Ok(done)
}

/// How the letter is likely handed over: as its application came (the channel and the
/// contact, else the phone, the front desk wrote), in person for a letter without an
/// application or one that came to the counter.
pub fn suggested_handover(conn: &Connection, certificate_id: i64) -> Result<Handover> {
    let application: Option<i64> = conn
        .query_row(
            "SELECT application_id FROM certificate WHERE id = ?1",
            [certificate_id],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    let Some(id) = application else {
        return Ok(Handover::in_person());
    };
    let app = register::get(conn, id)?;
    let contact = if app.contact.trim().is_empty() {
        app.phone
    } else {
        app.contact
    };
    Ok(Handover {
        channel: register::Channel::from_label(&app.channel).unwrap_or(register::Channel::Loket),
        contact,
    })
}

/// The next step for a letter, or `None` when it is complete. The paraf is skipped
/// where the office does not use it ([`register::Workflow::paraf_step`]).
pub fn next(conn: &Connection, certificate_id: i64) -> Result<Option<Step>> {
    let done = done(conn, certificate_id)?;
    let paraf = register::workflow(conn)?.paraf_step;
    Ok(Step::ALL
        .into_iter()
        .filter(|s| paraf || *s != Step::Paraf)
        .find(|s| !done.contains(s)))
}

/// The register state a step moves the letter's application to.
fn state_after(step: Step, handover: &Handover) -> Status {
    match step {
        Step::Paraf => Status::Diparaf,
        Step::Ttd => Status::Ditandatangani,
        Step::Diserahkan => handover.status(),
    }
}

/// When the application behind letter `certificate_id` was received and when the letter
/// was handed over (`None`: not yet), both RFC 3339: the span the service standard
/// measures, since the standards count the signature and the handover in the time.
/// `None` for a letter issued without an application (the CLI's batch letters).
pub fn service_span(
    conn: &Connection,
    certificate_id: i64,
) -> Result<Option<(String, Option<String>)>> {
    Ok(conn
        .query_row(
            "SELECT a.created_at,
                    (SELECT s.at FROM certificate_step s
                     WHERE s.certificate_id = c.id AND s.step = ?2 AND s.undone_at IS NULL)
             FROM certificate c JOIN application a ON a.id = c.application_id
             WHERE c.id = ?1",
            params![certificate_id, Step::Diserahkan.code()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// What the sign-off steps need to know of a letter.
struct LetterRow {
    /// "surat" or "slip".
    kind: String,
    /// The letter's number ("" when it has none).
    number: String,
    /// "final" or "void".
    status: String,
    /// The application the letter was issued for, if any.
    application: Option<i64>,
}

/// Reads letter `certificate_id`'s row, or says it does not exist.
fn letter_row(conn: &Connection, certificate_id: i64) -> Result<LetterRow> {
    conn.query_row(
        "SELECT kind, number, status, application_id FROM certificate WHERE id = ?1",
        [certificate_id],
        |r| {
            Ok(LetterRow {
                kind: r.get(0)?,
                number: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                status: r.get(2)?,
                application: r.get(3)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("Surat #{certificate_id}")))
}

/// Records `step` for a letter; refuses steps out of order, twice, on slips or on voided
/// letters, with an Indonesian message. The letter's application (if any) moves with it
/// in the same transaction ([`register::transition`]); a handover names how it went.
/// The paraf and the signature need the Pimpinan role ([`users::require`]).
pub fn record(store: &Store, certificate_id: i64, step: Step, by: &SignOff<'_>) -> Result<()> {
    if step != Step::Diserahkan {
        users::require(&store.register, by.actor, users::Permission::TandaTangan)?;
    }
    let in_person = Handover::in_person();
    let handover = by.handover.unwrap_or(&in_person);
    if step == Step::Diserahkan {
        handover.validate()?;
    }
    let tx = Transaction::new_unchecked(&store.register, TransactionBehavior::Immediate)?;
    let LetterRow {
        kind,
        number,
        status,
        application,
    } = letter_row(&tx, certificate_id)?;
    if kind != "surat" {
        return Err(Error::Invalid(
            "Slip saran tidak diparaf atau ditandatangani.".into(),
        ));
    }
    if status == "void" {
        return Err(Error::Invalid(format!("Surat {number} sudah dibatalkan.")));
    }
    match next(&tx, certificate_id)? {
        Some(expected) if expected == step => {}
        Some(expected) => {
            return Err(Error::Invalid(format!(
                "Surat {number}: langkah berikutnya adalah {}.",
                expected.action()
            )));
        }
        None => {
            return Err(Error::Invalid(format!("Surat {number} sudah diserahkan.")));
        }
    }
    let mut note = by.note.trim().to_string();
    if step == Step::Diserahkan {
        note = format!("{} {note}", handover.describe()).trim().to_string();
    }
    tx.execute(
        "INSERT INTO certificate_step(certificate_id, step, at, actor, note)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            certificate_id,
            step.code(),
            by.at.to_rfc3339(),
            by.actor,
            note
        ],
    )?;
    if let Some(application) = application {
        let moved = register::Step {
            status: state_after(step, handover),
            result_note: None,
            note: &format!("{} {number} {note}", step.done_label().to_lowercase()),
            actor: by.actor,
            at: by.at,
            handover: (step == Step::Diserahkan).then_some(handover),
        };
        register::transition(&tx, application, &moved)?;
    }
    audit::record(
        &tx,
        by.actor,
        audit::AuditAction::Tahap(step),
        &number,
        &note,
        by.at,
    )?;
    Ok(tx.commit()?)
}

#[cfg(test)]
#[path = "signoff_tests.rs"]
mod tests;
