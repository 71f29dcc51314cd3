//! The register as a table for spreadsheets: the columns shared by the CSV and XLSX
//! exports, formula-safe cells, the CSV export, and the check every output path passes.
//!
//! NIK and KK are masked (`352001******0001`, [`mask`]) unless an Admin explicitly asks
//! for them in full ([`NikShown::Full`]): a register export is usually a count or a
//! list for a meeting, and a lost spreadsheet should not hand out whole NIKs.

use std::path::Path;

use chrono::{DateTime, Local};
use rusqlite::Connection;

use super::{Application, RegisterFilter, list};
use crate::core::audit::{self, AuditAction};
use crate::core::nik::mask;
use crate::core::users::{self, Permission};
use crate::core::{Error, Result};

/// How NIK and KK are written in an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NikShown {
    /// Masked, `352001******0001` (the default, for everyone).
    #[default]
    Masked,
    /// In full: only for an Admin who asks ([`Permission::DataPribadi`]).
    Full,
}

impl NikShown {
    /// `number` as this choice writes it.
    fn show(self, number: &str) -> String {
        match self {
            NikShown::Masked => mask(number),
            NikShown::Full => number.to_string(),
        }
    }

    /// Refuses [`NikShown::Full`] to an actor who is not an Admin.
    pub(super) fn check(self, conn: &Connection, actor: &str) -> Result<()> {
        match self {
            NikShown::Masked => Ok(()),
            NikShown::Full => users::require(conn, actor, Permission::DataPribadi),
        }
    }

    /// The note added to the export's audit entry.
    pub(super) fn note(self) -> &'static str {
        match self {
            NikShown::Masked => "",
            NikShown::Full => ", NIK lengkap",
        }
    }
}

/// The column headers of the exports, in order (the cells of [`export_cells`]).
pub const EXPORT_HEADERS: [&str; 17] = [
    "id",
    "nomor",
    "tanggal",
    "kanal",
    "nama",
    "nik",
    "kk",
    "telepon",
    "kontak",
    "desa",
    "keperluan",
    "no_pengantar_desa",
    "tgl_pengantar_desa",
    "berkas",
    "status",
    "keterangan_status",
    "hasil",
];

/// The exported cells of one application, in the order of [`EXPORT_HEADERS`], NIK and
/// KK as `shown` (not yet neutralised).
pub fn export_cells(a: &Application, shown: NikShown) -> [String; 17] {
    [
        a.id.to_string(),
        a.register_no.clone(),
        a.created_at.clone(),
        a.channel.clone(),
        a.applicant_name.clone(),
        shown.show(&a.nik),
        shown.show(&a.kk),
        a.phone.clone(),
        a.contact.clone(),
        a.desa.clone(),
        a.purpose.clone(),
        a.desa_letter_no.clone(),
        a.desa_letter_date.clone(),
        a.papers.join(", "),
        a.status.code().to_string(),
        a.status.label().to_string(),
        a.result_note.clone().unwrap_or_default(),
    ]
}

/// The applications an export holds: those matching `filter`, oldest first.
pub(super) fn export_rows(conn: &Connection, filter: &RegisterFilter) -> Result<Vec<Application>> {
    let filter = RegisterFilter {
        oldest_first: true,
        ..filter.clone()
    };
    list(conn, &filter)
}

/// A cell safe to open in a spreadsheet: a value that begins with `=`, `+`, `-` or `@`
/// would be read as a formula, and one that begins with a tab or carriage return can
/// hide one, so it gets a leading `'`.
pub fn neutralise_cell(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

/// The applications matching `filter` as CSV (`;`-separated, UTF-8 with BOM for Excel),
/// oldest first, NIK and KK as `shown`, every cell neutralised with [`neutralise_cell`].
pub fn export_csv(conn: &Connection, filter: &RegisterFilter, shown: NikShown) -> Result<Vec<u8>> {
    Ok(csv_of(conn, filter, shown)?.0)
}

/// The export of [`export_csv`] written to `out` (through a temporary file, then
/// renamed) and logged by `actor` at `at` ([`AuditAction::EksporRegister`]: the file
/// holds names). Full NIKs only for an Admin ([`NikShown::check`]). Returns how many
/// applications were written. The caller checks `out` with
/// [`check_output_path`](crate::core::files::check_output_path).
pub fn export_csv_file(
    conn: &Connection,
    filter: &RegisterFilter,
    shown: NikShown,
    out: &Path,
    actor: &str,
    at: DateTime<Local>,
) -> Result<usize> {
    write_export(conn, shown, out, actor, at, || csv_of(conn, filter, shown))
}

/// A register export (CSV or XLSX) made by `encode` (its bytes and how many
/// applications they hold), once `actor` is found to be allowed `shown`, written to
/// `out` and logged as [`AuditAction::EksporRegister`]. Returns the applications written.
pub(super) fn write_export(
    conn: &Connection,
    shown: NikShown,
    out: &Path,
    actor: &str,
    at: DateTime<Local>,
    encode: impl FnOnce() -> Result<(Vec<u8>, usize)>,
) -> Result<usize> {
    shown.check(conn, actor)?;
    let (bytes, rows) = encode()?;
    write_and_log(
        conn,
        out,
        &bytes,
        &format!("{rows} permohonan{}", shown.note()),
        AuditAction::EksporRegister,
        actor,
        at,
    )?;
    Ok(rows)
}

/// Writes `bytes` to `out` (temporary file, then renamed) and logs `action` with
/// `detail` (how many applications are in it).
pub(super) fn write_and_log(
    conn: &Connection,
    out: &Path,
    bytes: &[u8],
    detail: &str,
    action: AuditAction,
    actor: &str,
    at: DateTime<Local>,
) -> Result<()> {
    crate::core::files::write_atomically(out, bytes)?;
    audit::record(conn, actor, action, &out.display().to_string(), detail, at)
}

/// The CSV bytes and the number of applications in them.
fn csv_of(conn: &Connection, filter: &RegisterFilter, shown: NikShown) -> Result<(Vec<u8>, usize)> {
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(b"\xef\xbb\xbf".to_vec());
    let csv_err = |e: csv::Error| Error::Invalid(format!("CSV tidak dapat ditulis: {e}"));
    out.write_record(EXPORT_HEADERS).map_err(csv_err)?;
    let applications = export_rows(conn, filter)?;
    for a in &applications {
        out.write_record(export_cells(a, shown).iter().map(|c| neutralise_cell(c)))
            .map_err(csv_err)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| Error::Invalid(format!("CSV tidak dapat ditulis: {e}")))?;
    Ok((bytes, applications.len()))
}
