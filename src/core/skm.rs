//! The satisfaction survey (Survei Kepuasan Masyarakat, SKM) of PermenPANRB 14/2017.
//!
//! A citizen answers nine items, each from 1 (tidak baik) to 4 (sangat baik). The
//! office reports per period: the mean per item (NRR, nilai rata-rata), the index
//! (IKM, 25-100), its grade A-D, and whether enough people answered (the minimum
//! sample of the Krejcie-Morgan table the regulation uses, from the number of
//! applications in the period). Luwu Timur's standard evaluates its counter with the
//! SKM (seed 003).
//!
//! Responses are anonymous: the audit entry holds the answers (so an edited result
//! breaks the hash chain) but never the suggestion or who answered.

#[cfg(test)]
mod tests;

use chrono::{DateTime, Local, NaiveDate};
use rusqlite::{Connection, Transaction, TransactionBehavior, params};
use serde::Serialize;

use crate::core::audit::{self, AuditAction};
use crate::core::{Error, Result};

/// The nine items (unsur pelayanan) in the order of the form and of the stored answers.
pub const ITEMS: [&str; 9] = [
    "Persyaratan",
    "Prosedur",
    "Waktu pelayanan",
    "Biaya/tarif",
    "Produk layanan",
    "Kompetensi pelaksana",
    "Perilaku pelaksana",
    "Penanganan pengaduan",
    "Sarana dan prasarana",
];

/// The question for each item, in the standard wording of the regulation's form.
pub const QUESTIONS: [&str; 9] = [
    "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
    "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
    "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
    "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
    "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
    "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
    "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
    "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
    "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
];

/// The four answers, 1 to 4, as the form shows them.
pub const SCALE: [&str; 4] = ["Tidak baik", "Kurang baik", "Baik", "Sangat baik"];

/// The longest suggestion kept (characters).
const SUGGESTION_MAX: usize = 2000;

/// One respondent's answers to the nine [`ITEMS`], each 1..=4.
pub type Answers = [u8; 9];

/// Reads answers typed as `4,3,4,4,3,4,4,4,3` (or `434434443`).
pub fn parse_answers(text: &str) -> Result<Answers> {
    let parts: Vec<String> = if text.contains(',') {
        text.split(',').map(|p| p.trim().to_string()).collect()
    } else {
        text.trim().chars().map(String::from).collect()
    };
    let wrong = || {
        Error::Invalid(format!(
            "Jawaban SKM \"{text}\" harus 9 angka 1-4 dipisah koma, misalnya 4,3,4,4,3,4,4,4,3."
        ))
    };
    if parts.len() != ITEMS.len() {
        return Err(wrong());
    }
    let mut answers = [0u8; 9];
    for (slot, part) in answers.iter_mut().zip(parts) {
        *slot = part.parse().map_err(|_| wrong())?;
    }
    validate(&answers)?;
    Ok(answers)
}

/// Checks that every answer is 1..=4, naming the first item that is not.
fn validate(answers: &Answers) -> Result<()> {
    match answers.iter().position(|a| !(1..=4).contains(a)) {
        Some(i) => Err(Error::Invalid(format!(
            "Jawaban butir {} ({}) harus 1 sampai 4, bukan {}.",
            i + 1,
            ITEMS[i],
            answers[i]
        ))),
        None => Ok(()),
    }
}

/// Records one response at `at` by `actor` (the user of the PC the citizen filled it
/// on); returns its id.
///
/// Refuses an answer outside 1..=4 and an unknown `application_id`. Writes the
/// response and an [`AuditAction::IsiSkm`] entry in one transaction.
pub fn record(
    conn: &Connection,
    answers: Answers,
    suggestion: &str,
    application_id: Option<i64>,
    actor: &str,
    at: DateTime<Local>,
) -> Result<i64> {
    validate(&answers)?;
    let suggestion: String = suggestion.trim().chars().take(SUGGESTION_MAX).collect();
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    if let Some(id) = application_id {
        // Refused when there is no such application (NotFound).
        crate::core::register::get(&tx, id)?;
    }
    let digits = digits(&answers);
    tx.execute(
        "INSERT INTO skm_response(at, answers, suggestion, application_id)
         VALUES (?1, ?2, ?3, ?4)",
        params![at.to_rfc3339(), digits, suggestion, application_id],
    )?;
    let id = tx.last_insert_rowid();
    let subject = format!("skm #{id}");
    let detail = format!("jawaban {digits}");
    audit::record(&tx, actor, AuditAction::IsiSkm, &subject, &detail, at)?;
    tx.commit()?;
    Ok(id)
}

/// The answers as stored: nine digits.
fn digits(answers: &Answers) -> String {
    answers.iter().map(|a| char::from(b'0' + a)).collect()
}

