//! The steps of an application: the one writer of its state and its history.

use chrono::Local;
use rusqlite::{Connection, Transaction, TransactionBehavior, params};

use super::{Status, get};
use crate::core::{Error, Result};

/// Moves an application to `status` with a note; refuses to change a finished one.
pub fn set_status(
    conn: &Connection,
    id: i64,
    status: Status,
    note: &str,
    actor: &str,
) -> Result<()> {
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let step = Step {
        status,
        result_note: Some(note),
        note,
        actor,
    };
    transition(&tx, id, &step)?;
    Ok(tx.commit()?)
}

/// One step of an application: the state it moves to and who moved it.
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
}

/// The one writer of an application's state, inside the caller's transaction: checks
/// that the current state may move to `step.status` ([`Status::can_move_to`]), stores
/// it and appends the step to the history. An illegal step changes nothing.
pub fn transition(conn: &Connection, id: i64, step: &Step<'_>) -> Result<()> {
    check_step(conn, id, step.status)?;
    conn.execute(
        "UPDATE application SET status = ?2, result_note = COALESCE(?3, result_note),
             updated_at = ?4
         WHERE id = ?1",
        params![
            id,
            step.status.code(),
            step.result_note,
            Local::now().to_rfc3339()
        ],
    )?;
    add_event(conn, id, step.actor, step.status, step.note)
}

/// Fails as [`transition`] would when application `id` may not move to `status`;
/// writes nothing. Lets a caller refuse early, before slow work such as drawing a letter.
pub fn check_step(conn: &Connection, id: i64, status: Status) -> Result<()> {
    let current = get(conn, id)?;
    if !current.status.can_move_to(status) {
        return Err(Error::Invalid(format!(
            "Permohonan {} sudah berstatus {}.",
            current.register_no,
            current.status.label()
        )));
    }
    Ok(())
}

/// Appends a step to an application's history.
pub fn add_event(
    conn: &Connection,
    id: i64,
    actor: &str,
    status: Status,
    note: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO application_event(application_id, at, actor, status, note)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, Local::now().to_rfc3339(), actor, status.code(), note],
    )?;
    Ok(())
}
