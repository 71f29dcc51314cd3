//! The result workbook: one sheet, a header row and one row per input row in order. The
//! NIK is written as text (a number would lose its last digits in a spreadsheet) and every
//! text cell is neutralised against formula injection: the list came from outside.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::BulkRow;
use crate::core::register::neutralise_cell;
use crate::core::{Error, Result};

/// The column headers, left to right.
pub const HEADERS: [&str; 10] = [
    "No. baris",
    "NIK",
    "Nama (berkas)",
    "Terdaftar",
    "Nama di DTKS/DTSEN",
    "Nama cocok",
    "Desil",
    "Program",
    "Sumber dan periode snapshot",
    "Keterangan",
];

/// Column widths, in characters.
const WIDTHS: [f64; 10] = [9.0, 19.0, 28.0, 10.0, 28.0, 11.0, 6.0, 22.0, 26.0, 50.0];

/// The XLSX bytes of the answers.
pub(super) fn workbook(rows: &[BulkRow]) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    fill(sheet, rows).map_err(failed)?;
    book.save_to_buffer().map_err(failed)
}

fn fill(sheet: &mut Worksheet, rows: &[BulkRow]) -> std::result::Result<(), XlsxError> {
    sheet.set_name("Hasil Cek")?;
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    for (col, (header, width)) in HEADERS.iter().zip(WIDTHS).enumerate() {
        let col = col as u16;
        sheet.write_string_with_format(0, col, *header, &bold)?;
        sheet.set_column_width(col, width)?;
    }
    sheet.set_column_format(1, &text)?;
    sheet.set_freeze_panes(1, 0)?;
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_number(r, 0, row.line as f64)?;
        // The answers are the program's own words; everything else came from the list or
        // the snapshot and is neutralised.
        for (col, answer) in [(3, row.registered), (5, row.name_matches)] {
            sheet.write_string_with_format(r, col, yes_no(answer), &text)?;
        }
        let texts = [
            (1, row.nik.as_str()),
            (2, row.file_name.as_str()),
            (4, row.snapshot_name.as_deref().unwrap_or_default()),
            (7, &row.programs.join(", ")),
            (8, row.snapshot.as_deref().unwrap_or_default()),
            (9, row.note.as_str()),
        ];
        for (col, value) in texts {
            if !value.is_empty() {
                sheet.write_string_with_format(r, col, neutralise_cell(value), &text)?;
            }
        }
        if let Some(desil) = row.desil {
            sheet.write_number(r, 6, desil as f64)?;
        }
    }
    if !rows.is_empty() {
        sheet.autofilter(0, 0, rows.len() as u32, HEADERS.len() as u16 - 1)?;
    }
    Ok(())
}

/// "Ya", "Tidak", or "-" when there is no answer.
fn yes_no(answer: Option<bool>) -> &'static str {
    match answer {
        Some(true) => "Ya",
        Some(false) => "Tidak",
        None => "-",
    }
}

fn failed(e: XlsxError) -> Error {
    Error::Invalid(format!("Berkas hasil XLSX tidak dapat dibuat: {e}"))
}
