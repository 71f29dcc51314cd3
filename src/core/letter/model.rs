//! The Surat Keterangan as plain text blocks: one model, laid out twice.
//!
//! [`certificate_model`] turns the office settings and a letter's content into a
//! [`LetterModel`]; the PDF ([`super::render`]) and the operator's on-screen preview both
//! lay out that same model, so what the operator sees before printing is what is printed.

use super::layout::{DEMO_MARK, Marks};
use super::render::CertificateContent;
use super::wording::{
    fill, indonesian_date, indonesian_date_text, period_text, sex_text, source_full_name,
};
use crate::core::settings::Settings;

/// The letterhead lines (kop surat), top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub struct Kop {
    /// Regional government, upper case ("PEMERINTAH KABUPATEN MAGETAN").
    pub pemda: String,
    /// The office, upper case ("DINAS SOSIAL").
    pub dinas: String,
    /// Street address.
    pub address: String,
    /// Telephone and e-mail on one line, when the office has either.
    pub contact: Option<String>,
    /// The office's logo; without one the letterhead is text only.
    pub logo: Option<crate::core::logo::Logo>,
}

/// The signature block on the right, below the place and date.
#[derive(Debug, Clone, PartialEq)]
pub struct Signatory {
    /// Position lines above the signature ("a.n. KEPALA DINAS SOSIAL", "Kepala Bidang ...").
    pub position: Vec<String>,
    /// The signer's name (printed bold and underlined).
    pub name: String,
    /// Rank (pangkat), when set.
    pub rank: Option<String>,
    /// "NIP. ..." line.
    pub nip: String,
}

/// The verification QR's text and the two small lines printed under it.
#[derive(Debug, Clone, PartialEq)]
pub struct QrBlock {
    /// The text encoded in the QR (the verification URL with the code).
    pub text: String,
    /// "Kode verifikasi: ..." line.
    pub code_line: String,
    /// The hint to scan the QR.
    pub hint: String,
}

/// Every text of one Surat Keterangan, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct LetterModel {
    /// DRAFT and DATA CONTOH markings (page header/footer and the body marks).
    pub marks: Marks,
    /// The letterhead.
    pub kop: Kop,
    /// "SURAT KETERANGAN".
    pub title: String,
    /// "Nomor: ..." (or the draft's "Nomor: (draf, belum bernomor)").
    pub number_line: String,
    /// The opening sentence naming the signer's position.
    pub statement: String,
    /// Identity rows of the person: (label, value).
    pub identity: Vec<(String, String)>,
    /// "benar terdaftar dalam {sumber} periode {periode}."
    pub registration: String,
    /// Desil (when known) and programmes rows: (label, value).
    pub facts: Vec<(String, String)>,
    /// "Surat keterangan ini diberikan untuk keperluan ..."
    pub purpose: String,
    /// "Demikian surat keterangan ini dibuat ..."
    pub closing: String,
    /// "Magetan, 27 November 2026".
    pub place_date: String,
    /// The signature block.
    pub signatory: Signatory,
    /// The verification QR block; `None` on drafts.
    pub qr: Option<QrBlock>,
    /// The paraf line for the Kabid's initials.
    pub paraf: String,
}

/// Label of the programmes row.
pub const PROGRAMS_LABEL: &str = "Program bantuan sosial";

impl LetterModel {
    /// The marking lines printed at the top and bottom of every page (demo first).
    pub fn mark_lines(&self) -> Vec<&'static str> {
        self.marks.lines()
    }

    /// The body marking under the kop ("DATA CONTOH - BUKAN SURAT RESMI"), demo letters only.
    pub fn demo_mark(&self) -> Option<&'static str> {
        self.marks.demo.then_some(DEMO_MARK)
    }

    /// The big "DRAFT" under the title, unnumbered letters only.
    pub fn draft_mark(&self) -> Option<&'static str> {
        self.marks.draft.then_some("DRAFT")
    }

    /// Every text of the letter, one piece per line or table cell, in reading order
    /// (used to check that the PDF and the preview show the same letter).
    pub fn text_pieces(&self) -> Vec<String> {
        let mut out: Vec<String> = self.mark_lines().iter().map(|s| s.to_string()).collect();
        out.extend([self.kop.pemda.clone(), self.kop.dinas.clone()]);
        out.push(self.kop.address.clone());
        out.extend(self.kop.contact.clone());
        out.extend(self.draft_mark().map(String::from));
        out.extend([
            self.title.clone(),
            self.number_line.clone(),
            self.statement.clone(),
        ]);
        for (label, value) in self.identity.iter().chain(&self.facts) {
            out.extend([label.clone(), value.clone()]);
        }
        out.extend([
            self.registration.clone(),
            self.purpose.clone(),
            self.closing.clone(),
            self.place_date.clone(),
        ]);
        out.extend(self.signatory.position.iter().cloned());
        out.push(self.signatory.name.clone());
        out.extend(self.signatory.rank.clone());
        out.push(self.signatory.nip.clone());
        if let Some(qr) = &self.qr {
            out.extend([qr.code_line.clone(), qr.hint.clone()]);
        }
        out.push(self.paraf.clone());
        out
    }
}

