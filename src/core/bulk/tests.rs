//! Bulk check: every row back in order with the right answer, from CSV and XLSX lists,
//! rows matched by name, formula-looking cells neutralised, refusals and the audit row.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::Local;

use super::*;
use crate::core::snapshot::{ImportOptions, import};

/// A valid NIK, distinct for each `i` below 3,360,000; `year` tells snapshot (85) and
/// outsider (86) NIKs apart.
fn nik(i: usize, year: u32) -> String {
    format!(
        "352001{:02}{:02}{year}{:04}",
        1 + i % 28,
        1 + (i / 28) % 12,
        i / 336
    )
}

/// The birth date a NIK of [`nik`] encodes, as the list writes it (dd/mm/yyyy).
fn birth(i: usize) -> String {
    format!("{:02}/{:02}/1985", 1 + i % 28, 1 + (i / 28) % 12)
}

/// A data dir with a snapshot of `persons` people ("Warga <i>", desil 1-10, PKH for
/// every third) and a folder outside it for results.
fn installation(persons: usize) -> (tempfile::TempDir, tempfile::TempDir, Store) {
    let data = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let mut csv = String::from("NIK,NAMA,TGL_LAHIR,DESIL,PKH\n");
    for i in 0..persons {
        let pkh = if i % 3 == 0 { "YA" } else { "TIDAK" };
        writeln!(
            csv,
            "{},Warga {i},{},{},{pkh}",
            nik(i, 85),
            birth(i),
            1 + i % 10
        )
        .unwrap();
    }
    writeln!(
        csv,
        "{},Hj. Siti Aminah,{},3,YA",
        nik(9_000, 85),
        birth(9_000)
    )
    .unwrap();
    let file = outside.path().join("dtsen.csv");
    std::fs::write(&file, csv).unwrap();
    let options = ImportOptions {
        period: Some("2025-09".into()),
        ..ImportOptions::default()
    };
    import::import_snapshot(data.path(), &file, &options, &mut |_| true).unwrap();
    let store = Store::open(data.path()).unwrap();
    (data, outside, store)
}

fn run(store: &Store, input: &Path, out: &Path) -> Result<BulkSummary> {
    check_file(store, input, out, &mut |_| true, "operator", Local::now())
}

