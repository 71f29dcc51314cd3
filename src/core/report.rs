//! The monthly service report: how many applications came in (by channel and outcome),
//! how many letters and slips were issued or voided, the purposes asked for, and how long
//! the service took from registration to letter (against the office's time standard).

use std::path::Path;

use chrono::{DateTime, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;

use crate::core::audit::{self, AuditAction};
use crate::core::files::write_atomically;
use crate::core::register::{Status, neutralise_cell};
use crate::core::{Error, Result};

/// One counted line of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// What was counted, e.g. "WhatsApp" or "Keringanan biaya sekolah".
    pub label: String,
    /// How many.
    pub count: i64,
}

/// The report for one month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthlyReport {
    /// `YYYY-MM`.
    pub month: String,
    /// Applications registered in the month.
    pub applications: i64,
    /// Applications by channel.
    pub by_channel: Vec<Count>,
    /// Applications by their current state.
    pub by_status: Vec<Count>,
    /// Applications by purpose, most asked first.
    pub by_purpose: Vec<Count>,
    /// Letters issued in the month and still valid.
    pub letters: i64,
    /// Letters issued in the month and since voided.
    pub voided: i64,
    /// Not-registered slips issued in the month.
    pub slips: i64,
    /// Median minutes from registration to letter, for letters answering an application.
    pub median_minutes: Option<i64>,
}

/// Parses `YYYY-MM` into the first day of that month.
pub fn parse_month(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{}-01", text.trim()), "%Y-%m-%d").map_err(|_| {
        Error::Invalid(format!(
            "Bulan \"{text}\" harus berformat YYYY-MM, misalnya 2026-11."
        ))
    })
}

