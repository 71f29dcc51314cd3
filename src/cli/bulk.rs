//! `bulk`: checks a list of NIKs (from a school, a hospital, a desa office) against the
//! active snapshot and writes the answers to a new XLSX.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::cli::commands::{actor, print_json};
use crate::core::bulk::{self, BulkProgress};
use crate::core::{Result, Store};

/// How often a progress line is written to stderr.
const PROGRESS_EVERY: Duration = Duration::from_millis(500);

/// Runs `bulk FILE --out OUT`; progress lines go to stderr unless `json`.
pub fn run(dir: &Path, file: &Path, out: &Path, json: bool) -> Result<()> {
    let store = Store::open(dir)?;
    let mut last = Instant::now();
    let mut progress = |p: BulkProgress| {
        if !json && last.elapsed() >= PROGRESS_EVERY {
            last = Instant::now();
            eprintln!("{} baris  ({:.0}%)", p.rows, p.fraction * 100.0);
        }
        true
    };
    let summary = bulk::check_file(
        &store,
        file,
        out,
        &mut progress,
        actor(),
        chrono::Local::now(),
    )?;
    if json {
        return print_json(&summary);
    }
    for note in &summary.notes {
        eprintln!("Catatan: {note}");
    }
    println!(
        "{} baris: {} terdaftar, {} tidak terdaftar, {} tidak dapat dicek; hasil ditulis ke {}",
        summary.rows,
        summary.registered,
        summary.not_registered,
        summary.invalid,
        summary.file.display()
    );
    Ok(())
}
