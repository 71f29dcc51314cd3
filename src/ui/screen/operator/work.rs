//! The operator's background jobs as plain blocking functions.
//!
//! Each opens its own [`Store`] from the data directory, so it can run on any thread; the
//! screen wraps them in tasks, and tests can call them directly.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Local, NaiveDate};

use crate::core::history::{self, History};
use crate::core::letter::{
    self, CertificateContent, IssueRequest, LetterModel, SlipContent, SlipModel,
};
use crate::core::nik::Nik;
use crate::core::register::{self, Application};
use crate::core::snapshot::age::SnapshotAge;
use crate::core::snapshot::search::{self, SearchQuery};
use crate::core::snapshot::{Lookup, SearchHit, lookup as snapshot_lookup};
use crate::core::{Error, Store};
use crate::ui::background::{UiResult, shared};
use crate::ui::screen::{PrintFn, PrintersFn};

use super::papers::{self, Paper};

/// What the operator decided.
#[derive(Debug, Clone)]
pub enum Decision {
    /// A Surat Keterangan was issued with this number.
    Letter(String),
    /// The person is not registered; a slip with this advice was issued.
    NotRegistered(String),
}

/// Where a print job goes: the printer picked (`None`: the system default) and copies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintTarget {
    /// Printer name; `None` lets CUPS use the system default.
    pub printer: Option<String>,
    /// Number of copies (at least 1).
    pub copies: u32,
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
    /// The numbered letter as printed (for the preview); `None` for slips.
    pub letter: Option<Box<LetterModel>>,
    /// The print job id, or why printing failed (the document stays archived).
    pub printed: Result<String, String>,
}

/// A lookup answer with the unnumbered preview of the letter it would give.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The snapshot's answer.
    pub lookup: Lookup,
    /// The application checked, as it stands after the check was recorded; `None` for
    /// a person found by name.
    pub application: Option<Application>,
    /// The papers required of the application's applicant on the check's date, each
    /// with whether it was seen; empty for a person found by name.
    pub papers: Vec<Paper>,
    /// The draft letter for a registered person with a purpose; `None` otherwise.
    pub preview: Option<Box<LetterModel>>,
    /// The slip an application whose NIK is not registered would get, shown before it
    /// is printed; `None` otherwise.
    pub slip: Option<Box<SlipModel>>,
    /// How old the snapshot is on the lookup's date; `None` when its dates are unreadable.
    pub age: Option<SnapshotAge>,
    /// Numbers of the valid letters already issued for this NIK on the lookup's date:
    /// printing another one asks for confirmation first.
    pub issued_today: Vec<String>,
    /// The NIK's applications and letters of the last [`EARLIER_DAYS`] days, the
    /// application being checked left out.
    pub earlier: History,
    /// For an application whose NIK is not registered: persons in the snapshot with the
    /// applicant's name ("Mungkin maksud Anda"), the same birth date as the NIK's first.
    pub candidates: Vec<SearchHit>,
}

/// How far back the check lists the NIK's earlier applications and letters.
pub const EARLIER_DAYS: u32 = 365;

/// The printers offered at print time and the one chosen first.
#[derive(Debug, Clone)]
pub struct PrinterSetup {
    /// Installed printers.
    pub names: Vec<String>,
    /// The office's printer from the settings, else the system default.
    pub chosen: Option<String>,
    /// Copies from the settings.
    pub copies: u32,
}

/// The printers CUPS knows and its default (the window's [`PrintersFn`]).
pub fn system_printers() -> crate::core::Result<(Vec<String>, Option<String>)> {
    let names = crate::core::print::list_printers()?;
    Ok((names, crate::core::print::default_printer()))
}

/// Lists the printers and picks the settings' printer, else the system default.
pub fn printers(dir: &Path, list: PrintersFn) -> UiResult<PrinterSetup> {
    let settings = shared(Store::open(dir).and_then(|s| s.settings()))?;
    let (names, default) = shared(list())?;
    Ok(PrinterSetup {
        names,
        chosen: settings
            .printer
            .filter(|p| !p.trim().is_empty())
            .or(default),
        copies: settings.copies.max(1),
    })
}

/// Looks `nik` up in the active snapshot and logs the access (a person found by name,
/// no application); with a `purpose`, also builds the unnumbered preview of the letter
/// dated `date`. The snapshot's age is counted on `date` against the office's limit.
pub fn lookup(
    dir: &Path,
    nik: &str,
    purpose: Option<&str>,
    date: NaiveDate,
    actor: &str,
) -> UiResult<Checked> {
    let store = shared(Store::open(dir))?;
    let nik = shared(Nik::parse(nik).map_err(Error::from))?;
    let answer = shared(snapshot_lookup::check(&store, &nik, actor))?;
    checked(&store, answer, None, purpose, (date, actor))
}

/// The operator's check of `application` chosen from the queue: looks its NIK up and
/// records the result in the register ([`snapshot_lookup::check_application`]) at `at`
/// by `actor`, then builds the preview dated `date` as [`lookup`] does. The answer
/// carries the application as it stands after the check.
pub fn check_application(
    dir: &Path,
    application: &Application,
    date: NaiveDate,
    (actor, at): (&str, DateTime<Local>),
) -> UiResult<Checked> {
    let store = shared(Store::open(dir))?;
    let answer = shared(snapshot_lookup::check_application(
        &store,
        application.id,
        actor,
        at,
    ))?;
    let after = shared(register::get(&store.register, application.id))?;
    let purpose = after.purpose.clone();
    checked(&store, answer, Some(after), Some(&purpose), (date, actor))
}