/// The quality of service (mutu pelayanan) an IKM stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Grade {
    /// 88.31-100: Sangat Baik.
    A,
    /// 76.61-88.30: Baik.
    B,
    /// 65.00-76.60: Kurang Baik.
    C,
    /// 25.00-64.99: Tidak Baik.
    D,
}

impl Grade {
    /// The grade of an IKM as published, rounded to two decimals (so 88.305 is A and
    /// 88.304 is B, like the reported figure).
    pub fn of(ikm: f64) -> Grade {
        let hundredths = (ikm * 100.0).round() as i64;
        match hundredths {
            8831.. => Grade::A,
            7661.. => Grade::B,
            6500.. => Grade::C,
            _ => Grade::D,
        }
    }

    /// The label of the grade ("Sangat Baik", "Baik", "Kurang Baik", "Tidak Baik").
    pub fn label(self) -> &'static str {
        match self {
            Grade::A => "Sangat Baik",
            Grade::B => "Baik",
            Grade::C => "Kurang Baik",
            Grade::D => "Tidak Baik",
        }
    }
}

/// The survey's result over a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkmSummary {
    /// First day of the period.
    pub from: NaiveDate,
    /// Last day of the period (inclusive).
    pub to: NaiveDate,
    /// How many responses the period holds.
    pub respondents: u32,
    /// The mean answer per item (NRR), in the order of [`ITEMS`]; 0 without responses.
    pub nrr: [f64; 9],
    /// The index: the mean of the nine NRR times 25, rounded to two decimals (0 without
    /// responses). The regulation writes the weight 1/9 as 0.111; the exact weight is
    /// used so that all answers 4 give 100, not 99.9.
    pub ikm: f64,
    /// The grade of [`SkmSummary::ikm`]; `None` without responses.
    pub grade: Option<Grade>,
    /// The label of the grade ("Sangat Baik", ...).
    pub grade_label: Option<&'static str>,
    /// The users of the service in the period: the applications received.
    pub population: u32,
    /// The responses needed for that population (Krejcie-Morgan).
    pub minimum_sample: u32,
}

impl SkmSummary {
    /// True when at least [`SkmSummary::minimum_sample`] people answered.
    pub fn sample_is_enough(&self) -> bool {
        self.respondents >= self.minimum_sample
    }
}

/// The minimum sample for `population` users: the Krejcie-Morgan formula that
/// PermenPANRB 14/2017 tabulates (chi-square 3.841, proportion 0.5, error 5%), rounded
/// as the table is (100 users need 80 responses, 1000 need 278).
pub fn minimum_sample(population: u32) -> u32 {
    if population == 0 {
        return 0;
    }
    let (chi2, p, d) = (3.841_f64, 0.5_f64, 0.05_f64);
    let n = f64::from(population);
    let s = chi2 * n * p * (1.0 - p) / (d * d * (n - 1.0) + chi2 * p * (1.0 - p));
    s.round().min(n) as u32
}

/// The survey's result for the responses given from `from` to `to` (inclusive dates).
pub fn summary(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<SkmSummary> {
    if from > to {
        return Err(Error::Invalid(format!(
            "Tanggal awal ({from}) sesudah tanggal akhir ({to}); tukar kedua tanggal."
        )));
    }
    let (from_text, to_text) = (from.to_string(), to.to_string());
    let mut stmt = conn.prepare(
        "SELECT answers FROM skm_response
         WHERE substr(at, 1, 10) BETWEEN ?1 AND ?2",
    )?;
    let rows = stmt.query_map(params![from_text, to_text], |r| r.get::<_, String>(0))?;
    let mut sums = [0u64; 9];
    let mut respondents = 0u32;
    for row in rows {
        let answers = row?;
        for (sum, digit) in sums.iter_mut().zip(answers.bytes()) {
            *sum += u64::from(digit.saturating_sub(b'0'));
        }
        respondents += 1;
    }
    let population: u32 = conn.query_row(
        "SELECT COUNT(*) FROM application WHERE substr(created_at, 1, 10) BETWEEN ?1 AND ?2",
        params![from_text, to_text],
        |r| r.get(0),
    )?;
    let nrr = sums.map(|sum| {
        if respondents == 0 {
            0.0
        } else {
            sum as f64 / f64::from(respondents)
        }
    });
    let ikm = (nrr.iter().sum::<f64>() / 9.0 * 25.0 * 100.0).round() / 100.0;
    let grade = (respondents > 0).then(|| Grade::of(ikm));
    Ok(SkmSummary {
        from,
        to,
        respondents,
        nrr,
        ikm,
        grade,
        grade_label: grade.map(Grade::label),
        population,
        minimum_sample: minimum_sample(population),
    })
}
