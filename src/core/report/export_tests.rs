//! The exports read back: the workbook's numbers and dates, the CSV's neutralised cells,
//! the PDF, and the audit entry of each.

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::{Local, NaiveDate, TimeZone};

use super::*;
use crate::core::Store;
use crate::core::register::{self, Channel, NewApplication, PAPERS};

fn seeded(store: &Store, day: NaiveDate) -> PeriodReport {
    let at = Local
        .from_local_datetime(&day.and_hms_opt(9, 0, 0).unwrap())
        .earliest()
        .unwrap();
    for (channel, purpose) in [
        (Channel::WhatsApp, "=1+2"),
        (Channel::WhatsApp, "Sekolah"),
        (Channel::Loket, "@SUM(A1)"),
    ] {
        let new = NewApplication {
            applicant_name: "Siti".into(),
            nik: "3520015708100002".into(),
            purpose: purpose.into(),
            channel: Some(channel),
            contact: "0812".into(),
            papers: PAPERS.map(String::from).to_vec(),
            ..Default::default()
        };
        register::create(&store.register, &new, "petugas", at).unwrap();
    }
    let period_end = day + chrono::Duration::days(2);
    period(&store.register, day, period_end, at.naive_local()).unwrap()
}

fn audit_count(store: &Store) -> i64 {
    store
        .register
        .query_row(
            "SELECT COUNT(*) FROM audit WHERE action = 'laporan'",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn the_workbook_holds_numbers_and_dates_the_csv_neutralises_and_each_export_is_logged() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("data")).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let report = seeded(&store, day);
    let now = Local::now();

    let xlsx = dir.path().join("laporan.xlsx");
    write_report(
        &store.register,
        &report,
        ReportFormat::Xlsx,
        &xlsx,
        "kabid",
        now,
    )
    .unwrap();
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let names = book.sheet_names();
    assert_eq!(
        names,
        tables(&report)
            .iter()
            .map(|t| t.title.to_string())
            .collect::<Vec<_>>()
    );
    let kanal = book.worksheet_range("Kanal").unwrap();
    let rows: Vec<_> = kanal.rows().collect();
    assert_eq!(rows[1][0], Data::String("WhatsApp".into()));
    assert_eq!(rows[1][1], Data::Float(2.0), "counts are numbers");
    assert_eq!(rows[2][1], Data::Float(1.0));
    let summary = book.worksheet_range("Ringkasan").unwrap();
    let line = |label: &str| {
        summary
            .rows()
            .find(|r| r[0] == Data::String(label.into()))
            .map(|r| r[1].clone())
            .unwrap()
    };
    assert_eq!(line("Permohonan diterima"), Data::Float(3.0));
    match line("Dari tanggal") {
        Data::DateTime(d) => assert_eq!(d.as_datetime().unwrap().date(), day),
        other => panic!("a date is expected, got {other:?}"),
    }
    let per_day = book.worksheet_range("Per Hari").unwrap();
    assert_eq!(per_day.rows().count(), 4, "header and three days");
    let purposes: Vec<String> = book
        .worksheet_range("Keperluan")
        .unwrap()
        .rows()
        .skip(1)
        .map(|r| r[0].to_string())
        .collect();
    assert!(purposes.contains(&"'=1+2".to_string()), "{purposes:?}");

    let csv_path = dir.path().join("laporan.csv");
    write_report(
        &store.register,
        &report,
        ReportFormat::Csv,
        &csv_path,
        "kabid",
        now,
    )
    .unwrap();
    let text = std::fs::read_to_string(&csv_path).unwrap();
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let records: Vec<::csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let section = |name: &str| -> Vec<(String, String)> {
        records
            .iter()
            .filter(|r| &r[0] == name)
            .map(|r| (r[1].to_string(), r[2].to_string()))
            .collect()
    };
    assert!(section("Keperluan").contains(&("'@SUM(A1)".into(), "1".into())));
    assert!(section("Kanal").contains(&("WhatsApp".into(), "2".into())));
    assert!(section("Ringkasan").contains(&("Dari tanggal".into(), "2026-03-02".into())));

    let pdf = dir.path().join("laporan.pdf");
    write_report(
        &store.register,
        &report,
        ReportFormat::Pdf,
        &pdf,
        "kabid",
        now,
    )
    .unwrap();
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));

    assert_eq!(audit_count(&store), 3, "every export is logged");
    let subject: String = store
        .register
        .query_row(
            "SELECT subject FROM audit WHERE action = 'laporan' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(subject, "2026-03-02 s.d. 2026-03-04");
    assert!(ReportFormat::parse("docx").is_err());
}
