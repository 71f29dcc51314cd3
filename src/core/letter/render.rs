//! The Surat Keterangan and the not-registered slip as PDF (genpdf, embedded fonts).

use chrono::NaiveDate;
use genpdf::elements::{Break, LinearLayout, Paragraph, TableLayout};
use genpdf::style::{Style, StyledString};
use genpdf::{Alignment, Element};

use super::layout::{self, Underlined};
use super::model::{LetterModel, certificate_model};
use crate::core::settings::Settings;
use crate::core::snapshot::{Person, SnapshotInfo};
use crate::core::{Error, Result};

/// Everything printed on one Surat Keterangan.
#[derive(Debug, Clone, PartialEq)]
pub struct CertificateContent {
    /// The letter number; `None` renders an unnumbered DRAFT.
    pub number: Option<String>,
    /// Date of the letter.
    pub date: NaiveDate,
    /// The person as found in the snapshot.
    pub person: Person,
    /// Social-assistance programmes the person is recorded in (PKH, BPNT, ...).
    pub programs: Vec<String>,
    /// The snapshot the finding comes from.
    pub snapshot: SnapshotInfo,
    /// Purpose (keperluan) as stated by the applicant.
    pub purpose: String,
    /// Text encoded in the verification QR; no QR when `None`.
    pub verification: Option<String>,
}

/// Everything printed on a not-registered slip (never numbered).
#[derive(Debug, Clone, PartialEq)]
pub struct SlipContent {
    /// Date of the check.
    pub date: NaiveDate,
    /// NIK that was checked.
    pub nik: String,
    /// Name given by the applicant.
    pub name: String,
    /// The snapshot that was searched.
    pub snapshot: SnapshotInfo,
    /// What the applicant should do next.
    pub advice: String,
}

fn table_err(e: genpdf::error::Error) -> Error {
    Error::Letter(format!("tabel surat ({e})"))
}

fn text(s: impl Into<String>) -> Paragraph {
    Paragraph::new(s.into())
}

fn justified_block(s: impl Into<String>) -> Paragraph {
    // genpdf has no justification; left-aligned wrapping reads well enough.
    Paragraph::new(s.into()).aligned(Alignment::Left)
}

/// The "Label : value" rows, indented.
fn fields<L: AsRef<str>>(
    rows: &[(L, String)],
) -> Result<genpdf::elements::PaddedElement<TableLayout>> {
    let mut table = TableLayout::new(vec![30, 3, 67]);
    for (label, value) in rows {
        table
            .row()
            .element(text(label.as_ref()))
            .element(text(":"))
            .element(text(value.clone()))
            .push()
            .map_err(table_err)?;
    }
    Ok(table.padded(genpdf::Margins::trbl(1, 0, 1, 8)))
}

fn title_block(title: &str, number_line: Option<&str>) -> LinearLayout {
    let mut block = LinearLayout::vertical();
    block.push(Break::new(0.8));
    block.push(Underlined {
        text: StyledString::new(title, Style::new().bold().with_font_size(13)),
        centered: true,
    });
    if let Some(line) = number_line {
        block.push(text(line).aligned(Alignment::Center));
    }
    block.push(Break::new(0.8));
    block
}

/// Place and date, position, room for the signature, name, rank and NIP.
fn signature_block(model: &LetterModel) -> LinearLayout {
    let mut block = LinearLayout::vertical();
    block.push(text(model.place_date.clone()));
    for line in &model.signatory.position {
        block.push(text(line.clone()));
    }
    block.push(Break::new(3.6));
    block.push(Underlined {
        text: StyledString::new(model.signatory.name.clone(), Style::new().bold()),
        centered: false,
    });
    if let Some(rank) = &model.signatory.rank {
        block.push(text(rank.clone()));
    }
    block.push(text(model.signatory.nip.clone()));
    block
}

