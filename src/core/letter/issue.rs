//! Issuing a numbered letter against the register: the number, the archive file and the
//! register rows become final in one transaction, so no number is ever used without a
//! letter; the PDF is drawn before that transaction, outside the write lock.

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, Transaction, TransactionBehavior, params};

use super::files::{archive_path, file_stem, in_transaction, relative_to_store, sha256_hex};
use super::number::format_number;
use super::render::{CertificateContent, render_certificate};
use crate::core::audit;
use crate::core::files::write_synced;
use crate::core::register::{self, Status};
use crate::core::settings::Settings;
use crate::core::snapshot::{Person, SnapshotInfo};
use crate::core::users;
use crate::core::{Error, Result, Store, nik, verify};

/// Test hook ([`crate::core::files::test_pause`]): pause inside the write transaction
/// once the number and the rows are written, before the PDF moves into place and the
/// transaction commits.
pub const PAUSE_AFTER_NUMBER: &str = "LOKET_TEST_PAUSE_AFTER_NUMBER";

/// A request to issue one Surat Keterangan.
#[derive(Debug, Clone, PartialEq)]
pub struct IssueRequest {
    /// The register entry (permohonan) this letter answers, if any.
    pub application_id: Option<i64>,
    /// The person as found in the snapshot.
    pub person: Person,
    /// Programmes the person is recorded in.
    pub programs: Vec<String>,
    /// The snapshot the finding comes from.
    pub snapshot: SnapshotInfo,
    /// Purpose (keperluan).
    pub purpose: String,
    /// Who issues it (user name).
    pub actor: String,
    /// Date of the letter; also decides the numbering year.
    pub date: NaiveDate,
}

/// A letter that has been issued and archived.
#[derive(Debug, Clone, PartialEq)]
pub struct Issued {
    /// Row id in `certificate`.
    pub certificate_id: i64,
    /// The letter number.
    pub number: String,
    /// Absolute path of the archived PDF.
    pub file: PathBuf,
    /// SHA-256 of the PDF, lowercase hex.
    pub sha256: String,
    /// The code printed in the QR.
    pub verification_code: String,
}

/// Fails with [`Error::NotFound`] when the application does not exist.
pub(crate) fn require_application(conn: &Connection, application_id: i64) -> Result<()> {
    let found: i64 = conn.query_row(
        "SELECT COUNT(*) FROM application WHERE id = ?1",
        [application_id],
        |r| r.get(0),
    )?;
    if found == 0 {
        return Err(Error::NotFound(format!(
            "Permohonan nomor {application_id}"
        )));
    }
    Ok(())
}

fn check_request(req: &IssueRequest) -> Result<()> {
    if req.person.nik.trim().is_empty() || req.person.name.trim().is_empty() {
        return Err(Error::Invalid(
            "Data penduduk belum lengkap (NIK dan nama wajib ada).".into(),
        ));
    }
    if req.purpose.trim().is_empty() {
        return Err(Error::Invalid(
            "Keperluan surat wajib diisi, misalnya \"pendaftaran sekolah\".".into(),
        ));
    }
    Ok(())
}

impl IssueRequest {
    /// What the letter for this request shows, with its number and QR text (both `None`
    /// for a draft).
    pub fn content(&self, number: Option<String>, qr: Option<String>) -> CertificateContent {
        CertificateContent {
            number,
            date: self.date,
            person: self.person.clone(),
            programs: self.programs.clone(),
            snapshot: self.snapshot.clone(),
            purpose: self.purpose.trim().to_string(),
            verification: qr,
        }
    }
}

/// The text in a letter's QR: the office's verification address followed by the code.
pub fn qr_text(settings: &Settings, code: &str) -> String {
    format!("{}{code}", settings.verify_url)
}

/// Issues a numbered letter: assigns the next number of the year, renders and archives
/// the PDF, records the certificate, closes the application as `selesai`, and audits it.
/// The number, the rows and the archive file become final together in one transaction;
/// on any failure nothing is recorded and no file is left.
pub fn issue_certificate(store: &Store, req: &IssueRequest) -> Result<Issued> {
    issue_with(store, req, render_certificate)
}

/// How many times a letter is drawn outside the write lock before the last try draws it
/// while holding the lock (see [`issue_with`]).
const UNLOCKED_TRIES: usize = 4;