fn or_dash(value: Option<&str>) -> String {
    match value.map(str::trim) {
        Some(v) if !v.is_empty() => v.to_string(),
        _ => "-".to_string(),
    }
}

/// Title-cases an upper-case position ("KEPALA DINAS SOSIAL" -> "Kepala Dinas Sosial").
pub fn title_case(s: &str) -> String {
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

/// The letterhead lines of the office (letters and slips share them).
pub fn kop(settings: &Settings) -> Kop {
    let office = &settings.office;
    let mut contact = Vec::new();
    if !office.phone.trim().is_empty() {
        contact.push(format!("Telepon {}", office.phone.trim()));
    }
    if !office.email.trim().is_empty() {
        contact.push(format!("Pos-el {}", office.email.trim()));
    }
    Kop {
        pemda: office.pemda.to_uppercase(),
        dinas: office.dinas.to_uppercase(),
        address: office.address.clone(),
        contact: (!contact.is_empty()).then(|| contact.join("  \u{2022}  ")),
        logo: settings.logo.clone(),
    }
}

fn signatory(settings: &Settings) -> Signatory {
    let (position, signer) = if settings.signed_by_kabid {
        (
            vec![
                format!("a.n. {}", settings.signatory.title.to_uppercase()),
                settings.kabid.title.clone(),
            ],
            &settings.kabid,
        )
    } else {
        (vec![settings.signatory.title.clone()], &settings.signatory)
    };
    Signatory {
        position,
        name: signer.name.clone(),
        rank: Some(signer.rank.trim())
            .filter(|r| !r.is_empty())
            .map(String::from),
        nip: format!("NIP. {}", signer.nip),
    }
}

fn birth(place: Option<&str>, date: Option<&str>) -> String {
    match (place, date) {
        (Some(place), Some(date)) if !place.trim().is_empty() => {
            format!("{}, {}", place.trim(), indonesian_date_text(date))
        }
        (_, Some(date)) => indonesian_date_text(date),
        (Some(place), None) => or_dash(Some(place)),
        (None, None) => "-".to_string(),
    }
}

/// Placeholders every sentence of the letter (pembuka, terdaftar, keperluan, penutup) may
/// use, in the order of the values `certificate_model` fills them with.
pub const PLACEHOLDERS: [&str; 9] = [
    "nama",
    "nik",
    "keperluan",
    "sumber",
    "periode",
    "jabatan_penandatangan",
    "dinas",
    "pemda",
    "tempat",
];

/// The first `{isian}` in `text` that is not in `allowed` (e.g. [`PLACEHOLDERS`]), if any.
pub fn unknown_placeholder<'a>(text: &'a str, allowed: &[&str]) -> Option<&'a str> {
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let end = after.find('}')?;
        let key = &after[..end];
        if !allowed.contains(&key) {
            return Some(key);
        }
        rest = &after[end + 1..];
    }
    None
}

