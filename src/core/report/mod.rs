//! The period report (laporan layanan) that offices send monthly and quarterly: how many
//! applications came in and how they ended, by channel, purpose, desa, petugas and day;
//! the letters and slips issued; the proposals (usulan) under way; how long the service
//! took against the office's standard; the satisfaction survey (SKM); and the complaints.
//!
//! [`period`] computes it (read only), [`period_by_month`] likewise a month at a time
//! with progress; [`write_report`] writes it as CSV, XLSX or a
//! printable PDF and logs the export ([`AuditAction::Laporan`](crate::core::audit::AuditAction::Laporan)).

mod collect;
mod csv;
mod export;
#[cfg(test)]
mod export_tests;
#[cfg(test)]
mod month_tests;
mod pdf;
mod range;
mod tables;
#[cfg(test)]
mod tests;
mod times;
mod xlsx;

pub use csv::report_csv;
pub use export::{ReportFormat, write_report};
pub use pdf::report_pdf;
pub use range::{Period, parse_date, parse_month};
pub use tables::{Cell, Table, tables};
pub use times::ServiceTimes;
pub use xlsx::report_xlsx;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use serde::Serialize;

use crate::core::Result;
use crate::core::register::Status;
use crate::core::service_time::ServiceClock;
use crate::core::settings::Settings;
use crate::core::skm::{self, SkmSummary};
use collect::Tally;

/// One counted line of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// What was counted, e.g. "WhatsApp" or "Keringanan biaya sekolah".
    pub label: String,
    /// How many.
    pub count: i64,
}

/// The applications received on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayCount {
    /// The day.
    pub date: NaiveDate,
    /// Applications received that day.
    pub count: i64,
}

/// How an application ended (or not yet), derived from its state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Outcome {
    /// Registered: the letter was issued (printed, signed, handed over or sent).
    SuratTerbit,
    /// Not registered: checked and not found (slip given, or closed).
    TidakTerdaftar,
    /// Papers incomplete: returned to the applicant.
    BerkasTidakLengkap,
    /// Cancelled with a reason.
    Dibatalkan,
    /// Still under way (received, papers complete, registered but no letter yet).
    Berjalan,
}

impl Outcome {
    /// Every outcome, in the order of the report.
    pub const ALL: [Outcome; 5] = [
        Outcome::SuratTerbit,
        Outcome::TidakTerdaftar,
        Outcome::BerkasTidakLengkap,
        Outcome::Dibatalkan,
        Outcome::Berjalan,
    ];

    /// The outcome of an application now in `status`.
    pub fn of(status: Status) -> Outcome {
        match status {
            s if s.has_letter() => Outcome::SuratTerbit,
            Status::TidakTerdaftar | Status::SlipSaran | Status::Selesai => Outcome::TidakTerdaftar,
            Status::BerkasTidakLengkap => Outcome::BerkasTidakLengkap,
            Status::Dibatalkan => Outcome::Dibatalkan,
            _ => Outcome::Berjalan,
        }
    }

    /// The label shown and exported.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::SuratTerbit => "Terdaftar, surat terbit",
            Outcome::TidakTerdaftar => "Tidak terdaftar",
            Outcome::BerkasTidakLengkap => "Berkas tidak lengkap",
            Outcome::Dibatalkan => "Dibatalkan",
            Outcome::Berjalan => "Masih berjalan",
        }
    }
}

/// The complaints of the period (entries of kind pengaduan).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComplaintStats {
    /// Complaints received in the period.
    pub received: i64,
    /// Of those, how many have been followed up.
    pub answered: i64,
    /// Median minutes from receipt to the first follow-up of the answered ones.
    pub median_response_minutes: Option<i64>,
}

