//! `register show`: one application with its papers, history and letters.

use std::path::Path;

use serde::Serialize;

use crate::cli::commands::print_json;
use crate::cli::registers::channel_code;
use crate::core::register::{self, Application};
use crate::core::{Result, Store};

#[derive(Serialize)]
struct ShowJson<'a> {
    id: i64,
    number: &'a str,
    nik: &'a str,
    name: &'a str,
    channel: String,
    status: &'static str,
    purpose: &'a str,
    desa: &'a str,
    contact: &'a str,
    paper_exception: &'a str,
    created_at: &'a str,
    papers: serde_json::Map<String, serde_json::Value>,
    events: Vec<register::Event>,
    letters: Vec<register::LetterRef>,
}

/// Papers as `{"KTP": true, ..}`: every paper of the office's checklist `rules`, plus
/// any other paper stored.
fn papers(
    app: &Application,
    rules: &[register::PaperRule],
) -> serde_json::Map<String, serde_json::Value> {
    let mut map = serde_json::Map::new();
    for rule in rules {
        let seen = app.papers.contains(&rule.name);
        map.insert(rule.name.clone(), seen.into());
    }
    for paper in &app.papers {
        map.insert(paper.clone(), true.into());
    }
    map
}

/// Prints application `id` (JSON with `json`).
pub fn show(dir: &Path, id: i64, json: bool) -> Result<()> {
    let store = Store::open(dir)?;
    let app = register::get(&store.register, id)?;
    let events = register::history(&store.register, id)?;
    let letters = register::letters(&store.register, id)?;
    if json {
        return print_json(&ShowJson {
            id: app.id,
            number: &app.register_no,
            nik: &app.nik,
            name: &app.applicant_name,
            channel: channel_code(&app.channel),
            status: app.status.code(),
            purpose: &app.purpose,
            desa: &app.desa,
            contact: &app.contact,
            paper_exception: &app.paper_exception,
            created_at: &app.created_at,
            papers: papers(&app, &store.settings()?.papers),
            events,
            letters,
        });
    }
    println!("Permohonan #{} ({})", app.id, app.register_no);
    println!("  Nama      : {}", app.applicant_name);
    println!("  NIK       : {}", app.nik);
    println!("  Kanal     : {}", app.channel);
    println!("  Keperluan : {}", app.purpose);
    println!("  Status    : {}", app.status.label());
    let seen = if app.papers.is_empty() {
        "-".to_string()
    } else {
        app.papers.join(", ")
    };
    println!("  Berkas    : {seen}");
    println!("  Riwayat   :");
    for e in &events {
        let undone = if e.undone { " (diurungkan)" } else { "" };
        println!(
            "    {}  {:<16} {:<20} {}{undone}",
            e.at, e.actor, e.status, e.note
        );
    }
    if letters.is_empty() {
        println!("  Surat     : -");
    }
    for l in &letters {
        println!("  Surat     : {} ({})", l.number, l.status);
    }
    Ok(())
}
