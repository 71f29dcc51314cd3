//! Office settings: letterhead, signatories, numbering, wording and the data source label.
//!
//! Stored as one JSON document in the register database; the defaults ship in
//! `assets/settings.default.json` and are written on first start.

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use serde::{Deserialize, Serialize};

use crate::core::Result;
use crate::core::audit::{self, AuditAction};
use crate::core::service_time::{ServiceHours, TimeStandard};

/// The defaults every new data dir starts with.
pub const DEFAULT_JSON: &str = include_str!("../../assets/settings.default.json");

/// Letterhead (kop surat) fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Office {
    /// Regional government line, e.g. "PEMERINTAH KABUPATEN MAGETAN".
    pub pemda: String,
    /// Office line, e.g. "DINAS SOSIAL".
    pub dinas: String,
    /// Street address.
    pub address: String,
    /// Telephone number.
    pub phone: String,
    /// E-mail address.
    pub email: String,
    /// Place name written before the date ("Magetan, 27 November 2026").
    pub place: String,
}

/// One person who signs or initials letters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Official {
    /// Position (jabatan), as printed above the signature.
    pub title: String,
    /// Full name with degrees.
    pub name: String,
    /// Civil-service rank (pangkat).
    pub rank: String,
    /// NIP.
    pub nip: String,
}

/// Which national register the snapshots come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Source {
    /// Data Terpadu Kesejahteraan Sosial (until 2025).
    #[default]
    #[serde(rename = "DTKS")]
    Dtks,
    /// Data Tunggal Sosial dan Ekonomi Nasional (since 2025, with desil).
    #[serde(rename = "DTSEN")]
    Dtsen,
}

impl Source {
    /// Short label, "DTKS" or "DTSEN".
    pub fn code(self) -> &'static str {
        match self {
            Source::Dtks => "DTKS",
            Source::Dtsen => "DTSEN",
        }
    }

    /// Full name as written in letters.
    pub fn full_name(self) -> &'static str {
        match self {
            Source::Dtks => "Data Terpadu Kesejahteraan Sosial (DTKS)",
            Source::Dtsen => "Data Tunggal Sosial dan Ekonomi Nasional (DTSEN)",
        }
    }

    /// Parses "DTKS" or "DTSEN" (any case).
    pub fn parse(text: &str) -> Option<Source> {
        match text.trim().to_uppercase().as_str() {
            "DTKS" => Some(Source::Dtks),
            "DTSEN" => Some(Source::Dtsen),
            _ => None,
        }
    }
}

/// Paper size of printed letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Paper {
    /// ISO A4, 210 x 297 mm.
    #[default]
    A4,
    /// F4 / folio, 215 x 330 mm, common in Indonesian offices.
    F4,
}

impl Paper {
    /// Width and height in millimetres.
    pub fn size_mm(self) -> (f64, f64) {
        match self {
            Paper::A4 => (210.0, 297.0),
            Paper::F4 => (215.0, 330.0),
        }
    }
}

/// Everything an office configures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Letterhead.
    pub office: Office,
    /// The Kepala Dinas.
    pub signatory: Official,
    /// The Kabid who initials, or signs "a.n. Kepala Dinas".
    pub kabid: Official,
    /// When true, letters are signed by the Kabid on behalf of the Kepala Dinas.
    pub signed_by_kabid: bool,
    /// Default source label for new snapshots.
    pub source: Source,
    /// Letter number template, e.g. `400.9/{nomor:03}/Dinsos/{bulan_romawi}/{tahun}`.
    pub number_template: String,
    /// Paper size.
    pub paper: Paper,
    /// Copies printed per letter (applicant + archive).
    pub copies: u32,
    /// Preferred printer; `None` uses the system default.
    pub printer: Option<String>,
    /// Opening sentence; placeholders `{jabatan_penandatangan}`.
    pub statement: String,
    /// Registration sentence; placeholders `{sumber}`, `{periode}`.
    pub registered_text: String,
    /// Purpose sentence; placeholder `{keperluan}`.
    pub purpose_text: String,
    /// Closing sentence.
    pub closing: String,
    /// Advice given to a person who is not registered.
    pub not_registered_advice: String,
    /// Address printed in the QR before the verification code; the code alone is
    /// enough for `verify` and the Verifikasi Surat screen.
    #[serde(default = "default_verify_url")]
    pub verify_url: String,
    /// Months after the snapshot's period before the operator is told to ask for newer
    /// data (default 3, the DTSEN update cycle).
    #[serde(default = "default_max_snapshot_age_months")]
    pub max_snapshot_age_months: u32,
    /// Days within which earlier applications and letters for the same NIK are shown at
    /// the front desk (default 30).
    #[serde(default = "default_repeat_window_days")]
    pub repeat_window_days: u32,
    /// Which steps of the service flow the office uses (paper check, paraf).
    #[serde(default)]
    pub workflow: crate::core::register::Workflow,
    /// The papers the front desk checks, and when each is required.
    #[serde(default = "crate::core::register::default_papers")]
    pub papers: Vec<crate::core::register::PaperRule>,
    /// The office's logo for the letterhead, kept apart from the JSON
    /// ([`crate::core::logo`]); read by [`Settings::load_for_print`] only.
    #[serde(skip)]
    pub logo: Option<crate::core::logo::Logo>,
    /// Service hours per weekday (default Karangasem's: Mon-Thu 07:30-15:15,
    /// Fri 08:00-13:00, weekend closed); waiting is counted only inside them.
    #[serde(default = "default_service_hours")]
    pub service_hours: ServiceHours,
    /// Time standard: minutes per step and the total (default 5 and 30 minutes, from
    /// the Solok and Magetan standards).
    #[serde(default = "default_time_standard")]
    pub time_standard: TimeStandard,
    /// Minutes a user stays locked after five wrong PINs (default 15).
    #[serde(default = "default_pin_lock_minutes")]
    pub pin_lock_minutes: u32,
    /// Minutes without a key press or click before the window asks for the PIN again
    /// (default 10); the screen underneath is kept.
    #[serde(default = "default_idle_lock_minutes")]
    pub idle_lock_minutes: u32,
    /// Folder for the daily backup made on the first start of the day (a USB stick);
    /// `None` (or empty) turns it off. See [`crate::core::backup::daily`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daily_backup_dir: Option<std::path::PathBuf>,
    /// Retensi data pribadi: months after which the personal data of a closed
    /// application may be erased by the Admin
    /// ([`purge_personal`](crate::core::register::purge_personal)). 0 (the default) means
    /// never: nothing disappears unless the office chooses a period.
    #[serde(default)]
    pub retention_months: u32,
}

