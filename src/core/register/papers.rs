//! The front desk's check of the papers: which are required for this applicant, and the
//! step it leads to (complete, an exception with a reason, or returned incomplete).

use chrono::{DateTime, Datelike, Local, NaiveDate};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use super::steps::{Step, in_step_transaction, transition};
use super::{Application, PAPERS, Status, get};
use crate::core::Result;
use crate::core::audit::{self, AuditAction};
use crate::core::nik::{self, Nik};
use crate::core::settings::Settings;

/// Age from which the KTP is required by default (Luwu Timur: KTP for age 17 and over;
/// younger applicants show the family card).
pub const KTP_AGE: u32 = 17;

/// When a paper is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaperNeed {
    /// From everyone.
    Always,
    /// From applicants of at least this age (by the birth date in the NIK).
    FromAge(u32),
    /// Seen when brought, never required.
    Optional,
}

/// One paper of the office's checklist (an office setting).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperRule {
    /// Name shown and stored with the application ("Kartu Keluarga").
    pub name: String,
    /// Short code typed on the command line ("KK").
    pub code: String,
    /// When it is required.
    pub need: PaperNeed,
}

/// The default checklist: KTP from 17, KK and the desa cover letter always (Luwu Timur,
/// Karangasem), SKTM and a screenshot of the desa's own DTKS check when brought.
pub fn default_papers() -> Vec<PaperRule> {
    let rule = |name: &str, code: &str, need| PaperRule {
        name: name.into(),
        code: code.into(),
        need,
    };
    vec![
        rule(PAPERS[0], "KTP", PaperNeed::FromAge(KTP_AGE)),
        rule(PAPERS[1], "KK", PaperNeed::Always),
        rule(PAPERS[2], "PENGANTAR", PaperNeed::Always),
        rule("SKTM", "SKTM", PaperNeed::Optional),
        rule(
            "Tangkapan layar cek DTKS desa",
            "CEKDESA",
            PaperNeed::Optional,
        ),
    ]
}

/// What the front desk saw: the papers brought, and the reason for accepting the
/// application without some of them (empty when there is none).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PapersCheck {
    /// Papers seen, by their names in the office's checklist.
    pub papers: Vec<String>,
    /// Why the application goes on although papers are missing; empty returns it.
    pub exception: String,
}

/// Age in whole years on `on` of the holder of `nik`.
fn age(nik: &Nik, on: NaiveDate) -> i32 {
    let born = nik.birth_date();
    let mut age = on.year() - born.year();
    if (on.month(), on.day()) < (born.month(), born.day()) {
        age -= 1;
    }
    age
}

/// The papers of `rules` required from the holder of `nik` on `on`: those always
/// required, and those required from an age the holder has reached.
pub fn required_papers<'a>(rules: &'a [PaperRule], nik: &Nik, on: NaiveDate) -> Vec<&'a str> {
    let age = age(nik, on);
    rules
        .iter()
        .filter(|r| match r.need {
            PaperNeed::Always => true,
            PaperNeed::FromAge(years) => age >= years as i32,
            PaperNeed::Optional => false,
        })
        .map(|r| r.name.as_str())
        .collect()
}

/// The papers of `rules` required by age that `nik`'s holder is too young for on `on`,
/// with that age: "KTP tidak wajib: usia di bawah 17 tahun".
pub fn waived_by_age<'a>(rules: &'a [PaperRule], nik: &Nik, on: NaiveDate) -> Vec<(&'a str, u32)> {
    let age = age(nik, on);
    rules
        .iter()
        .filter_map(|r| match r.need {
            PaperNeed::FromAge(years) if age < years as i32 => Some((r.name.as_str(), years)),
            _ => None,
        })
        .collect()
}

/// The required papers of `nik` on `on` that are not among `papers`.
pub fn missing_papers<'a>(
    rules: &'a [PaperRule],
    papers: &[String],
    nik: &Nik,
    on: NaiveDate,
) -> Vec<&'a str> {
    required_papers(rules, nik, on)
        .into_iter()
        .filter(|p| !papers.iter().any(|seen| seen == p))
        .collect()
}

/// The paper of `rules` whose code or name is `text` (any case).
pub fn paper_by_code<'a>(rules: &'a [PaperRule], text: &str) -> Option<&'a PaperRule> {
    let text = text.trim();
    rules
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(text) || r.name.eq_ignore_ascii_case(text))
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
    let rules = Settings::load(conn)?.papers;
    let missing = missing_papers(&rules, &check.papers, &nik, at.date_naive());
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
    transition(conn, id, &Step::plain(status, &note, actor, at))?;
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
        let rules = default_papers();
        assert!(!required_papers(&rules, &nik, day("2027-08-16")).contains(&"KTP"));
        assert!(required_papers(&rules, &nik, day("2027-08-17")).contains(&"KTP"));
        assert_eq!(
            waived_by_age(&rules, &nik, day("2027-08-16")),
            [("KTP", 17)]
        );
        let kk_only = vec![PAPERS[1].to_string(), PAPERS[2].to_string()];
        assert!(missing_papers(&rules, &kk_only, &nik, day("2026-12-01")).is_empty());
        assert_eq!(
            missing_papers(&rules, &kk_only, &nik, day("2027-09-01")),
            vec!["KTP"]
        );
        assert!(
            !required_papers(&rules, &nik, day("2030-01-01")).contains(&"SKTM"),
            "optional papers are never required"
        );
    }

    #[test]
    fn an_office_sets_its_own_checklist() {
        let nik = Nik::parse("3520011705850001").unwrap();
        let day = "2026-12-01".parse::<NaiveDate>().unwrap();
        let mut rules = default_papers();
        rules[2].need = PaperNeed::Optional;
        rules.push(PaperRule {
            name: "Surat keterangan sekolah".into(),
            code: "SEKOLAH".into(),
            need: PaperNeed::Always,
        });
        let seen = vec!["KTP".to_string(), "Kartu Keluarga".to_string()];
        assert_eq!(
            missing_papers(&rules, &seen, &nik, day),
            vec!["Surat keterangan sekolah"]
        );
        assert_eq!(paper_by_code(&rules, "sekolah").unwrap().code, "SEKOLAH");
        assert_eq!(paper_by_code(&rules, "kartu keluarga").unwrap().code, "KK");
        assert!(paper_by_code(&rules, "PASPOR").is_none());
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
