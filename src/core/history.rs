//! A NIK's earlier visits: the applications and letters of the last days, shown at the
//! front desk before a new application is written, and the letters of the same day the
//! operator must confirm before printing another.
//!
//! The window is counted in calendar days back from the date passed in (the core never
//! reads the clock); stored times are local RFC 3339, so their first ten characters are
//! the local date.

use chrono::{Days, NaiveDate};
use rusqlite::{Connection, Row, params};

use crate::core::Result;
use crate::core::nik::Nik;
use crate::core::register::{self, Application};

/// A letter or not-registered slip issued for the NIK.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierLetter {
    /// Certificate row id.
    pub id: i64,
    /// The application it answered, when it came from the register.
    pub application_id: Option<i64>,
    /// Letter number; `None` for a slip.
    pub number: Option<String>,
    /// Whether it is a numbered letter (`surat`) rather than a slip.
    pub letter: bool,
    /// Whether it was voided.
    pub void: bool,
    /// When it was issued (RFC 3339, local time).
    pub issued_at: String,
}

impl EarlierLetter {
    /// The local date it was issued on.
    pub fn date(&self) -> Option<NaiveDate> {
        self.issued_at.get(..10)?.parse().ok()
    }

    /// "400.9/001/Dinsos/III/2026", "slip tidak terdaftar", with "(batal)" when voided.
    pub fn label(&self) -> String {
        let base = match (&self.number, self.letter) {
            (Some(number), true) => number.clone(),
            _ => "slip tidak terdaftar".into(),
        };
        if self.void {
            format!("{base} (batal)")
        } else {
            base
        }
    }
}

/// What the NIK came for within the window.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct History {
    /// The window in days.
    pub days: u32,
    /// Applications written in the window, newest first.
    pub applications: Vec<Application>,
    /// Letters and slips issued in the window, newest first.
    pub letters: Vec<EarlierLetter>,
}

