//! Rendering tests: content, size, page count and extracted text of letters and slips.

use super::*;
use std::process::Command;

pub(crate) fn sample_snapshot(demo: bool) -> SnapshotInfo {
    SnapshotInfo {
        id: 1,
        source: "DTKS".into(),
        period: "2025-09".into(),
        file_name: "dtks.csv".into(),
        imported_at: "2025-10-01T08:00:00+07:00".into(),
        rows: 10,
        rejected: 0,
        active: true,
        demo,
        data_file: String::new(),
    }
}

pub(crate) fn sample_person() -> Person {
    Person {
        nik: "3520014107800001".into(),
        name: "SITI AMINAH".into(),
        birth_date: Some("1980-07-01".into()),
        birth_place: Some("Magetan".into()),
        sex: Some("P".into()),
        kk: Some("3520010101010001".into()),
        address: Some("Jl. Mawar RT 001 RW 002".into()),
        desa: Some("Candirejo".into()),
        kec: Some("Magetan".into()),
        id_dtks: Some("ID-123".into()),
        desil: Some(2),
    }
}

pub(crate) fn sample_content() -> CertificateContent {
    CertificateContent {
        number: Some("400.9/007/Dinsos/XI/2026".into()),
        date: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        person: sample_person(),
        programs: vec!["PKH".into(), "BPNT".into()],
        snapshot: sample_snapshot(false),
        purpose: "pendaftaran sekolah (KIP)".into(),
        verification: Some("2026-7-a1b2c3d4e5".into()),
    }
}

/// Text of the PDF via pdftotext, or None when it is not installed.
pub(crate) fn pdf_text(pdf: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = Command::new("pdftotext").arg(&file).arg("-").output();
    match out {
        Ok(out) if out.status.success() => Some(String::from_utf8_lossy(&out.stdout).into()),
        _ => {
            eprintln!("LEWATI: pdftotext tidak tersedia; isi teks PDF tidak diperiksa.");
            None
        }
    }
}

fn pages(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf).unwrap().get_pages().len()
}

#[test]
fn renders_a_numbered_letter() {
    let content = sample_content();
    let start = std::time::Instant::now();
    let pdf = render_certificate(&Settings::default(), &content).unwrap();
    eprintln!("surat: {} byte dalam {:?}", pdf.len(), start.elapsed());
    assert!(pdf.starts_with(b"%PDF"));
    assert!(pdf.len() < 150_000, "{} bytes", pdf.len());
    assert_eq!(pages(&pdf), 1);
    if let Some(text) = pdf_text(&pdf) {
        for needle in [
            "SURAT KETERANGAN",
            "SITI AMINAH",
            "3520014107800001",
            "400.9/007/Dinsos/XI/2026",
            "Data Terpadu Kesejahteraan Sosial (DTKS)",
            "September 2025",
            "PKH, BPNT",
            "pendaftaran sekolah (KIP)",
            "1 Juli 1980",
            "NIP. 19700101 199503 1 001",
        ] {
            assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
        }
        assert!(!text.contains("DRAFT"));
        assert!(!text.contains("DATA CONTOH"));
    }
}

#[test]
fn draft_demo_letter_on_f4_signed_by_kabid() {
    let mut settings = Settings::default();
    settings.paper = crate::core::settings::Paper::F4;
    settings.signed_by_kabid = true;
    let mut content = sample_content();
    content.number = None;
    content.verification = None;
    content.programs.clear();
    content.snapshot = sample_snapshot(true);
    content.snapshot.source = "DTSEN".into();
    let pdf = render_certificate(&settings, &content).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert!(pdf.len() < 150_000);
    assert_eq!(pages(&pdf), 1);
    let page = lopdf::Document::load_mem(&pdf).unwrap();
    let media = format!("{:?}", page.objects);
    assert!(media.contains("609.4") || media.contains("609"), "F4 width");
    if let Some(text) = pdf_text(&pdf) {
        for needle in [
            "DRAFT",
            "Nomor: (draf, belum bernomor)",
            "DATA CONTOH",
            "a.n. KEPALA DINAS SOSIAL",
            "NAMA KEPALA BIDANG",
            "Data Tunggal Sosial dan Ekonomi Nasional (DTSEN)",
            "Program bantuan sosial",
        ] {
            assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
        }
    }
}

