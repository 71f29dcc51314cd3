//! The operator's background jobs as plain blocking functions.
//!
//! Each opens its own [`Store`] from the data directory, so it can run on any thread; the
//! screen wraps them in tasks, and tests can call them directly.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;

use crate::core::letter::{self, IssueRequest};
use crate::core::nik::Nik;
use crate::core::register::Application;
use crate::core::snapshot::{Lookup, lookup as snapshot_lookup};
use crate::core::{Error, Store, audit};
use crate::ui::background::{UiResult, shared};
use crate::ui::screen::PrintFn;

/// What the operator decided.
#[derive(Debug, Clone)]
pub enum Decision {
    /// A Surat Keterangan was issued with this number.
    Letter(String),
    /// The person is not registered; a slip with this advice was issued.
    NotRegistered(String),
}

/// An issued and archived letter or slip, and what happened when it was printed.
#[derive(Debug, Clone)]
pub struct Finished {
    /// The decision recorded.
    pub decision: Decision,
    /// Certificate row id of the letter or slip.
    pub certificate_id: i64,
    /// The archived PDF.
    pub file: PathBuf,
    /// The PDF's path relative to the data directory (shown on screen).
    pub shown_file: String,
    /// The print job id, or why printing failed (the document stays archived).
    pub printed: Result<String, String>,
}

/// Looks the application's NIK up in the active snapshot and logs the access.
pub fn lookup(dir: &Path, nik: &str, actor: &str) -> UiResult<Lookup> {
    let store = shared(Store::open(dir))?;
    let nik = shared(Nik::parse(nik).map_err(Error::from))?;
    let answer = shared(snapshot_lookup::lookup(&store.snapshots, &nik))?;
    let detail = if answer.registered() {
        "terdaftar"
    } else {
        "tidak terdaftar"
    };
    shared(audit::record(
        &store.register,
        actor,
        "periksa_nik",
        &nik.masked(),
        detail,
    ))?;
    Ok(answer)
}

/// Issues the certificate for `application` (numbered, rendered, archived; the
/// application is closed as done), then prints it with the office's printer and copies.
pub fn issue_and_print(
    dir: &Path,
    application: &Application,
    answer: &Lookup,
    actor: &str,
    date: NaiveDate,
    print: PrintFn,
) -> UiResult<Finished> {
    let store = shared(Store::open(dir))?;
    let person = answer.person.clone().ok_or_else(|| {
        Arc::new(Error::Invalid(
            "NIK tidak terdaftar; surat keterangan tidak dapat diterbitkan.".into(),
        ))
    })?;
    let request = IssueRequest {
        application_id: Some(application.id),
        person,
        programs: answer.programs.clone(),
        snapshot: answer.snapshot.clone(),
        purpose: application.purpose.clone(),
        actor: actor.to_string(),
        date,
    };
    let issued = shared(letter::issue_certificate(&store, &request))?;
    let printed = print_document(&store, issued.certificate_id, &issued.file, actor, print);
    Ok(Finished {
        decision: Decision::Letter(issued.number),
        certificate_id: issued.certificate_id,
        shown_file: relative(dir, &issued.file),
        file: issued.file,
        printed,
    })
}

/// Records that the application's NIK is not registered (the application is closed with
/// the office's advice), then prints the advice slip.
pub fn record_not_registered(
    dir: &Path,
    application: &Application,
    answer: &Lookup,
    actor: &str,
    date: NaiveDate,
    print: PrintFn,
) -> UiResult<Finished> {
    let store = shared(Store::open(dir))?;
    let advice = shared(store.settings())?.not_registered_advice;
    let slip = shared(letter::issue_not_registered_slip(
        &store,
        Some(application.id),
        &answer.nik,
        &application.applicant_name,
        &answer.snapshot,
        actor,
        date,
    ))?;
    let printed = print_document(&store, slip.certificate_id, &slip.file, actor, print);
    Ok(Finished {
        decision: Decision::NotRegistered(advice),
        certificate_id: slip.certificate_id,
        shown_file: relative(dir, &slip.file),
        file: slip.file,
        printed,
    })
}

/// Prints an issued letter or slip again.
pub fn reprint(
    dir: &Path,
    certificate_id: i64,
    file: &Path,
    actor: &str,
    print: PrintFn,
) -> UiResult<Result<String, String>> {
    let store = shared(Store::open(dir))?;
    Ok(print_document(&store, certificate_id, file, actor, print))
}

/// Prints with the office's printer and copies and records it; the job id or the reason.
fn print_document(
    store: &Store,
    certificate_id: i64,
    file: &Path,
    actor: &str,
    print: PrintFn,
) -> Result<String, String> {
    let settings = store.settings().map_err(|e| e.to_string())?;
    let job = print(file, settings.printer.as_deref(), settings.copies.max(1))
        .map_err(|e| e.to_string())?;
    letter::mark_printed(store, certificate_id, actor).map_err(|e| e.to_string())?;
    Ok(job)
}

/// `file` relative to the data directory ("arsip/..."), so the screen shows no machine path.
fn relative(dir: &Path, file: &Path) -> String {
    file.strip_prefix(dir)
        .unwrap_or(file)
        .to_string_lossy()
        .into_owned()
}
