//! A first look at a file before (or after a failed) import: its sheets and first rows,
//! so the admin can say which header row and columns hold NIK, NAMA and the rest.

use std::path::Path;

use crate::core::Result;
use crate::core::snapshot::header;
use crate::core::snapshot::reader::{self, Cell};

/// One non-blank row of a file, as text.
#[derive(Debug, Clone, PartialEq)]
pub struct PreviewRow {
    /// Row (line) number as a spreadsheet or text editor shows it, 1-based.
    pub line: u64,
    /// The cells, trimmed.
    pub cells: Vec<String>,
}

/// The sheet names of a spreadsheet (XLSX, XLS, ODS), in workbook order; empty for a
/// delimited text file, which has no sheets.
pub fn sheet_names(file: &Path) -> Result<Vec<String>> {
    reader::sheet_names(file)
}

/// The first `n` non-blank rows of `file` (of `sheet`, or of the sheet an import would
/// choose: the first with a NIK header, else the first).
pub fn preview_rows(file: &Path, sheet: Option<&str>, n: usize) -> Result<Vec<PreviewRow>> {
    let mut rows = reader::open(file, sheet, &header::has_nik_header)?;
    let mut preview = Vec::with_capacity(n);
    while preview.len() < n {
        let Some(row) = rows.next_row() else { break };
        let (line, cells) = row?;
        if cells.iter().all(Cell::is_blank) {
            continue;
        }
        preview.push(PreviewRow {
            line,
            cells: cells.iter().map(Cell::text).collect(),
        });
    }
    Ok(preview)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(name: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(name)
    }

    #[test]
    fn previews_the_first_rows_of_a_text_file() {
        let rows = preview_rows(&data("unknown-headers.csv"), None, 2).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 1);
        assert_eq!(rows[0].cells, ["No. Identitas", "Nama KRT", "Alamat Rumah"]);
        assert_eq!(rows[1].cells[0], "3520011705850001");
        assert!(
            sheet_names(&data("unknown-headers.csv"))
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn lists_the_sheets_of_spreadsheets() {
        for file in ["numeric-nik.xlsx", "libreoffice.ods", "legacy.xls"] {
            let names = sheet_names(&data(file)).unwrap();
            assert!(!names.is_empty(), "{file} has sheets");
            let rows = preview_rows(&data(file), Some(&names[0]), 3).unwrap();
            assert!(!rows.is_empty(), "{file} has rows");
        }
    }
}