#[test]
fn renders_the_not_registered_slip() {
    let slip = SlipContent {
        date: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        nik: "3520010101800009".into(),
        name: "BUDI SANTOSO".into(),
        snapshot: sample_snapshot(true),
        advice: Settings::default().not_registered_advice,
    };
    let pdf = render_not_registered_slip(&Settings::default(), &slip).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert!(pdf.len() < 150_000);
    assert_eq!(pages(&pdf), 1);
    if let Some(text) = pdf_text(&pdf) {
        for needle in [
            "KETERANGAN HASIL PEMERIKSAAN DATA",
            "BUDI SANTOSO",
            "3520010101800009",
            "TIDAK DITEMUKAN",
            "SIKS-NG",
            "DATA CONTOH",
            "27 November 2026",
        ] {
            assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
        }
        assert!(!text.contains("Nomor"));
    }
}

/// Whitespace runs as single spaces, so wrapped lines compare equal.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_text_of_the_model_is_in_the_pdf() {
    let mut settings = Settings::default();
    for (draft, demo, kabid) in [(false, false, false), (true, true, true)] {
        settings.signed_by_kabid = kabid;
        let mut content = sample_content();
        content.snapshot = sample_snapshot(demo);
        if draft {
            content.number = None;
            content.verification = None;
        }
        let model = certificate_model(&settings, &content);
        let pdf = render_certificate(&settings, &content).unwrap();
        let Some(text) = pdf_text(&pdf) else {
            return;
        };
        let text = squeeze(&text);
        for piece in model.text_pieces() {
            assert!(
                text.contains(&squeeze(&piece)),
                "missing {piece:?} in:\n{text}"
            );
        }
    }
}

/// How many image objects the PDF holds.
fn images(pdf: &[u8]) -> usize {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    doc.objects
        .values()
        .filter(|o| {
            o.as_stream()
                .ok()
                .and_then(|s| s.dict.get(b"Subtype").ok())
                .and_then(|t| t.as_name().ok())
                == Some(&b"Image"[..])
        })
        .count()
}

#[test]
fn the_letterhead_carries_the_office_logo_or_none() {
    let content = sample_content();
    let plain = render_certificate(&Settings::default(), &content).unwrap();
    assert_eq!(images(&plain), 1, "the QR code only: no placeholder emblem");
    let img = image::RgbImage::from_pixel(200, 260, image::Rgb([20, 90, 30]));
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut png, image::ImageOutputFormat::Png)
        .unwrap();
    let settings = Settings {
        logo: Some(crate::core::logo::prepare(&png).unwrap()),
        ..Settings::default()
    };
    let with_logo = render_certificate(&settings, &content).unwrap();
    assert_eq!(images(&with_logo), 2, "the QR code and the logo");
    assert_eq!(pages(&with_logo), 1);
}

#[test]
fn an_issued_letter_carries_the_logo_the_admin_saved() {
    let dir = tempfile::tempdir().unwrap();
    let store = crate::core::Store::open(dir.path()).unwrap();
    let img = image::RgbImage::from_pixel(60, 80, image::Rgb([20, 90, 30]));
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut png, image::ImageOutputFormat::Png)
        .unwrap();
    crate::core::logo::save(&store.register, &png, "admin", chrono::Local::now()).unwrap();
    let issued = crate::core::letter::issue_certificate(
        &store,
        &crate::core::letter::issue::tests::request(),
    )
    .unwrap();
    let pdf = std::fs::read(&issued.file).unwrap();
    assert_eq!(images(&pdf), 2, "the QR code and the logo");
}
