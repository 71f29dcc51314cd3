//! Subcommands about letters: `letter`, `void`, `verify`.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::cli::commands::{actor, print_json};
use crate::core::files::{check_output_path, write_atomically};
use crate::core::letter::{
    IssueRequest, issue_certificate, mark_printed, render_draft, void_certificate,
};
use crate::core::nik::Nik;
use crate::core::register::{self, NewApplication};
use crate::core::snapshot::lookup;
use crate::core::{Error, Result, Store, history, print, verify};

/// What `letter --json` prints.
#[derive(Serialize)]
struct LetterJson {
    number: Option<String>,
    file: PathBuf,
    sha256: Option<String>,
    verification_code: Option<String>,
    printed: bool,
}

/// Arguments of `letter`.
#[derive(Debug, clap::Args)]
pub struct LetterArgs {
    /// NIK 16 digit.
    pub nik: String,
    /// Keperluan surat.
    #[arg(long)]
    pub purpose: String,
    /// Berkas PDF keluaran (tidak boleh sudah ada, tidak boleh di dalam folder data).
    #[arg(long)]
    pub out: PathBuf,
    /// Timpa berkas keluaran yang sudah ada (tidak pernah di dalam folder data).
    #[arg(long)]
    pub force: bool,
    /// Nomor id permohonan di buku register yang dijawab surat ini (dari `register
    /// add`); tanpa ini, permohonan baru dicatat dengan pengecualian berkas.
    #[arg(long, value_name = "ID")]
    pub application: Option<i64>,
    /// Pratinjau DRAF tanpa nomor; tidak dicatat.
    #[arg(long)]
    pub draft: bool,
    /// Cetak ke printer setelah diterbitkan.
    #[arg(long)]
    pub print: bool,
    /// Nama printer CUPS (bawaan: pengaturan, lalu printer bawaan sistem).
    #[arg(long, requires = "print")]
    pub printer: Option<String>,
    /// Terbitkan juga bila NIK ini sudah mendapat surat hari ini (surat kedua).
    #[arg(long)]
    pub again: bool,
    /// Keluaran JSON.
    #[arg(long)]
    pub json: bool,
}

/// `letter`: issues (or drafts) a letter for a registered NIK without the window.
pub fn letter(dir: &Path, args: LetterArgs) -> Result<()> {
    let nik = Nik::parse(&args.nik)?;
    if args.purpose.trim().is_empty() {
        return Err(Error::Invalid("Keperluan (--purpose) wajib diisi.".into()));
    }
    // Before anything is issued: a letter whose file cannot be written must not become
    // final, or a retry would issue a second letter for the same request.
    check_output_path(dir, &args.out, args.force)?;
    let store = Store::open(dir)?;
    let found = lookup::check(&store, &nik, actor())?;
    let Some(person) = found.person.clone() else {
        return Err(Error::Invalid(format!(
            "NIK {} tidak terdaftar di {}; surat keterangan tidak dapat diterbitkan.",
            nik.masked(),
            found.snapshot.label()
        )));
    };
    let mut request = IssueRequest {
        application_id: None,
        person: person.clone(),
        programs: found.programs.clone(),
        snapshot: found.snapshot.clone(),
        purpose: args.purpose.trim().to_string(),
        actor: actor().into(),
        date: chrono::Local::now().date_naive(),
    };
    let write = |bytes: &[u8]| write_atomically(&args.out, bytes);
    if args.draft {
        write(&render_draft(&store, &request)?)?;
        return report(
            LetterJson {
                number: None,
                file: args.out.clone(),
                sha256: None,
                verification_code: None,
                printed: false,
            },
            args.json,
        );
    }
    if !args.again {
        refuse_second_today(&store, &nik, request.date)?;
    }
    request.application_id = Some(match args.application {
        Some(id) => {
            let app = register::get(&store.register, id)?;
            if app.nik != nik.as_str() {
                return Err(Error::Invalid(format!(
                    "Permohonan {} untuk NIK {}, bukan {}.",
                    app.register_no,
                    crate::core::nik::mask(&app.nik),
                    nik.masked()
                )));
            }
            id
        }
        None => {
            let new = NewApplication {
                applicant_name: person.name.clone(),
                nik: person.nik.clone(),
                kk: person.kk.clone().unwrap_or_default(),
                purpose: request.purpose.clone(),
                paper_exception: "surat diterbitkan admin lewat baris perintah".into(),
                ..Default::default()
            };
            register::create(&store.register, &new, actor(), chrono::Local::now())?.id
        }
    });
    let issued = issue_certificate(&store, &request)?;
    let pdf = std::fs::read(&issued.file).map_err(|e| Error::io(&issued.file, e))?;
    write(&pdf)?;
    let mut printed = false;
    if args.print {
        let settings = store.settings()?;
        let printer = args.printer.or(settings.printer);
        match print::print_pdf(&issued.file, printer.as_deref(), settings.copies) {
            Ok(job) => {
                mark_printed(&store, issued.certificate_id, actor())?;
                eprintln!("Dikirim ke printer (tugas {job}).");
                printed = true;
            }
            Err(e) => eprintln!("Peringatan: {e}"),
        }
    }
    report(
        LetterJson {
            number: Some(issued.number),
            file: args.out.clone(),
            sha256: Some(issued.sha256),
            verification_code: Some(issued.verification_code),
            printed,
        },
        args.json,
    )
}

/// Refuses a second final letter for `nik` on `today` (usually a repeat by mistake, as
/// the window's second press guards against), naming the earlier number.
fn refuse_second_today(store: &Store, nik: &Nik, today: chrono::NaiveDate) -> Result<()> {
    let earlier = history::for_nik(&store.register, nik, today, 0)?;
    let numbers: Vec<String> = earlier
        .letters_on(today)
        .into_iter()
        .map(|l| l.label())
        .collect();
    if numbers.is_empty() {
        return Ok(());
    }
    Err(Error::Invalid(format!(
        "NIK {} sudah mendapat surat hari ini (nomor {}); tambahkan --again untuk tetap \
         menerbitkan surat kedua.",
        nik.masked(),
        numbers.join(", ")
    )))
}

fn report(letter: LetterJson, json: bool) -> Result<()> {
    if json {
        return print_json(&letter);
    }
    match &letter.number {
        Some(n) => println!("Surat {n} diterbitkan: {}", letter.file.display()),
        None => println!("Draf (tanpa nomor) ditulis ke {}", letter.file.display()),
    }
    Ok(())
}

/// `void`: voids a letter; the number stays on record.
pub fn void(dir: &Path, number: &str, reason: &str) -> Result<()> {
    let store = Store::open(dir)?;
    void_certificate(&store, number, reason, actor())?;
    println!("Surat {number} dibatalkan.");
    Ok(())
}

/// `verify`: checks a code or QR text.
pub fn verify_code(dir: &Path, text: &str, json: bool) -> Result<()> {
    let store = Store::open(dir)?;
    let answer = verify::check(&store, text, actor())?;
    if json {
        return print_json(&answer);
    }
    println!("Status : {}", answer.status.label());
    println!("         {}", answer.status.explanation());
    if let (Some(number), Some(name)) = (&answer.number, &answer.name) {
        println!("Nomor  : {number}");
        println!("Tanggal: {}", answer.date.as_deref().unwrap_or("-"));
        println!("NIK    : {}", answer.nik_masked.as_deref().unwrap_or("-"));
        println!("Nama   : {name}");
    }
    Ok(())
}
