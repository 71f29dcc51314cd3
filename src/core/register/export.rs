//! The register as a table for spreadsheets: the columns shared by the CSV and XLSX
//! exports, formula-safe cells, the CSV export, and the check every output path passes.

use std::path::Path;

use chrono::{DateTime, Local};
use rusqlite::Connection;

use super::{Application, RegisterFilter, list};
use crate::core::audit::{self, AuditAction};
use crate::core::{Error, Result};

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

/// The exported cells of one application, in the order of [`EXPORT_HEADERS`] (not yet
/// neutralised).
pub fn export_cells(a: &Application) -> [String; 17] {
    [
        a.id.to_string(),
        a.register_no.clone(),
        a.created_at.clone(),
        a.channel.clone(),
        a.applicant_name.clone(),
        a.nik.clone(),
        a.kk.clone(),
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
/// oldest first, every cell neutralised with [`neutralise_cell`].
pub fn export_csv(conn: &Connection, filter: &RegisterFilter) -> Result<Vec<u8>> {
    Ok(csv_of(conn, filter)?.0)
}

/// The export of [`export_csv`] written to `out` (through a temporary file, then
/// renamed) and logged by `actor` at `at` ([`AuditAction::EksporRegister`]: the file
/// holds NIKs). Returns how many applications were written. The caller checks `out`
/// with [`check_output_path`](crate::core::files::check_output_path).
pub fn export_csv_file(
    conn: &Connection,
    filter: &RegisterFilter,
    out: &Path,
    actor: &str,
    at: DateTime<Local>,
) -> Result<usize> {
    let (bytes, rows) = csv_of(conn, filter)?;
    write_and_log(
        conn,
        out,
        &bytes,
        rows,
        AuditAction::EksporRegister,
        actor,
        at,
    )?;
    Ok(rows)
}

/// Writes `bytes` to `out` (temporary file, then renamed) and logs `action` with the
/// number of applications in it.
pub(super) fn write_and_log(
    conn: &Connection,
    out: &Path,
    bytes: &[u8],
    rows: usize,
    action: AuditAction,
    actor: &str,
    at: DateTime<Local>,
) -> Result<()> {
    crate::core::files::write_atomically(out, bytes)?;
    audit::record(
        conn,
        actor,
        action,
        &out.display().to_string(),
        &format!("{rows} permohonan"),
        at,
    )
}

/// The CSV bytes and the number of applications in them.
fn csv_of(conn: &Connection, filter: &RegisterFilter) -> Result<(Vec<u8>, usize)> {
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(b"\xef\xbb\xbf".to_vec());
    let csv_err = |e: csv::Error| Error::Invalid(format!("CSV tidak dapat ditulis: {e}"));
    out.write_record(EXPORT_HEADERS).map_err(csv_err)?;
    let applications = export_rows(conn, filter)?;
    for a in &applications {
        out.write_record(export_cells(a).iter().map(|c| neutralise_cell(c)))
            .map_err(csv_err)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| Error::Invalid(format!("CSV tidak dapat ditulis: {e}")))?;
    Ok((bytes, applications.len()))
}
