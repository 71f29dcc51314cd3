//! The register (buku pendaftaran): applications and the steps they go through.
//!
//! An application is written by the front desk (status `menunggu`), then the operator
//! either issues a letter (`selesai`) or records that the person is not registered
//! (`tidak_terdaftar`, with advice). Every change is kept in `application_event`.

use chrono::{Datelike, Local, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, TransactionBehavior, params};
use serde::{Deserialize, Serialize};

use crate::core::nik::Nik;
use crate::core::{Error, Result, audit};

/// Where a request came from (Magetan's standard lists the online channels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Channel {
    /// In person at the counter.
    Loket,
    /// WhatsApp.
    WhatsApp,
    /// E-mail.
    Email,
    /// The office website.
    Web,
    /// Telephone.
    Telepon,
    /// SP4N LAPOR! (national complaints and service portal).
    Lapor,
}

impl Channel {
    /// Every channel, in the order shown in forms.
    pub const ALL: [Channel; 6] = [
        Channel::Loket,
        Channel::WhatsApp,
        Channel::Email,
        Channel::Web,
        Channel::Telepon,
        Channel::Lapor,
    ];

    /// Label shown and stored.
    pub fn label(self) -> &'static str {
        match self {
            Channel::Loket => "Loket",
            Channel::WhatsApp => "WhatsApp",
            Channel::Email => "E-mail",
            Channel::Web => "Web",
            Channel::Telepon => "Telepon",
            Channel::Lapor => "SP4N LAPOR!",
        }
    }

    /// Parses a stored label.
    pub fn from_label(text: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.label() == text)
    }
}

impl std::fmt::Display for Channel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// Papers the front desk checks (Luwu Timur and Karangasem standards).
pub const PAPERS: [&str; 3] = ["KTP", "Kartu Keluarga", "Surat pengantar desa/kelurahan"];

/// State of an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Waiting for the operator.
    Menunggu,
    /// Letter issued.
    Selesai,
    /// Not registered; advice given.
    TidakTerdaftar,
    /// Cancelled.
    Batal,
}

impl Status {
    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            Status::Menunggu => "menunggu",
            Status::Selesai => "selesai",
            Status::TidakTerdaftar => "tidak_terdaftar",
            Status::Batal => "batal",
        }
    }

    /// Label shown to clerks.
    pub fn label(self) -> &'static str {
        match self {
            Status::Menunggu => "Menunggu",
            Status::Selesai => "Selesai",
            Status::TidakTerdaftar => "Tidak terdaftar",
            Status::Batal => "Batal",
        }
    }

    /// Whether an application in this state may move to `next`: only a waiting one
    /// moves, to a letter, a not-registered result, or a cancellation.
    pub fn can_move_to(self, next: Status) -> bool {
        self == Status::Menunggu && next != Status::Menunggu
    }

    /// The state stored as `code` (unknown codes read as waiting).
    pub fn from_code(code: &str) -> Status {
        match code {
            "selesai" => Status::Selesai,
            "tidak_terdaftar" => Status::TidakTerdaftar,
            "batal" => Status::Batal,
            _ => Status::Menunggu,
        }
    }
}

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
    /// Purpose (keperluan), e.g. "keringanan biaya sekolah".
    pub purpose: String,
    /// Channel the request came through.
    pub channel: Option<Channel>,
    /// Number of the desa's cover letter, if any.
    pub desa_letter_no: String,
    /// Papers seen, from [`PAPERS`].
    pub papers: Vec<String>,
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
        errors
    }
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
    /// Desa cover letter number, may be empty.
    pub desa_letter_no: String,
    /// Papers seen.
    pub papers: Vec<String>,
    /// Current state.
    pub status: Status,
    /// Outcome note (letter number or advice).
    pub result_note: Option<String>,
}

const COLUMNS: &str = "id, year, seq, created_at, channel, applicant_name, nik, kk, phone, \
                       purpose, desa_letter_no, papers, status, result_note";

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
    })
}

/// Saves a new application (status `menunggu`) after validating it.
///
/// Returns the stored application, or `Error::Invalid` listing the problems.
pub fn create(conn: &Connection, app: &NewApplication, actor: &str) -> Result<Application> {
    let problems = app.validate();
    if !problems.is_empty() {
        let text: Vec<String> = problems.into_iter().map(|p| p.message).collect();
        return Err(Error::Invalid(text.join(" ")));
    }
    let nik = Nik::parse(&app.nik)?;
    let now = Local::now();
    // IMMEDIATE: take the write lock before reading the next register number, so two
    // windows or processes saving at once wait for each other instead of failing.
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let year = now.year();
    let seq: i64 = tx.query_row(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM application WHERE year = ?1",
        [year],
        |r| r.get(0),
    )?;
    let channel = app.channel.unwrap_or(Channel::Loket);
    tx.execute(
        "INSERT INTO application(year, seq, created_at, channel, applicant_name, nik, kk, phone,
             purpose, desa_letter_no, papers, status, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'menunggu', ?3)",
        params![
            year,
            seq,
            now.to_rfc3339(),
            channel.label(),
            app.applicant_name.trim(),
            nik.as_str(),
            app.kk.split_whitespace().collect::<String>(),
            app.phone.trim(),
            app.purpose.trim(),
            app.desa_letter_no.trim(),
            serde_json::to_string(&app.papers)?,
        ],
    )?;
    let id = tx.last_insert_rowid();
    add_event(&tx, id, actor, Status::Menunggu, "permohonan dicatat")?;
    audit::record(
        &tx,
        actor,
        audit::AuditAction::CatatPermohonan,
        &nik.masked(),
        "",
        now,
    )?;
    tx.commit()?;
    get(conn, id)
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

