//! `register purge`: erases the personal data of closed applications registered before a
//! date ([`register::purge_personal`]). Without `--yes` it only says how many would be
//! erased and refuses (exit 2), so a typo in a date never erases anything.

use std::path::Path;

use chrono::Local;

use crate::cli::commands::{actor, print_json};
use crate::cli::registers::parse_date;
use crate::core::register;
use crate::core::{Error, Result, Store};

/// Arguments of `register purge`.
#[derive(Debug, clap::Args)]
pub struct PurgeArgs {
    /// Hapus data pribadi permohonan yang dicatat sebelum tanggal ini (YYYY-MM-DD).
    #[arg(long, conflicts_with = "older_than_months")]
    pub before: Option<String>,
    /// Hapus data pribadi permohonan yang lebih tua dari sekian bulan (bawaan: retensi
    /// data pribadi di Pengaturan).
    #[arg(long, value_name = "N")]
    pub older_than_months: Option<u32>,
    /// Benar-benar hapus; tanpa ini hanya jumlahnya yang ditampilkan.
    #[arg(long)]
    pub yes: bool,
    /// Keluaran JSON.
    #[arg(long)]
    pub json: bool,
}

/// `register purge`: counts, and with `--yes` erases.
pub fn purge(dir: &Path, args: PurgeArgs) -> Result<()> {
    let store = Store::open(dir)?;
    let now = Local::now();
    let before = match (&args.before, args.older_than_months) {
        (Some(date), _) => parse_date(date, "--before")?,
        (None, months) => {
            let months = match months {
                Some(n) => n,
                None => store.settings()?.retention_months,
            };
            register::retention_cutoff(now.date_naive(), months).ok_or_else(|| {
                Error::Invalid(
                    "Retensi data pribadi belum diatur (0 bulan): pakai --before YYYY-MM-DD \
                     atau --older-than-months N."
                        .into(),
                )
            })?
        }
    };
    let count = register::purge_count(&store.register, before)?;
    if !args.yes {
        return Err(Error::Invalid(format!(
            "{count} permohonan selesai yang dicatat sebelum {before} akan dihapus data \
             pribadinya; ulangi dengan --yes untuk menghapus."
        )));
    }
    let summary = register::purge_personal(&store, before, actor(), now)?;
    if args.json {
        return print_json(&summary);
    }
    println!(
        "Data pribadi {} permohonan sebelum {} dihapus ({} lampiran).",
        summary.applications, summary.before, summary.files_removed
    );
    for path in &summary.files_left {
        println!(
            "Lampiran tidak dapat dihapus, hapus manual: {}",
            path.display()
        );
    }
    Ok(())
}
