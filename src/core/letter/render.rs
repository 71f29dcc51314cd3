//! The Surat Keterangan and the not-registered slip as PDF (genpdf, embedded fonts).

use chrono::NaiveDate;
use genpdf::elements::{Break, LinearLayout, Paragraph, TableLayout};
use genpdf::style::{Style, StyledString};
use genpdf::{Alignment, Element};

use super::layout::{self, DEMO_MARK, Marks, Underlined};
use super::wording::{
    fill, indonesian_date, indonesian_date_text, period_text, sex_text, source_full_name,
};
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

fn or_dash(value: Option<&str>) -> String {
    match value.map(str::trim) {
        Some(v) if !v.is_empty() => v.to_string(),
        _ => "-".to_string(),
    }
}

/// The "Label : value" rows, indented.
fn fields(rows: &[(&str, String)]) -> Result<genpdf::elements::PaddedElement<TableLayout>> {
    let mut table = TableLayout::new(vec![30, 3, 67]);
    for (label, value) in rows {
        table
            .row()
            .element(text(*label))
            .element(text(":"))
            .element(text(value.clone()))
            .push()
            .map_err(table_err)?;
    }
    Ok(table.padded(genpdf::Margins::trbl(1, 0, 1, 8)))
}

fn title_block(title: &str, number_line: Option<String>) -> LinearLayout {
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

/// Title-cases an upper-case position ("KEPALA DINAS SOSIAL" -> "Kepala Dinas Sosial").
fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let lower = w.to_lowercase();
            let mut chars = lower.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The position named in the opening sentence.
fn signer_position(settings: &Settings) -> String {
    if settings.signed_by_kabid {
        format!(
            "{}, atas nama {}",
            settings.kabid.title,
            title_case(&settings.signatory.title)
        )
    } else {
        title_case(&settings.signatory.title)
    }
}

/// Place and date, position, room for the signature, name, rank and NIP.
fn signature_block(settings: &Settings, date: NaiveDate) -> LinearLayout {
    let mut block = LinearLayout::vertical();
    block.push(text(format!(
        "{}, {}",
        settings.office.place,
        indonesian_date(date)
    )));
    let signer = if settings.signed_by_kabid {
        block.push(text(format!(
            "a.n. {}",
            settings.signatory.title.to_uppercase()
        )));
        block.push(text(settings.kabid.title.clone()));
        &settings.kabid
    } else {
        block.push(text(settings.signatory.title.clone()));
        &settings.signatory
    };
    block.push(Break::new(3.6));
    block.push(Underlined {
        text: StyledString::new(signer.name.clone(), Style::new().bold()),
        centered: false,
    });
    if !signer.rank.trim().is_empty() {
        block.push(text(signer.rank.clone()));
    }
    block.push(text(format!("NIP. {}", signer.nip)));
    block
}

/// The verification QR with its caption and the paraf line.
fn left_of_signature(content: &CertificateContent) -> Result<LinearLayout> {
    let mut block = LinearLayout::vertical();
    let small = Style::new().with_font_size(8);
    block.push(Break::new(1.0));
    if let Some(code) = &content.verification {
        block.push(super::qr::qr_element(code, 28.0)?.with_alignment(Alignment::Left));
        block.push(Paragraph::new(StyledString::new(
            format!(
                "Kode verifikasi: {}",
                crate::core::verify::extract_code(code)
            ),
            small,
        )));
        block.push(Paragraph::new(StyledString::new(
            "Pindai kode QR untuk memeriksa keaslian surat.",
            small,
        )));
    }
    block.push(Break::new(1.0));
    block.push(Paragraph::new(StyledString::new(
        "Paraf: ..............",
        small,
    )));
    Ok(block)
}

fn marks_for(snapshot: &SnapshotInfo, draft: bool) -> Marks {
    Marks {
        draft,
        demo: snapshot.demo,
    }
}

/// Renders the Surat Keterangan as a one-page PDF.
pub fn render_certificate(settings: &Settings, content: &CertificateContent) -> Result<Vec<u8>> {
    let draft = content.number.is_none();
    let marks = marks_for(&content.snapshot, draft);
    let title = match &content.number {
        Some(n) => format!("Surat Keterangan {n}"),
        None => "Surat Keterangan (DRAFT)".to_string(),
    };
    let mut doc = layout::new_document(settings, &title, marks)?;
    doc.push(layout::kop(settings)?);
    if content.snapshot.demo {
        doc.push(Break::new(0.4));
        doc.push(layout::mark_paragraph(DEMO_MARK, 12));
    }
    let number_line = match &content.number {
        Some(n) => format!("Nomor: {n}"),
        None => "Nomor: (draf, belum bernomor)".to_string(),
    };
    doc.push(title_block("SURAT KETERANGAN", Some(number_line)));
    if draft {
        doc.push(layout::mark_paragraph("DRAFT", 20));
        doc.push(Break::new(0.4));
    }

    let position = signer_position(settings);
    let statement = fill(
        &settings.statement,
        &[
            ("jabatan_penandatangan", &position),
            ("dinas", &settings.office.dinas),
            ("pemda", &settings.office.pemda),
        ],
    );
    doc.push(justified_block(statement));
    let p = &content.person;
    let birth = match (p.birth_place.as_deref(), p.birth_date.as_deref()) {
        (Some(place), Some(date)) if !place.trim().is_empty() => {
            format!("{}, {}", place.trim(), indonesian_date_text(date))
        }
        (_, Some(date)) => indonesian_date_text(date),
        (Some(place), None) => or_dash(Some(place)),
        (None, None) => "-".to_string(),
    };
    doc.push(fields(&[
        ("Nama", p.name.clone()),
        ("NIK", p.nik.clone()),
        ("No. KK", or_dash(p.kk.as_deref())),
        ("Tempat/Tgl Lahir", birth),
        ("Jenis Kelamin", sex_text(p.sex.as_deref()).to_string()),
        ("Alamat", or_dash(p.address.as_deref())),
        ("Desa/Kelurahan", or_dash(p.desa.as_deref())),
        ("Kecamatan", or_dash(p.kec.as_deref())),
    ])?);
    let source = source_full_name(&content.snapshot.source);
    let period = period_text(&content.snapshot.period);
    doc.push(justified_block(fill(
        &settings.registered_text,
        &[("sumber", &source), ("periode", &period)],
    )));
    let mut facts = Vec::new();
    if let Some(desil) = p.desil {
        facts.push(("Desil kesejahteraan", desil.to_string()));
    }
    let programs = if content.programs.is_empty() {
        "-".to_string()
    } else {
        content.programs.join(", ")
    };
    facts.push(("Program bantuan sosial", programs));
    doc.push(fields(&facts)?);
    doc.push(justified_block(fill(
        &settings.purpose_text,
        &[("keperluan", content.purpose.trim())],
    )));
    doc.push(Break::new(0.5));
    doc.push(justified_block(settings.closing.clone()));
    doc.push(Break::new(1.0));

    let mut sign = TableLayout::new(vec![45, 55]);
    sign.row()
        .element(left_of_signature(content)?)
        .element(signature_block(settings, content.date))
        .push()
        .map_err(table_err)?;
    doc.push(sign);
    layout::finish(doc)
}

/// Renders the one-page "KETERANGAN HASIL PEMERIKSAAN DATA" slip for a person who is not
/// found in the snapshot. It is never numbered.
pub fn render_not_registered_slip(settings: &Settings, content: &SlipContent) -> Result<Vec<u8>> {
    let marks = marks_for(&content.snapshot, false);
    let mut doc = layout::new_document(settings, "Keterangan Hasil Pemeriksaan Data", marks)?;
    doc.push(layout::kop(settings)?);
    if content.snapshot.demo {
        doc.push(Break::new(0.4));
        doc.push(layout::mark_paragraph(DEMO_MARK, 12));
    }
    doc.push(title_block("KETERANGAN HASIL PEMERIKSAAN DATA", None));
    let source = source_full_name(&content.snapshot.source);
    let period = period_text(&content.snapshot.period);
    doc.push(justified_block(format!(
        "Berdasarkan pemeriksaan pada {source} periode {period}, data penduduk berikut:"
    )));
    doc.push(fields(&[
        ("Nama", content.name.clone()),
        ("NIK", content.nik.clone()),
    ])?);
    doc.push(Paragraph::new(StyledString::new(
        format!("TIDAK DITEMUKAN dalam {source} periode {period}."),
        Style::new().bold(),
    )));
    doc.push(Break::new(0.6));
    doc.push(justified_block(content.advice.clone()));
    doc.push(Break::new(0.6));
    doc.push(Paragraph::new(StyledString::new(
        "Keterangan ini bukan surat keterangan, tidak bernomor, dan hanya menerangkan hasil \
         pemeriksaan data pada tanggal di bawah.",
        Style::new().with_font_size(9),
    )));
    doc.push(Break::new(1.5));
    let mut sign = LinearLayout::vertical();
    sign.push(text(format!(
        "{}, {}",
        settings.office.place,
        indonesian_date(content.date)
    )));
    sign.push(text("Petugas Layanan,"));
    sign.push(Break::new(3.0));
    sign.push(text("(..............................)"));
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