/// The verification QR with its caption and the paraf line.
fn left_of_signature(model: &LetterModel) -> Result<LinearLayout> {
    let mut block = LinearLayout::vertical();
    let small = Style::new().with_font_size(8);
    block.push(Break::new(1.0));
    if let Some(qr) = &model.qr {
        block.push(super::qr::qr_element(&qr.text, 28.0)?.with_alignment(Alignment::Left));
        block.push(Paragraph::new(StyledString::new(
            qr.code_line.clone(),
            small,
        )));
        block.push(Paragraph::new(StyledString::new(qr.hint.clone(), small)));
    }
    block.push(Break::new(1.0));
    block.push(Paragraph::new(StyledString::new(
        model.paraf.clone(),
        small,
    )));
    Ok(block)
}

/// Renders the Surat Keterangan as a one-page PDF (the layout of [`certificate_model`]).
pub fn render_certificate(settings: &Settings, content: &CertificateContent) -> Result<Vec<u8>> {
    render_model(settings, &certificate_model(settings, content), content)
}

fn render_model(
    settings: &Settings,
    model: &LetterModel,
    content: &CertificateContent,
) -> Result<Vec<u8>> {
    let title = match &content.number {
        Some(n) => format!("Surat Keterangan {n}"),
        None => "Surat Keterangan (DRAFT)".to_string(),
    };
    let mut doc = layout::new_document(settings, &title, model.marks)?;
    doc.push(layout::kop(&model.kop)?);
    if let Some(mark) = model.demo_mark() {
        doc.push(Break::new(0.4));
        doc.push(layout::mark_paragraph(mark, 12));
    }
    doc.push(title_block(&model.title, Some(&model.number_line)));
    if let Some(mark) = model.draft_mark() {
        doc.push(layout::mark_paragraph(mark, 20));
        doc.push(Break::new(0.4));
    }
    doc.push(justified_block(model.statement.clone()));
    doc.push(fields(&model.identity)?);
    doc.push(justified_block(model.registration.clone()));
    doc.push(fields(&model.facts)?);
    doc.push(justified_block(model.purpose.clone()));
    doc.push(Break::new(0.5));
    doc.push(justified_block(model.closing.clone()));
    doc.push(Break::new(1.0));

    let mut sign = TableLayout::new(vec![45, 55]);
    sign.row()
        .element(left_of_signature(model)?)
        .element(signature_block(model))
        .push()
        .map_err(table_err)?;
    doc.push(sign);
    layout::finish(doc)
}

/// Renders the one-page "KETERANGAN HASIL PEMERIKSAAN DATA" slip for a person who is not
/// found in the snapshot. It is never numbered.
pub fn render_not_registered_slip(settings: &Settings, content: &SlipContent) -> Result<Vec<u8>> {
    let model = super::slip_model::slip_model(settings, content);
    let mut doc = layout::new_document(settings, "Keterangan Hasil Pemeriksaan Data", model.marks)?;
    doc.push(layout::kop(&model.kop)?);
    if let Some(mark) = model.demo_mark() {
        doc.push(Break::new(0.4));
        doc.push(layout::mark_paragraph(mark, 12));
    }
    doc.push(title_block(&model.title, None));
    doc.push(justified_block(model.intro.clone()));
    doc.push(fields(&model.identity)?);
    doc.push(Paragraph::new(StyledString::new(
        model.finding.clone(),
        Style::new().bold(),
    )));
    doc.push(Break::new(0.6));
    doc.push(justified_block(model.advice.clone()));
    doc.push(Break::new(0.6));
    doc.push(Paragraph::new(StyledString::new(
        model.note.clone(),
        Style::new().with_font_size(9),
    )));
    doc.push(Break::new(1.5));
    let mut sign = LinearLayout::vertical();
    sign.push(text(model.place_date.clone()));
    sign.push(text(model.signer.clone()));
    sign.push(Break::new(3.0));
    sign.push(text(model.signature_line.clone()));
    let mut table = TableLayout::new(vec![45, 55]);
    table
        .row()
        .element(Break::new(0.0))
        .element(sign)
        .push()
        .map_err(table_err)?;
    doc.push(table);
    layout::finish(doc)
}

#[cfg(test)]
#[path = "render_tests.rs"]
pub(crate) mod tests;
