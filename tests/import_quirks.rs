//! One fixture per quirk of real snapshot exports (DESIGN.md §3), each asserting counts,
//! reject reasons and a few lookups by NIK and by name.

use std::path::{Path, PathBuf};

use loket_dtks::core::nik::Nik;
use loket_dtks::core::settings::Source;
use loket_dtks::core::snapshot::header::ColumnOverride;
use loket_dtks::core::snapshot::search::{SearchQuery, search};
use loket_dtks::core::snapshot::{ImportOptions, ImportSummary, import, lookup, program, store};
use loket_dtks::core::{Error, Store};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// Import options naming the period, as the admin gives it.
fn dated() -> ImportOptions {
    ImportOptions {
        source: Source::Dtsen,
        period: Some("2025-09".into()),
        ..Default::default()
    }
}

fn import_into(dir: &Path, name: &str) -> loket_dtks::core::Result<ImportSummary> {
    import::import_snapshot(dir, &fixture(name), &dated(), &mut |_| true)
}

fn person(dir: &Path, nik: &str) -> lookup::Lookup {
    let store = Store::open(dir).unwrap();
    lookup::lookup(&store.snapshots, &Nik::parse(nik).unwrap()).unwrap()
}

fn reasons(summary: &ImportSummary) -> Vec<(u64, String)> {
    summary
        .rejects
        .iter()
        .map(|r| (r.row, r.reason.clone()))
        .collect()
}

#[test]
fn semicolon_crlf_with_title_rows_blanks_totals_duplicates_and_bad_niks() {
    let dir = tempfile::tempdir().unwrap();
    let s = import_into(dir.path(), "messy-semicolon-crlf.csv").unwrap();
    assert_eq!(
        (s.rows_read, s.imported, s.rejected, s.duplicates),
        (9, 3, 5, 1)
    );
    let r = reasons(&s);
    assert_eq!(
        r.iter().map(|(row, _)| *row).collect::<Vec<_>>(),
        vec![8, 9, 12, 13, 14]
    );
    assert!(r[0].1.contains("notasi ilmiah"), "{}", r[0].1);
    assert!(r[1].1.contains("16 digit"), "{}", r[1].1);
    assert!(
        r[2].1.contains("konflik") && r[2].1.contains("baris 10"),
        "{}",
        r[2].1
    );
    assert!(r[3].1.contains("kosong"), "{}", r[3].1);
    assert!(r[4].1.contains("angka"), "{}", r[4].1);

    let budi = person(dir.path(), "3520011705850001");
    let p = budi.person.unwrap();
    assert_eq!(p.name, "BUDI SANTOSO");
    assert_eq!(p.birth_date.as_deref(), Some("1985-05-17"));
    assert_eq!(p.sex.as_deref(), Some("L"));
    assert_eq!(p.desil, Some(3));
    assert_eq!(budi.programs, vec!["PKH", "BPNT"]);
    let siti = person(dir.path(), "3520015708100002");
    assert_eq!(
        siti.person.unwrap().birth_date.as_deref(),
        Some("2010-08-17")
    );
    assert_eq!(siti.programs, vec!["PBI JK"]);
    let niluh = person(dir.path(), "3520024203900003").person.unwrap();
    assert_eq!(
        niluh.name, "Ni Luh Ma’ruf",
        "the first of the conflicting rows is kept"
    );
}

