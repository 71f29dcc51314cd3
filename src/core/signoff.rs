//! Sign-off of a printed letter, in the order the service standards give: the Kabid
//! initials it (paraf), the Kepala Dinas signs it (TTD), then it is handed over to the
//! applicant or sent online as a scan (diserahkan). Voided letters and slips take no steps.

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use crate::core::{Error, Result, Store, audit};

/// One sign-off step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Step {
    /// Initialled by the Kabid.
    Paraf,
    /// Signed by the Kepala Dinas.
    Ttd,
    /// Handed over, or sent online.
    Diserahkan,
}

impl Step {
    /// The steps in order.
    pub const ALL: [Step; 3] = [Step::Paraf, Step::Ttd, Step::Diserahkan];

    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            Step::Paraf => "paraf",
            Step::Ttd => "ttd",
            Step::Diserahkan => "diserahkan",
        }
    }

    /// What the button says.
    pub fn action(self) -> &'static str {
        match self {
            Step::Paraf => "Paraf Kabid",
            Step::Ttd => "TTD Kepala Dinas",
            Step::Diserahkan => "Serahkan",
        }
    }

    /// What is shown once done.
    pub fn done_label(self) -> &'static str {
        match self {
            Step::Paraf => "DIPARAF",
            Step::Ttd => "DITANDATANGANI",
            Step::Diserahkan => "DISERAHKAN",
        }
    }

    fn from_code(code: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// The steps done for a letter, in order.
pub fn done(conn: &Connection, certificate_id: i64) -> Result<Vec<Step>> {
    let mut stmt =
        conn.prepare("SELECT step FROM certificate_step WHERE certificate_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([certificate_id], |r| r.get::<_, String>(0))?;
    Ok(rows
        .filter_map(|r| r.ok())
        .filter_map(|code| Step::from_code(&code))
        .collect())
}

/// The next step for a letter, or `None` when it is complete.
pub fn next(conn: &Connection, certificate_id: i64) -> Result<Option<Step>> {
    let done = done(conn, certificate_id)?;
    Ok(Step::ALL.into_iter().find(|s| !done.contains(s)))
}

/// When the application behind letter `certificate_id` was received and when the letter
/// was handed over (`None`: not yet), both RFC 3339: the span the service standard
/// measures, since the standards count the signature and the handover in the time.
/// `None` for a letter issued without an application (the CLI's batch letters).
pub fn service_span(
    conn: &Connection,
    certificate_id: i64,
) -> Result<Option<(String, Option<String>)>> {
    Ok(conn
        .query_row(
            "SELECT a.created_at,
                    (SELECT s.at FROM certificate_step s
                     WHERE s.certificate_id = c.id AND s.step = ?2)
             FROM certificate c JOIN application a ON a.id = c.application_id
             WHERE c.id = ?1",
            params![certificate_id, Step::Diserahkan.code()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Records `step` for a letter; refuses steps out of order, twice, on slips or on voided
/// letters, with an Indonesian message.
pub fn record(
    store: &Store,
    certificate_id: i64,
    step: Step,
    actor: &str,
    note: &str,
) -> Result<()> {
    let tx = Transaction::new_unchecked(&store.register, TransactionBehavior::Immediate)?;
    let letter: Option<(String, Option<String>, String)> = tx
        .query_row(
            "SELECT kind, number, status FROM certificate WHERE id = ?1",
            [certificate_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((kind, number, status)) = letter else {
        return Err(Error::NotFound(format!("Surat #{certificate_id}")));
    };
    let number = number.unwrap_or_default();
    if kind != "surat" {
        return Err(Error::Invalid(
            "Slip saran tidak diparaf atau ditandatangani.".into(),
        ));
    }
    if status == "void" {
        return Err(Error::Invalid(format!("Surat {number} sudah dibatalkan.")));
    }
    match next(&tx, certificate_id)? {
        Some(expected) if expected == step => {}
        Some(expected) => {
            return Err(Error::Invalid(format!(
                "Surat {number}: langkah berikutnya adalah {}.",
                expected.action()
            )));
        }
        None => {
            return Err(Error::Invalid(format!("Surat {number} sudah diserahkan.")));
        }
    }
    let at = chrono::Local::now();
    tx.execute(
        "INSERT INTO certificate_step(certificate_id, step, at, actor, note)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            certificate_id,
            step.code(),
            at.to_rfc3339(),
            actor,
            note.trim()
        ],
    )?;
    audit::record(
        &tx,
        actor,
        audit::AuditAction::Tahap(step),
        &number,
        note.trim(),
        at,
    )?;
    Ok(tx.commit()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::letter::issue::tests::request;
    use crate::core::letter::{Issued, issue_certificate, void_certificate};

    fn letter(store: &Store) -> Issued {
        issue_certificate(store, &request()).unwrap()
    }

    #[test]
    fn steps_go_in_order_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let id = letter(&store).certificate_id;
        assert_eq!(next(&store.register, id).unwrap(), Some(Step::Paraf));
        let err = record(&store, id, Step::Ttd, "kadis", "").unwrap_err();
        assert!(err.to_string().contains("Paraf Kabid"), "{err}");
        record(&store, id, Step::Paraf, "kabid", "").unwrap();
        assert!(record(&store, id, Step::Paraf, "kabid", "").is_err());
        record(&store, id, Step::Ttd, "kadis", "").unwrap();
        record(
            &store,
            id,
            Step::Diserahkan,
            "petugas",
            "dikirim lewat WhatsApp",
        )
        .unwrap();
        assert_eq!(next(&store.register, id).unwrap(), None);
        assert_eq!(done(&store.register, id).unwrap(), Step::ALL.to_vec());
        assert_eq!(audit::verify(&store.register).unwrap(), None);
    }

    #[test]
    fn the_service_span_runs_from_the_application_to_the_handover() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let without = letter(&store).certificate_id;
        assert_eq!(service_span(&store.register, without).unwrap(), None);
        let new = crate::core::register::NewApplication {
            applicant_name: "Budi".into(),
            nik: crate::core::demo::DEMO_REGISTERED_NIK.into(),
            purpose: "sekolah".into(),
            ..Default::default()
        };
        let application = crate::core::register::create(&store.register, &new, "petugas").unwrap();
        let id = issue_certificate(
            &store,
            &crate::core::letter::IssueRequest {
                application_id: Some(application.id),
                ..request()
            },
        )
        .unwrap()
        .certificate_id;
        let (received, handed) = service_span(&store.register, id).unwrap().unwrap();
        assert_eq!(
            (received.as_str(), handed),
            (application.created_at.as_str(), None)
        );
        for step in Step::ALL {
            record(&store, id, step, "kadis", "").unwrap();
        }
        let (_, handed) = service_span(&store.register, id).unwrap().unwrap();
        assert!(handed.is_some(), "the handover time is given");
    }

    #[test]
    fn voided_letters_take_no_steps() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let issued = letter(&store);
        void_certificate(&store, &issued.number, "salah ketik nama", "operator").unwrap();
        let err = record(&store, issued.certificate_id, Step::Paraf, "kabid", "").unwrap_err();
        assert!(err.to_string().contains("dibatalkan"), "{err}");
    }
}
