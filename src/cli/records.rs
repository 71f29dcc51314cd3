//! Subcommands about the tamper-evident records: `archive check`, `archive seal`,
//! `audit verify`.

use std::path::Path;

use crate::cli::commands::{actor, print_json};
use crate::core::{Error, Result, Store, archive, audit};

/// `archive check`: re-hashes every archived file and checks its seal. Problems exit
/// non-zero; files not sealed yet are only reported.
pub fn archive_check(dir: &Path, json: bool) -> Result<()> {
    let store = Store::open(dir)?;
    let problems = archive::recheck(&store, actor())?;
    let unsealed = archive::unsealed(&store)?;
    if json {
        let list: Vec<_> = problems
            .iter()
            .map(|p| serde_json::json!({"certificate_id": p.certificate_id, "path": p.path, "problem": p.problem.label()}))
            .collect();
        print_json(&serde_json::json!({
            "ok": problems.is_empty(),
            "problems": list,
            "unsealed": unsealed,
        }))?;
    } else {
        if problems.is_empty() {
            println!("Arsip utuh: semua berkas cocok dengan sidik SHA-256-nya.");
        }
        for p in &problems {
            println!("{}: {}", p.path.display(), p.problem.label());
        }
        if unsealed > 0 {
            println!(
                "{unsealed} berkas belum bersegel (tercatat sebelum segel dipakai); \
                 jalankan `archive seal` sekali."
            );
        }
    }
    match problems.len() {
        0 => Ok(()),
        n => Err(Error::Invalid(format!(
            "{n} berkas arsip hilang atau berubah."
        ))),
    }
}

/// `archive seal`: seals the archived files recorded before seals were kept.
pub fn archive_seal(dir: &Path, json: bool) -> Result<()> {
    let store = Store::open(dir)?;
    let sealed = archive::seal(&store, actor(), chrono::Local::now())?;
    let left = archive::unsealed(&store)?;
    if json {
        return print_json(&serde_json::json!({ "sealed": sealed, "unsealed": left }));
    }
    println!("{sealed} berkas arsip disegel.");
    if left > 0 {
        println!("{left} berkas tidak disegel: isinya tidak cocok lagi (lihat `archive check`).");
    }
    Ok(())
}

/// `audit verify`: checks the audit chain entry by entry and against its anchor.
pub fn audit_verify(dir: &Path, json: bool) -> Result<()> {
    let store = Store::open(dir)?;
    let report = audit::check(&store.register)?;
    let broken = report.first_broken_id();
    if json {
        print_json(&serde_json::json!({
            "ok": report.is_intact(),
            "first_broken_id": broken,
            "entries": report.entries,
            "anchored_at": report.anchored_at,
            "problems": report.problems,
        }))?;
    } else if report.is_intact() {
        println!("Log akses utuh.");
    } else {
        for p in &report.problems {
            println!("{}", p.detail);
        }
    }
    match broken {
        None => Ok(()),
        Some(0) => Err(Error::Invalid(
            "Log akses tidak dapat dipastikan utuh: anchor-nya bermasalah.".into(),
        )),
        Some(id) => Err(Error::Invalid(format!(
            "Log akses telah diubah mulai entri #{id}."
        ))),
    }
}
