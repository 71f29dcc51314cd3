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

    /// Short code typed on the command line (`loket`, `whatsapp`, `email`, `web`,
    /// `telepon`, `lapor`).
    pub fn code(self) -> &'static str {
        match self {
            Channel::Loket => "loket",
            Channel::WhatsApp => "whatsapp",
            Channel::Email => "email",
            Channel::Web => "web",
            Channel::Telepon => "telepon",
            Channel::Lapor => "lapor",
        }
    }

    /// Parses a code or a label, ignoring case.
    pub fn parse(text: &str) -> Option<Channel> {
        let text = text.trim();
        Channel::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(text) || c.label().eq_ignore_ascii_case(text))
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

    /// The state with stored code `code`, or `None` for an unknown code.
    pub fn parse(code: &str) -> Option<Status> {
        [
            Status::Menunggu,
            Status::Selesai,
            Status::TidakTerdaftar,
            Status::Batal,
        ]
        .into_iter()
        .find(|s| s.code() == code)
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
    list(
        conn,
        &RegisterFilter {
            status: Some(Status::Menunggu),
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

/// Which applications [`list`] returns. Every field left empty matches everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RegisterFilter {
    /// Only applications in this state.
    pub status: Option<Status>,
    /// Written on this local date or later.
    pub from: Option<NaiveDate>,
    /// Written on this local date or earlier.
    pub to: Option<NaiveDate>,
    /// Only requests that came through this channel.
    pub channel: Option<Channel>,
    /// At most this many.
    pub limit: Option<u32>,
    /// Oldest first (a queue); otherwise newest first.
    pub oldest_first: bool,
}

/// The applications matching `filter`. The query text is fixed; every value is bound.
pub fn list(conn: &Connection, filter: &RegisterFilter) -> Result<Vec<Application>> {
    let order = if filter.oldest_first {
        "created_at, id"
    } else {
        "created_at DESC, id DESC"
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM application
         WHERE (?1 IS NULL OR status = ?1)
           AND (?2 IS NULL OR substr(created_at, 1, 10) >= ?2)
           AND (?3 IS NULL OR substr(created_at, 1, 10) <= ?3)
           AND (?4 IS NULL OR channel = ?4)
         ORDER BY {order}
         LIMIT ?5"
    ))?;
    let rows = stmt.query_map(
        params![
            filter.status.map(Status::code),
            filter.from.map(|d| d.to_string()),
            filter.to.map(|d| d.to_string()),
            filter.channel.map(Channel::label),
            filter.limit.map_or(-1, i64::from),
        ],
        from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One step in an application's history (`application_event`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// When (RFC 3339).
    pub at: String,
    /// Who took the step.
    pub actor: String,
    /// State code after the step.
    pub status: String,
    /// Note, may be empty.
    pub note: String,
}

/// The history of application `id`, oldest first (`Error::NotFound` for an unknown id).
pub fn history(conn: &Connection, id: i64) -> Result<Vec<Event>> {
    get(conn, id)?;
    let mut stmt = conn.prepare(
        "SELECT at, actor, status, note FROM application_event
         WHERE application_id = ?1 ORDER BY at, id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(Event {
            at: r.get(0)?,
            actor: r.get(1)?,
            status: r.get(2)?,
            note: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A numbered letter issued for an application.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LetterRef {
    /// Letter number.
    pub number: String,
    /// `final` or `void`.
    pub status: String,
}

/// The numbered letters issued for application `id`, in order of issue.
pub fn letters(conn: &Connection, id: i64) -> Result<Vec<LetterRef>> {
    let mut stmt = conn.prepare(
        "SELECT number, status FROM certificate
         WHERE application_id = ?1 AND kind = 'surat' AND number IS NOT NULL
         ORDER BY id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(LetterRef {
            number: r.get(0)?,
            status: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A CSV cell safe to open in a spreadsheet: a value that begins with `=`, `+`, `-` or
/// `@` would be read as a formula, so it gets a leading `'`.
pub fn neutralise_cell(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

/// The applications matching `filter` as CSV (`;`-separated, UTF-8 with BOM for Excel),
/// oldest first, every cell neutralised with [`neutralise_cell`].
pub fn export_csv(conn: &Connection, filter: &RegisterFilter) -> Result<Vec<u8>> {
    let filter = RegisterFilter {
        oldest_first: true,
        ..filter.clone()
    };
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(b"\xef\xbb\xbf".to_vec());
    let csv_err = |e: csv::Error| Error::Invalid(format!("CSV tidak dapat ditulis: {e}"));
    out.write_record([
        "id",
        "nomor",
        "tanggal",
        "kanal",
        "nama",
        "nik",
        "kk",
        "telepon",
        "keperluan",
        "no_pengantar_desa",
        "berkas",
        "status",
        "hasil",
    ])
    .map_err(csv_err)?;
    for a in list(conn, &filter)? {
        let cells = [
            a.id.to_string(),
            a.register_no,
            a.created_at,
            a.channel,
            a.applicant_name,
            a.nik,
            a.kk,
            a.phone,
            a.purpose,
            a.desa_letter_no,
            a.papers.join(", "),
            a.status.code().to_string(),
            a.result_note.unwrap_or_default(),
        ];
        out.write_record(cells.iter().map(|c| neutralise_cell(c)))
            .map_err(csv_err)?;
    }
    out.into_inner()
        .map_err(|e| Error::Invalid(format!("CSV tidak dapat ditulis: {e}")))
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

    /// Three applications on three days through two channels; the second finished.
    fn three_days(conn: &Connection) -> Vec<i64> {
        let mut ids = Vec::new();
        for (day, channel) in [
            ("2026-11-02", Channel::Loket),
            ("2026-11-03", Channel::WhatsApp),
            ("2026-11-04", Channel::Loket),
        ] {
            let mut app = sample();
            app.channel = Some(channel);
            let a = create(conn, &app, "petugas").unwrap();
            conn.execute(
                "UPDATE application SET created_at = ?2 WHERE id = ?1",
                params![a.id, format!("{day}T09:00:00+07:00")],
            )
            .unwrap();
            ids.push(a.id);
        }
        set_status(conn, ids[1], Status::Selesai, "400.9/001", "operator").unwrap();
        ids
    }

    fn ids(conn: &Connection, filter: &RegisterFilter) -> Vec<i64> {
        list(conn, filter).unwrap().iter().map(|a| a.id).collect()
    }

    fn day(text: &str) -> Option<NaiveDate> {
        Some(text.parse().unwrap())
    }

    #[test]
    fn filter_by_status_dates_and_channel() {
        let (_d, conn) = conn();
        let [a, b, c] = three_days(&conn)[..] else {
            panic!()
        };
        assert_eq!(ids(&conn, &RegisterFilter::default()), vec![c, b, a]);
        let waiting_only = RegisterFilter {
            status: Some(Status::Menunggu),
            ..Default::default()
        };
        assert_eq!(ids(&conn, &waiting_only), vec![c, a]);
        let from = RegisterFilter {
            from: day("2026-11-03"),
            ..Default::default()
        };
        assert_eq!(ids(&conn, &from), vec![c, b]);
        let one_day = RegisterFilter {
            from: day("2026-11-03"),
            to: day("2026-11-03"),
            ..Default::default()
        };
        assert_eq!(ids(&conn, &one_day), vec![b]);
        let counter_until = RegisterFilter {
            channel: Some(Channel::Loket),
            to: day("2026-11-03"),
            ..Default::default()
        };
        assert_eq!(ids(&conn, &counter_until), vec![a]);
        let finished_on_whatsapp = RegisterFilter {
            status: Some(Status::Selesai),
            channel: Some(Channel::WhatsApp),
            ..Default::default()
        };
        assert_eq!(ids(&conn, &finished_on_whatsapp), vec![b]);
        let none = RegisterFilter {
            status: Some(Status::Batal),
            ..Default::default()
        };
        assert!(ids(&conn, &none).is_empty());
        let queue = RegisterFilter {
            oldest_first: true,
            limit: Some(2),
            ..Default::default()
        };
        assert_eq!(ids(&conn, &queue), vec![a, b]);
        assert_eq!(recent(&conn, 1).unwrap()[0].id, c);
        assert_eq!(
            waiting(&conn)
                .unwrap()
                .iter()
                .map(|x| x.id)
                .collect::<Vec<_>>(),
            vec![a, c]
        );
    }

    #[test]
    fn filter_values_are_bound_not_spliced() {
        let (_d, conn) = conn();
        three_days(&conn);
        // A channel label that would change the query if it were pasted into the SQL.
        conn.execute(
            "UPDATE application SET channel = ?1 WHERE id = 1",
            ["x' OR '1'='1"],
        )
        .unwrap();
        let loket = RegisterFilter {
            channel: Some(Channel::Loket),
            ..Default::default()
        };
        assert_eq!(ids(&conn, &loket), vec![3]);
        assert_eq!(
            Status::parse("selesai' OR 1=1 --"),
            None,
            "only known codes parse"
        );
        assert_eq!(Channel::parse("WhatsApp"), Some(Channel::WhatsApp));
        assert_eq!(Channel::parse("whatsapp"), Some(Channel::WhatsApp));
        assert_eq!(Channel::parse("instagram"), None);
    }

    #[test]
    fn history_and_letters_of_an_application() {
        let (_d, conn) = conn();
        let ids = three_days(&conn);
        let events = history(&conn, ids[1]).unwrap();
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].status, "menunggu");
        assert_eq!(events[1].actor, "operator");
        assert_eq!(events[1].note, "400.9/001");
        assert!(letters(&conn, ids[1]).unwrap().is_empty());
        assert!(matches!(history(&conn, 99), Err(Error::NotFound(_))));
    }

    #[test]
    fn export_neutralises_formula_cells() {
        let (_d, conn) = conn();
        let mut app = sample();
        app.purpose = "=HYPERLINK(\"http://x\",\"klik\")".into();
        app.applicant_name = "@Siti".into();
        create(&conn, &app, "petugas").unwrap();
        let text =
            String::from_utf8(export_csv(&conn, &RegisterFilter::default()).unwrap()).unwrap();
        assert!(text.starts_with('\u{feff}'));
        assert!(text.contains("'=HYPERLINK"), "{text}");
        assert!(text.contains(";'@Siti;"), "{text}");
        assert_eq!(neutralise_cell("-1"), "'-1");
        assert_eq!(neutralise_cell("+62"), "'+62");
        assert_eq!(neutralise_cell("Siti"), "Siti");
    }
}
