//! The end of the flow for one application: the sign-off of its letter, the handover
//! (in person or online), and closing after the not-registered slip.

use chrono::{DateTime, Local};

use super::steps::{Handover, Step, simple_step};
use super::{Application, Status, check_step, current_letter, get};
use crate::core::signoff::{self, SignOff};
use crate::core::{Error, Result, Store};

/// Records the sign-off `step` (paraf, TTD, handover) on the letter of application
/// `id`, which moves the application with it ([`signoff::record`]).
pub fn sign_off(
    store: &Store,
    id: i64,
    step: signoff::Step,
    by: &SignOff<'_>,
) -> Result<Application> {
    let target = match step {
        signoff::Step::Paraf => Status::Diparaf,
        signoff::Step::Ttd => Status::Ditandatangani,
        signoff::Step::Diserahkan => by.handover.map_or(Status::Diserahkan, |h| h.status()),
    };
    let app = check_step(&store.register, id, target)?;
    let Some(letter) = current_letter(&store.register, id)? else {
        return Err(Error::Invalid(format!(
            "Permohonan {} belum punya surat yang berlaku.",
            app.register_no
        )));
    };
    signoff::record(store, letter, step, by)?;
    get(&store.register, id)
}

/// Hands the result of application `id` over: its signed letter (in person or sent
/// online to a contact), or its not-registered slip, which closes it.
pub fn hand_over(
    store: &Store,
    id: i64,
    handover: &Handover,
    note: &str,
    actor: &str,
    at: DateTime<Local>,
) -> Result<Application> {
    handover.validate()?;
    let app = get(&store.register, id)?;
    if app.status == Status::SlipSaran {
        let note = format!(
            "Slip saran diserahkan {} {}",
            handover.describe(),
            note.trim()
        );
        let step = Step {
            status: Status::Selesai,
            result_note: None,
            note: &note,
            actor,
            at,
            handover: Some(handover),
        };
        return simple_step(&store.register, id, &step);
    }
    let by = SignOff {
        actor,
        at,
        note,
        handover: Some(handover),
    };
    sign_off(store, id, signoff::Step::Diserahkan, &by)
}
