//! `register` subcommands: list, show and export the register (buku pendaftaran).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::cli::commands::{actor, print_json};
use crate::cli::register_show;
use crate::cli::register_step::{self, StepArgs};
use crate::core::nik::Nik;
use crate::core::output::check_out_path;
use crate::core::register::{self, Channel, NewApplication, RegisterFilter, Status};
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
    /// Ekspor buku pendaftaran ke berkas baru.
    Export {
        /// Format berkas: csv (xlsx belum didukung).
        #[arg(long)]
        format: String,
        /// Berkas keluaran (tidak boleh sudah ada, tidak boleh di dalam folder data).
        #[arg(long)]
        out: PathBuf,
        /// Sejak tanggal ini (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// Sampai tanggal ini (YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
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
        RegisterAction::Undo { id, reason, json } => register_step::undo(dir, id, &reason, json),
        RegisterAction::Show { id, json } => register_show::show(dir, id, json),
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
                papers: papers
                    .iter()
                    .filter(|p| !p.trim().is_empty())
                    .map(|p| parse_paper(p))
                    .collect::<Result<_>>()?,
                ..Default::default()
            };
            add(dir, &app, json)
        }
        RegisterAction::Export {
            format,
            out,
            from,
            to,
        } => export(
            dir,
            &format,
            &out,
            date_filter(from.as_deref(), to.as_deref())?,
        ),
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

/// Short codes for the checklist papers, in the order of [`register::PAPERS`].
const PAPER_CODES: [&str; 3] = ["KTP", "KK", "PENGANTAR"];

pub(crate) fn parse_paper(text: &str) -> Result<String> {
    let code = text.trim().to_uppercase();
    PAPER_CODES
        .iter()
        .position(|c| *c == code)
        .map(|i| register::PAPERS[i].to_string())
        .ok_or_else(|| {
            Error::Invalid(format!(
                "Berkas \"{text}\" tidak dikenal; gunakan KTP, KK atau PENGANTAR."
            ))
        })
}

#[derive(Serialize)]
struct AddJson<'a> {
    id: i64,
    number: &'a str,
    status: &'static str,
    missing_papers: Vec<&'static str>,
}

fn add(dir: &Path, app: &NewApplication, json: bool) -> Result<()> {
    let store = Store::open(dir)?;
    let now = chrono::Local::now();
    let saved = register::create(&store.register, app, actor(), now)?;
    let missing =
        register::missing_papers(&saved.papers, &Nik::parse(&saved.nik)?, now.date_naive());
    let missing: Vec<&'static str> = PAPER_CODES
        .iter()
        .zip(register::PAPERS)
        .filter(|(_, paper)| missing.contains(paper))
        .map(|(code, _)| *code)
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

fn parse_date(text: &str, option: &str) -> Result<NaiveDate> {
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

fn export(dir: &Path, format: &str, out: &Path, filter: RegisterFilter) -> Result<()> {
    if format.eq_ignore_ascii_case("xlsx") {
        return Err(Error::Invalid(
            "Format xlsx belum didukung; gunakan --format csv.".into(),
        ));
    }
    if !format.eq_ignore_ascii_case("csv") {
        return Err(Error::Invalid(format!(
            "Format \"{format}\" tidak dikenal; gunakan --format csv."
        )));
    }
    let store = Store::open(dir)?;
    check_out_path(store.dir(), out)?;
    let rows = register::export_csv_file(&store.register, &filter, out, actor())?;
    println!("{rows} permohonan diekspor ke {}", out.display());
    Ok(())
}
