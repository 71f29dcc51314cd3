//! Undoing a wrong step, with a reason: the application returns to the state before
//! it, and the history keeps both the step and its undoing.

use chrono::{DateTime, Local};
use rusqlite::{Connection, OptionalExtension, params};

use super::steps::{Step, add_event, in_step_transaction, required_reason};
use super::{Application, Status, get};
use crate::core::audit::{self, AuditAction};
use crate::core::{Error, Result};

/// The sign-off states: undoing one also withdraws the letter's sign-off step.
fn is_sign_off(status: Status) -> bool {
    matches!(
        status,
        Status::Diparaf | Status::Ditandatangani | Status::Diserahkan | Status::DikirimOnline
    )
}

/// Undoes the last step of application `id` (a wrong paper check, check result,
/// sign-off, handover, closing or cancellation) with a required `reason`. A step that
/// issued a letter or a slip is not undone: the letter is voided instead. Logged as
/// [`AuditAction::BatalLangkah`].
pub fn undo_last_step(
    conn: &Connection,
    id: i64,
    reason: &str,
    actor: &str,
    at: DateTime<Local>,
) -> Result<Application> {
    in_step_transaction(conn, id, |tx| undo_in(tx, id, reason, actor, at))
}

/// [`undo_last_step`]'s work inside the caller's transaction, logged as
/// [`AuditAction::BatalLangkah`].
pub(super) fn undo_in(
    tx: &Connection,
    id: i64,
    reason: &str,
    actor: &str,
    at: DateTime<Local>,
) -> Result<()> {
    let (app, note) = revert_last_step(tx, id, reason, actor, at)?;
    audit::record(
        tx,
        actor,
        AuditAction::BatalLangkah,
        &app.register_no,
        &note,
        at,
    )
}

/// Inside the caller's transaction: returns application `id` to the state before its
/// last step (withdrawing the letter's last sign-off step when that step was one) and
/// marks the step undone in the history, without an audit entry (the caller logs its
/// own act). Gives the application as it was before and the history note.
pub(crate) fn revert_last_step(
    tx: &Connection,
    id: i64,
    reason: &str,
    actor: &str,
    at: DateTime<Local>,
) -> Result<(Application, String)> {
    let reason = required_reason(reason, "membatalkan langkah")?;
    let app = get(tx, id)?;
    let last: Option<(i64, String, Option<String>)> = tx
        .query_row(
            "SELECT id, status, from_status FROM application_event
             WHERE application_id = ?1 AND kind = 'langkah' AND undone_by IS NULL
             ORDER BY id DESC LIMIT 1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (event, from) = match last {
        Some((event, status, Some(from))) if status == app.status.code() => {
            (event, Status::from_code(&from))
        }
        _ => {
            return Err(Error::Invalid(format!(
                "Permohonan {} tidak punya langkah yang dapat dibatalkan.",
                app.register_no
            )));
        }
    };
    if app.status.makes_a_document() {
        return Err(Error::Invalid(format!(
            "Langkah \"{}\" menerbitkan dokumen bernomor dan tidak dapat diurungkan; \
             batalkan suratnya di Arsip.",
            app.status.label()
        )));
    }
    if is_sign_off(app.status) {
        withdraw_sign_off(tx, id, reason, at)?;
    }
    tx.execute(
        "UPDATE application SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, from.code(), at.to_rfc3339()],
    )?;
    let note = format!("Langkah \"{}\" dibatalkan: {reason}", app.status.label());
    let step = Step::plain(from, &note, actor, at);
    let undoing = add_event(tx, id, Some(app.status), &step, "urung")?;
    tx.execute(
        "UPDATE application_event SET undone_by = ?2 WHERE id = ?1",
        params![event, undoing],
    )?;
    Ok((app, note))
}

/// Marks the last standing sign-off step of the application's letter as undone.
fn withdraw_sign_off(conn: &Connection, id: i64, reason: &str, at: DateTime<Local>) -> Result<()> {
    let changed = conn.execute(
        "UPDATE certificate_step SET undone_at = ?2, undo_reason = ?3
         WHERE id = (SELECT s.id FROM certificate_step s
                     JOIN certificate c ON c.id = s.certificate_id
                     WHERE c.application_id = ?1 AND c.status = 'final'
                       AND s.undone_at IS NULL
                     ORDER BY s.id DESC LIMIT 1)",
        params![id, at.to_rfc3339(), reason],
    )?;
    if changed == 0 {
        return Err(Error::Invalid(
            "Langkah surat yang akan dibatalkan tidak ditemukan.".into(),
        ));
    }
    Ok(())
}
