//! `register attach`: a copy of a paper that arrived online (KTP, KK, cover letter)
//! attached to an application, through the same core act as the window's button.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::cli::commands::{actor, print_json};
use crate::core::register::{self, AttachmentKind};
use crate::core::{Error, Result, Store};

/// Arguments of `register attach`.
#[derive(Debug, clap::Args)]
pub struct AttachArgs {
    /// ID permohonan.
    pub id: i64,
    /// Berkas foto (JPEG/PNG) atau PDF, paling besar 20 MB.
    pub file: PathBuf,
    /// Jenis berkas: KTP, KK, PENGANTAR atau LAINNYA.
    #[arg(long)]
    pub kind: String,
    /// Keluaran JSON.
    #[arg(long)]
    pub json: bool,
}

/// What `register attach --json` prints.
#[derive(Serialize)]
struct AttachJson<'a> {
    id: i64,
    application_id: i64,
    kind: &'static str,
    file_name: &'a str,
    path: &'a str,
    sha256: &'a str,
    size: u64,
}

/// `register attach ID FILE --kind K`: copies FILE into the data dir and records it
/// ([`register::attach`]).
pub fn attach(dir: &Path, args: AttachArgs) -> Result<()> {
    let kind = AttachmentKind::parse(&args.kind).ok_or_else(|| {
        Error::Invalid(format!(
            "Jenis berkas \"{}\" tidak dikenal; gunakan KTP, KK, PENGANTAR atau LAINNYA.",
            args.kind
        ))
    })?;
    let store = Store::open(dir)?;
    let now = chrono::Local::now();
    let added = register::attach(&store, args.id, &args.file, kind, actor(), now)?;
    if args.json {
        return print_json(&AttachJson {
            id: added.id,
            application_id: added.application_id,
            kind: added.kind.code(),
            file_name: &added.file_name,
            path: &added.path,
            sha256: &added.sha256,
            size: added.size,
        });
    }
    println!(
        "Berkas {} ({}) dilampirkan pada permohonan #{}: {} (SHA-256 {}).",
        added.file_name,
        added.kind.code(),
        added.application_id,
        added.path,
        added.short_hash()
    );
    Ok(())
}
