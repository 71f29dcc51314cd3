//! The register printed as pages (PDF, landscape): the office's kop, what was chosen,
//! and one table row per application with the NIK masked.

use std::path::Path;

use chrono::{DateTime, Local};
use genpdf::elements::{FrameCellDecorator, Paragraph, TableLayout};
use genpdf::style::{Style, StyledString};
use genpdf::{Alignment, Element, Margins};
use rusqlite::Connection;

use super::export::{export_rows, write_and_log};
use super::{Application, RegisterFilter};
use crate::core::audit::AuditAction;
use crate::core::letter::layout;
use crate::core::nik::mask;
use crate::core::settings::Settings;
use crate::core::{Error, Result};

/// Title printed above the table.
pub const PAGE_TITLE: &str = "BUKU REGISTER PERMOHONAN SURAT KETERANGAN";

/// The table's columns: header and relative width.
const COLUMNS: [(&str, usize); 9] = [
    ("No.", 4),
    ("No. Register", 9),
    ("Tanggal", 11),
    ("Nama", 18),
    ("NIK", 14),
    ("Desa", 11),
    ("Kanal", 8),
    ("Keperluan", 17),
    ("Status", 10),
];

fn page_err(what: &str, e: impl std::fmt::Display) -> Error {
    Error::Letter(format!("halaman register: {what} ({e})"))
}

fn cell(text: impl Into<String>, style: Style) -> impl Element {
    Paragraph::new(StyledString::new(text.into(), style)).padded(Margins::trbl(0.6, 1, 0.6, 1))
}

/// "2026-03-02 09:15" from an RFC 3339 time (the text itself when it cannot be read).
fn short_time(at: &str) -> String {
    DateTime::parse_from_rfc3339(at)
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|_| at.to_string())
}

/// The table of `applications`, numbered from 1, with a header row.
fn table(applications: &[Application]) -> Result<TableLayout> {
    let mut table = TableLayout::new(COLUMNS.iter().map(|(_, w)| *w).collect());
    table.set_cell_decorator(FrameCellDecorator::new(true, true, false));
    let bold = Style::new().bold();
    let mut header = table.row();
    for (title, _) in COLUMNS {
        header.push_element(cell(title, bold));
    }
    header.push().map_err(|e| page_err("kepala tabel", e))?;
    let plain = Style::new();
    for (i, a) in applications.iter().enumerate() {
        let cells = [
            (i + 1).to_string(),
            a.register_no.clone(),
            short_time(&a.created_at),
            a.applicant_name.clone(),
            mask(&a.nik),
            a.desa.clone(),
            a.channel.clone(),
            a.purpose.clone(),
            a.status.label().to_string(),
        ];
        let mut row = table.row();
        for text in cells {
            row.push_element(cell(text, plain));
        }
        row.push().map_err(|e| page_err("baris tabel", e))?;
    }
    Ok(table)
}

/// Renders `applications` as register pages on the office's paper turned sideways: the
/// kop surat, [`PAGE_TITLE`], `description` (the filters chosen), when it was printed,
/// the table (No., No. Register, Tanggal, Nama, NIK masked, Desa, Kanal, Keperluan,
/// Status) and "Halaman N" at the top right of every page.
pub fn print_page_pdf(
    settings: &Settings,
    applications: &[Application],
    description: &str,
    printed_at: DateTime<Local>,
) -> Result<Vec<u8>> {
    let mut doc =
        layout::titled_document(settings, PAGE_TITLE, true, 9, Margins::trbl(10, 12, 12, 12))?;
    doc.push(Paragraph::new(description.to_string()).aligned(Alignment::Center));
    doc.push(
        Paragraph::new(format!(
            "Dicetak {} - {} permohonan",
            printed_at.format("%Y-%m-%d %H:%M"),
            applications.len()
        ))
        .aligned(Alignment::Center)
        .padded(Margins::trbl(0, 0, 2, 0)),
    );
    if applications.is_empty() {
        doc.push(Paragraph::new("Tidak ada permohonan yang cocok."));
    } else {
        doc.push(table(applications)?);
    }
    layout::finish(doc)
}

/// The applications matching `filter` (oldest first) printed with [`print_page_pdf`],
/// written to `out` (temporary file, then renamed) and logged by `actor` at `at` as
/// [`AuditAction::CetakRegister`]. Returns how many applications were printed. The
/// caller checks `out` with [`check_output_path`](crate::core::files::check_output_path).
pub fn print_page_file(
    conn: &Connection,
    filter: &RegisterFilter,
    description: &str,
    out: &Path,
    actor: &str,
    at: DateTime<Local>,
) -> Result<usize> {
    let settings = Settings::load_for_print(conn)?;
    let applications = export_rows(conn, filter)?;
    let bytes = print_page_pdf(&settings, &applications, description, at)?;
    let rows = applications.len();
    write_and_log(
        conn,
        out,
        &bytes,
        &format!("{rows} permohonan"),
        AuditAction::CetakRegister,
        actor,
        at,
    )?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::register::Status;

    fn sample(i: usize) -> Application {
        Application {
            id: i as i64,
            register_no: format!("{i:04}/2026"),
            created_at: "2026-03-02T09:15:00+07:00".into(),
            channel: "Loket".into(),
            applicant_name: format!("Pemohon Nomor {i} dengan Nama yang Cukup Panjang"),
            nik: "3520014107800001".into(),
            kk: String::new(),
            phone: String::new(),
            purpose: "keringanan biaya sekolah anak di SMP negeri".into(),
            desa: "Sukamaju".into(),
            desa_letter_no: String::new(),
            desa_letter_date: String::new(),
            papers: Vec::new(),
            contact: String::new(),
            paper_exception: String::new(),
            status: Status::BerkasLengkap,
            result_note: None,
        }
    }

    fn page_count(pdf: &[u8]) -> usize {
        lopdf::Document::load_mem(pdf).unwrap().get_pages().len()
    }

    #[test]
    fn renders_empty_single_and_many_rows() {
        let settings = Settings::default();
        let at = Local::now();
        for rows in [0, 1, 60] {
            let apps: Vec<Application> = (1..=rows).map(sample).collect();
            let pdf = print_page_pdf(&settings, &apps, "Semua permohonan", at).unwrap();
            assert!(pdf.starts_with(b"%PDF"), "{rows} rows");
            let pages = page_count(&pdf);
            if rows == 60 {
                assert!(pages > 1, "60 rows run over several pages, got {pages}");
            } else {
                assert_eq!(pages, 1, "{rows} rows");
            }
        }
    }

    #[test]
    fn the_file_is_written_and_logged() {
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::core::db::open_register(&dir.path().join("l.db")).unwrap();
        let out = dir.path().join("halaman.pdf");
        let at = Local::now();
        let rows = print_page_file(
            &conn,
            &RegisterFilter::default(),
            "Semua",
            &out,
            "kabid",
            at,
        )
        .unwrap();
        assert_eq!(rows, 0);
        assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
        let logged: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM audit WHERE action = 'cetak_register'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(logged, 1);
    }
}
