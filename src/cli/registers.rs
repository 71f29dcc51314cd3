//! `register` subcommands: list, show and export the register (buku pendaftaran).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::cli::commands::{actor, print_json};
use crate::cli::register_attach::{self, AttachArgs};
use crate::cli::register_purge::{self, PurgeArgs};
use crate::cli::register_show;
use crate::cli::register_step::{self, StepArgs};
use crate::core::files::check_output_path;
use crate::core::nik::Nik;
use crate::core::register::{self, Channel, NewApplication, NikShown, RegisterFilter, Status};
use crate::core::{Error, Result, Store};

/// `register` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum RegisterAction {
    /// Catat permohonan baru; berkas diperiksa sekaligus (lengkap, atau dikembalikan
    /// dengan daftar yang kurang kecuali ada --exception).
    Add {
        /// Nama pemohon.
        #[arg(long)]
        name: String,
        /// NIK 16 digit.
        #[arg(long)]
        nik: String,
        /// Keperluan.
        #[arg(long)]
        purpose: String,
        /// Kanal: loket, whatsapp, email, web, telepon, instagram atau lapor (bawaan:
        /// loket).
        #[arg(long)]
        channel: Option<String>,
        /// Kontak untuk mengirim hasil: nomor WhatsApp/telepon, alamat e-mail atau akun.
        #[arg(long)]
        contact: Option<String>,
        /// Desa/kelurahan pemohon.
        #[arg(long)]
        desa: Option<String>,
        /// Berkas yang dibawa, dipisah koma: KTP, KK, PENGANTAR.
        #[arg(long, value_delimiter = ',')]
        papers: Vec<String>,
        /// Alasan menerima permohonan walau berkas kurang (pengecualian).
        #[arg(long)]
        exception: Option<String>,
        /// Keluaran JSON.
        #[arg(long)]
        json: bool,
    },
    /// Daftar permohonan, terbaru dahulu.
    List {
        /// Status, misalnya diterima, berkas_lengkap, terdaftar, surat_dicetak,
        /// diserahkan, dibatalkan.
        #[arg(long)]
        status: Option<String>,
        /// Sejak tanggal ini (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// Sampai tanggal ini (YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
        /// Kanal: loket, whatsapp, email, web, telepon, instagram atau lapor.
        #[arg(long)]
        channel: Option<String>,
        /// Desa/kelurahan (sebagian nama).
        #[arg(long)]
        desa: Option<String>,
        /// Nama, NIK atau nomor register (sebagian).
        #[arg(long)]
        find: Option<String>,
        /// Keluaran JSON.
        #[arg(long)]
        json: bool,
    },
    /// Ambil satu langkah layanan, misalnya berkas_lengkap, terdaftar, diparaf,
    /// ditandatangani, diserahkan, dikirim_online, selesai, dibatalkan.
    Step(StepArgs),
    /// Lampirkan salinan berkas (foto KTP/KK, PDF) yang masuk lewat kanal online.
    Attach(AttachArgs),
    /// Urungkan langkah terakhir yang keliru, dengan alasan.
    Undo {
        /// ID permohonan.
        id: i64,
        /// Alasan (wajib).
        #[arg(long)]
        reason: String,
        /// Keluaran JSON.
        #[arg(long)]
        json: bool,
    },
    /// Rincian satu permohonan: berkas, riwayat langkah dan surat.
    Show {
        /// ID permohonan.
        id: i64,
        /// Keluaran JSON.
        #[arg(long)]
        json: bool,
    },
    /// Hapus data pribadi permohonan lama yang sudah selesai (nama, NIK, KK, kontak,
    /// lampiran); jumlah permohonan dan laporan tetap. Perlu --yes.
    Purge(PurgeArgs),
    /// Ekspor buku pendaftaran ke berkas baru.
    Export {
        /// Format berkas: csv, xlsx, atau pdf (halaman buku register untuk dicetak).
        #[arg(long)]
        format: String,
        /// Berkas keluaran (tidak boleh sudah ada, tidak boleh di dalam folder data).
        #[arg(long)]
        out: PathBuf,
        /// Timpa berkas keluaran yang sudah ada (tidak pernah di dalam folder data).
        #[arg(long)]
        force: bool,
        /// Sejak tanggal ini (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// Sampai tanggal ini (YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
        /// Tulis NIK dan KK lengkap (CSV/XLSX; bawaan: disamarkan 352001******0001).
        #[arg(long)]
        full_nik: bool,
    },
}