/// The result sheet as text, header row first.
fn read_back(path: &Path) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range("Hasil Cek").unwrap();
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Data::Float(f) => format!("{f}"),
                    Data::Int(i) => i.to_string(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

fn audit_rows(store: &Store) -> Vec<(String, String)> {
    let mut stmt = store
        .register
        .prepare("SELECT subject, detail FROM audit WHERE action = 'cek_massal'")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn ten_thousand_rows_come_back_in_order_with_their_answers() {
    let (_data, outside, store) = installation(4_000);
    let mut csv = String::from("No;NIK;Nama\n");
    for i in 0..10_000 {
        let (nik, name) = match i % 4 {
            0 => (nik(i % 4_000, 85), format!("Warga {}", i % 4_000)),
            1 => (nik(i, 86), format!("Orang {i}")),
            2 => (format!("35200{i}"), format!("Salah {i}")),
            _ => (nik(i % 4_000, 85), format!("Bukan {i}")),
        };
        writeln!(csv, "{};{nik};{name}", i + 1).unwrap();
    }
    let input = outside.path().join("daftar-sekolah.csv");
    std::fs::write(&input, csv).unwrap();
    let out = outside.path().join("hasil.xlsx");

    let summary = run(&store, &input, &out).unwrap();
    assert_eq!(
        (
            summary.rows,
            summary.registered,
            summary.not_registered,
            summary.invalid
        ),
        (10_000, 5_000, 2_500, 2_500)
    );
    let sheet = read_back(&out);
    assert_eq!(sheet[0], sheet::HEADERS.map(String::from).to_vec());
    assert_eq!(sheet.len(), 10_001, "one row per input row");
    for (i, row) in sheet[1..].iter().enumerate() {
        assert_eq!(row[0], (i + 2).to_string(), "in input order");
        match i % 4 {
            0 => {
                assert_eq!(row[1], nik(i % 4_000, 85));
                assert_eq!((row[3].as_str(), row[5].as_str()), ("Ya", "Ya"), "{row:?}");
                assert_eq!(row[4], format!("Warga {}", i % 4_000));
                assert_eq!(row[6], (1 + (i % 4_000) % 10).to_string());
                assert_eq!(row[7], if i % 4_000 % 3 == 0 { "PKH" } else { "" });
                assert_eq!(row[8], "DTKS periode 2025-09");
            }
            1 => assert_eq!((row[3].as_str(), row[4].as_str()), ("Tidak", "")),
            2 => {
                assert_eq!(row[3], "-");
                assert!(
                    row[9].starts_with("NIK tidak valid: NIK harus 16 digit"),
                    "{row:?}"
                );
            }
            _ => assert_eq!((row[3].as_str(), row[5].as_str()), ("Ya", "Tidak")),
        }
    }
    assert_eq!(
        audit_rows(&store),
        vec![(
            out.display().to_string(),
            "10000 baris: 5000 terdaftar, 2500 tidak terdaftar, 2500 tidak dapat dicek".into()
        )],
        "audited once, counts only"
    );
}

/// Writes an XLSX list with the NIK column as text.
fn xlsx_list(path: &Path, rows: &[[&str; 2]]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Daftar siswa SDN 1").unwrap();
    sheet.write_string(2, 0, "NIK").unwrap();
    sheet.write_string(2, 1, "Nama Lengkap").unwrap();
    for (i, [nik, name]) in rows.iter().enumerate() {
        sheet.write_string(i as u32 + 3, 0, *nik).unwrap();
        sheet.write_string(i as u32 + 3, 1, *name).unwrap();
    }
    book.save(path).unwrap();
}

#[test]
fn an_xlsx_list_with_a_title_row_is_read() {
    let (_data, outside, store) = installation(100);
    let input = outside.path().join("siswa.xlsx");
    let (known, outsider) = (nik(7, 85), nik(7, 86));
    xlsx_list(
        &input,
        &[[&known, "WARGA  7"], [&outsider, "Ani"], ["", "Budi"]],
    );
    let out = outside.path().join("hasil-siswa.xlsx");
    let summary = run(&store, &input, &out).unwrap();
    assert_eq!(
        (summary.registered, summary.not_registered, summary.invalid),
        (1, 1, 1)
    );
    let sheet = read_back(&out);
    assert_eq!(sheet.len(), 4);
    assert_eq!(
        sheet[1][..6],
        [
            "4".to_string(),
            known,
            "WARGA 7".into(),
            "Ya".into(),
            "Warga 7".into(),
            "Ya".into()
        ]
    );
    assert_eq!(
        sheet[3][9],
        "NIK kosong; untuk dicocokkan dengan nama, isi juga tanggal lahirnya"
    );
}

#[test]
fn rows_without_a_nik_are_matched_by_name_and_birth_date() {
    let (_data, outside, store) = installation(100);
    let csv = format!(
        "NIK,NAMA,TGL_LAHIR\n\
         ,Siti Aminah,{}\n\
         ,Warga 5,{}\n\
         ,Warga 5,01/01/1990\n\
         ,Warga 6,\n\
         {},Warga 7,{}\n",
        birth(9_000),
        birth(5),
        nik(7, 85),
        birth(7)
    );
    let input = outside.path().join("rs.csv");
    std::fs::write(&input, csv).unwrap();
    let out = outside.path().join("hasil-rs.xlsx");
    let summary = run(&store, &input, &out).unwrap();
    assert_eq!(
        (summary.registered, summary.not_registered, summary.invalid),
        (3, 1, 1)
    );
    assert!(
        summary
            .notes
            .iter()
            .any(|n| n.contains("3 baris tanpa NIK")),
        "{:?}",
        summary.notes
    );
    let sheet = read_back(&out);
    assert_eq!(
        sheet[1][3..6],
        ["Ya", "Hj. Siti Aminah", "Ya"].map(String::from)
    );
    assert!(
        sheet[1][9].contains("dicocokkan dengan nama"),
        "{:?}",
        sheet[1]
    );
    assert_eq!(sheet[1][1], "", "no NIK the list did not give");
    assert_eq!(sheet[2][3], "Ya");
    assert_eq!(sheet[3][3], "Tidak", "another birth date is another person");
    assert!(
        sheet[3][9].contains("pastikan dengan NIK"),
        "{:?}",
        sheet[3]
    );
    assert_eq!(sheet[4][3], "-");
    assert_eq!(sheet[5][3], "Ya");
}

#[test]
fn formula_looking_cells_are_neutralised() {
    let (_data, outside, store) = installation(20);
    let csv = format!(
        "NIK;NAMA\n{};=SUM(A1:A9)\n@SUM(1);+62 Budi\n\t-1;Ani\n",
        nik(3, 85)
    );
    let input = outside.path().join("desa.csv");
    std::fs::write(&input, csv).unwrap();
    let out = outside.path().join("hasil-desa.xlsx");
    run(&store, &input, &out).unwrap();
    let sheet = read_back(&out);
    assert_eq!(sheet[1][2], "'=SUM(A1:A9)");
    assert_eq!(sheet[1][5], "Tidak");
    assert_eq!(
        (sheet[2][1].as_str(), sheet[2][2].as_str()),
        ("'@SUM(1)", "'+62 Budi")
    );
    assert_eq!(sheet[3][1], "'-1");
    for row in &sheet[1..] {
        // "-" is the program's own "no answer".
        for cell in row.iter().filter(|c| *c != "-") {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }
}

#[test]
fn output_onto_an_existing_file_or_into_the_data_dir_is_refused() {
    let (data, outside, store) = installation(10);
    let input = outside.path().join("daftar.csv");
    std::fs::write(&input, format!("NIK\n{}\n", nik(1, 85))).unwrap();
    let taken = outside.path().join("ada.xlsx");
    std::fs::write(&taken, b"punya orang").unwrap();
    let e = run(&store, &input, &taken).unwrap_err().to_string();
    assert!(e.contains("sudah ada"), "{e}");
    assert_eq!(std::fs::read(&taken).unwrap(), b"punya orang");
    let inside: PathBuf = data.path().join("hasil.xlsx");
    assert!(run(&store, &input, &inside).is_err());
    assert!(!inside.exists());
    assert!(
        audit_rows(&store).is_empty(),
        "nothing checked, nothing logged"
    );
}

#[test]
fn a_cancelled_check_writes_and_logs_nothing() {
    let (_data, outside, store) = installation(10);
    let mut csv = String::from("NIK\n");
    for i in 0..10_000 {
        writeln!(csv, "{}", nik(i, 86)).unwrap();
    }
    let input = outside.path().join("panjang.csv");
    std::fs::write(&input, csv).unwrap();
    let out = outside.path().join("batal.xlsx");
    let mut calls = 0;
    let result = check_file(
        &store,
        &input,
        &out,
        &mut |_| {
            calls += 1;
            calls < 3
        },
        "operator",
        Local::now(),
    );
    assert!(result.unwrap_err().to_string().contains("dibatalkan"));
    assert!(!out.exists());
    assert!(audit_rows(&store).is_empty());
}

#[test]
fn without_a_snapshot_nothing_is_checked() {
    let data = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let store = Store::open(data.path()).unwrap();
    let input = outside.path().join("daftar.csv");
    std::fs::write(&input, "NIK\n3520011705850001\n").unwrap();
    let e = run(&store, &input, &outside.path().join("h.xlsx")).unwrap_err();
    assert!(matches!(e, Error::NoSnapshot));
}