/// The applications and letters for `nik` dated within `days` days before `today`
/// (today included).
pub fn for_nik(conn: &Connection, nik: &Nik, today: NaiveDate, days: u32) -> Result<History> {
    let since = today
        .checked_sub_days(Days::new(days.into()))
        .unwrap_or(NaiveDate::MIN);
    let applications = register::for_nik_since(conn, nik.as_str(), since)?;
    let mut stmt = conn.prepare(
        "SELECT id, application_id, number, kind, status, issued_at FROM certificate
         WHERE nik = ?1 AND substr(issued_at, 1, 10) >= ?2
         ORDER BY issued_at DESC, id DESC",
    )?;
    let letters = stmt
        .query_map(params![nik.as_str(), since.to_string()], letter_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(History {
        days,
        applications,
        letters,
    })
}

fn letter_row(row: &Row<'_>) -> rusqlite::Result<EarlierLetter> {
    Ok(EarlierLetter {
        id: row.get(0)?,
        application_id: row.get(1)?,
        number: row.get(2)?,
        letter: row.get::<_, String>(3)? == "surat",
        void: row.get::<_, String>(4)? == "void",
        issued_at: row.get(5)?,
    })
}

impl History {
    /// Whether the NIK came before within the window.
    pub fn is_empty(&self) -> bool {
        self.applications.is_empty() && self.letters.is_empty()
    }

    /// The valid (not voided) letters issued on `day`: a second one needs confirming.
    pub fn letters_on(&self, day: NaiveDate) -> Vec<&EarlierLetter> {
        self.letters
            .iter()
            .filter(|l| l.letter && !l.void && l.date() == Some(day))
            .collect()
    }

    /// The front desk's note, e.g. "NIK ini sudah mengajukan 2 kali dalam 30 hari:
    /// 0003/2026 (Selesai, 400.9/001/...), 0005/2026 (Menunggu)"; `None` for a first visit.
    pub fn summary(&self) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        let mut parts: Vec<String> = self
            .applications
            .iter()
            .map(|a| {
                let letters: Vec<String> = self
                    .letters
                    .iter()
                    .filter(|l| l.application_id == Some(a.id))
                    .map(EarlierLetter::label)
                    .collect();
                let mut state = vec![a.status.label().to_string()];
                state.extend(letters);
                format!("{} ({})", a.register_no, state.join(", "))
            })
            .collect();
        // Letters made without an application here (e.g. from the command line).
        parts.extend(
            self.letters
                .iter()
                .filter(|l| {
                    !self
                        .applications
                        .iter()
                        .any(|a| Some(a.id) == l.application_id)
                })
                .map(|l| format!("surat {}", l.label())),
        );
        let head = if self.applications.is_empty() {
            format!("NIK ini sudah mendapat surat dalam {} hari", self.days)
        } else {
            format!(
                "NIK ini sudah mengajukan {} kali dalam {} hari",
                self.applications.len(),
                self.days
            )
        };
        Some(format!("{head}: {}", parts.join("; ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::register::NewApplication;

    const NIK: &str = "3520014107900003";

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn register_db() -> (tempfile::TempDir, Connection) {
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::core::db::open_register(&dir.path().join("l.db")).unwrap();
        (dir, conn)
    }

    /// An application for `nik` dated `at`, with its register number forced to `seq`.
    fn application(conn: &Connection, nik: &str, at: &str) -> i64 {
        let new = NewApplication {
            applicant_name: "Siti Aminah".into(),
            nik: nik.into(),
            purpose: "Beasiswa".into(),
            paper_exception: "uji".into(),
            ..NewApplication::default()
        };
        let id = register::create(conn, &new, "petugas_layanan", chrono::Local::now())
            .unwrap()
            .id;
        conn.execute(
            "UPDATE application SET created_at = ?2, year = 2026, seq = ?1 WHERE id = ?1",
            params![id, at],
        )
        .unwrap();
        id
    }

    fn letter(conn: &Connection, application: Option<i64>, number: &str, at: &str) {
        conn.execute(
            "INSERT INTO certificate(kind, number, application_id, nik, name, issued_at,
                 issued_by, file, sha256)
             VALUES ('surat', ?1, ?2, ?3, 'SITI AMINAH', ?4, 'operator', 'f.pdf', '')",
            params![number, application, NIK, at],
        )
        .unwrap();
    }

    #[test]
    fn lists_the_window_only_and_names_each_letter_with_its_application() {
        let (_dir, conn) = register_db();
        let old = application(&conn, NIK, "2026-01-30T15:00:00+07:00");
        let first = application(&conn, NIK, "2026-01-31T08:00:00+07:00");
        let second = application(&conn, NIK, "2026-03-02T08:00:00+07:00");
        application(&conn, "3520011705850001", "2026-03-02T08:00:00+07:00");
        letter(
            &conn,
            Some(old),
            "400.9/001/Dinsos/I/2026",
            "2026-01-30T16:00:00+07:00",
        );
        letter(
            &conn,
            Some(first),
            "400.9/002/Dinsos/II/2026",
            "2026-02-01T09:00:00+07:00",
        );
        register::cancel(&conn, first, "diganti", "operator", chrono::Local::now()).unwrap();

        let nik = Nik::parse(NIK).unwrap();
        let history = for_nik(&conn, &nik, day(2026, 3, 2), 30).unwrap();
        let ids: Vec<i64> = history.applications.iter().map(|a| a.id).collect();
        assert_eq!(
            ids,
            [second, first],
            "31 January is 30 days back; 30 January is not"
        );
        assert_eq!(history.letters.len(), 1);
        assert_eq!(
            history.summary().unwrap(),
            format!(
                "NIK ini sudah mengajukan 2 kali dalam 30 hari: {second:04}/2026 (Berkas lengkap); \
                 {first:04}/2026 (Dibatalkan, 400.9/002/Dinsos/II/2026)"
            )
        );
        assert!(history.letters_on(day(2026, 3, 2)).is_empty());
        assert_eq!(history.letters_on(day(2026, 2, 1)).len(), 1);

        let first_visit = for_nik(&conn, &nik, day(2026, 6, 1), 30).unwrap();
        assert!(first_visit.is_empty());
        assert_eq!(first_visit.summary(), None);
    }

    #[test]
    fn letters_without_an_application_and_voided_ones() {
        let (_dir, conn) = register_db();
        letter(
            &conn,
            None,
            "400.9/003/Dinsos/III/2026",
            "2026-03-02T10:00:00+07:00",
        );
        conn.execute("UPDATE certificate SET status = 'void'", [])
            .unwrap();
        letter(
            &conn,
            None,
            "400.9/004/Dinsos/III/2026",
            "2026-03-02T11:00:00+07:00",
        );
        let nik = Nik::parse(NIK).unwrap();
        let history = for_nik(&conn, &nik, day(2026, 3, 2), 30).unwrap();
        assert_eq!(
            history.summary().unwrap(),
            "NIK ini sudah mendapat surat dalam 30 hari: surat 400.9/004/Dinsos/III/2026; \
             surat 400.9/003/Dinsos/III/2026 (batal)"
        );
        let today: Vec<_> = history
            .letters_on(day(2026, 3, 2))
            .into_iter()
            .map(|l| l.label())
            .collect();
        assert_eq!(
            today,
            ["400.9/004/Dinsos/III/2026"],
            "a voided letter does not count"
        );
    }
}