fn default_pin_lock_minutes() -> u32 {
    15
}

fn default_idle_lock_minutes() -> u32 {
    10
}

fn default_verify_url() -> String {
    Settings::default().verify_url
}

fn default_max_snapshot_age_months() -> u32 {
    3
}

fn default_repeat_window_days() -> u32 {
    30
}

fn default_service_hours() -> ServiceHours {
    Settings::default().service_hours
}

fn default_time_standard() -> TimeStandard {
    Settings::default().time_standard
}

impl Default for Settings {
    fn default() -> Self {
        serde_json::from_str(DEFAULT_JSON).expect("assets/settings.default.json is valid")
    }
}

impl Settings {
    /// Loads the settings from the register database, writing the defaults on first use.
    /// The logo is left out (see [`Settings::load_for_print`]): the flow reads the
    /// settings on every step, and only the PDFs need the picture.
    pub fn load(conn: &Connection) -> Result<Settings> {
        let stored: Option<String> = conn
            .query_row(
                "SELECT value FROM setting WHERE key = 'settings'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        match stored {
            Some(json) => Ok(serde_json::from_str(&json)?),
            None => {
                let defaults = Settings::default();
                defaults.save(conn)?;
                Ok(defaults)
            }
        }
    }

    /// [`Settings::load`] with the office's logo, for drawing a PDF with the letterhead.
    pub fn load_for_print(conn: &Connection) -> Result<Settings> {
        Ok(Settings {
            logo: crate::core::logo::load(conn)?,
            ..Settings::load(conn)?
        })
    }

    /// The admin's "Simpan": saves the settings and logs it by `actor`
    /// ([`AuditAction::UbahPengaturan`]) in one transaction; refused when `actor` is a
    /// user without the Admin role ([`crate::core::users::require`]).
    pub fn save_by(&self, conn: &Connection, actor: &str) -> Result<()> {
        crate::core::users::require(conn, actor, crate::core::users::Permission::UbahPengaturan)?;
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        self.save(&tx)?;
        audit::record(
            &tx,
            actor,
            AuditAction::UbahPengaturan,
            "pengaturan",
            "",
            chrono::Local::now(),
        )?;
        Ok(tx.commit()?)
    }

    /// Saves the settings.
    pub fn save(&self, conn: &Connection) -> Result<()> {
        conn.execute(
            "INSERT INTO setting(key, value) VALUES ('settings', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![serde_json::to_string_pretty(self)?],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse_and_round_trip() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE setting(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            .unwrap();
        let mut s = Settings::load(&conn).unwrap();
        assert_eq!(s.source, Source::Dtsen);
        assert_eq!((s.max_snapshot_age_months, s.repeat_window_days), (3, 30));
        s.office.place = "Magetan".into();
        s.paper = Paper::F4;
        s.save(&conn).unwrap();
        let again = Settings::load(&conn).unwrap();
        assert_eq!(again.office.place, "Magetan");
        assert_eq!(again.paper.size_mm(), (215.0, 330.0));
    }

    #[test]
    fn settings_saved_before_the_age_limits_get_their_defaults() {
        let mut json: serde_json::Value = serde_json::from_str(DEFAULT_JSON).unwrap();
        let object = json.as_object_mut().unwrap();
        object.remove("max_snapshot_age_months");
        object.remove("repeat_window_days");
        object.remove("service_hours");
        object.remove("time_standard");
        let s: Settings = serde_json::from_value(json).unwrap();
        assert_eq!((s.max_snapshot_age_months, s.repeat_window_days), (3, 30));
        assert_eq!(s.service_hours, Settings::default().service_hours);
        assert_eq!(s.time_standard, Settings::default().time_standard);
    }

    #[test]
    fn saving_as_an_actor_logs_the_change() {
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::core::db::open_register(&dir.path().join("l.db")).unwrap();
        let mut s = Settings::load(&conn).unwrap();
        s.office.place = "Magetan".into();
        s.save_by(&conn, "admin").unwrap();
        assert_eq!(Settings::load(&conn).unwrap().office.place, "Magetan");
        let (actor, action): (String, String) = conn
            .query_row(
                "SELECT actor, action FROM audit ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(
            (actor.as_str(), action.as_str()),
            ("admin", "ubah_pengaturan")
        );
    }
}