/// [`issue_certificate`] with an injectable renderer (tests).
///
/// Drawing the PDF and syncing it to disk is slow, so it happens outside the register's
/// write lock; the front desk, the audit log and other counters keep writing meanwhile.
/// The QR signs the number, so the number must be known before drawing:
///
/// 1. read the next free number (a plain read: under WAL it takes no lock), and check
///    that the application may be closed, so a refused letter is never drawn;
/// 2. draw the letter with that number and write it, synced, to a temporary file in the
///    archive folder;
/// 3. in one short `BEGIN IMMEDIATE` transaction, check that the number is still the
///    next free one, record the certificate, archive row, register step and audit
///    entry, and move the file into place last, just before the commit (a process
///    killed before that leaves only its temporary file, removed by the next letter
///    drawn into that folder; `tests/cli_crash_safety.rs`). When another letter took the number meanwhile,
///    nothing is recorded, the temporary file is removed and the letter is drawn again
///    with the new next number.
///
/// No number is reserved ahead, so a failure anywhere leaves no trace and numbers stay
/// gap-free and unique without void placeholder rows; the price is a rare second
/// drawing. After [`UNLOCKED_TRIES`] lost races the last try draws while holding the
/// lock, so a letter is never refused just because the office is busy.
pub(crate) fn issue_with(
    store: &Store,
    req: &IssueRequest,
    mut render: impl FnMut(&Settings, &CertificateContent) -> Result<Vec<u8>>,
) -> Result<Issued> {
    check_request(req)?;
    users::require(&store.register, &req.actor, users::Permission::Terbitkan)?;
    let settings = store.print_settings()?;
    let key = crate::core::key::signing_key(store)?;
    if let Some(id) = req.application_id {
        require_application(&store.register, id)?;
        register::check_document_step(&store.register, id, true)?;
    }
    let mut seq = next_number(&store.register, &settings, req.date)?.0;
    for _ in 0..UNLOCKED_TRIES {
        let letter = Drawn::new(store, &settings, &key, req, seq, &mut render)?;
        let outcome = in_transaction(&store.register, |tx, written| {
            record(tx, store, &settings, req, letter, written)
        })?;
        match outcome {
            Recorded::Issued(issued) => return Ok(issued),
            Recorded::Taken { next } => seq = next,
        }
    }
    in_transaction(&store.register, |tx, written| {
        let (seq, _) = next_number(tx, &settings, req.date)?;
        let letter = Drawn::new(store, &settings, &key, req, seq, &mut render)?;
        match record(tx, store, &settings, req, letter, written)? {
            Recorded::Issued(issued) => Ok(issued),
            Recorded::Taken { .. } => Err(Error::Letter(
                "Nomor surat berubah saat surat dibuat. Coba terbitkan lagi.".into(),
            )),
        }
    })
}

/// The next sequence number of the letter's year and the number it gives. Fails when a
/// template without `{tahun}` would repeat a number of an earlier year. Both reads see
/// one snapshot: outside a transaction they run in a read transaction of their own, or
/// a letter committed between them would make its own number look reused.
fn next_number(conn: &Connection, settings: &Settings, date: NaiveDate) -> Result<(u32, String)> {
    if conn.is_autocommit() {
        let read = Transaction::new_unchecked(conn, TransactionBehavior::Deferred)?;
        let next = next_number(&read, settings, date)?;
        read.commit()?;
        return Ok(next);
    }
    let seq: u32 = conn.query_row(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM certificate WHERE kind = 'surat' AND year = ?1",
        [date.year()],
        |r| r.get(0),
    )?;
    let number = format_number(&settings.number_template, seq, date)?;
    let taken: i64 = conn.query_row(
        "SELECT COUNT(*) FROM certificate WHERE number = ?1",
        [&number],
        |r| r.get(0),
    )?;
    if taken > 0 {
        return Err(Error::Invalid(format!(
            "Nomor {number} sudah pernah dipakai. Tambahkan {{tahun}} ke format nomor surat \
             di Pengaturan agar penomoran tiap tahun tidak bertabrakan."
        )));
    }
    Ok((seq, number))
}

/// A letter drawn for one number and synced to a temporary file beside its archive
/// place. Dropping it removes the temporary file (a no-op once moved into place).
struct Drawn {
    seq: u32,
    number: String,
    code: String,
    tmp: PathBuf,
    file: PathBuf,
    sha256: String,
}