/// Builds the letter's model from the office settings and the letter's content.
pub fn certificate_model(settings: &Settings, content: &CertificateContent) -> LetterModel {
    let position = signer_position(settings);
    let p = &content.person;
    let row = |label: &str, value: String| (label.to_string(), value);
    let identity = vec![
        row("Nama", p.name.clone()),
        row("NIK", p.nik.clone()),
        row("No. KK", or_dash(p.kk.as_deref())),
        row(
            "Tempat/Tgl Lahir",
            birth(p.birth_place.as_deref(), p.birth_date.as_deref()),
        ),
        row("Jenis Kelamin", sex_text(p.sex.as_deref()).to_string()),
        row("Alamat", or_dash(p.address.as_deref())),
        row("Desa/Kelurahan", or_dash(p.desa.as_deref())),
        row("Kecamatan", or_dash(p.kec.as_deref())),
    ];
    let mut facts = Vec::new();
    if let Some(desil) = p.desil {
        facts.push(row("Desil kesejahteraan", desil.to_string()));
    }
    let programs = if content.programs.is_empty() {
        "-".to_string()
    } else {
        content.programs.join(", ")
    };
    facts.push(row(PROGRAMS_LABEL, programs));
    let source = source_full_name(&content.snapshot.source);
    let period = period_text(&content.snapshot.period);
    let values: Vec<(&str, &str)> = PLACEHOLDERS
        .iter()
        .zip([
            p.name.as_str(),
            p.nik.as_str(),
            content.purpose.trim(),
            source.as_str(),
            period.as_str(),
            position.as_str(),
            settings.office.dinas.as_str(),
            settings.office.pemda.as_str(),
            settings.office.place.as_str(),
        ])
        .map(|(k, v)| (*k, v))
        .collect();
    LetterModel {
        marks: Marks {
            draft: content.number.is_none(),
            demo: content.snapshot.demo,
        },
        kop: kop(settings),
        title: "SURAT KETERANGAN".into(),
        number_line: match &content.number {
            Some(n) => format!("Nomor: {n}"),
            None => "Nomor: (draf, belum bernomor)".into(),
        },
        statement: fill(&settings.statement, &values),
        identity,
        registration: fill(&settings.registered_text, &values),
        facts,
        purpose: fill(&settings.purpose_text, &values),
        closing: fill(&settings.closing, &values),
        place_date: format!(
            "{}, {}",
            settings.office.place,
            indonesian_date(content.date)
        ),
        signatory: signatory(settings),
        qr: content.verification.as_ref().map(|text| QrBlock {
            text: text.clone(),
            code_line: format!(
                "Kode verifikasi: {}",
                crate::core::verify::extract_code(text)
            ),
            hint: "Pindai kode QR untuk memeriksa keaslian surat.".into(),
        }),
        paraf: "Paraf: ..............".into(),
    }
}

#[cfg(test)]
mod placeholder_tests {
    use super::*;

    #[test]
    fn finds_unknown_placeholders() {
        assert_eq!(
            unknown_placeholder("untuk {keperluan} a.n. {nama}", &PLACEHOLDERS),
            None
        );
        assert_eq!(
            unknown_placeholder("untuk {keperluan} {alamat}", &PLACEHOLDERS),
            Some("alamat")
        );
        assert_eq!(unknown_placeholder("tanpa isian {nama}", &[]), Some("nama"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::letter::render::tests::sample_content;

    #[test]
    fn builds_the_letter_texts() {
        let model = certificate_model(&Settings::default(), &sample_content());
        assert_eq!(model.number_line, "Nomor: 400.9/007/Dinsos/XI/2026");
        assert_eq!(model.identity[0], ("Nama".into(), "SITI AMINAH".into()));
        assert!(model.registration.contains("September 2025"));
        assert_eq!(model.facts.last().unwrap().1, "PKH, BPNT");
        assert!(model.qr.is_some());
        assert!(model.demo_mark().is_none() && model.draft_mark().is_none());
        assert_eq!(title_case("KEPALA DINAS SOSIAL"), "Kepala Dinas Sosial");
    }

    #[test]
    fn every_sentence_takes_every_placeholder() {
        let settings = Settings {
            closing: "Diberikan kepada {nama} (NIK {nik}) di {tempat}.".into(),
            purpose_text: "Untuk {keperluan}, data {sumber}.".into(),
            ..Settings::default()
        };
        let content = sample_content();
        let model = certificate_model(&settings, &content);
        assert_eq!(
            model.closing,
            format!(
                "Diberikan kepada SITI AMINAH (NIK {}) di {}.",
                content.person.nik, settings.office.place
            )
        );
        assert!(model.purpose.contains(content.purpose.trim()));
        assert!(model.purpose.contains("(DTSEN)") || model.purpose.contains("(DTKS)"));
    }
}
