//! The other register operations on letters: not-registered slips, voiding, printing.

use std::path::PathBuf;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::files::{Archived, archive_pdf, in_transaction, now};
use super::issue::require_application;
use super::render::{SlipContent, render_not_registered_slip};
use crate::core::register::{self, Status};
use crate::core::snapshot::SnapshotInfo;
use crate::core::users;
use crate::core::{Error, Result, Store, audit, nik};

/// A not-registered slip that has been printed to the archive and recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct IssuedSlip {
    /// Row id in `certificate` (kind `slip`, no number).
    pub certificate_id: i64,
    /// Absolute path of the archived PDF.
    pub file: PathBuf,
    /// SHA-256 of the PDF, lowercase hex.
    pub sha256: String,
}

/// Renders, archives and records the "KETERANGAN HASIL PEMERIKSAAN DATA" slip for a
/// person not found in `snapshot`. The slip is drawn before the write transaction; the
/// file is written and the rows recorded inside it. When `application_id` is given, that application is
/// closed as `tidak_terdaftar` with the office's advice as its result note. The slip is
/// never numbered.
pub fn issue_not_registered_slip(
    store: &Store,
    application_id: Option<i64>,
    nik_text: &str,
    name: &str,
    snapshot: &SnapshotInfo,
    actor: &str,
    date: NaiveDate,
) -> Result<IssuedSlip> {
    if nik_text.trim().is_empty() {
        return Err(Error::Invalid(
            "NIK wajib diisi untuk keterangan ini.".into(),
        ));
    }
    users::require(&store.register, actor, users::Permission::Terbitkan)?;
    let settings = store.print_settings()?;
    let advice = settings.not_registered_advice.clone();
    if let Some(app) = application_id {
        require_application(&store.register, app)?;
        register::check_document_step(&store.register, app, false)?;
    }
    // Drawn before the write transaction (the slip shows no row id), so other writers do
    // not wait on the register while it is drawn.
    let pdf = render_not_registered_slip(
        &settings,
        &SlipContent {
            date,
            nik: nik_text.trim().to_string(),
            name: name.trim().to_string(),
            snapshot: snapshot.clone(),
            advice: advice.clone(),
        },
    )?;
    in_transaction(&store.register, |tx, written| {
        if let Some(app) = application_id {
            require_application(tx, app)?;
        }
        let id: i64 = tx.query_row(
            "SELECT COALESCE(MAX(id), 0) + 1 FROM certificate",
            [],
            |r| r.get(0),
        )?;
        let Archived {
            file,
            sha256,
            relative: rel,
        } = archive_pdf(store, date, &format!("slip-{id:06}.pdf"), &pdf, written)?;
        let now = chrono::Local::now();
        let at = now.to_rfc3339();
        tx.execute(
            "INSERT INTO certificate(id, kind, application_id, nik, name, snapshot_id,
                 snapshot_label, issued_at, issued_by, file, sha256, status)
             VALUES (?1, 'slip', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'final')",
            params![
                id,
                application_id,
                nik_text.trim(),
                name.trim(),
                snapshot.id,
                snapshot.label(),
                at,
                actor,
                rel,
                sha256
            ],
        )?;
        crate::core::archive::insert_file(tx, id, "pdf", &rel, &sha256, &at)?;
        if let Some(app) = application_id {
            let label = snapshot.label();
            register::check_before_document(tx, app, false, &label, actor, now)?;
            let step = register::Step {
                status: Status::SlipSaran,
                result_note: Some(&advice),
                note: &format!("Slip saran diberikan (tidak terdaftar dalam {label})"),
                actor,
                at: now,
                handover: None,
            };
            register::transition(tx, app, &step)?;
        }
        audit::record(
            tx,
            actor,
            audit::AuditAction::SlipTidakTerdaftar,
            &nik::mask(nik_text.trim()),
            &snapshot.label(),
            now,
        )?;
        Ok(IssuedSlip {
            certificate_id: id,
            file,
            sha256,
        })
    })
}

/// Voids a letter. The number stays on record (never reused) with the reason, which is
/// required.
pub fn void_certificate(store: &Store, number: &str, reason: &str, actor: &str) -> Result<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::Invalid(
            "Alasan pembatalan surat wajib diisi.".into(),
        ));
    }
    in_transaction(&store.register, |tx, _| {
        let found: Option<(String, Option<i64>)> = tx
            .query_row(
                "SELECT status, application_id FROM certificate
                 WHERE number = ?1 AND kind = 'surat'",
                [number],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let application = found.as_ref().and_then(|f| f.1);
        match found.as_ref().map(|f| f.0.as_str()) {
            None => return Err(Error::NotFound(format!("Surat nomor {number}"))),
            Some("void") => {
                return Err(Error::Invalid(format!(
                    "Surat nomor {number} sudah dibatalkan sebelumnya."
                )));
            }
            Some(_) => {}
        }
        tx.execute(
            "UPDATE certificate SET status = 'void', void_reason = ?1, voided_at = ?2
             WHERE number = ?3",
            params![reason, now(), number],
        )?;
        let at = chrono::Local::now();
        if let Some(application) = application {
            register::reopen_after_void(tx, application, number, reason, actor, at)?;
        }
        audit::record(
            tx,
            actor,
            audit::AuditAction::BatalSurat,
            number,
            reason,
            at,
        )?;
        Ok(())
    })
}

/// Records that a letter or slip was printed (once more) and returns how often it has
/// been printed. Printing again after the first time is audited as a reprint. A voided
/// letter cannot be printed.
pub fn mark_printed(store: &Store, certificate_id: i64, actor: &str) -> Result<i64> {
    in_transaction(&store.register, |tx, _| {
        let row: Option<(Option<String>, String, i64, String)> = tx
            .query_row(
                "SELECT number, status, printed, nik FROM certificate WHERE id = ?1",
                [certificate_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((number, status, printed, nik_text)) = row else {
            return Err(Error::NotFound(format!("Surat (id {certificate_id})")));
        };
        let subject = number.unwrap_or_else(|| nik::mask(&nik_text));
        if status == "void" {
            return Err(Error::Invalid(format!(
                "Surat {subject} sudah dibatalkan dan tidak boleh dicetak."
            )));
        }
        tx.execute(
            "UPDATE certificate SET printed = printed + 1 WHERE id = ?1",
            [certificate_id],
        )?;
        if printed > 0 {
            audit::record(
                tx,
                actor,
                audit::AuditAction::CetakUlang,
                &subject,
                &format!("cetakan ke-{}", printed + 1),
                chrono::Local::now(),
            )?;
        }
        Ok(printed + 1)
    })
}