/// Label/count rows of `sql`, whose `?1` is the month's LIKE pattern.
fn counts(conn: &Connection, sql: &str, pattern: &str) -> Result<Vec<Count>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([pattern], |r| {
        Ok(Count {
            label: r.get(0)?,
            count: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Builds the report for the month starting at `first_day`.
pub fn monthly(conn: &Connection, first_day: NaiveDate) -> Result<MonthlyReport> {
    let month = first_day.format("%Y-%m").to_string();
    let like = format!("{month}%");
    let one = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [&like], |r| r.get(0))?) };
    let by_status = counts(
        conn,
        "SELECT status, COUNT(*) FROM application WHERE created_at LIKE ?1
         GROUP BY status ORDER BY status",
        &like,
    )?
    .into_iter()
    .map(|c| Count {
        label: Status::from_code(&c.label).label().to_string(),
        count: c.count,
    })
    .collect();
    let mut waits: Vec<i64> = {
        let mut stmt = conn.prepare(
            "SELECT a.created_at, c.issued_at FROM certificate c
             JOIN application a ON a.id = c.application_id
             WHERE c.kind = 'surat' AND c.issued_at LIKE ?1",
        )?;
        let rows = stmt.query_map([&like], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        rows.filter_map(|r| r.ok())
            .filter_map(|(from, to)| {
                let from = DateTime::parse_from_rfc3339(&from).ok()?;
                let to = DateTime::parse_from_rfc3339(&to).ok()?;
                Some((to - from).num_minutes().max(0))
            })
            .collect()
    };
    waits.sort_unstable();
    Ok(MonthlyReport {
        applications: one("SELECT COUNT(*) FROM application WHERE created_at LIKE ?1")?,
        by_channel: counts(
            conn,
            "SELECT channel, COUNT(*) FROM application WHERE created_at LIKE ?1
             GROUP BY channel ORDER BY COUNT(*) DESC, channel",
            &like,
        )?,
        by_status,
        by_purpose: counts(
            conn,
            "SELECT purpose, COUNT(*) FROM application WHERE created_at LIKE ?1
             GROUP BY lower(purpose) ORDER BY COUNT(*) DESC, purpose",
            &like,
        )?,
        letters: one("SELECT COUNT(*) FROM certificate
             WHERE kind = 'surat' AND status = 'final' AND issued_at LIKE ?1")?,
        voided: one("SELECT COUNT(*) FROM certificate
             WHERE kind = 'surat' AND status = 'void' AND issued_at LIKE ?1")?,
        slips: one("SELECT COUNT(*) FROM certificate WHERE kind = 'slip' AND issued_at LIKE ?1")?,
        median_minutes: waits.get(waits.len() / 2).copied(),
        month,
    })
}

/// `report monthly`: builds the report for the month starting at `first_day`, writes it
/// as CSV to `path` and logs it by `actor` ([`AuditAction::LaporanBulanan`]).
pub fn write_monthly(
    conn: &Connection,
    first_day: NaiveDate,
    path: &Path,
    actor: &str,
) -> Result<MonthlyReport> {
    let report = monthly(conn, first_day)?;
    write_csv(&report, path)?;
    audit::record(
        conn,
        actor,
        AuditAction::LaporanBulanan,
        &report.month,
        "",
        chrono::Local::now(),
    )?;
    Ok(report)
}

/// Writes the report as CSV (`bagian;uraian;jumlah`, UTF-8 with BOM for Excel) through a
/// temporary file renamed into place. Every cell is neutralised
/// ([`neutralise_cell`]): purposes are typed by the public.
pub fn write_csv(report: &MonthlyReport, path: &Path) -> Result<()> {
    let mut rows: Vec<[String; 3]> = vec![
        ["ringkasan".into(), "bulan".into(), report.month.clone()],
        [
            "ringkasan".into(),
            "permohonan".into(),
            report.applications.to_string(),
        ],
        [
            "ringkasan".into(),
            "surat terbit (berlaku)".into(),
            report.letters.to_string(),
        ],
        [
            "ringkasan".into(),
            "surat dibatalkan".into(),
            report.voided.to_string(),
        ],
        [
            "ringkasan".into(),
            "slip tidak terdaftar".into(),
            report.slips.to_string(),
        ],
        [
            "ringkasan".into(),
            "median menit pendaftaran sampai surat".into(),
            report
                .median_minutes
                .map(|m| m.to_string())
                .unwrap_or_default(),
        ],
    ];
    for (section, counts) in [
        ("kanal", &report.by_channel),
        ("status", &report.by_status),
        ("keperluan", &report.by_purpose),
    ] {
        for c in counts {
            rows.push([section.into(), c.label.clone(), c.count.to_string()]);
        }
    }
    // The label is quoted (`"` doubled, line breaks made spaces after neutralising).
    let mut out = String::from("\u{feff}bagian;uraian;jumlah\n");
    for [section, label, value] in &rows {
        let label = neutralise_cell(label)
            .replace(['\n', '\r'], " ")
            .replace('"', "\"\"");
        out.push_str(&format!(
            "{};\"{label}\";{}\n",
            neutralise_cell(section),
            neutralise_cell(value)
        ));
    }
    write_atomically(path, out.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::register::{self, Channel, NewApplication};

    #[test]
    fn counts_applications_by_channel_status_and_purpose() {
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::core::db::open_register(&dir.path().join("l.db")).unwrap();
        let new = |channel, purpose: &str| NewApplication {
            applicant_name: "Siti".into(),
            nik: "3520015708100002".into(),
            purpose: purpose.into(),
            channel: Some(channel),
            paper_exception: "uji".into(),
            ..Default::default()
        };
        let now = chrono::Local::now();
        let a = register::create(&conn, &new(Channel::Loket, "Sekolah"), "petugas", now).unwrap();
        register::create(&conn, &new(Channel::WhatsApp, "sekolah"), "petugas", now).unwrap();
        register::create(&conn, &new(Channel::WhatsApp, "Pengobatan"), "petugas", now).unwrap();
        register::record_check(&conn, a.id, false, "DTSEN", "operator", now).unwrap();
        let this_month = chrono::Local::now()
            .date_naive()
            .format("%Y-%m")
            .to_string();
        let report = monthly(&conn, parse_month(&this_month).unwrap()).unwrap();
        assert_eq!(report.applications, 3);
        assert_eq!(
            report.by_channel[0],
            Count {
                label: "WhatsApp".into(),
                count: 2
            }
        );
        assert_eq!(
            report.by_purpose[0].count, 2,
            "purposes are grouped without case"
        );
        assert!(report.by_status.contains(&Count {
            label: "Tidak terdaftar".into(),
            count: 1
        }));
        assert_eq!(
            (report.letters, report.slips, report.median_minutes),
            (0, 0, None)
        );
        let empty = monthly(&conn, parse_month("2001-01").unwrap()).unwrap();
        assert_eq!(empty.applications, 0);
        assert!(parse_month("11-2026").is_err());

        let path = dir.path().join("laporan.csv");
        write_csv(&report, &path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("kanal;\"WhatsApp\";2"), "{text}");

        let mut hostile = report.clone();
        hostile.by_purpose = ["=1+2", "+62", "-1", "@SUM(A1)", "\t=1", "\r=1", "a\"b"]
            .iter()
            .map(|p| Count {
                label: p.to_string(),
                count: 1,
            })
            .collect();
        write_csv(&hostile, &path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let purposes: Vec<String> = reader
            .records()
            .map(|r| r.unwrap())
            .filter(|r| &r[0] == "keperluan")
            .map(|r| r[1].to_string())
            .collect();
        assert_eq!(
            purposes,
            ["'=1+2", "'+62", "'-1", "'@SUM(A1)", "'\t=1", "' =1", "a\"b"],
            "{text}"
        );
    }
}