#[test]
fn windows_1252_tab_file_keeps_the_curly_apostrophe_and_reads_flags() {
    let dir = tempfile::tempdir().unwrap();
    let s = import_into(dir.path(), "windows1252-tab.txt").unwrap();
    assert_eq!((s.imported, s.rejected), (2, 0));
    assert!(
        s.format.contains("Windows-1252") && s.format.contains("tab"),
        "{}",
        s.format
    );
    let niluh = person(dir.path(), "3520024203900003");
    assert_eq!(niluh.person.as_ref().unwrap().name, "Ni Luh Ma’ruf");
    assert_eq!(niluh.programs, vec!["BPNT"]);
    assert_eq!(person(dir.path(), "3520011705850001").programs, vec!["PKH"]);
    let store = Store::open(dir.path()).unwrap();
    let hits = search(
        &store.snapshots,
        &SearchQuery {
            text: "MA'RUF".into(),
            limit: 5,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(hits[0].nik, "3520024203900003");
}

#[test]
fn utf8_bom_pipe_file_finds_the_nik_header() {
    let dir = tempfile::tempdir().unwrap();
    let s = import_into(dir.path(), "bom-pipe.csv").unwrap();
    assert_eq!((s.imported, s.rejected), (1, 0));
    assert!(s.format.contains("'|'"), "{}", s.format);
    assert!(person(dir.path(), "3520011705850001").registered());
}

#[test]
fn xlsx_numeric_niks_dates_and_the_2_pow_53_limit() {
    let dir = tempfile::tempdir().unwrap();
    let s = import_into(dir.path(), "numeric-nik.xlsx").unwrap();
    assert!(
        s.format.contains("Data DTSEN"),
        "the first sheet with a NIK column: {}",
        s.format
    );
    assert_eq!((s.rows_read, s.imported, s.rejected), (4, 2, 2));
    let r = reasons(&s);
    assert!(r[0].1.contains("2^53"), "{}", r[0].1);
    let budi = person(dir.path(), "3520011705850001");
    assert_eq!(
        budi.person.as_ref().unwrap().birth_date.as_deref(),
        Some("1985-05-17")
    );
    assert_eq!(budi.person.as_ref().unwrap().desil, Some(3));
    assert_eq!(budi.programs, vec!["PBI JK"]);
    let siti = person(dir.path(), "3520015708100002").person.unwrap();
    assert_eq!(
        siti.birth_date.as_deref(),
        Some("2010-08-17"),
        "Excel serial date"
    );
}

#[test]
fn bad_files_are_refused_and_the_active_snapshot_stays() {
    let dir = tempfile::tempdir().unwrap();
    import_into(dir.path(), "clean.csv").unwrap();
    let empty = dir.path().join("kosong.csv");
    std::fs::write(&empty, "\n\n").unwrap();
    let cases = [
        (fixture("web-export.xls"), "HTML"),
        (fixture("image-renamed.csv"), "gambar PNG"),
        (fixture("truncated.xlsx"), "rusak"),
        (fixture("no-nik-column.csv"), "kolom NIK"),
        (empty, "kosong"),
    ];
    for (file, expected) in cases {
        let err = import::import_snapshot(dir.path(), &file, &dated(), &mut |_| true).unwrap_err();
        assert!(matches!(err, Error::Import { .. }), "{file:?}: {err}");
        assert!(err.to_string().contains(expected), "{file:?}: {err}");
    }
    let store = Store::open(dir.path()).unwrap();
    let all = store::list(&store.snapshots).unwrap();
    assert_eq!(all.len(), 1);
    assert!(all[0].active);
    assert_eq!(all[0].rows, 3);
}

#[test]
fn cancelled_import_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    import_into(dir.path(), "clean.csv").unwrap();
    let big = dir.path().join("besar.csv");
    let mut text = String::from("NIK,NAMA\n");
    for i in 0..20_000u32 {
        text.push_str(&format!("35200117058{:05},Orang {i}\n", i));
    }
    std::fs::write(&big, text).unwrap();
    let err = import::import_snapshot(dir.path(), &big, &dated(), &mut |_| false).unwrap_err();
    assert!(matches!(err, Error::Cancelled));
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store::list(&store.snapshots).unwrap().len(), 1);
}

#[test]
fn program_recipient_list_adds_coverage_to_the_active_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    import_into(dir.path(), "clean.csv").unwrap();
    let list = program::ProgramList {
        program: "pkh".into(),
        period: Some("2025 tahap 3".into()),
        ..Default::default()
    };
    let s = program::import_program(dir.path(), &fixture("programs-pkh.csv"), &list, &mut |_| {
        true
    })
    .unwrap();
    assert_eq!((s.imported, s.rejected), (2, 1));
    assert_eq!(s.rejects[0].row, 4);
    let niluh = person(dir.path(), "3520024203900003");
    assert_eq!(niluh.programs, vec!["PKH (2025 tahap 3)"]);
    let budi = person(dir.path(), "3520011705850001");
    assert_eq!(budi.programs, vec!["PKH", "BPNT", "PKH (2025 tahap 3)"]);
}

#[test]
fn unknown_headers_need_a_mapping_once_and_it_is_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let err = import_into(dir.path(), "unknown-headers.csv").unwrap_err();
    assert!(err.to_string().contains("--map NIK="), "{err}");
    let options = ImportOptions {
        columns: vec![
            ColumnOverride::parse("NIK=No. Identitas").unwrap(),
            ColumnOverride::parse("NAMA=Nama KRT").unwrap(),
        ],
        ..dated()
    };
    let s = import::import_snapshot(
        dir.path(),
        &fixture("unknown-headers.csv"),
        &options,
        &mut |_| true,
    )
    .unwrap();
    assert_eq!(s.imported, 2);
    let again = import_into(dir.path(), "unknown-headers.csv").unwrap();
    assert_eq!(
        again.imported, 2,
        "the mapping is remembered for the same header layout"
    );
    assert_eq!(
        person(dir.path(), "3520011705850001").person.unwrap().name,
        "Budi Santoso"
    );
}

