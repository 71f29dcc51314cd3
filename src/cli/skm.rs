//! `skm` subcommands: record one satisfaction survey response, and report the survey
//! (NRR per item, IKM, grade, minimum sample) over a period.

use std::path::Path;

use chrono::Local;

use crate::cli::commands::{actor, print_json};
use crate::cli::registers::parse_date;
use crate::core::skm::{self, ITEMS, SkmSummary};
use crate::core::{Result, Store};

/// `skm` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum SkmAction {
    /// Catat satu jawaban survei: 9 angka 1-4 (persyaratan, prosedur, waktu, biaya,
    /// produk, kompetensi, perilaku, pengaduan, sarana).
    Add {
        /// Jawaban, misalnya 4,3,4,4,3,4,4,4,3.
        #[arg(long)]
        answers: String,
        /// Saran atau masukan responden.
        #[arg(long)]
        suggestion: Option<String>,
        /// ID permohonan yang baru dilayani (bila survei diisi saat penyerahan).
        #[arg(long)]
        application: Option<i64>,
        /// Keluaran JSON.
        #[arg(long)]
        json: bool,
    },
    /// Hasil survei pada satu periode: NRR per unsur, IKM, mutu pelayanan.
    Report {
        /// Tanggal awal, YYYY-MM-DD.
        #[arg(long)]
        from: String,
        /// Tanggal akhir, YYYY-MM-DD.
        #[arg(long)]
        to: String,
        /// Keluaran JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Runs one `skm` subcommand against data dir `dir`.
pub fn execute(dir: &Path, action: SkmAction) -> Result<()> {
    match action {
        SkmAction::Add {
            answers,
            suggestion,
            application,
            json,
        } => {
            let answers = skm::parse_answers(&answers)?;
            let store = Store::open(dir)?;
            let suggestion = suggestion.unwrap_or_default();
            let id = skm::record(
                &store.register,
                answers,
                &suggestion,
                application,
                actor(),
                Local::now(),
            )?;
            if json {
                return print_json(&serde_json::json!({ "id": id, "answers": answers }));
            }
            println!("Jawaban survei #{id} dicatat. Terima kasih.");
            Ok(())
        }
        SkmAction::Report { from, to, json } => {
            let (from, to) = (parse_date(&from, "--from")?, parse_date(&to, "--to")?);
            let store = Store::open(dir)?;
            let summary = skm::summary(&store.register, from, to)?;
            if json {
                return print_json(&summary);
            }
            print_report(&summary);
            Ok(())
        }
    }
}

fn print_report(s: &SkmSummary) {
    println!("Survei Kepuasan Masyarakat {} s.d. {}", s.from, s.to);
    println!("  Responden : {}", s.respondents);
    for (item, nrr) in ITEMS.iter().zip(s.nrr) {
        println!("  {item:<22}: NRR {nrr:.2}");
    }
    match (s.grade, s.grade_label) {
        (Some(grade), Some(label)) => {
            println!("  IKM       : {:.2} (mutu {grade:?}, {label})", s.ikm)
        }
        _ => println!("  IKM       : - (belum ada responden)"),
    }
    println!(
        "  Sampel    : {} dari minimal {} (pengguna layanan {}){}",
        s.respondents,
        s.minimum_sample,
        s.population,
        if s.sample_is_enough() {
            ""
        } else {
            "; responden belum cukup"
        }
    );
}
