//! The not-registered slip (slip saran) as plain text blocks, laid out by the PDF
//! ([`super::render_not_registered_slip`]) and by the operator's preview before it is
//! printed, so the two say the same.

use super::layout::{DEMO_MARK, Marks};
use super::model::{Kop, kop};
use super::render::SlipContent;
use super::wording::{indonesian_date, period_text, source_full_name};
use crate::core::settings::Settings;

/// Every text of one slip, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct SlipModel {
    /// The DATA CONTOH marking (a slip is never a draft).
    pub marks: Marks,
    /// The letterhead.
    pub kop: Kop,
    /// "KETERANGAN HASIL PEMERIKSAAN DATA".
    pub title: String,
    /// "Berdasarkan pemeriksaan pada {sumber} periode {periode}, data penduduk berikut:".
    pub intro: String,
    /// The name and NIK rows: (label, value).
    pub identity: Vec<(String, String)>,
    /// "TIDAK DITEMUKAN dalam {sumber} periode {periode}." (printed bold).
    pub finding: String,
    /// The office's advice for the applicant.
    pub advice: String,
    /// The small print: the slip is no letter.
    pub note: String,
    /// "Magetan, 2 Maret 2026".
    pub place_date: String,
    /// "Petugas Layanan,".
    pub signer: String,
    /// The dotted line for the clerk's name.
    pub signature_line: String,
}

impl SlipModel {
    /// The marking lines printed at the top and bottom of the page.
    pub fn mark_lines(&self) -> Vec<&'static str> {
        self.marks.lines()
    }

    /// The body marking under the kop, demo data only.
    pub fn demo_mark(&self) -> Option<&'static str> {
        self.marks.demo.then_some(DEMO_MARK)
    }
}

/// The slip for `content` with the office's `settings`.
pub fn slip_model(settings: &Settings, content: &SlipContent) -> SlipModel {
    let source = source_full_name(&content.snapshot.source);
    let period = period_text(&content.snapshot.period);
    SlipModel {
        marks: Marks {
            draft: false,
            demo: content.snapshot.demo,
        },
        kop: kop(settings),
        title: "KETERANGAN HASIL PEMERIKSAAN DATA".into(),
        intro: format!(
            "Berdasarkan pemeriksaan pada {source} periode {period}, data penduduk berikut:"
        ),
        identity: vec![
            ("Nama".into(), content.name.trim().to_string()),
            ("NIK".into(), content.nik.trim().to_string()),
        ],
        finding: format!("TIDAK DITEMUKAN dalam {source} periode {period}."),
        advice: content.advice.clone(),
        note: "Keterangan ini bukan surat keterangan, tidak bernomor, dan hanya menerangkan \
               hasil pemeriksaan data pada tanggal di bawah."
            .into(),
        place_date: format!(
            "{}, {}",
            settings.office.place,
            indonesian_date(content.date)
        ),
        signer: "Petugas Layanan,".into(),
        signature_line: "(..............................)".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::letter::render::tests::sample_snapshot;
    use chrono::NaiveDate;

    #[test]
    fn the_slip_names_the_person_the_source_and_the_advice() {
        let settings = Settings::default();
        let content = SlipContent {
            date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            nik: " 3520011705859999 ".into(),
            name: "Joko Susilo".into(),
            snapshot: sample_snapshot(true),
            advice: "Daftar lewat operator SIKS-NG desa.".into(),
        };
        let model = slip_model(&settings, &content);
        assert_eq!(
            model.identity,
            vec![
                ("Nama".to_string(), "Joko Susilo".to_string()),
                ("NIK".to_string(), "3520011705859999".to_string()),
            ]
        );
        assert!(model.finding.starts_with("TIDAK DITEMUKAN dalam "));
        assert_eq!(model.advice, content.advice);
        assert!(model.place_date.ends_with("2 Maret 2026"));
        assert_eq!(model.demo_mark(), Some(DEMO_MARK));
        assert!(!model.marks.draft, "a slip is never a draft");
    }
}
