//! Correcting a register entry (a mistyped name, NIK or purpose), with a reason; the
//! history keeps what it was.

use chrono::{DateTime, Local};
use rusqlite::{Connection, params};

use super::steps::{Step, add_event, in_step_transaction, required_reason};
use super::{Application, Channel, NewApplication, Status, get};
use crate::core::audit::{self, AuditAction};
use crate::core::nik::{self, Nik};
use crate::core::{Error, Result};

/// Replaces the written fields of application `id` with those of `fixed` (the papers
/// and channel stay), with a required `reason`. The NIK and the name cannot change once
/// a letter stands for the application: void the letter first. Logged as
/// [`AuditAction::KoreksiPermohonan`]; the history lists every changed field.
pub fn correct(
    conn: &Connection,
    id: i64,
    fixed: &NewApplication,
    reason: &str,
    actor: &str,
    at: DateTime<Local>,
) -> Result<Application> {
    let reason = required_reason(reason, "koreksi")?;
    let problems = fixed.validate();
    if !problems.is_empty() {
        let text: Vec<String> = problems.into_iter().map(|p| p.message).collect();
        return Err(Error::Invalid(text.join(" ")));
    }
    let new_nik = Nik::parse(&fixed.nik)?;
    in_step_transaction(conn, id, |tx| {
        correct_in(tx, id, fixed, &new_nik, reason, actor, at)
    })
}

/// [`correct`]'s work inside the caller's transaction.
fn correct_in(
    tx: &Connection,
    id: i64,
    fixed: &NewApplication,
    new_nik: &Nik,
    reason: &str,
    actor: &str,
    at: DateTime<Local>,
) -> Result<()> {
    {
        let app = get(tx, id)?;
        let kk: String = fixed.kk.split_whitespace().collect();
        let letter_date = super::iso_letter_date(&fixed.desa_letter_date);
        let pairs = [
            (
                "nama",
                app.applicant_name.clone(),
                fixed.applicant_name.trim(),
            ),
            ("NIK", app.nik.clone(), new_nik.as_str()),
            ("KK", app.kk.clone(), kk.as_str()),
            ("telepon", app.phone.clone(), fixed.phone.trim()),
            ("kontak", app.contact.clone(), fixed.contact.trim()),
            ("keperluan", app.purpose.clone(), fixed.purpose.trim()),
            ("desa", app.desa.clone(), fixed.desa.trim()),
            (
                "no. pengantar",
                app.desa_letter_no.clone(),
                fixed.desa_letter_no.trim(),
            ),
        ];
        let changes: Vec<String> = pairs
            .iter()
            .filter(|(_, old, new)| old != new)
            .map(|(field, old, new)| match *field {
                "NIK" | "KK" => format!("{field}: {} → {}", nik::mask(old), nik::mask(new)),
                _ => format!("{field}: \"{old}\" → \"{new}\""),
            })
            .collect();
        if changes.is_empty() {
            return Err(Error::Invalid("Tidak ada yang diubah.".into()));
        }
        let identity_changed =
            app.nik != new_nik.as_str() || app.applicant_name != fixed.applicant_name.trim();
        if identity_changed && super::current_letter(tx, id)?.is_some() {
            return Err(Error::Invalid(format!(
                "Permohonan {} sudah punya surat; batalkan suratnya dulu sebelum mengubah \
                 nama atau NIK.",
                app.register_no
            )));
        }
        tx.execute(
            "UPDATE application SET applicant_name = ?2, nik = ?3, kk = ?4, phone = ?5,
                 contact = ?6, purpose = ?7, desa = ?8, desa_letter_no = ?9, updated_at = ?10,
                 desa_letter_date = ?11
             WHERE id = ?1",
            params![
                id,
                fixed.applicant_name.trim(),
                new_nik.as_str(),
                kk,
                fixed.phone.trim(),
                fixed.contact.trim(),
                fixed.purpose.trim(),
                fixed.desa.trim(),
                fixed.desa_letter_no.trim(),
                at.to_rfc3339(),
                letter_date
            ],
        )?;
        let note = format!("Koreksi ({reason}): {}", changes.join("; "));
        let step = Step::plain(app.status, &note, actor, at);
        add_event(tx, id, Some(app.status), &step, "koreksi")?;
        audit::record(
            tx,
            actor,
            AuditAction::KoreksiPermohonan,
            &app.register_no,
            &note,
            at,
        )
    }
}