/// The report for one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodReport {
    /// First day (inclusive).
    pub from: NaiveDate,
    /// Last day (inclusive).
    pub to: NaiveDate,
    /// Applications received in the period.
    pub applications: i64,
    /// Those applications by outcome, every outcome listed (zero included).
    pub by_outcome: Vec<Count>,
    /// By channel, most used first.
    pub by_channel: Vec<Count>,
    /// By purpose (grouped without regard to case or surrounding spaces), most asked
    /// first.
    pub by_purpose: Vec<Count>,
    /// By desa/kelurahan (likewise grouped), most first.
    pub by_desa: Vec<Count>,
    /// By the petugas who wrote the application in the register, most first.
    pub by_petugas: Vec<Count>,
    /// Per day, every day of the period (zero included).
    pub per_day: Vec<DayCount>,
    /// Numbered letters issued in the period (including those voided since).
    pub letters_issued: i64,
    /// Letters voided in the period.
    pub letters_voided: i64,
    /// Letters and slips printed again in the period.
    pub reprints: i64,
    /// Not-registered slips issued in the period.
    pub slips: i64,
    /// Proposals (usulan) entered in the period, by the stage they have reached, every
    /// stage listed.
    pub usulan_by_stage: Vec<Count>,
    /// The service times against the office's standard.
    pub times: ServiceTimes,
    /// The satisfaction survey of the period.
    pub skm: SkmSummary,
    /// The complaints of the period.
    pub complaints: ComplaintStats,
}

impl PeriodReport {
    /// The period as written in the audit log and on the exports: `2026-03-01 s.d.
    /// 2026-03-31`.
    pub fn period_label(&self) -> String {
        Period {
            from: self.from,
            to: self.to,
        }
        .to_string()
    }

    /// Proposals entered in the period.
    pub fn usulan_total(&self) -> i64 {
        self.usulan_by_stage.iter().map(|c| c.count).sum()
    }
}

/// Computes the report for `from`..=`to` from the register in `conn` in one pass; open
/// applications are measured at `now` (the office's wall clock). Refuses a reversed or
/// over-long period ([`Period::new`]).
pub fn period(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    now: NaiveDateTime,
) -> Result<PeriodReport> {
    let range = Period::new(from, to)?;
    let clock = ServiceClock::new(&Settings::load(conn)?, now);
    let mut tally = Tally::default();
    tally.add(conn, range, &clock)?;
    finish(conn, range, tally, &clock)
}

/// Computes the same report as [`period`], one calendar month of the period at a time,
/// calling `progress(done, total)` after each month (`total` is the number of months the
/// period touches). When `progress` answers `false` the work stops there and `None` is
/// returned (the window asked for another period meanwhile).
pub fn period_by_month(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    now: NaiveDateTime,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Option<PeriodReport>> {
    let range = Period::new(from, to)?;
    let clock = ServiceClock::new(&Settings::load(conn)?, now);
    let months = range.months();
    let mut tally = Tally::default();
    for (done, month) in months.iter().enumerate() {
        tally.add(conn, *month, &clock)?;
        if !progress(done + 1, months.len()) {
            return Ok(None);
        }
    }
    finish(conn, range, tally, &clock).map(Some)
}

/// The report of `range` from its counted `tally` and the survey of the whole period.
fn finish(
    conn: &Connection,
    range: Period,
    mut tally: Tally,
    clock: &ServiceClock,
) -> Result<PeriodReport> {
    Ok(PeriodReport {
        from: range.from,
        to: range.to,
        applications: tally.applications,
        by_outcome: tally.by_outcome(),
        by_channel: tally.by_channel(),
        by_purpose: tally.by_purpose(),
        by_desa: tally.by_desa(),
        by_petugas: tally.by_petugas(),
        per_day: tally.per_day(range),
        letters_issued: tally.letters_issued,
        letters_voided: tally.letters_voided,
        reprints: tally.reprints,
        slips: tally.slips,
        usulan_by_stage: tally.usulan_by_stage(),
        complaints: tally.complaints(),
        skm: skm::summary(conn, range.from, range.to)?,
        times: tally.times.finish(clock),
    })
}

/// The middle value of `values` (the mean of the two middle ones for an even count),
/// sorting them.
fn median(values: &mut [i64]) -> Option<i64> {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2),
    }
}