/// Runs one `register` subcommand against data dir `dir`.
pub fn execute(dir: &Path, action: RegisterAction) -> Result<()> {
    match action {
        RegisterAction::List {
            status,
            from,
            to,
            channel,
            desa,
            find,
            json,
        } => {
            let filter = RegisterFilter {
                status: status.as_deref().map(parse_status).transpose()?,
                channel: channel.as_deref().map(parse_channel).transpose()?,
                desa,
                text: find,
                ..date_filter(from.as_deref(), to.as_deref())?
            };
            list(dir, &filter, json)
        }
        RegisterAction::Step(args) => register_step::step(dir, args),
        RegisterAction::Attach(args) => register_attach::attach(dir, args),
        RegisterAction::Undo { id, reason, json } => register_step::undo(dir, id, &reason, json),
        RegisterAction::Show { id, json } => register_show::show(dir, id, json),
        RegisterAction::Purge(args) => register_purge::purge(dir, args),
        RegisterAction::Add {
            name,
            nik,
            purpose,
            channel,
            contact,
            desa,
            papers,
            exception,
            json,
        } => {
            let contact = contact.unwrap_or_default();
            let is_phone = !contact.is_empty()
                && contact
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-'));
            let app = NewApplication {
                applicant_name: name,
                nik,
                phone: if is_phone {
                    contact.clone()
                } else {
                    String::new()
                },
                contact,
                desa: desa.unwrap_or_default(),
                paper_exception: exception.unwrap_or_default(),
                purpose,
                channel: channel.as_deref().map(parse_channel).transpose()?,
                ..Default::default()
            };
            add(dir, app, &papers, json)
        }
        RegisterAction::Export {
            format,
            out,
            force,
            from,
            to,
            full_nik,
        } => {
            let shown = if full_nik {
                NikShown::Full
            } else {
                NikShown::Masked
            };
            let filter = date_filter(from.as_deref(), to.as_deref())?;
            export(dir, &format, &out, force, filter, shown)
        }
    }
}

pub(crate) fn parse_status(text: &str) -> Result<Status> {
    Status::parse(text.trim()).ok_or_else(|| {
        let codes: Vec<&str> = Status::ALL.iter().map(|s| s.code()).collect();
        Error::Invalid(format!(
            "Status \"{text}\" tidak dikenal; gunakan salah satu: {}.",
            codes.join(", ")
        ))
    })
}

pub(crate) fn parse_channel(text: &str) -> Result<Channel> {
    Channel::parse(text).ok_or_else(|| {
        Error::Invalid(format!(
            "Kanal \"{text}\" tidak dikenal; gunakan loket (langsung), whatsapp, email, web, \
             telepon, instagram atau lapor."
        ))
    })
}

/// The papers typed as codes (`KTP,KK,PENGANTAR`) as their names in the office's
/// checklist `rules`; an unknown code is refused, naming the codes there are.
pub(crate) fn parse_papers(rules: &[register::PaperRule], typed: &[String]) -> Result<Vec<String>> {
    typed
        .iter()
        .filter(|p| !p.trim().is_empty())
        .map(|text| {
            register::paper_by_code(rules, text)
                .map(|r| r.name.clone())
                .ok_or_else(|| {
                    let codes: Vec<&str> = rules.iter().map(|r| r.code.as_str()).collect();
                    Error::Invalid(format!(
                        "Berkas \"{}\" tidak dikenal; gunakan {}.",
                        text.trim(),
                        codes.join(", ")
                    ))
                })
        })
        .collect()
}

#[derive(Serialize)]
struct AddJson<'a> {
    id: i64,
    number: &'a str,
    status: &'static str,
    missing_papers: Vec<&'a str>,
}

