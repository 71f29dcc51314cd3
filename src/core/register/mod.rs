//! The register (buku pendaftaran): applications and the steps they go through.
//!
//! The front desk writes an application and checks its papers; the operator checks the
//! snapshot and issues a letter or a not-registered slip; the letter is initialled,
//! signed and handed over. [`Status`] names the states, [`Workflow`] the office's
//! choice of steps, and [`transition`] is the one writer of a state. Every change is
//! kept in `application_event` with its time and user.

mod act;
mod attachments;
mod book;
mod correct;
mod export;
mod finish;
mod flow;
mod page;
mod papers;
mod retention;
mod status;
mod steps;
#[cfg(test)]
mod tests;
mod undo;
mod xlsx;

pub use act::*;
pub use attachments::*;
pub use book::*;
pub use correct::*;
pub use export::*;
pub use finish::*;
pub use flow::*;
pub use page::*;
pub use papers::*;
pub use retention::*;
pub use status::*;
pub use steps::*;
pub use undo::*;
pub use xlsx::*;

use chrono::{DateTime, Datelike, Local, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, TransactionBehavior, params};
use serde::Serialize;

use crate::core::nik::Nik;
use crate::core::{Error, Result, audit};

/// What the front desk writes for a new application.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewApplication {
    /// Applicant's name.
    pub applicant_name: String,
    /// NIK of the person the letter is about.
    pub nik: String,
    /// Family card number.
    pub kk: String,
    /// Phone/WhatsApp number for follow-up.
    pub phone: String,
    /// Where an online request's result is sent back (e-mail address, account); the
    /// phone is used when empty.
    pub contact: String,
    /// Purpose (keperluan), e.g. "keringanan biaya sekolah".
    pub purpose: String,
    /// Channel the request came through.
    pub channel: Option<Channel>,
    /// Desa/kelurahan the applicant lives in (the register book filters by it).
    pub desa: String,
    /// Number of the desa's cover letter, if any.
    pub desa_letter_no: String,
    /// Date of the desa's cover letter as typed (DD-MM-YYYY or YYYY-MM-DD), may be
    /// empty; stored as an ISO date.
    pub desa_letter_date: String,
    /// Papers seen, by their names in the office's checklist.
    pub papers: Vec<String>,
    /// Why the application goes on although required papers are missing; empty
    /// returns an incomplete application ([`Status::BerkasTidakLengkap`]).
    pub paper_exception: String,
}

/// One field of [`NewApplication`] that is wrong, with its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Field name: "nama", "nik", "kk", "keperluan".
    pub field: &'static str,
    /// Indonesian message shown next to the field.
    pub message: String,
}

impl NewApplication {
    /// Checks the form; returns every problem found (empty when it can be saved).
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.applicant_name.trim().is_empty() {
            errors.push(FieldError {
                field: "nama",
                message: "Nama pemohon wajib diisi.".into(),
            });
        }
        if let Err(e) = Nik::parse(&self.nik) {
            errors.push(FieldError {
                field: "nik",
                message: format!("NIK tidak valid: {e}."),
            });
        }
        let kk: String = self.kk.chars().filter(|c| !c.is_whitespace()).collect();
        if !kk.is_empty() && (kk.len() != 16 || !kk.chars().all(|c| c.is_ascii_digit())) {
            errors.push(FieldError {
                field: "kk",
                message: "Nomor KK harus 16 digit angka.".into(),
            });
        }
        if self.purpose.trim().is_empty() {
            errors.push(FieldError {
                field: "keperluan",
                message: "Keperluan wajib diisi.".into(),
            });
        }
        if let Err(e) = parse_letter_date(&self.desa_letter_date) {
            errors.push(FieldError {
                field: "tanggal_pengantar",
                message: e.to_string(),
            });
        }
        errors
    }
}

/// A cover letter date as typed (DD-MM-YYYY, DD/MM/YYYY or YYYY-MM-DD): `None` when
/// empty, `Error::Invalid` when it is not a date.
pub fn parse_letter_date(text: &str) -> Result<Option<NaiveDate>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    ["%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(text, f).ok())
        .map(Some)
        .ok_or_else(|| Error::Invalid("Tanggal surat pengantar harus seperti 02-03-2026.".into()))
}

/// An application as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Application {
    /// Row id.
    pub id: i64,
    /// Register number, e.g. "0007/2026".
    pub register_no: String,
    /// When it was written (RFC 3339).
    pub created_at: String,
    /// Channel label.
    pub channel: String,
    /// Applicant's name.
    pub applicant_name: String,
    /// NIK.
    pub nik: String,
    /// KK, may be empty.
    pub kk: String,
    /// Phone, may be empty.
    pub phone: String,
    /// Purpose.
    pub purpose: String,
    /// Desa/kelurahan, may be empty.
    pub desa: String,
    /// Desa cover letter number, may be empty.
    pub desa_letter_no: String,
    /// Desa cover letter date (YYYY-MM-DD), may be empty.
    pub desa_letter_date: String,
    /// Papers seen.
    pub papers: Vec<String>,
    /// Where the result is sent back, may be empty.
    pub contact: String,
    /// Why it went on without some papers, may be empty.
    pub paper_exception: String,
    /// Current state.
    pub status: Status,
    /// Outcome note (letter number or advice).
    pub result_note: Option<String>,
}