#[test]
fn legacy_xls_and_libreoffice_ods_import() {
    let dir = tempfile::tempdir().unwrap();
    let s = import_into(dir.path(), "legacy.xls").unwrap();
    assert_eq!((s.rows_read, s.imported, s.rejected), (2, 2, 0));
    let budi = person(dir.path(), "3520011705850001");
    assert_eq!(
        budi.person.as_ref().unwrap().birth_date.as_deref(),
        Some("1985-05-17")
    );
    assert_eq!(budi.programs, vec!["PKH"]);
    assert!(person(dir.path(), "3520015708100002").programs.is_empty());

    let s = import_into(dir.path(), "libreoffice.ods").unwrap();
    assert_eq!((s.imported, s.rejected), (2, 0));
    let niluh = person(dir.path(), "3520024203900003").person.unwrap();
    assert_eq!(niluh.name, "Ni Luh Ma’ruf");
    assert_eq!(niluh.birth_date.as_deref(), Some("1990-03-02"));
    assert_eq!(niluh.desil, Some(5));
    assert_eq!(
        person(dir.path(), "3520011705850001")
            .person
            .unwrap()
            .birth_date
            .as_deref(),
        Some("1985-05-17")
    );
}

#[test]
fn reject_report_lists_rows_and_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let s = import_into(dir.path(), "messy-semicolon-crlf.csv").unwrap();
    let path = dir.path().join("ditolak.csv");
    loket_dtks::core::snapshot::report::write_rejects_csv(&s, &path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "baris;alasan");
    assert_eq!(lines.len(), 6);
    assert!(
        lines[1].starts_with("8;") && lines[1].contains("notasi ilmiah"),
        "{}",
        lines[1]
    );
}

#[test]
fn name_search_ignores_spacing_and_matches_word_prefixes_ranked() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nama.csv");
    std::fs::write(
        &file,
        "NIK,NAMA,TGL_LAHIR,DESA\n\
         3520011705850001,Nur Hayati,1985-05-17,Sukamaju\n\
         3520015708100002,Siti Aminah,2010-08-17,Sukamaju\n\
         3520024203900003,Aminah Siti Rahma,1990-03-02,Tegalrejo\n\
         3520024203900004,Siti Aminah,1990-03-02,Tegalrejo\n",
    )
    .unwrap();
    import::import_snapshot(dir.path(), &file, &dated(), &mut |_| true).unwrap();
    let store = Store::open(dir.path()).unwrap();
    let find = |text: &str, birth: Option<&str>, desa: Option<&str>| -> Vec<String> {
        search(
            &store.snapshots,
            &SearchQuery {
                text: text.into(),
                birth_date: birth
                    .map(|b| chrono::NaiveDate::parse_from_str(b, "%Y-%m-%d").unwrap()),
                desa: desa.map(str::to_string),
                limit: 10,
            },
        )
        .unwrap()
        .into_iter()
        .map(|h| h.nik)
        .collect()
    };
    assert_eq!(find("NURHAYATI", None, None), vec!["3520011705850001"]);
    assert_eq!(find("nur  hayati", None, None), vec!["3520011705850001"]);
    let amin = find("siti amin", None, None);
    assert_eq!(amin.len(), 3);
    assert_eq!(
        amin[2], "3520024203900003",
        "word order differs: ranked last"
    );
    assert_eq!(
        find("siti aminah", Some("2010-08-17"), None),
        vec!["3520015708100002"]
    );
    assert_eq!(
        find("siti aminah", None, Some("tegal")),
        vec!["3520024203900004", "3520024203900003"]
    );
}

#[test]
fn excel_unicode_text_with_formula_niks_indonesian_dates_and_tick_marks() {
    let dir = tempfile::tempdir().unwrap();
    let s = import_into(dir.path(), "excel-unicode.txt").unwrap();
    assert!(
        s.format.contains("UTF-16") && s.format.contains("tab"),
        "{}",
        s.format
    );
    assert_eq!((s.imported, s.rejected), (2, 0));
    let budi = person(dir.path(), "3520011705850001");
    let p = budi.person.as_ref().unwrap();
    assert_eq!(p.birth_date.as_deref(), Some("1985-05-17"));
    assert_eq!(p.sex.as_deref(), Some("L"));
    assert_eq!(p.desil, Some(3));
    assert_eq!(budi.programs, vec!["PKH"]);
    let siti = person(dir.path(), "3520015708100002");
    assert_eq!(
        siti.person.as_ref().unwrap().birth_date.as_deref(),
        Some("2010-08-17")
    );
    assert_eq!(siti.person.as_ref().unwrap().desil, Some(2));
    assert_eq!(siti.programs, vec!["BPNT"]);
}

