//! The front desk's check of the papers: which are required for this applicant, and the
//! step it leads to (complete, an exception with a reason, or returned incomplete).

use chrono::{DateTime, Datelike, Local, NaiveDate};
use rusqlite::{Connection, params};

use super::steps::{Step, in_step_transaction, transition};
use super::{Application, PAPERS, Status, get};
use crate::core::Result;
use crate::core::audit::{self, AuditAction};
use crate::core::nik::{self, Nik};

/// Age from which the KTP is required (Luwu Timur: KTP for age 17 and over; younger
/// applicants show the family card).
pub const KTP_AGE: u32 = 17;

/// What the front desk saw: the papers brought, and the reason for accepting the
/// application without some of them (empty when there is none).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PapersCheck {
    /// Papers seen, from [`PAPERS`].
    pub papers: Vec<String>,
    /// Why the application goes on although papers are missing; empty returns it.
    pub exception: String,
}

/// The papers required from the holder of `nik` on `on`: every paper in [`PAPERS`],
/// except the KTP for someone younger than [`KTP_AGE`] (by the birth date in the NIK).
pub fn required_papers(nik: &Nik, on: NaiveDate) -> Vec<&'static str> {
    let born = nik.birth_date();
    let mut age = on.year() - born.year();
    if (on.month(), on.day()) < (born.month(), born.day()) {
        age -= 1;
    }
    PAPERS
        .into_iter()
        .filter(|p| *p != PAPERS[0] || age >= KTP_AGE as i32)
        .collect()
}

/// The required papers of `nik` on `on` that are not among `papers`.
pub fn missing_papers(papers: &[String], nik: &Nik, on: NaiveDate) -> Vec<&'static str> {
    required_papers(nik, on)
        .into_iter()
        .filter(|p| !papers.iter().any(|seen| seen == p))
        .collect()
}

/// The step the check leads to, with its history note.
fn outcome(check: &PapersCheck, missing: &[&str]) -> (Status, String) {
    let exception = check.exception.trim();
    if missing.is_empty() {
        (Status::BerkasLengkap, "Berkas lengkap".into())
    } else if !exception.is_empty() {
        (
            Status::BerkasLengkap,
            format!(
                "Berkas diterima dengan pengecualian (kurang: {}): {exception}",
                missing.join(", ")
            ),
        )
    } else {
        (
            Status::BerkasTidakLengkap,
            format!("Berkas dikembalikan, kurang: {}", missing.join(", ")),
        )
    }
}

/// Records the papers of application `id` and moves it to "berkas lengkap" or, when a
/// required paper is missing and no exception is given, "berkas tidak lengkap" (the
/// papers are returned, the history lists what is missing). Inside the caller's
/// transaction; logged ([`AuditAction::Langkah`]).
pub fn record_papers(
    conn: &Connection,
    id: i64,
    check: &PapersCheck,
    actor: &str,
    at: DateTime<Local>,
) -> Result<Status> {
    let app = get(conn, id)?;
    let nik = Nik::parse(&app.nik)?;
    let missing = missing_papers(&check.papers, &nik, at.date_naive());
    let (status, note) = outcome(check, &missing);
    conn.execute(
        "UPDATE application SET papers = ?2, paper_exception = ?3 WHERE id = ?1",
        params![
            id,
            serde_json::to_string(&check.papers)?,
            if missing.is_empty() {
                ""
            } else {
                check.exception.trim()
            }
        ],
    )?;
    transition(
        conn,
        id,
        &Step {
            status,
            result_note: None,
            note: &note,
            actor,
            at,
            handover: None,
        },
    )?;
    audit::record(
        conn,
        actor,
        AuditAction::Langkah(status),
        &app.register_no,
        &format!("{} {note}", nik::mask(&app.nik)),
        at,
    )?;
    Ok(status)
}

/// The front desk checks (again) the papers of a received or returned application.
pub fn check_papers(
    conn: &Connection,
    id: i64,
    check: &PapersCheck,
    actor: &str,
    at: DateTime<Local>,
) -> Result<Application> {
    in_step_transaction(conn, id, |tx| {
        record_papers(tx, id, check, actor, at).map(|_| ())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ktp_is_required_from_the_seventeenth_birthday() {
        // Born 17 August 2010 (day 57 = 17 + 40 for a woman).
        let nik = Nik::parse("3520015708100002").unwrap();
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert!(!required_papers(&nik, day("2027-08-16")).contains(&"KTP"));
        assert!(required_papers(&nik, day("2027-08-17")).contains(&"KTP"));
        let kk_only = vec![PAPERS[1].to_string(), PAPERS[2].to_string()];
        assert!(missing_papers(&kk_only, &nik, day("2026-12-01")).is_empty());
        assert_eq!(
            missing_papers(&kk_only, &nik, day("2027-09-01")),
            vec!["KTP"]
        );
    }

    #[test]
    fn missing_papers_return_the_application_unless_an_exception_is_given() {
        let missing = ["KTP"];
        let mut check = PapersCheck::default();
        assert_eq!(outcome(&check, &missing).0, Status::BerkasTidakLengkap);
        assert!(outcome(&check, &missing).1.contains("kurang: KTP"));
        check.exception = "KTP hilang, surat kehilangan dari polsek".into();
        let (status, note) = outcome(&check, &missing);
        assert_eq!(status, Status::BerkasLengkap);
        assert!(note.contains("polsek"), "{note}");
        assert_eq!(
            outcome(&PapersCheck::default(), &[]).0,
            Status::BerkasLengkap
        );
    }
}