impl Drawn {
    fn new(
        store: &Store,
        settings: &Settings,
        key: &ed25519_dalek::SigningKey,
        req: &IssueRequest,
        seq: u32,
        render: &mut impl FnMut(&Settings, &CertificateContent) -> Result<Vec<u8>>,
    ) -> Result<Drawn> {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT_TMP: AtomicU64 = AtomicU64::new(0);
        let number = format_number(&settings.number_template, seq, req.date)?;
        let code = verify::code(
            key,
            &verify::Signed {
                year: req.date.year(),
                seq: seq.into(),
                number: &number,
                nik: &req.person.nik,
                name: &req.person.name,
            },
        );
        let qr = qr_text(settings, &code);
        let pdf = render(settings, &req.content(Some(number.clone()), Some(qr)))?;
        let stem = file_stem(&number);
        let file = archive_path(store, req.date, &format!("{stem}.pdf"));
        if let Some(folder) = file.parent() {
            crate::core::files::remove_stale_temps(folder);
        }
        // Unique per process and call: two counters may draw the same number at once.
        let tmp = file.with_file_name(format!(
            ".{stem}.{}-{}.tmp",
            std::process::id(),
            NEXT_TMP.fetch_add(1, Ordering::Relaxed)
        ));
        write_synced(&tmp, &pdf)?;
        Ok(Drawn {
            seq,
            number,
            code,
            tmp,
            file,
            sha256: sha256_hex(&pdf),
        })
    }
}

impl Drop for Drawn {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.tmp);
    }
}

/// What [`record`] did.
enum Recorded {
    /// The letter is recorded (final once the transaction commits).
    Issued(Issued),
    /// Another letter took the number; `next` is the next free one. Nothing written.
    Taken { next: u32 },
}

/// Inside the write transaction: checks the drawn number is still the next free one,
/// moves the file into place (reported in `written`) and records the letter.
fn record(
    tx: &Transaction<'_>,
    store: &Store,
    settings: &Settings,
    req: &IssueRequest,
    letter: Drawn,
    written: &mut Vec<PathBuf>,
) -> Result<Recorded> {
    let (seq, number) = next_number(tx, settings, req.date)?;
    if seq != letter.seq || number != letter.number {
        return Ok(Recorded::Taken { next: seq });
    }
    if let Some(id) = req.application_id {
        require_application(tx, id)?;
    }
    let rel = relative_to_store(store, &letter.file);
    let now = chrono::Local::now();
    let at = now.to_rfc3339();
    tx.execute(
        "INSERT INTO certificate(kind, year, seq, number, application_id, nik, name, purpose,
             snapshot_id, snapshot_label, issued_at, issued_by, file, sha256,
             verification_code, status)
         VALUES ('surat', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 'final')",
        params![
            req.date.year(),
            seq,
            number,
            req.application_id,
            req.person.nik,
            req.person.name,
            req.purpose.trim(),
            req.snapshot.id,
            req.snapshot.label(),
            at,
            req.actor,
            rel,
            letter.sha256,
            letter.code
        ],
    )?;
    let certificate_id = tx.last_insert_rowid();
    crate::core::archive::insert_file(tx, certificate_id, "pdf", &rel, &letter.sha256, &at)?;
    if let Some(id) = req.application_id {
        let label = req.snapshot.label();
        register::check_before_document(tx, id, true, &label, &req.actor, now)?;
        let step = register::Step {
            status: Status::SuratDicetak,
            result_note: Some(&number),
            note: &format!("Surat {number} diterbitkan"),
            actor: &req.actor,
            at: now,
            handover: None,
        };
        register::transition(tx, id, &step)?;
    }
    audit::record(
        tx,
        &req.actor,
        audit::AuditAction::TerbitSurat,
        &number,
        &nik::mask(&req.person.nik),
        now,
    )?;
    crate::core::files::test_pause(PAUSE_AFTER_NUMBER);
    // Last, just before the commit: a crash before this point leaves only the
    // temporary file (never taken for a letter) and rolls the number back.
    written.push(letter.file.clone());
    std::fs::rename(&letter.tmp, &letter.file).map_err(|e| Error::io(&letter.file, e))?;
    Ok(Recorded::Issued(Issued {
        certificate_id,
        number,
        file: letter.file.clone(),
        sha256: letter.sha256.clone(),
        verification_code: letter.code.clone(),
    }))
}

/// Renders an unnumbered DRAFT preview of the letter; records nothing.
pub fn render_draft(store: &Store, req: &IssueRequest) -> Result<Vec<u8>> {
    render_certificate(&store.print_settings()?, &req.content(None, None))
}

#[cfg(test)]
#[path = "issue_tests.rs"]
pub(crate) mod tests;
