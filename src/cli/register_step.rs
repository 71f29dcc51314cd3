//! `register step` and `register undo`: a service step taken by name, through the same
//! core act as the window's button.

use std::path::Path;

use serde::Serialize;

use crate::cli::commands::{actor, print_json};
use crate::cli::registers::{parse_channel, parse_papers, parse_status};
use crate::core::register::{self, Application, Channel, Handover, StepRequest};
use crate::core::{Error, Result, Store};

/// Arguments of `register step`.
#[derive(Debug, clap::Args)]
pub struct StepArgs {
    /// ID permohonan.
    pub id: i64,
    /// Langkah (status tujuan): berkas_lengkap, berkas_tidak_lengkap, terdaftar,
    /// tidak_terdaftar, slip_saran, diparaf, ditandatangani, diserahkan,
    /// dikirim_online, selesai, dibatalkan.
    pub step: String,
    /// Cara penyerahan: langsung, whatsapp, email, web, telepon, instagram, lapor.
    #[arg(long)]
    pub via: Option<String>,
    /// Kontak tujuan pengiriman online (bawaan: kontak pada permohonan).
    #[arg(long)]
    pub contact: Option<String>,
    /// Berkas yang diperiksa, dipisah koma: KTP, KK, PENGANTAR.
    #[arg(long, value_delimiter = ',')]
    pub papers: Option<Vec<String>>,
    /// Alasan: wajib untuk dibatalkan dan untuk pengecualian berkas.
    #[arg(long)]
    pub reason: Option<String>,
    /// Catatan riwayat.
    #[arg(long)]
    pub note: Option<String>,
    /// Keluaran JSON.
    #[arg(long)]
    pub json: bool,
}

/// What `register step --json` and `register undo --json` print.
#[derive(Serialize)]
struct StepJson<'a> {
    id: i64,
    number: &'a str,
    status: &'static str,
}

fn report(app: &Application, json: bool) -> Result<()> {
    if json {
        return print_json(&StepJson {
            id: app.id,
            number: &app.register_no,
            status: app.status.code(),
        });
    }
    println!(
        "Permohonan {} sekarang berstatus {}.",
        app.register_no,
        app.status.label()
    );
    Ok(())
}

/// `register step ID STEP`: takes the step through [`register::take_step`].
pub fn step(dir: &Path, args: StepArgs) -> Result<()> {
    let status = parse_status(&args.step)?;
    let store = Store::open(dir)?;
    let app = register::get(&store.register, args.id)?;
    let handover = match args.via.as_deref().map(parse_channel).transpose()? {
        Some(channel) => Some(Handover {
            channel,
            contact: match args.contact {
                Some(c) => c,
                None if channel == Channel::Loket => String::new(),
                None if app.contact.is_empty() => app.phone.clone(),
                None => app.contact.clone(),
            },
        }),
        None if status == register::Status::DikirimOnline => {
            return Err(Error::Invalid(
                "Langkah dikirim_online perlu --via (misalnya whatsapp) dan kontak.".into(),
            ));
        }
        None => None,
    };
    let rules = store.settings()?.papers;
    let papers = args
        .papers
        .map(|list| parse_papers(&rules, &list))
        .transpose()?;
    let request = StepRequest {
        status,
        papers,
        reason: args.reason.unwrap_or_default(),
        note: args.note.unwrap_or_default(),
        handover,
    };
    let now = chrono::Local::now();
    let app = register::take_step(&store, args.id, &request, actor(), now)?;
    report(&app, args.json)
}

/// `register undo ID --reason R`: undoes the last step ([`register::undo_last_step`]).
pub fn undo(dir: &Path, id: i64, reason: &str, json: bool) -> Result<()> {
    let store = Store::open(dir)?;
    let now = chrono::Local::now();
    let app = register::undo_last_step(&store.register, id, reason, actor(), now)?;
    report(&app, json)
}