const COLUMNS: &str = "id, year, seq, created_at, channel, applicant_name, nik, kk, phone, \
                       purpose, desa_letter_no, papers, status, result_note, contact, \
                       paper_exception, desa, desa_letter_date";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Application> {
    let year: i64 = row.get(1)?;
    let seq: i64 = row.get(2)?;
    let papers: String = row.get(11)?;
    Ok(Application {
        id: row.get(0)?,
        register_no: format!("{seq:04}/{year}"),
        created_at: row.get(3)?,
        channel: row.get(4)?,
        applicant_name: row.get(5)?,
        nik: row.get(6)?,
        kk: row.get::<_, Option<String>>(7)?.unwrap_or_default(),
        phone: row.get::<_, Option<String>>(8)?.unwrap_or_default(),
        purpose: row.get(9)?,
        desa_letter_no: row.get::<_, Option<String>>(10)?.unwrap_or_default(),
        papers: serde_json::from_str(&papers).unwrap_or_default(),
        status: Status::from_code(&row.get::<_, String>(12)?),
        result_note: row.get(13)?,
        contact: row.get(14)?,
        paper_exception: row.get(15)?,
        desa: row.get(16)?,
        desa_letter_date: row.get(17)?,
    })
}

/// Saves a new application after validating it: written as received
/// ([`Status::Diterima`]) at `at` by `actor`; where the office checks papers at the
/// front desk ([`Workflow::papers_step`]), the papers are checked in the same act
/// ([`record_papers`]). Logged as [`audit::AuditAction::CatatPermohonan`].
///
/// Returns the stored application, or `Error::Invalid` listing the problems.
pub fn create(
    conn: &Connection,
    app: &NewApplication,
    actor: &str,
    at: DateTime<Local>,
) -> Result<Application> {
    let problems = app.validate();
    if !problems.is_empty() {
        let text: Vec<String> = problems.into_iter().map(|p| p.message).collect();
        return Err(Error::Invalid(text.join(" ")));
    }
    let nik = Nik::parse(&app.nik)?;
    crate::core::users::require(conn, actor, crate::core::users::Permission::Daftar)?;
    // IMMEDIATE: take the write lock before reading the next register number, so two
    // windows or processes saving at once wait for each other instead of failing.
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let year = at.year();
    let seq: i64 = tx.query_row(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM application WHERE year = ?1",
        [year],
        |r| r.get(0),
    )?;
    let channel = app.channel.unwrap_or(Channel::Loket);
    tx.execute(
        "INSERT INTO application(year, seq, created_at, channel, applicant_name, nik, kk, phone,
             purpose, desa_letter_no, papers, status, updated_at, contact, desa,
             desa_letter_date)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'diterima', ?3, ?12, ?13, ?14)",
        params![
            year,
            seq,
            at.to_rfc3339(),
            channel.label(),
            app.applicant_name.trim(),
            nik.as_str(),
            app.kk.split_whitespace().collect::<String>(),
            app.phone.trim(),
            app.purpose.trim(),
            app.desa_letter_no.trim(),
            serde_json::to_string(&app.papers)?,
            app.contact.trim(),
            app.desa.trim(),
            iso_letter_date(&app.desa_letter_date),
        ],
    )?;
    let id = tx.last_insert_rowid();
    let received = Step {
        status: Status::Diterima,
        result_note: None,
        note: &format!("Permohonan dicatat ({})", channel.label()),
        actor,
        at,
        handover: None,
    };
    add_event(&tx, id, None, &received, "langkah")?;
    audit::record(
        &tx,
        actor,
        audit::AuditAction::CatatPermohonan,
        &nik.masked(),
        "",
        at,
    )?;
    if workflow(&tx)?.papers_step {
        let check = PapersCheck {
            papers: app.papers.clone(),
            exception: app.paper_exception.clone(),
        };
        record_papers(&tx, id, &check, actor, at)?;
    }
    tx.commit()?;
    get(conn, id)
}

/// The typed cover letter date as stored: ISO, or empty (validated before).
fn iso_letter_date(text: &str) -> String {
    parse_letter_date(text)
        .ok()
        .flatten()
        .map(|d| d.to_string())
        .unwrap_or_default()
}

/// Reads one application.
pub fn get(conn: &Connection, id: i64) -> Result<Application> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM application WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("Permohonan #{id}")))
}

/// Applications waiting for the operator (to be checked, or for their letter or
/// slip), oldest first.
pub fn waiting(conn: &Connection) -> Result<Vec<Application>> {
    let flow = workflow(conn)?;
    let mut queue = list(
        conn,
        &RegisterFilter {
            open_only: true,
            oldest_first: true,
            ..Default::default()
        },
    )?;
    queue.retain(|a| a.status.waits_for_operator(&flow));
    Ok(queue)
}

/// Applications returned for missing papers, oldest first (the front desk checks them
/// again when the papers arrive).
pub fn returned(conn: &Connection) -> Result<Vec<Application>> {
    list(
        conn,
        &RegisterFilter {
            status: Some(Status::BerkasTidakLengkap),
            oldest_first: true,
            ..Default::default()
        },
    )
}

/// The most recent applications of any status, newest first.
pub fn recent(conn: &Connection, limit: u32) -> Result<Vec<Application>> {
    list(
        conn,
        &RegisterFilter {
            limit: Some(limit),
            ..Default::default()
        },
    )
}
