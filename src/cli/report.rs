//! `report`: the period report written as CSV, XLSX or PDF, with its summary.

use std::path::PathBuf;

use chrono::{Local, NaiveDate};
use serde::Serialize;

use crate::cli::commands::{actor, print_json};
use crate::core::files::check_output_path;
use crate::core::numbers::thousands;
use crate::core::report::{self, Period, PeriodReport, ReportFormat};
use crate::core::{Error, Result, Store};

/// Arguments of `report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Tanggal awal, YYYY-MM-DD.
    #[arg(long, conflicts_with = "month", requires = "to")]
    pub from: Option<String>,
    /// Tanggal akhir, YYYY-MM-DD (termasuk).
    #[arg(long, conflicts_with = "month", requires = "from")]
    pub to: Option<String>,
    /// Singkatan untuk satu bulan penuh, YYYY-MM.
    #[arg(long)]
    pub month: Option<String>,
    /// Format berkas: csv, xlsx atau pdf.
    #[arg(long, default_value = "csv")]
    pub format: String,
    /// Berkas keluaran (tidak boleh sudah ada, tidak boleh di dalam folder data).
    #[arg(long)]
    pub out: PathBuf,
    /// Timpa berkas keluaran yang sudah ada (tidak pernah di dalam folder data).
    #[arg(long)]
    pub force: bool,
    /// Keluaran JSON (ringkasan laporan) di stdout.
    #[arg(long)]
    pub json: bool,
}

impl ReportArgs {
    /// The period asked for: `--from`/`--to`, or the month of `--month`.
    fn period(&self) -> Result<(NaiveDate, NaiveDate)> {
        match (&self.month, &self.from, &self.to) {
            (Some(month), _, _) => {
                let p = Period::month(report::parse_month(month)?);
                Ok((p.from, p.to))
            }
            (None, Some(from), Some(to)) => Ok((
                report::parse_date(from, "Tanggal awal")?,
                report::parse_date(to, "Tanggal akhir")?,
            )),
            _ => Err(Error::Invalid(
                "Sebutkan periode: --from YYYY-MM-DD --to YYYY-MM-DD, atau --month YYYY-MM.".into(),
            )),
        }
    }
}

/// The JSON printed with `--json`: where the file went and the whole report.
#[derive(Serialize)]
struct ReportJson<'a> {
    file: String,
    format: &'static str,
    #[serde(flatten)]
    report: &'a PeriodReport,
}

/// Runs `report`: checks the input and the output path before any work, computes the
/// report at the current time, writes and logs it, then prints the summary.
pub fn run(dir: &std::path::Path, args: &ReportArgs) -> Result<()> {
    let (from, to) = args.period()?;
    Period::new(from, to)?;
    let format = ReportFormat::parse(&args.format)?;
    check_output_path(dir, &args.out, args.force)?;
    let store = Store::open(dir)?;
    let at = Local::now();
    let report = report::period(&store.register, from, to, at.naive_local())?;
    report::write_report(&store.register, &report, format, &args.out, actor(), at)?;
    if args.json {
        return print_json(&ReportJson {
            file: args.out.display().to_string(),
            format: format.extension(),
            report: &report,
        });
    }
    println!(
        "Laporan {}: {} permohonan, {} surat, {} slip; ditulis ke {}",
        report.period_label(),
        thousands(report.applications.max(0) as u64),
        thousands(report.letters_issued.max(0) as u64),
        thousands(report.slips.max(0) as u64),
        args.out.display()
    );
    Ok(())
}
