//! The report as an Excel workbook: one sheet per table, counts and minutes as numbers,
//! days as dates, so the office can sum and chart them further.

use chrono::Datelike;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

use super::{Cell, PeriodReport, tables};
use crate::core::register::neutralise_cell;
use crate::core::{Error, Result};

fn xlsx_err(e: XlsxError) -> Error {
    Error::Invalid(format!("Berkas XLSX laporan tidak dapat disusun: {e}"))
}

/// The report as XLSX bytes: a sheet per [`tables`] entry named by its title, a bold
/// frozen header row, whole numbers as numbers, decimals with two places, days as
/// dates (`dd-mm-yyyy`), text neutralised with [`neutralise_cell`].
pub fn report_xlsx(report: &PeriodReport) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let header = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let decimal = Format::new().set_num_format("0.00");
    let date = Format::new().set_num_format("dd-mm-yyyy");
    for table in tables(report) {
        let sheet = book.add_worksheet();
        sheet.set_name(table.title).map_err(xlsx_err)?;
        for (col, title) in (0u16..).zip(table.headers) {
            sheet
                .write_string_with_format(0, col, title, &header)
                .map_err(xlsx_err)?;
        }
        for (row, cells) in (1u32..).zip(&table.rows) {
            for (col, cell) in (0u16..).zip(cells) {
                match cell {
                    Cell::Text(t) => {
                        sheet.write_string_with_format(row, col, neutralise_cell(t), &text)
                    }
                    Cell::Int(n) => sheet.write_number(row, col, *n as f64),
                    Cell::Real(x) => sheet.write_number_with_format(row, col, *x, &decimal),
                    Cell::Date(d) => {
                        let day = ExcelDateTime::from_ymd(
                            d.year() as u16,
                            d.month() as u8,
                            d.day() as u8,
                        )
                        .map_err(xlsx_err)?;
                        sheet.write_datetime_with_format(row, col, day, &date)
                    }
                    Cell::Empty => continue,
                }
                .map_err(xlsx_err)?;
            }
        }
        sheet.set_freeze_panes(1, 0).map_err(xlsx_err)?;
        sheet.autofit();
    }
    book.save_to_buffer().map_err(xlsx_err)
}
