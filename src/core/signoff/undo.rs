//! Taking back a paraf or a signature given by mistake, with a reason, before the
//! letter is handed over. The step stays on record, marked undone with the reason; a
//! letter for an application takes the application back with it, through the
//! register's own undo.

use chrono::{DateTime, Local};
use rusqlite::{Transaction, TransactionBehavior, params};

use super::{LetterRow, Step, letter_row, record_of, state_after};
use crate::core::register::{self, Handover};
use crate::core::{Error, Result, Store, audit, users};

/// The last sign-off step of letter `certificate_id` that [`undo_last`] would take back
/// (`None`: no step, or the letter is already handed over).
pub fn undoable(conn: &rusqlite::Connection, certificate_id: i64) -> Result<Option<Step>> {
    Ok(record_of(conn, certificate_id)?
        .last()
        .map(|s| s.step)
        .filter(|s| *s != Step::Diserahkan))
}

/// Undoes the last paraf or TTD of letter `certificate_id` with a required `reason`:
/// the step is marked undone (kept in the history), the letter's application (if any)
/// returns to the state before it, and [`audit::AuditAction::BatalTahap`] is logged, all
/// in one transaction. Needs the Pimpinan role ([`users::require`]); refused on slips,
/// voided letters, letters with no step yet and letters already handed over. Gives the
/// step undone.
pub fn undo_last(
    store: &Store,
    certificate_id: i64,
    reason: &str,
    actor: &str,
    at: DateTime<Local>,
) -> Result<Step> {
    users::require(&store.register, actor, users::Permission::TandaTangan)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::Invalid(
            "Alasan membatalkan paraf/TTD wajib diisi.".into(),
        ));
    }
    let tx = Transaction::new_unchecked(&store.register, TransactionBehavior::Immediate)?;
    let LetterRow {
        kind,
        number,
        status,
        application,
    } = letter_row(&tx, certificate_id)?;
    if kind != "surat" || status == "void" {
        return Err(Error::Invalid(format!(
            "Surat {number} tidak punya paraf/TTD yang dapat dibatalkan."
        )));
    }
    let step = match record_of(&tx, certificate_id)?.last().map(|s| s.step) {
        None => {
            return Err(Error::Invalid(format!(
                "Surat {number} belum diparaf atau ditandatangani."
            )));
        }
        Some(Step::Diserahkan) => {
            return Err(Error::Invalid(format!(
                "Surat {number} sudah diserahkan; batalkan penyerahannya di Buku Register."
            )));
        }
        Some(step) => step,
    };
    let mut detail = format!("{} dibatalkan: {reason}", step.action());
    match application {
        Some(id) => {
            let app = register::get(&tx, id)?;
            if app.status != state_after(step, &Handover::in_person()) {
                return Err(Error::Invalid(format!(
                    "Permohonan {} sudah berstatus {}: langkah surat tidak dapat dibatalkan.",
                    app.register_no,
                    app.status.label()
                )));
            }
            // The register's undo also marks the letter's step undone.
            register::revert_last_step(&tx, id, reason, actor, at)?;
            detail = format!("{detail} (permohonan {})", app.register_no);
        }
        None => {
            tx.execute(
                "UPDATE certificate_step SET undone_at = ?3, undo_reason = ?4
                 WHERE certificate_id = ?1 AND step = ?2 AND undone_at IS NULL",
                params![certificate_id, step.code(), at.to_rfc3339(), reason],
            )?;
        }
    }
    audit::record(
        &tx,
        actor,
        audit::AuditAction::BatalTahap(step),
        &number,
        &detail,
        at,
    )?;
    tx.commit()?;
    Ok(step)
}

#[cfg(test)]
#[path = "undo_tests.rs"]
mod tests;
