//! The report as a printable PDF: the office's kop surat, the title and period, then
//! each table of the report under its heading.

use chrono::{DateTime, Local};
use genpdf::elements::{FrameCellDecorator, Paragraph, TableLayout};
use genpdf::style::{Style, StyledString};
use genpdf::{Alignment, Element, Margins};

use super::{PeriodReport, Table, tables};
use crate::core::letter::layout;
use crate::core::settings::Settings;
use crate::core::{Error, Result};

/// Title printed above the tables.
pub const REPORT_TITLE: &str = "LAPORAN LAYANAN SURAT KETERANGAN DTKS";

fn pdf_err(what: &str, e: impl std::fmt::Display) -> Error {
    Error::Letter(format!("laporan: {what} ({e})"))
}

fn cell(text: impl Into<String>, style: Style, align: Alignment) -> impl Element {
    Paragraph::new(StyledString::new(text.into(), style))
        .aligned(align)
        .padded(Margins::trbl(0.6, 1.5, 0.6, 1.5))
}

/// One table: a bold header row, labels on the left, values on the right.
fn table(t: &Table) -> Result<TableLayout> {
    let mut layout = TableLayout::new(vec![3, 1]);
    layout.set_cell_decorator(FrameCellDecorator::new(true, true, false));
    let bold = Style::new().bold();
    let mut header = layout.row();
    header.push_element(cell(t.headers[0], bold, Alignment::Left));
    header.push_element(cell(t.headers[1], bold, Alignment::Right));
    header.push().map_err(|e| pdf_err("kepala tabel", e))?;
    for [label, value] in &t.rows {
        let mut row = layout.row();
        row.push_element(cell(label.display(), Style::new(), Alignment::Left));
        row.push_element(cell(value.display(), Style::new(), Alignment::Right));
        row.push().map_err(|e| pdf_err("baris tabel", e))?;
    }
    Ok(layout)
}

/// Renders the report on the office's paper: the kop surat, [`REPORT_TITLE`], the
/// period, when it was made, and every table of [`tables`] (numbers with Indonesian
/// separators), "Halaman N" at the top right of every page.
pub fn report_pdf(
    settings: &Settings,
    report: &PeriodReport,
    made_at: DateTime<Local>,
) -> Result<Vec<u8>> {
    let mut doc = layout::titled_document(
        settings,
        REPORT_TITLE,
        false,
        10,
        Margins::trbl(10, 18, 12, 22),
    )?;
    doc.push(
        Paragraph::new(format!(
            "Periode {} s.d. {}",
            report.from.format("%d-%m-%Y"),
            report.to.format("%d-%m-%Y")
        ))
        .aligned(Alignment::Center),
    );
    doc.push(
        Paragraph::new(format!("Disusun {}", made_at.format("%d-%m-%Y %H:%M")))
            .aligned(Alignment::Center)
            .padded(Margins::trbl(0, 0, 2, 0)),
    );
    for t in tables(report) {
        doc.push(
            Paragraph::new(StyledString::new(t.title, Style::new().bold()))
                .padded(Margins::trbl(3, 0, 1, 0)),
        );
        if t.rows.is_empty() {
            doc.push(Paragraph::new("Tidak ada data."));
        } else {
            doc.push(table(&t)?);
        }
    }
    layout::finish(doc)
}
