//! `usulan` subcommands: enter a proposal for a person who is not registered, move it to
//! its next stage, list proposals (per desa), and show one with its history.

use std::path::Path;

use chrono::Local;
use serde::Serialize;

use crate::cli::commands::{actor, print_json};
use crate::core::nik::{Nik, mask};
use crate::core::usulan::{self, NewProposal, Proposal, ProposalEvent, ProposalFilter, Stage};
use crate::core::{Error, Result, Store};

/// `usulan` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum UsulanAction {
    /// Catat usulan baru untuk orang yang belum terdaftar (tahap usulan).
    Add {
        /// NIK 16 digit orang yang diusulkan.
        #[arg(long)]
        nik: String,
        /// Nama orang yang diusulkan.
        #[arg(long)]
        name: String,
        /// Desa/kelurahan tempat tinggal.
        #[arg(long)]
        desa: Option<String>,
        /// Nomor KK 16 digit.
        #[arg(long)]
        kk: Option<String>,
        /// ID permohonan di buku pendaftaran yang menemukan orang ini belum terdaftar.
        #[arg(long)]
        application: Option<i64>,
        /// Keluaran JSON.
        #[arg(long)]
        json: bool,
    },
    /// Pindahkan usulan ke tahap berikutnya: koordinasi, assessment, input_siks_ng
    /// (layak), tidak_layak, pemadanan_dukcapil, finalisasi.
    Step {
        /// ID usulan.
        id: i64,
        /// Tahap berikutnya.
        stage: String,
        /// Catatan langkah (wajib untuk tidak_layak: alasannya).
        #[arg(long)]
        note: Option<String>,
        /// Keluaran JSON.
        #[arg(long)]
        json: bool,
    },
    /// Daftar usulan, urut per desa lalu yang terlama.
    List {
        /// Hanya usulan di tahap ini.
        #[arg(long)]
        stage: Option<String>,
        /// Hanya usulan dari desa/kelurahan yang namanya memuat teks ini.
        #[arg(long)]
        desa: Option<String>,
        /// Hanya usulan yang masih berjalan.
        #[arg(long)]
        open: bool,
        /// Keluaran JSON.
        #[arg(long)]
        json: bool,
    },
    /// Rincian usulan dengan riwayatnya: menurut ID, atau semua usulan satu NIK.
    Show {
        /// ID usulan atau NIK 16 digit.
        target: String,
        /// Keluaran JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Runs one `usulan` subcommand against data dir `dir`.
pub fn execute(dir: &Path, action: UsulanAction) -> Result<()> {
    match action {
        UsulanAction::Add {
            nik,
            name,
            desa,
            kk,
            application,
            json,
        } => {
            let new = NewProposal {
                nik,
                name,
                desa: desa.unwrap_or_default(),
                kk: kk.unwrap_or_default(),
                application_id: application,
            };
            let store = Store::open(dir)?;
            let saved = usulan::create(&store.register, new, actor(), Local::now())?;
            report(&saved, json, "dicatat")
        }
        UsulanAction::Step {
            id,
            stage,
            note,
            json,
        } => {
            let stage = parse_stage(&stage)?;
            let store = Store::open(dir)?;
            let note = note.unwrap_or_default();
            let moved = usulan::advance(&store.register, id, stage, &note, actor(), Local::now())?;
            report(&moved, json, "dipindah")
        }
        UsulanAction::List {
            stage,
            desa,
            open,
            json,
        } => {
            let filter = ProposalFilter {
                stage: stage.as_deref().map(parse_stage).transpose()?,
                desa,
                open_only: open,
            };
            list(dir, &filter, json)
        }
        UsulanAction::Show { target, json } => show(dir, &target, json),
    }
}

fn parse_stage(text: &str) -> Result<Stage> {
    Stage::parse(text).ok_or_else(|| {
        let codes: Vec<&str> = Stage::ALL.iter().map(|s| s.code()).collect();
        Error::Invalid(format!(
            "Tahap \"{text}\" tidak dikenal; gunakan {}.",
            codes.join(", ")
        ))
    })
}

/// One line per proposal: where it stands, since when.
fn stands(p: &Proposal) -> String {
    let since = p.stage_since.get(..10).unwrap_or(&p.stage_since);
    format!("tahap {} sejak {since}", p.stage.label())
}

fn report(p: &Proposal, json: bool, verb: &str) -> Result<()> {
    if json {
        return print_json(p);
    }
    println!(
        "Usulan #{} atas nama {} ({}) {verb}: {}.",
        p.id,
        p.name,
        mask(&p.nik),
        stands(p)
    );
    Ok(())
}

fn list(dir: &Path, filter: &ProposalFilter, json: bool) -> Result<()> {
    let store = Store::open(dir)?;
    let proposals = usulan::list(&store.register, filter)?;
    if json {
        return print_json(&serde_json::json!({ "proposals": proposals }));
    }
    if proposals.is_empty() {
        println!("Tidak ada usulan yang cocok.");
    }
    for p in &proposals {
        println!(
            "#{:<5} {:<20} {}  {:<28} {}",
            p.id,
            p.desa,
            p.nik,
            p.name,
            stands(p)
        );
    }
    Ok(())
}

/// A proposal with its history.
#[derive(Serialize)]
struct Shown {
    #[serde(flatten)]
    proposal: Proposal,
    events: Vec<ProposalEvent>,
}

fn shown(store: &Store, proposal: Proposal) -> Result<Shown> {
    let events = usulan::history(&store.register, proposal.id)?;
    Ok(Shown { proposal, events })
}

/// `target` is a proposal id (a short number) or a NIK (anything longer).
fn show(dir: &Path, target: &str, json: bool) -> Result<()> {
    let target = target.trim();
    let id = target
        .parse::<i64>()
        .ok()
        .filter(|_| target.len() <= 9 && !target.starts_with(['+', '-']));
    let store = Store::open(dir)?;
    if let Some(id) = id {
        let one = shown(&store, usulan::get(&store.register, id)?)?;
        if json {
            return print_json(&one);
        }
        print_one(&one);
        return Ok(());
    }
    let nik = Nik::parse(target)?;
    let all = usulan::for_nik(&store.register, &nik)?
        .into_iter()
        .map(|p| shown(&store, p))
        .collect::<Result<Vec<_>>>()?;
    if json {
        return print_json(&serde_json::json!({ "nik": nik.as_str(), "proposals": all }));
    }
    if all.is_empty() {
        println!("Belum ada usulan untuk NIK {}.", nik.masked());
    }
    all.iter().for_each(print_one);
    Ok(())
}

fn print_one(one: &Shown) {
    let p = &one.proposal;
    println!("Usulan #{}", p.id);
    println!("  Nama      : {}", p.name);
    println!("  NIK       : {}", p.nik);
    println!(
        "  KK        : {}",
        if p.kk.is_empty() { "-" } else { &p.kk }
    );
    println!(
        "  Desa      : {}",
        if p.desa.is_empty() { "-" } else { &p.desa }
    );
    if let Some(app) = p.application_id {
        println!("  Permohonan: #{app}");
    }
    println!("  Posisi    : {}", stands(p));
    if let Some(outcome) = p.outcome {
        println!("  Assessment: {}", outcome.label());
    }
    println!("  Riwayat   :");
    for e in &one.events {
        println!(
            "    {}  {:<16} {:<20} {}",
            e.at,
            e.actor,
            e.stage.label(),
            e.note
        );
    }
}
