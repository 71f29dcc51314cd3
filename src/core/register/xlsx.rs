//! The register exported as an Excel workbook (XLSX), with the CSV export's columns.

use std::path::Path;

use chrono::{DateTime, Local};
use rusqlite::Connection;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::RegisterFilter;
use super::export::{EXPORT_HEADERS, export_cells, export_rows, neutralise_cell, write_and_log};
use crate::core::audit::AuditAction;
use crate::core::{Error, Result};

fn xlsx_err(e: XlsxError) -> Error {
    Error::Invalid(format!("Berkas XLSX tidak dapat disusun: {e}"))
}

/// The applications matching `filter` as an XLSX workbook (one sheet "Register", a bold
/// frozen header row), oldest first, and how many there are. The id is a number; every
/// other cell is text passed through [`neutralise_cell`], so a NIK or KK keeps all 16
/// digits and a formula-looking value stays text.
pub fn export_xlsx(conn: &Connection, filter: &RegisterFilter) -> Result<(Vec<u8>, usize)> {
    let applications = export_rows(conn, filter)?;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Register").map_err(xlsx_err)?;
    let header = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    for (col, title) in (0u16..).zip(EXPORT_HEADERS) {
        sheet
            .write_string_with_format(0, col, title, &header)
            .map_err(xlsx_err)?;
    }
    for (row, a) in (1u32..).zip(&applications) {
        sheet.write_number(row, 0, a.id as f64).map_err(xlsx_err)?;
        for (col, cell) in (0u16..).zip(export_cells(a)).skip(1) {
            sheet
                .write_string_with_format(row, col, neutralise_cell(&cell), &text)
                .map_err(xlsx_err)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx_err)?;
    sheet.autofit();
    let bytes = book.save_to_buffer().map_err(xlsx_err)?;
    Ok((bytes, applications.len()))
}

/// The export of [`export_xlsx`] written to `out` (through a temporary file in the
/// same folder, then renamed) and logged by `actor` at `at`
/// ([`AuditAction::EksporRegister`]). Returns how many applications were written. The
/// caller checks `out` with [`check_output_path`](crate::core::files::check_output_path).
pub fn export_xlsx_file(
    conn: &Connection,
    filter: &RegisterFilter,
    out: &Path,
    actor: &str,
    at: DateTime<Local>,
) -> Result<usize> {
    let (bytes, rows) = export_xlsx(conn, filter)?;
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

#[cfg(test)]
mod tests {
    use calamine::{Data, Reader, Xlsx, open_workbook};

    use super::*;
    use crate::core::register::{NewApplication, PAPERS, create};

    #[test]
    fn workbook_reads_back_with_text_niks_and_neutralised_formulas() {
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::core::db::open_register(&dir.path().join("l.db")).unwrap();
        let app = NewApplication {
            applicant_name: "Siti Aminah".into(),
            nik: "9120014107800001".into(),
            kk: "9120010101010001".into(),
            purpose: "=HYPERLINK(\"http://x\",\"klik\")".into(),
            desa: "-Sukamaju".into(),
            contact: "siti@contoh.invalid".into(),
            papers: PAPERS.map(String::from).to_vec(),
            ..Default::default()
        };
        let at = Local::now();
        create(&conn, &app, "petugas", at).unwrap();
        let out = dir.path().join("register.xlsx");
        assert_eq!(
            export_xlsx_file(&conn, &RegisterFilter::default(), &out, "kabid", at).unwrap(),
            1
        );
        let mut book: Xlsx<_> = open_workbook(&out).unwrap();
        let range = book.worksheet_range("Register").unwrap();
        let rows: Vec<_> = range.rows().collect();
        assert_eq!(rows.len(), 2, "header and one application");
        let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
        assert_eq!(header, EXPORT_HEADERS.map(String::from).to_vec());
        let col = |name: &str| EXPORT_HEADERS.iter().position(|h| *h == name).unwrap();
        let cell = |name: &str| rows[1][col(name)].clone();
        assert_eq!(cell("nik"), Data::String("9120014107800001".into()));
        assert_eq!(cell("kk"), Data::String("9120010101010001".into()));
        assert_eq!(
            cell("keperluan"),
            Data::String("'=HYPERLINK(\"http://x\",\"klik\")".into())
        );
        assert_eq!(cell("desa"), Data::String("'-Sukamaju".into()));
        assert_eq!(neutralise_cell("\tx"), "'\tx");
        assert_eq!(neutralise_cell("\r=1"), "'\r=1");
        assert_eq!(cell("kontak"), Data::String("siti@contoh.invalid".into()));
        assert_eq!(
            cell("keterangan_status"),
            Data::String("Berkas lengkap".into())
        );
        assert!(matches!(cell("id"), Data::Float(f) if f == 1.0));
        let logged: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM audit WHERE action = 'ekspor_register' AND actor = 'kabid'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(logged, 1);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(names.is_empty(), "no temporary file left: {names:?}");
    }
}