/// The answer with the snapshot's age, the NIK's earlier visits, the preview, and for
/// a NIK not registered the candidates by name (searched and logged by `actor`).
fn checked(
    store: &Store,
    answer: Lookup,
    application: Option<Application>,
    purpose: Option<&str>,
    (date, actor): (NaiveDate, &str),
) -> UiResult<Checked> {
    let nik = shared(Nik::parse(&answer.nik).map_err(Error::from))?;
    let settings = shared(store.settings())?;
    let age = SnapshotAge::of(&answer.snapshot, date, settings.max_snapshot_age_months);
    let mut earlier = shared(history::for_nik(&store.register, &nik, date, EARLIER_DAYS))?;
    let issued_today = earlier
        .letters_on(date)
        .into_iter()
        .map(|letter| letter.label())
        .collect();
    if let Some(current) = &application {
        earlier.applications.retain(|a| a.id != current.id);
        earlier
            .letters
            .retain(|l| l.application_id != Some(current.id));
    }
    let papers = application
        .as_ref()
        .map(|a| papers::required(&settings.papers, a, date))
        .unwrap_or_default();
    let preview = match (&answer.person, purpose) {
        (Some(person), Some(purpose)) => {
            let content = CertificateContent {
                number: None,
                date,
                person: person.clone(),
                programs: answer.programs.clone(),
                snapshot: answer.snapshot.clone(),
                purpose: purpose.trim().to_string(),
                verification: None,
            };
            Some(Box::new(letter::certificate_model(&settings, &content)))
        }
        _ => None,
    };
    let slip = match (&answer.person, &application) {
        (None, Some(application)) => Some(Box::new(letter::slip_model(
            &settings,
            &SlipContent {
                date,
                nik: answer.nik.clone(),
                name: application.applicant_name.clone(),
                snapshot: answer.snapshot.clone(),
                advice: settings.not_registered_advice.clone(),
            },
        ))),
        _ => None,
    };
    let candidates = match (&answer.person, &application) {
        // Only a hint: a failed name search leaves the list empty, not the check failed.
        (None, Some(application)) => {
            super::candidates::find(store, application, &nik, actor).unwrap_or_default()
        }
        _ => Vec::new(),
    };
    Ok(Checked {
        lookup: answer,
        application,
        papers,
        preview,
        slip,
        earlier,
        candidates,
        age,
        issued_today,
    })
}

/// Searches the active snapshot by name and logs the search (masked NIKs only).
pub fn search(dir: &Path, query: &SearchQuery, actor: &str) -> UiResult<Vec<SearchHit>> {
    let store = shared(Store::open(dir))?;
    shared(search::find(&store, query, actor))
}

/// Issues the certificate for `application` (numbered, rendered, archived; the
/// application is closed as done), then prints it on `target`.
pub fn issue_and_print(
    dir: &Path,
    application: &Application,
    answer: &Lookup,
    (actor, date): (&str, NaiveDate),
    target: &PrintTarget,
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
    let settings = shared(store.settings())?;
    let content = request.content(
        Some(issued.number.clone()),
        Some(letter::qr_text(&settings, &issued.verification_code)),
    );
    let printed = print_document(
        &store,
        issued.certificate_id,
        &issued.file,
        actor,
        target,
        print,
    );
    Ok(Finished {
        decision: Decision::Letter(issued.number),
        certificate_id: issued.certificate_id,
        shown_file: relative(dir, &issued.file),
        file: issued.file,
        letter: Some(Box::new(letter::certificate_model(&settings, &content))),
        printed,
    })
}

/// Records that the application's NIK is not registered (the application is closed with
/// the office's advice), then prints the advice slip on `target`.
pub fn record_not_registered(
    dir: &Path,
    application: &Application,
    answer: &Lookup,
    (actor, date): (&str, NaiveDate),
    target: &PrintTarget,
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
    let printed = print_document(
        &store,
        slip.certificate_id,
        &slip.file,
        actor,
        target,
        print,
    );
    Ok(Finished {
        decision: Decision::NotRegistered(advice),
        certificate_id: slip.certificate_id,
        shown_file: relative(dir, &slip.file),
        file: slip.file,
        letter: None,
        printed,
    })
}

/// Prints an issued letter or slip again on `target` (counted by `mark_printed`).
pub fn reprint(
    dir: &Path,
    certificate_id: i64,
    file: &Path,
    actor: &str,
    target: &PrintTarget,
    print: PrintFn,
) -> UiResult<Result<String, String>> {
    let store = shared(Store::open(dir))?;
    Ok(print_document(
        &store,
        certificate_id,
        file,
        actor,
        target,
        print,
    ))
}

/// Prints on `target` and records it; the job id, or the reason in Indonesian.
pub fn print_document(
    store: &Store,
    certificate_id: i64,
    file: &Path,
    actor: &str,
    target: &PrintTarget,
    print: PrintFn,
) -> Result<String, String> {
    let job =
        print(file, target.printer.as_deref(), target.copies.max(1)).map_err(|e| e.to_string())?;
    letter::mark_printed(store, certificate_id, actor).map_err(|e| e.to_string())?;
    Ok(job)
}

/// `file` relative to the data directory ("arsip/..."), so the screen shows no machine path.
pub fn relative(dir: &Path, file: &Path) -> String {
    file.strip_prefix(dir)
        .unwrap_or(file)
        .to_string_lossy()
        .into_owned()
}