/// The operator's correction of a mistyped NIK found by name ("Mungkin maksud Anda"):
/// application `id` gets `nik` (everything else stays) with a required `reason`, and a
/// check result recorded for the old NIK is undone in the same transaction, so the
/// application waits to be checked again. Logged as [`AuditAction::KoreksiPermohonan`]
/// and, for the undone check, [`AuditAction::BatalLangkah`].
pub fn correct_nik(
    conn: &Connection,
    id: i64,
    nik: &str,
    reason: &str,
    actor: &str,
    at: DateTime<Local>,
) -> Result<Application> {
    let reason = required_reason(reason, "koreksi")?;
    let new_nik = Nik::parse(nik)?;
    let app = get(conn, id)?;
    let fixed = NewApplication {
        applicant_name: app.applicant_name.clone(),
        nik: new_nik.as_str().to_string(),
        kk: app.kk.clone(),
        phone: app.phone.clone(),
        contact: app.contact.clone(),
        purpose: app.purpose.clone(),
        channel: Channel::parse(&app.channel).or(Channel::from_label(&app.channel)),
        desa: app.desa.clone(),
        desa_letter_no: app.desa_letter_no.clone(),
        desa_letter_date: app.desa_letter_date.clone(),
        papers: app.papers.clone(),
        paper_exception: app.paper_exception.clone(),
    };
    in_step_transaction(conn, id, |tx| {
        correct_in(tx, id, &fixed, &new_nik, reason, actor, at)?;
        if matches!(app.status, Status::Terdaftar | Status::TidakTerdaftar) {
            let why = format!("cek NIK lama, NIK dikoreksi ({reason})");
            super::undo::undo_in(tx, id, &why, actor, at)?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use chrono::Local;

    use super::*;
    use crate::core::register::{NewApplication, PAPERS, create, history, record_check};

    #[test]
    fn a_nik_correction_undoes_the_old_check_in_one_step() {
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::core::db::open_register(&dir.path().join("l.db")).unwrap();
        let typed = NewApplication {
            applicant_name: "Siti Aminah".into(),
            nik: "3520014107800002".into(),
            purpose: "keringanan biaya sekolah".into(),
            papers: PAPERS.map(String::from).to_vec(),
            ..Default::default()
        };
        let a = create(&conn, &typed, "petugas", Local::now()).unwrap();
        record_check(
            &conn,
            a.id,
            false,
            "DTSEN 2026-09",
            "operator",
            Local::now(),
        )
        .unwrap();
        let now = Local::now();
        assert!(correct_nik(&conn, a.id, "3520014107800001", " ", "operator", now).is_err());
        assert!(correct_nik(&conn, a.id, "35200141078", "KTP", "operator", now).is_err());
        assert_eq!(
            get(&conn, a.id).unwrap().status,
            Status::TidakTerdaftar,
            "refused: unchanged"
        );

        let fixed = correct_nik(
            &conn,
            a.id,
            "3520014107800001",
            "salah ketik",
            "operator",
            now,
        )
        .unwrap();
        assert_eq!(fixed.nik, "3520014107800001");
        assert_eq!(
            fixed.status,
            Status::BerkasLengkap,
            "waits to be checked again"
        );
        let kinds: Vec<String> = history(&conn, a.id)
            .unwrap()
            .into_iter()
            .map(|e| e.kind)
            .collect();
        assert_eq!(kinds, ["langkah", "langkah", "langkah", "koreksi", "urung"]);
        let logged: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM audit WHERE action IN ('koreksi_permohonan', 'batal_langkah')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(logged, 2);
        assert_eq!(crate::core::audit::verify(&conn).unwrap(), None);
    }
}