fn add(dir: &Path, mut app: NewApplication, papers: &[String], json: bool) -> Result<()> {
    let store = Store::open(dir)?;
    let rules = store.settings()?.papers;
    app.papers = parse_papers(&rules, papers)?;
    let now = chrono::Local::now();
    let saved = register::create(&store.register, &app, actor(), now)?;
    let nik = Nik::parse(&saved.nik)?;
    let missing = register::missing_papers(&rules, &saved.papers, &nik, now.date_naive());
    let missing: Vec<&str> = rules
        .iter()
        .filter(|r| missing.contains(&r.name.as_str()))
        .map(|r| r.code.as_str())
        .collect();
    if json {
        return print_json(&AddJson {
            id: saved.id,
            number: &saved.register_no,
            status: saved.status.code(),
            missing_papers: missing,
        });
    }
    println!(
        "Permohonan #{} dicatat dengan nomor {} ({}).",
        saved.id,
        saved.register_no,
        saved.status.label().to_lowercase()
    );
    if !missing.is_empty() {
        println!("Berkas kurang: {}", missing.join(", "));
    }
    Ok(())
}

/// Reads a `YYYY-MM-DD` date given to `option` (`--from`, `--to`).
pub(crate) fn parse_date(text: &str, option: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        Error::Invalid(format!(
            "Tanggal {option} \"{text}\" harus berformat YYYY-MM-DD, misalnya 2026-12-01."
        ))
    })
}

fn date_filter(from: Option<&str>, to: Option<&str>) -> Result<RegisterFilter> {
    let from = from.map(|d| parse_date(d, "--from")).transpose()?;
    let to = to.map(|d| parse_date(d, "--to")).transpose()?;
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        return Err(Error::Invalid(format!(
            "Tanggal --from ({f}) sesudah --to ({t}); tukar kedua tanggal."
        )));
    }
    Ok(RegisterFilter {
        from,
        to,
        ..Default::default()
    })
}

/// The channel as typed on the command line, or the stored label if it is not known.
pub(crate) fn channel_code(label: &str) -> String {
    Channel::from_label(label).map_or_else(|| label.to_string(), |c| c.code().to_string())
}

#[derive(Serialize)]
struct ListItem<'a> {
    id: i64,
    number: &'a str,
    status: &'static str,
    created_at: &'a str,
    channel: String,
    name: &'a str,
    purpose: &'a str,
}

fn list(dir: &Path, filter: &RegisterFilter, json: bool) -> Result<()> {
    let store = Store::open(dir)?;
    let apps = register::list(&store.register, filter)?;
    if json {
        let items: Vec<ListItem<'_>> = apps
            .iter()
            .map(|a| ListItem {
                id: a.id,
                number: &a.register_no,
                status: a.status.code(),
                created_at: &a.created_at,
                channel: channel_code(&a.channel),
                name: &a.applicant_name,
                purpose: &a.purpose,
            })
            .collect();
        return print_json(&serde_json::json!({ "applications": items }));
    }
    if apps.is_empty() {
        println!("Tidak ada permohonan yang cocok.");
    }
    for a in &apps {
        println!(
            "#{:<5} {}  {}  {:<15} {:<12} {:<28} {}",
            a.id,
            a.register_no,
            a.created_at.get(..16).unwrap_or(&a.created_at),
            a.status.label(),
            a.channel,
            a.applicant_name,
            a.purpose
        );
    }
    Ok(())
}

fn export(
    dir: &Path,
    format: &str,
    out: &Path,
    force: bool,
    filter: RegisterFilter,
    shown: NikShown,
) -> Result<()> {
    let format = format.trim().to_ascii_lowercase();
    if !matches!(format.as_str(), "csv" | "xlsx" | "pdf") {
        return Err(Error::Invalid(format!(
            "Format \"{format}\" tidak dikenal; gunakan --format csv, xlsx atau pdf."
        )));
    }
    let store = Store::open(dir)?;
    check_output_path(store.dir(), out, force)?;
    let (conn, now) = (&store.register, chrono::Local::now());
    let rows = match format.as_str() {
        "csv" => register::export_csv_file(conn, &filter, shown, out, actor(), now)?,
        "xlsx" => register::export_xlsx_file(conn, &filter, shown, out, actor(), now)?,
        _ => {
            let description = describe_dates(&filter);
            register::print_page_file(conn, &filter, &description, out, actor(), now)?
        }
    };
    println!("{rows} permohonan diekspor ke {}", out.display());
    Ok(())
}

/// The dates chosen, as printed under the register page's title.
fn describe_dates(filter: &RegisterFilter) -> String {
    match (filter.from, filter.to) {
        (None, None) => "Semua tanggal".into(),
        (Some(f), None) => format!("Sejak {f}"),
        (None, Some(t)) => format!("Sampai {t}"),
        (Some(f), Some(t)) => format!("{f} s.d. {t}"),
    }
}