#[test]
fn excel_sep_hint_line_and_float_suffixed_nik() {
    let dir = tempfile::tempdir().unwrap();
    let s = import_into(dir.path(), "sep-hint.csv").unwrap();
    assert!(s.format.contains("';'"), "{}", s.format);
    assert_eq!((s.imported, s.rejected), (1, 0));
    let p = person(dir.path(), "3520011705850001").person.unwrap();
    assert_eq!(p.birth_date.as_deref(), Some("1985-05-17"));
    assert_eq!(p.sex.as_deref(), Some("L"));
}

#[test]
fn village_list_with_place_and_date_in_one_column_and_other_header_spellings() {
    let dir = tempfile::tempdir().unwrap();
    let s = import_into(dir.path(), "desa-ttl.csv").unwrap();
    assert_eq!((s.rows_read, s.imported, s.rejected), (3, 3, 0));
    let siti = person(dir.path(), "3520014107800001");
    let p = siti.person.unwrap();
    assert_eq!(p.birth_place.as_deref(), Some("MAGETAN"));
    assert_eq!(p.birth_date.as_deref(), Some("1980-07-01"));
    assert_eq!((p.sex.as_deref(), p.desil), (Some("P"), Some(2)));
    assert_eq!(p.desa.as_deref(), Some("Sukamaju"));
    assert_eq!(siti.programs, vec!["PBI JK"]);
    let maruf = person(dir.path(), "3520011705850001");
    let p = maruf.person.unwrap();
    assert_eq!(
        (p.birth_place.as_deref(), p.birth_date.as_deref()),
        (Some("Ngawi"), Some("1985-05-17"))
    );
    assert_eq!(maruf.programs, vec!["PIP"]);
    let budi = person(dir.path(), "3520010203900002").person.unwrap();
    assert_eq!(
        (budi.birth_place, budi.birth_date.as_deref()),
        (None, Some("1990-03-02"))
    );
    let store = Store::open(dir.path()).unwrap();
    let query = SearchQuery {
        text: "maruf".into(),
        limit: 5,
        ..Default::default()
    };
    let hits = search(&store.snapshots, &query).unwrap();
    assert_eq!(hits[0].nik, "3520011705850001");
}

#[test]
fn xlsx_without_a_size_streams_with_the_sheets_own_row_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let s = import_into(dir.path(), "streamed-no-dimension.xlsx").unwrap();
    assert!(s.format.contains("\"Data\""), "{}", s.format);
    assert_eq!((s.rows_read, s.imported, s.rejected), (3, 2, 1));
    // Row 8 of the sheet: three rows above the header, one blank row between data rows.
    assert_eq!(s.rejects[0].row, 8);
    assert!(
        s.rejects[0].reason.contains("14 digit"),
        "{}",
        s.rejects[0].reason
    );
    let siti = person(dir.path(), "3520014107800001").person.unwrap();
    assert_eq!(
        (siti.birth_date.as_deref(), siti.desil),
        (Some("1980-07-01"), Some(2))
    );
    let budi = person(dir.path(), "3520011705850001").person.unwrap();
    assert_eq!(budi.birth_date.as_deref(), Some("1985-05-17"));
}

#[test]
fn xls_with_empty_rows_above_reports_the_sheets_row_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let s = import_into(dir.path(), "legacy-offset.xls").unwrap();
    assert_eq!((s.imported, s.rejected), (2, 1));
    assert_eq!(s.rejects[0].row, 6, "{:?}", s.rejects);
    assert!(person(dir.path(), "3520011705850001").person.is_some());
}

#[test]
fn report_with_the_header_repeated_on_each_page_and_decimal_commas() {
    let dir = tempfile::tempdir().unwrap();
    let s = import_into(dir.path(), "paged-report.csv").unwrap();
    assert_eq!((s.rows_read, s.imported, s.rejected), (3, 3, 0));
    let siti = person(dir.path(), "3520014107800001").person.unwrap();
    assert_eq!(siti.desil, Some(2));
    assert!(person(dir.path(), "3520010203900002").person.is_some());
}

#[test]
fn the_files_periode_column_names_the_snapshot_unless_the_admin_gives_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = fixture("periode-column.csv");
    let s = import::import_snapshot(dir.path(), &file, &ImportOptions::default(), &mut |_| true)
        .unwrap();
    assert_eq!(s.snapshot.period, "2025-09");
    let explicit = ImportOptions {
        period: Some("2025-12".into()),
        ..Default::default()
    };
    let s = import::import_snapshot(dir.path(), &file, &explicit, &mut |_| true).unwrap();
    assert_eq!(s.snapshot.period, "2025-12");
}
