//! One entry point for every step a user can name (the CLI's `register step`): it
//! routes to the act that owns the step, so a step taken by name follows the same rules
//! and leaves the same history and audit entry as one taken with a button.

use chrono::{DateTime, Local};

use super::{
    Application, Handover, PapersCheck, Status, cancel, check_papers, get, hand_over,
    missing_papers, record_check, sign_off,
};
use crate::core::letter::issue_not_registered_slip;
use crate::core::nik::Nik;
use crate::core::signoff::{self, SignOff};
use crate::core::snapshot::lookup;
use crate::core::{Error, Result, Store};

/// A step asked for by name, with what it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepRequest {
    /// The state the application should reach.
    pub status: Status,
    /// For the paper check: the papers seen (`None` keeps those written at intake).
    pub papers: Option<Vec<String>>,
    /// Why: required to cancel, and to accept missing papers.
    pub reason: String,
    /// A note for the history.
    pub note: String,
    /// For a handover: how; `None` is in person.
    pub handover: Option<Handover>,
}

/// Takes the step `req` on application `id` by `actor` at `at`. The check's result is
/// looked up in the active snapshot (and must agree with the step asked for); a letter
/// is issued only through the letter act, which draws it.
pub fn take_step(
    store: &Store,
    id: i64,
    req: &StepRequest,
    actor: &str,
    at: DateTime<Local>,
) -> Result<Application> {
    let app = get(&store.register, id)?;
    let by = SignOff {
        actor,
        at,
        note: &req.note,
        handover: req.handover.as_ref(),
    };
    match req.status {
        Status::Diterima => Err(Error::Invalid(
            "Permohonan baru dicatat dengan `register add`.".into(),
        )),
        Status::BerkasLengkap | Status::BerkasTidakLengkap => {
            let papers = req.papers.clone().unwrap_or_else(|| app.papers.clone());
            let rules = store.settings()?.papers;
            let missing = missing_papers(&rules, &papers, &Nik::parse(&app.nik)?, at.date_naive());
            let complete = req.status == Status::BerkasLengkap;
            if complete && !missing.is_empty() && req.reason.trim().is_empty() {
                return Err(Error::Invalid(format!(
                    "Berkas kurang: {}. Beri alasan pengecualian, atau catat berkas tidak lengkap.",
                    missing.join(", ")
                )));
            }
            if !complete && missing.is_empty() {
                return Err(Error::Invalid("Berkas sudah lengkap.".into()));
            }
            let check = PapersCheck {
                papers,
                exception: if complete {
                    req.reason.clone()
                } else {
                    String::new()
                },
            };
            check_papers(&store.register, id, &check, actor, at)
        }
        Status::Terdaftar | Status::TidakTerdaftar => {
            let found = lookup::check(store, &Nik::parse(&app.nik)?, actor)?;
            let registered = found.person.is_some();
            if registered != (req.status == Status::Terdaftar) {
                return Err(disagrees(&found));
            }
            record_check(
                &store.register,
                id,
                registered,
                &found.snapshot.label(),
                actor,
                at,
            )
        }
        Status::SuratDicetak => Err(Error::Invalid(format!(
            "Surat diterbitkan dari layar Operator atau dengan `letter {} --application {id}`.",
            app.nik
        ))),
        Status::SlipSaran => {
            let found = lookup::check(store, &Nik::parse(&app.nik)?, actor)?;
            if found.person.is_some() {
                return Err(disagrees(&found));
            }
            issue_not_registered_slip(
                store,
                Some(id),
                &app.nik,
                &app.applicant_name,
                &found.snapshot,
                actor,
                at.date_naive(),
            )?;
            get(&store.register, id)
        }
        Status::Diparaf => sign_off(store, id, signoff::Step::Paraf, &by),
        Status::Ditandatangani => sign_off(store, id, signoff::Step::Ttd, &by),
        Status::Diserahkan | Status::DikirimOnline | Status::Selesai => {
            let handover = req.handover.clone().unwrap_or_else(Handover::in_person);
            if req.status != Status::Selesai && handover.status() != req.status {
                return Err(Error::Invalid(
                    "Diserahkan berarti langsung di loket; dikirim online perlu kanal dan \
                     kontak tujuan."
                        .into(),
                ));
            }
            hand_over(store, id, &handover, &req.note, actor, at)
        }
        Status::Dibatalkan => {
            let reason = if req.reason.trim().is_empty() {
                &req.note
            } else {
                &req.reason
            };
            cancel(&store.register, id, reason, actor, at)
        }
    }
}

/// The refusal when the snapshot says otherwise than the step asked for.
fn disagrees(found: &lookup::Lookup) -> Error {
    let said = if found.person.is_some() {
        "terdaftar"
    } else {
        "tidak terdaftar"
    };
    Error::Invalid(format!(
        "Menurut {}, NIK ini {said}; langkah itu tidak sesuai hasil cek.",
        found.snapshot.label()
    ))
}
