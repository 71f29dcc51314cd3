//! The body of each subcommand.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::cli::imports::{import_file, import_program, parse_map, report_import};
use crate::cli::{ArchiveAction, AuditAction, Command, KeyAction, letters, records};
use crate::core::files::check_output_path;
use crate::core::nik::Nik;
use crate::core::snapshot::search::{self, SearchQuery};
use crate::core::snapshot::{lookup, store as catalogue};
use crate::core::{Error, Result, Store, backup, key};

/// The actor written to the register and the audit log for CLI use: the operating
/// system user, as `cli:<user>` (`cli:?` when the environment names none).
pub(crate) fn actor() -> &'static str {
    static ACTOR: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ACTOR.get_or_init(|| {
        let user = ["USER", "LOGNAME", "USERNAME"]
            .into_iter()
            .filter_map(|key| std::env::var(key).ok())
            .map(|name| {
                name.chars()
                    .filter(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
                    .take(64)
                    .collect::<String>()
            })
            .find(|name| !name.is_empty())
            .unwrap_or_else(|| "?".into());
        format!("cli:{user}")
    })
}

/// Runs one subcommand against the data dir.
pub fn execute(dir: &Path, command: Command) -> Result<()> {
    match command {
        Command::Import {
            file,
            source: _,
            period,
            sheet,
            program: Some(program),
            map,
            rejects,
            force,
            json,
        } => {
            check_rejects_path(dir, rejects.as_deref(), force)?;
            let summary =
                import_program(dir, &file, &program, period, sheet, &parse_map(&map)?, json)?;
            report_import(&summary, rejects.as_deref(), json)
        }
        Command::Import {
            file,
            source,
            period,
            sheet,
            program: None,
            map,
            rejects,
            force,
            json,
        } => {
            check_rejects_path(dir, rejects.as_deref(), force)?;
            let summary = import_file(dir, &file, source, period, sheet, parse_map(&map)?, json)?;
            report_import(&summary, rejects.as_deref(), json)
        }
        Command::Lookup { nik, json } => lookup_nik(dir, &nik, json),
        Command::Search {
            text,
            limit,
            birth_date,
            desa,
            json,
        } => search_name(dir, text, limit, birth_date, desa, json),
        Command::Snapshots {
            activate,
            delete,
            keep,
            json,
        } => snapshots(dir, activate, delete, keep, json),
        Command::Letter(args) => letters::letter(dir, args),
        Command::Verify { code, json } => letters::verify_code(dir, &code, json),
        Command::Report(args) => crate::cli::report::run(dir, &args),
        Command::Backup {
            file: Some(file),
            daily: false,
            force,
            json,
        } => {
            let store = Store::open(dir)?;
            let summary = backup::backup(&store, &file, force, actor(), chrono::Local::now())?;
            report_backup(&summary, "Cadangan ditulis", json)
        }
        Command::Backup {
            daily: true, json, ..
        } => daily_backup(dir, json),
        Command::Backup { .. } => Err(Error::Invalid(
            "Sebutkan berkas cadangan, atau --daily untuk cadangan harian ke folder di \
             Pengaturan."
                .into(),
        )),
        Command::Restore { file, json } => {
            let summary = backup::restore(&file, dir, actor(), chrono::Local::now())?;
            report_backup(&summary, "Cadangan dipulihkan", json)
        }
        Command::Key {
            action: KeyAction::Rotate { reason, json },
        } => rotate_key(dir, &reason, json),
        Command::Register { action } => crate::cli::registers::execute(dir, action),
        Command::Usulan { action } => crate::cli::usulan::execute(dir, action),
        Command::Skm { action } => crate::cli::skm::execute(dir, action),
        Command::User { action } => crate::cli::users::execute(dir, action),
        Command::Complaint { action } => crate::cli::complaints::execute(dir, action),
        Command::Void { number, reason } => letters::void(dir, &number, &reason),
        Command::Archive {
            action: ArchiveAction::Check { json },
        } => records::archive_check(dir, json),
        Command::Archive {
            action: ArchiveAction::Seal { json },
        } => records::archive_seal(dir, json),
        Command::Audit {
            action: AuditAction::Verify { json },
        } => records::audit_verify(dir, json),
        Command::Bulk { file, out, json } => crate::cli::bulk::run(dir, &file, &out, json),
        Command::Bench {
            rows,
            work_dir,
            print_to,
        } => crate::cli::bench::run(
            &rows,
            &work_dir.unwrap_or_else(|| std::env::temp_dir().join("loket-dtks-bench")),
            print_to.as_deref(),
        ),
    }
}

/// Refuses a `--rejects` path before the import starts.
fn check_rejects_path(dir: &Path, rejects: Option<&Path>, force: bool) -> Result<()> {
    rejects.map_or(Ok(()), |path| check_output_path(dir, path, force))
}

fn rotate_key(dir: &Path, reason: &str, json: bool) -> Result<()> {
    let store = Store::open(dir)?;
    let rotation = key::rotate(&store, reason, actor(), chrono::Local::now())?;
    if json {
        return print_json(&rotation);
    }
    println!(
        "Kunci tanda tangan diganti. {} surat sebelumnya {}. Buat cadangan baru sekarang.",
        rotation.letters_before,
        if rotation.old_key_kept {
            "tetap dapat diperiksa dengan kunci lama"
        } else {
            "tidak dapat diperiksa dengan kode lagi (kunci lama hilang)"
        }
    );
    Ok(())
}

