//! Writing the report to a file, logged in the audit trail.

use std::path::Path;

use chrono::{DateTime, Local};
use rusqlite::Connection;

use super::{PeriodReport, report_csv, report_pdf, report_xlsx};
use crate::core::audit::{self, AuditAction};
use crate::core::files::write_atomically;
use crate::core::settings::Settings;
use crate::core::{Error, Result};

/// The file formats of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// One CSV file with a section per table.
    Csv,
    /// An Excel workbook, a sheet per table.
    Xlsx,
    /// A printable PDF with the kop surat.
    Pdf,
}

impl ReportFormat {
    /// Every format, in the order of the buttons.
    pub const ALL: [ReportFormat; 3] = [ReportFormat::Pdf, ReportFormat::Xlsx, ReportFormat::Csv];

    /// Parses `csv`, `xlsx` or `pdf` (any case); the message lists the choices.
    pub fn parse(text: &str) -> Result<ReportFormat> {
        match text.trim().to_ascii_lowercase().as_str() {
            "csv" => Ok(ReportFormat::Csv),
            "xlsx" => Ok(ReportFormat::Xlsx),
            "pdf" => Ok(ReportFormat::Pdf),
            _ => Err(Error::Invalid(format!(
                "Format \"{}\" tidak dikenal; gunakan csv, xlsx atau pdf.",
                text.trim()
            ))),
        }
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Csv => "csv",
            ReportFormat::Xlsx => "xlsx",
            ReportFormat::Pdf => "pdf",
        }
    }

    /// The file name the save dialog suggests for `report`.
    pub fn file_name(self, report: &PeriodReport) -> String {
        format!("laporan-{}-{}.{}", report.from, report.to, self.extension())
    }
}

/// Writes `report` as `format` to `out` (through a temporary file, then renamed) and
/// logs it by `actor` at `at` as [`AuditAction::Laporan`] with the period as subject and
/// the format as detail. The caller checks `out` first with
/// [`check_output_path`](crate::core::files::check_output_path).
pub fn write_report(
    conn: &Connection,
    report: &PeriodReport,
    format: ReportFormat,
    out: &Path,
    actor: &str,
    at: DateTime<Local>,
) -> Result<()> {
    let bytes = match format {
        ReportFormat::Csv => report_csv(report)?,
        ReportFormat::Xlsx => report_xlsx(report)?,
        ReportFormat::Pdf => report_pdf(&Settings::load_for_print(conn)?, report, at)?,
    };
    write_atomically(out, &bytes)?;
    audit::record(
        conn,
        actor,
        AuditAction::Laporan,
        &report.period_label(),
        format.extension(),
        at,
    )
}
