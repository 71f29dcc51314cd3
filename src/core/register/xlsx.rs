//! The register exported as an Excel workbook (XLSX), with the CSV export's columns.

use std::path::Path;

use chrono::{DateTime, Local};
use rusqlite::Connection;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::export::{EXPORT_HEADERS, export_cells, export_rows, neutralise_cell, write_export};
use super::{NikShown, RegisterFilter};
use crate::core::{Error, Result};

fn xlsx_err(e: XlsxError) -> Error {
    Error::Invalid(format!("Berkas XLSX tidak dapat disusun: {e}"))
}

/// The applications matching `filter` as an XLSX workbook (one sheet "Register", a bold
/// frozen header row), oldest first, NIK and KK as `shown`, and how many there are. The
/// id is a number; every other cell is text passed through [`neutralise_cell`], so a
/// full NIK or KK keeps all 16 digits and a formula-looking value stays text.
pub fn export_xlsx(
    conn: &Connection,
    filter: &RegisterFilter,
    shown: NikShown,
) -> Result<(Vec<u8>, usize)> {
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
        for (col, cell) in (0u16..).zip(export_cells(a, shown)).skip(1) {
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
/// ([`AuditAction::EksporRegister`](crate::core::audit::AuditAction::EksporRegister));
/// full NIKs only for an Admin. Returns how many
/// applications were written. The caller checks `out` with
/// [`check_output_path`](crate::core::files::check_output_path).
pub fn export_xlsx_file(
    conn: &Connection,
    filter: &RegisterFilter,
    shown: NikShown,
    out: &Path,
    actor: &str,
    at: DateTime<Local>,
) -> Result<usize> {
    write_export(conn, shown, out, actor, at, || {
        export_xlsx(conn, filter, shown)
    })
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
        let all = RegisterFilter::default();
        let masked = dir.path().join("register-samar.xlsx");
        assert_eq!(
            export_xlsx_file(&conn, &all, NikShown::Masked, &masked, "kabid", at).unwrap(),
            1
        );
        let out = dir.path().join("register.xlsx");
        assert_eq!(
            export_xlsx_file(&conn, &all, NikShown::Full, &out, "kabid", at).unwrap(),
            1
        );
        let read = |path: &Path| -> Vec<Vec<Data>> {
            let mut book: Xlsx<_> = open_workbook(path).unwrap();
            let range = book.worksheet_range("Register").unwrap();
            range.rows().map(|r| r.to_vec()).collect()
        };
        let col = |name: &str| EXPORT_HEADERS.iter().position(|h| *h == name).unwrap();
        let hidden = read(&masked);
        assert_eq!(
            hidden[1][col("nik")],
            Data::String("912001******0001".into())
        );
        assert_eq!(
            hidden[1][col("kk")],
            Data::String("912001******0001".into())
        );
        let rows = read(&out);
        assert_eq!(rows.len(), 2, "header and one application");
        let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
        assert_eq!(header, EXPORT_HEADERS.map(String::from).to_vec());
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
        let mut stmt = conn
            .prepare(
                "SELECT detail FROM audit WHERE action = 'ekspor_register' AND actor = 'kabid'",
            )
            .unwrap();
        let logged: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(logged, ["1 permohonan", "1 permohonan, NIK lengkap"]);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(names.is_empty(), "no temporary file left: {names:?}");
    }
}