fn report_backup(summary: &backup::BackupSummary, done: &str, json: bool) -> Result<()> {
    if json {
        return print_json(summary);
    }
    println!(
        "{done}: {} ({} surat, {} berkas arsip/kunci).",
        summary.file.display(),
        summary.letters,
        summary.files
    );
    if let Some(aside) = &summary.aside {
        println!("Data sebelumnya disimpan utuh di {}", aside.display());
    }
    Ok(())
}

/// `backup --daily`: today's backup into the settings' folder, as the window makes it on
/// the first start of the day.
fn daily_backup(dir: &Path, json: bool) -> Result<()> {
    use backup::daily::{self, Daily};
    let store = Store::open(dir)?;
    let now = chrono::Local::now();
    let done = daily::run(&store, now.date_naive(), actor(), now)?;
    if json {
        let (status, file) = match &done {
            Daily::Off => ("off", None),
            Daily::Done(file) => ("done", Some(file.clone())),
            Daily::Written(summary) => ("written", Some(summary.file.clone())),
        };
        return print_json(&serde_json::json!({ "status": status, "file": file }));
    }
    println!(
        "{}",
        done.message().unwrap_or_else(|| {
            "Cadangan harian tidak aktif: isi folder cadangan harian di Admin → Pengaturan.".into()
        })
    );
    Ok(())
}

/// Prints one JSON object on stdout.
pub(crate) fn print_json(value: &impl Serialize) -> Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}").map_err(|e| Error::io("stdout", e))
}

#[derive(Serialize)]
struct LookupJson<'a> {
    nik: &'a str,
    registered: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    person: Option<&'a crate::core::snapshot::Person>,
    #[serde(skip_serializing_if = "Option::is_none")]
    programs: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
    snapshot: &'a crate::core::snapshot::SnapshotInfo,
}

fn lookup_nik(dir: &Path, text: &str, json: bool) -> Result<()> {
    let nik = Nik::parse(text)?;
    let store = Store::open(dir)?;
    let found = lookup::check(&store, &nik, actor())?;
    if json {
        return print_json(&LookupJson {
            nik: &found.nik,
            registered: found.registered(),
            person: found.person.as_ref(),
            programs: found.registered().then_some(found.programs.as_slice()),
            warnings: found.warnings(),
            snapshot: &found.snapshot,
        });
    }
    for warning in found.warnings() {
        eprintln!("Peringatan: {warning}");
    }
    match &found.person {
        Some(p) => {
            println!("TERDAFTAR di {}", found.snapshot.label());
            println!("  Nama     : {}", p.name);
            println!("  NIK      : {}", p.nik);
            println!("  Lahir    : {}", p.birth_date.as_deref().unwrap_or("-"));
            println!("  Desa     : {}", p.desa.as_deref().unwrap_or("-"));
            if let Some(d) = p.desil {
                println!("  Desil    : {d}");
            }
            let programs = if found.programs.is_empty() {
                "-".to_string()
            } else {
                found.programs.join(", ")
            };
            println!("  Program  : {programs}");
        }
        None => println!(
            "TIDAK TERDAFTAR: NIK {} tidak ada di {}.",
            nik.masked(),
            found.snapshot.label()
        ),
    }
    Ok(())
}

fn search_name(
    dir: &Path,
    text: String,
    limit: usize,
    birth_date: Option<String>,
    desa: Option<String>,
    json: bool,
) -> Result<()> {
    let birth_date = birth_date
        .map(|d| {
            chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| {
                Error::Invalid(format!("Tanggal lahir \"{d}\" harus berformat YYYY-MM-DD."))
            })
        })
        .transpose()?;
    let store = Store::open(dir)?;
    let query = SearchQuery {
        text: text.clone(),
        birth_date,
        desa,
        limit,
    };
    let results = search::find(&store, &query, actor())?;
    if json {
        return print_json(&serde_json::json!({ "query": text, "results": results }));
    }
    if results.is_empty() {
        println!("Tidak ada nama yang cocok dengan \"{text}\".");
    }
    for hit in results {
        let why: Vec<&str> = hit.forgiven.iter().map(|f| f.label()).collect();
        println!(
            "{}  {:<32} {:<10} {:<16} {}",
            hit.nik,
            hit.name,
            hit.birth_date.unwrap_or_default(),
            hit.desa.unwrap_or_default(),
            if why.is_empty() {
                String::new()
            } else {
                format!("({})", why.join(", "))
            }
        );
    }
    Ok(())
}

fn snapshots(
    dir: &Path,
    activate: Option<i64>,
    delete: Option<i64>,
    keep: Option<usize>,
    json: bool,
) -> Result<()> {
    let store = Store::open(dir)?;
    if let Some(id) = activate {
        catalogue::activate(&store, id, actor())?;
    }
    let mut deleted = Vec::new();
    if let Some(id) = delete {
        deleted.push(catalogue::remove(&store, id, actor())?.id);
    }
    if let Some(keep) = keep {
        let purged = catalogue::purge_old(&store, keep, actor(), chrono::Local::now())?;
        deleted.extend(purged.iter().map(|s| s.id));
    }
    let list = catalogue::list(&store.snapshots)?;
    if json {
        return print_json(&serde_json::json!({ "snapshots": list, "deleted": deleted }));
    }
    if !deleted.is_empty() {
        println!(
            "{} snapshot lama dihapus beserta berkas datanya.",
            deleted.len()
        );
    }
    if list.is_empty() {
        println!("Belum ada snapshot. Impor berkas dengan: loket-dtks import BERKAS");
    }
    for s in list {
        println!(
            "{} #{:<3} {:<40} {:>8} baris  {:>5} ditolak  {}",
            if s.active { "*" } else { " " },
            s.id,
            s.label(),
            s.rows,
            s.rejected,
            s.file_name
        );
    }
    Ok(())
}
