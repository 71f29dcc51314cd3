//! `import`: snapshots and program recipient lists, with progress on stderr and the
//! summary (or JSON) on stdout.

use std::path::Path;

use crate::cli::commands::{actor, print_json};
use crate::core::numbers::thousands;
use crate::core::settings::Source;
use crate::core::snapshot::header::ColumnOverride;
use crate::core::snapshot::program::ProgramList;
use crate::core::snapshot::{ImportOptions, ImportProgress, ImportSummary, logged};
use crate::core::{Error, Result, Store};

/// The `--map KOLOM=JUDUL` options as column overrides.
pub(super) fn parse_map(items: &[String]) -> Result<Vec<ColumnOverride>> {
    items.iter().map(|m| ColumnOverride::parse(m)).collect()
}

/// Imports a snapshot file as the new active snapshot.
pub(super) fn import_file(
    dir: &Path,
    file: &Path,
    source: Option<String>,
    period: Option<String>,
    sheet: Option<String>,
    columns: Vec<ColumnOverride>,
    json: bool,
) -> Result<ImportSummary> {
    let store = Store::open(dir)?;
    let source = match source {
        Some(s) => Source::parse(&s).ok_or_else(|| {
            Error::Invalid(format!(
                "Sumber \"{s}\" tidak dikenal; gunakan DTKS atau DTSEN."
            ))
        })?,
        None => store.settings()?.source,
    };
    let options = ImportOptions {
        source,
        period,
        sheet,
        columns,
        accept_guess: true,
        ..Default::default()
    };
    logged::import_snapshot(dir, file, &options, &mut progress_printer(json), actor())
}

/// Imports a program recipient list into the active snapshot's coverage.
pub(super) fn import_program(
    dir: &Path,
    file: &Path,
    program: &str,
    period: Option<String>,
    sheet: Option<String>,
    columns: &[ColumnOverride],
    json: bool,
) -> Result<ImportSummary> {
    let list = ProgramList {
        program: program.to_string(),
        period,
        sheet,
        columns: columns.to_vec(),
        accept_guess: true,
    };
    logged::import_program(dir, file, &list, &mut progress_printer(json), actor())
}

/// Progress on stderr, only for humans (nothing in `--json` mode): a line rewritten four
/// times a second on a terminal, a new line every 10% when stderr goes to a log file.
fn progress_printer(json: bool) -> impl FnMut(ImportProgress) -> bool {
    use std::io::IsTerminal;
    let terminal = std::io::stderr().is_terminal();
    let mut last = (std::time::Duration::ZERO, -1i32);
    move |p| {
        let tenth = (p.fraction * 10.0) as i32;
        let due = if terminal {
            p.elapsed >= last.0 + std::time::Duration::from_millis(250)
        } else {
            tenth > last.1
        };
        if json || !due {
            return true;
        }
        last = (p.elapsed, tenth);
        let left = p
            .remaining()
            .map(|d| format!(", sisa ±{} s", d.as_secs()))
            .unwrap_or_default();
        let line = format!(
            "{} baris dibaca ({:.0}%, {} baris/s{left})",
            thousands(p.rows),
            p.fraction * 100.0,
            thousands(p.rows_per_second().max(0.0) as u64)
        );
        if terminal {
            eprint!("\r{line}   ");
        } else {
            eprintln!("{line}");
        }
        true
    }
}

/// Writes the reject CSV when asked, and prints the summary or JSON.
pub(super) fn report_import(
    summary: &ImportSummary,
    rejects: Option<&Path>,
    json: bool,
) -> Result<()> {
    if let Some(path) = rejects {
        crate::core::snapshot::report::write_rejects_csv(summary, path)?;
    }
    if json {
        return print_json(summary);
    }
    eprintln!();
    println!(
        "Impor selesai: {} baris dibaca, {} diimpor, {} ditolak, {} ganda. Snapshot #{} {} periode {} aktif.",
        thousands(summary.rows_read),
        thousands(summary.imported),
        thousands(summary.rejected),
        thousands(summary.duplicates),
        summary.snapshot.id,
        summary.snapshot.source,
        summary.snapshot.period
    );
    for sheet in &summary.sheets {
        println!(
            "  lembar \"{}\": {} baris dibaca",
            sheet.sheet,
            thousands(sheet.rows_read)
        );
    }
    for note in &summary.notes {
        println!("Catatan: {note}.");
    }
    for reject in &summary.rejects {
        println!("  baris {}: {}", reject.row, reject.reason);
    }
    for repair in &summary.repairs {
        println!("  baris {} (diperbaiki): {}", repair.row, repair.reason);
    }
    Ok(())
}
