//! The report as one CSV file: `bagian;uraian;nilai`, one section per table, UTF-8 with
//! a BOM so Excel reads the accents.

use super::{PeriodReport, tables};
use crate::core::register::neutralise_cell;
use crate::core::{Error, Result};

/// The report as CSV bytes. Every cell is passed through [`neutralise_cell`]: purposes,
/// desa and petugas names are typed by people and must never run as formulas. Numbers
/// are plain digits with a decimal point, dates `YYYY-MM-DD`.
pub fn report_csv(report: &PeriodReport) -> Result<Vec<u8>> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = ::csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(&mut out);
        let fail = |e: ::csv::Error| Error::Invalid(format!("CSV tidak dapat disusun: {e}"));
        writer
            .write_record(["bagian", "uraian", "nilai"])
            .map_err(fail)?;
        for table in tables(report) {
            for [label, value] in &table.rows {
                writer
                    .write_record([
                        neutralise_cell(table.title),
                        neutralise_cell(&label.raw()),
                        neutralise_cell(&value.raw()),
                    ])
                    .map_err(fail)?;
            }
        }
        writer
            .flush()
            .map_err(|e| Error::Invalid(format!("CSV tidak dapat disusun: {e}")))?;
    }
    Ok(out)
}
