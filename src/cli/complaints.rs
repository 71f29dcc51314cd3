//! `complaint` subcommands: record a complaint, suggestion or guest, list the book,
//! and follow an entry up (or close it).

use std::path::Path;

use chrono::Local;

use crate::cli::commands::{actor, print_json};
use crate::cli::registers::parse_date;
use crate::core::complaints::{
    self, Complaint, ComplaintChannel, ComplaintFilter, ComplaintKind, ComplaintStatus,
    NewComplaint, duration_label,
};
use crate::core::{Error, Result, Store};

/// `complaint` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum ComplaintAction {
    /// Catat pengaduan, saran atau tamu.
    Add {
        /// Saluran: langsung, kotak_saran, lapor (SP4N LAPOR!), whatsapp, email, telepon,
        /// media_sosial.
        #[arg(long)]
        channel: String,
        /// Isi pengaduan/saran, atau keperluan tamu.
        #[arg(long)]
        text: String,
        /// Jenis: pengaduan (bawaan), saran, tamu.
        #[arg(long, default_value = "pengaduan")]
        kind: String,
        /// Nama (wajib untuk tamu).
        #[arg(long)]
        name: Option<String>,
        /// Kontak (telepon, e-mail).
        #[arg(long)]
        contact: Option<String>,
        /// ID permohonan yang diadukan.
        #[arg(long)]
        application: Option<i64>,
        /// Keluaran JSON.
        #[arg(long)]
        json: bool,
    },
    /// Daftar buku pengaduan, terbaru dulu.
    List {
        /// Diterima sejak tanggal ini (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// Diterima sampai tanggal ini (YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
        /// Hanya status ini: baru, ditindaklanjuti, selesai.
        #[arg(long)]
        status: Option<String>,
        /// Keluaran JSON.
        #[arg(long)]
        json: bool,
    },
    /// Catat tindak lanjut sebuah pengaduan.
    Respond {
        /// ID pengaduan.
        id: i64,
        /// Tindak lanjut yang dilakukan.
        #[arg(long)]
        text: String,
        /// Tutup pengaduan (status selesai).
        #[arg(long)]
        close: bool,
        /// Keluaran JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Runs one `complaint` subcommand against data dir `dir`.
pub fn execute(dir: &Path, action: ComplaintAction) -> Result<()> {
    match action {
        ComplaintAction::Add {
            channel,
            text,
            kind,
            name,
            contact,
            application,
            json,
        } => {
            let new = NewComplaint {
                channel: parse_channel(&channel)?,
                kind: parse_kind(&kind)?,
                name: name.unwrap_or_default(),
                contact: contact.unwrap_or_default(),
                text,
                application_id: application,
            };
            let store = Store::open(dir)?;
            let saved = complaints::add(&store.register, new, actor(), Local::now())?;
            report(&saved, json, "dicatat")
        }
        ComplaintAction::List {
            from,
            to,
            status,
            json,
        } => {
            let filter = ComplaintFilter {
                from: from.map(|d| parse_date(&d, "--from")).transpose()?,
                to: to.map(|d| parse_date(&d, "--to")).transpose()?,
                status: status.as_deref().map(parse_status).transpose()?,
            };
            list(dir, &filter, json)
        }
        ComplaintAction::Respond {
            id,
            text,
            close,
            json,
        } => {
            let store = Store::open(dir)?;
            let saved =
                complaints::follow_up(&store.register, id, &text, close, actor(), Local::now())?;
            report(&saved, json, "ditindaklanjuti")
        }
    }
}

/// "kata1, kata2" of the codes of `all`.
fn codes<T: Copy>(all: &[T], code: fn(T) -> &'static str) -> String {
    all.iter().map(|&t| code(t)).collect::<Vec<_>>().join(", ")
}

fn parse_channel(text: &str) -> Result<ComplaintChannel> {
    ComplaintChannel::parse(text).ok_or_else(|| {
        Error::Invalid(format!(
            "Saluran \"{text}\" tidak dikenal; gunakan {}.",
            codes(&ComplaintChannel::ALL, ComplaintChannel::code)
        ))
    })
}

fn parse_kind(text: &str) -> Result<ComplaintKind> {
    ComplaintKind::parse(text).ok_or_else(|| {
        Error::Invalid(format!(
            "Jenis \"{text}\" tidak dikenal; gunakan {}.",
            codes(&ComplaintKind::ALL, ComplaintKind::code)
        ))
    })
}

fn parse_status(text: &str) -> Result<ComplaintStatus> {
    ComplaintStatus::parse(text).ok_or_else(|| {
        Error::Invalid(format!(
            "Status \"{text}\" tidak dikenal; gunakan {}.",
            codes(&ComplaintStatus::ALL, ComplaintStatus::code)
        ))
    })
}

/// "dijawab dalam 1 jam 35 menit" or "belum ditindaklanjuti".
fn response(c: &Complaint) -> String {
    match c.response_minutes {
        Some(m) => format!("dijawab dalam {}", duration_label(m)),
        None => "belum ditindaklanjuti".into(),
    }
}

fn report(c: &Complaint, json: bool, verb: &str) -> Result<()> {
    if json {
        return print_json(c);
    }
    println!(
        "{} #{} {verb}: status {}, {}.",
        c.kind.label(),
        c.id,
        c.status.label().to_lowercase(),
        response(c)
    );
    Ok(())
}

fn list(dir: &Path, filter: &ComplaintFilter, json: bool) -> Result<()> {
    let store = Store::open(dir)?;
    let all = complaints::list(&store.register, filter)?;
    if json {
        return print_json(&serde_json::json!({ "complaints": all }));
    }
    if all.is_empty() {
        println!("Tidak ada pengaduan yang cocok.");
    }
    for c in &all {
        println!(
            "#{:<5} {} {:<10} {:<13} {:<16} {:<20} {}",
            c.id,
            c.received_at
                .get(..16)
                .unwrap_or(&c.received_at)
                .replace('T', " "),
            c.kind.label(),
            c.channel.label(),
            c.status.label(),
            if c.name.is_empty() { "-" } else { &c.name },
            response(c)
        );
        println!("       {}", c.text);
    }
    Ok(())
}