/// Applications waiting for the operator, oldest first.
pub fn waiting(conn: &Connection) -> Result<Vec<Application>> {
    list_where(conn, "status = 'menunggu' ORDER BY created_at, id")
}

/// The most recent applications of any status, newest first.
pub fn recent(conn: &Connection, limit: u32) -> Result<Vec<Application>> {
    list_where(conn, &format!("1 ORDER BY id DESC LIMIT {limit}"))
}

/// Applications for `nik` written on `since` (local date) or later, newest first.
pub fn for_nik_since(conn: &Connection, nik: &str, since: NaiveDate) -> Result<Vec<Application>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM application
         WHERE nik = ?1 AND substr(created_at, 1, 10) >= ?2
         ORDER BY created_at DESC, id DESC"
    ))?;
    let rows = stmt.query_map(params![nik, since.to_string()], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn list_where(conn: &Connection, clause: &str) -> Result<Vec<Application>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM application WHERE {clause}"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Moves an application to `status` with a note; refuses to change a finished one.
pub fn set_status(
    conn: &Connection,
    id: i64,
    status: Status,
    note: &str,
    actor: &str,
) -> Result<()> {
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let step = Step {
        status,
        result_note: Some(note),
        note,
        actor,
    };
    transition(&tx, id, &step)?;
    Ok(tx.commit()?)
}

/// One step of an application: the state it moves to and who moved it.
pub struct Step<'a> {
    /// The new state.
    pub status: Status,
    /// The result kept on the application (the advice of a not-registered result), if
    /// it changes.
    pub result_note: Option<&'a str>,
    /// The note in the application's history.
    pub note: &'a str,
    /// Who took the step.
    pub actor: &'a str,
}

/// The one writer of an application's state, inside the caller's transaction: checks
/// that the current state may move to `step.status` ([`Status::can_move_to`]), stores
/// it and appends the step to the history. An illegal step changes nothing.
pub fn transition(conn: &Connection, id: i64, step: &Step<'_>) -> Result<()> {
    check_step(conn, id, step.status)?;
    conn.execute(
        "UPDATE application SET status = ?2, result_note = COALESCE(?3, result_note),
             updated_at = ?4
         WHERE id = ?1",
        params![
            id,
            step.status.code(),
            step.result_note,
            Local::now().to_rfc3339()
        ],
    )?;
    add_event(conn, id, step.actor, step.status, step.note)
}

/// Fails as [`transition`] would when application `id` may not move to `status`;
/// writes nothing. Lets a caller refuse early, before slow work such as drawing a letter.
pub fn check_step(conn: &Connection, id: i64, status: Status) -> Result<()> {
    let current = get(conn, id)?;
    if !current.status.can_move_to(status) {
        return Err(Error::Invalid(format!(
            "Permohonan {} sudah berstatus {}.",
            current.register_no,
            current.status.label()
        )));
    }
    Ok(())
}

/// Appends a step to an application's history.
pub fn add_event(
    conn: &Connection,
    id: i64,
    actor: &str,
    status: Status,
    note: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO application_event(application_id, at, actor, status, note)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, Local::now().to_rfc3339(), actor, status.code(), note],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conn() -> (tempfile::TempDir, Connection) {
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::core::db::open_register(&dir.path().join("l.db")).unwrap();
        (dir, conn)
    }

    fn sample() -> NewApplication {
        NewApplication {
            applicant_name: "Siti Aminah".into(),
            nik: "3520015708100002".into(),
            purpose: "keringanan biaya sekolah".into(),
            papers: vec![PAPERS[0].into()],
            ..Default::default()
        }
    }

    #[test]
    fn new_application_waits_with_a_register_number() {
        let (_d, conn) = conn();
        let a = create(&conn, &sample(), "petugas").unwrap();
        let b = create(&conn, &sample(), "petugas").unwrap();
        assert_eq!(a.status, Status::Menunggu);
        assert!(a.register_no.starts_with("0001/"));
        assert!(b.register_no.starts_with("0002/"));
        assert_eq!(a.channel, "Loket");
        let queue = waiting(&conn).unwrap();
        assert_eq!(
            queue.iter().map(|a| a.id).collect::<Vec<_>>(),
            vec![a.id, b.id]
        );
    }

    #[test]
    fn malformed_nik_is_refused_and_nothing_is_saved() {
        let (_d, conn) = conn();
        let mut app = sample();
        app.nik = "35200157".into();
        let errors = app.validate();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "nik");
        assert!(create(&conn, &app, "petugas").is_err());
        assert!(waiting(&conn).unwrap().is_empty());
    }

    #[test]
    fn only_a_waiting_application_moves_and_never_back_to_waiting() {
        use Status::*;
        let all = [Menunggu, Selesai, TidakTerdaftar, Batal];
        for from in all {
            for to in all {
                let legal = from == Menunggu && to != Menunggu;
                assert_eq!(from.can_move_to(to), legal, "{from:?} -> {to:?}");
            }
        }
    }

    #[test]
    fn finished_application_leaves_the_queue_and_cannot_change_again() {
        let (_d, conn) = conn();
        let a = create(&conn, &sample(), "petugas").unwrap();
        set_status(&conn, a.id, Status::TidakTerdaftar, "usulan", "operator").unwrap();
        assert!(waiting(&conn).unwrap().is_empty());
        assert!(set_status(&conn, a.id, Status::Selesai, "", "operator").is_err());
        let events: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM application_event WHERE application_id = ?1",
                [a.id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(events, 2);
    }
}
