//! Files that break naive importers, generated here: a stray quote, a stray byte, NIKs
//! rounded by a spreadsheet, dates read month-first, no period, not a regular file. Each
//! must either import exactly what is right and say what it left out, or change nothing.

mod workbook;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use loket_dtks::core::nik::Nik;
use loket_dtks::core::settings::Source;
use loket_dtks::core::snapshot::{ImportOptions, ImportSummary, import, lookup, store};
use loket_dtks::core::{Error, Store};
use workbook::{Value, spreadsheet_rounded, text, write_xlsx};

/// A valid NIK of a man born on `day`/`month`/`year` (1900s), serial `serial`.
fn nik(day: u32, month: u32, year: u32, serial: u32) -> String {
    format!("352001{day:02}{month:02}{:02}{serial:04}", year % 100)
}

fn options() -> ImportOptions {
    ImportOptions {
        source: Source::Dtsen,
        period: Some("2025-09".into()),
        ..Default::default()
    }
}

fn import_file(dir: &Path, file: &Path) -> loket_dtks::core::Result<ImportSummary> {
    import::import_snapshot(dir, file, &options(), &mut |_| true)
}

fn found(dir: &Path, nik: &str) -> Option<loket_dtks::core::snapshot::Person> {
    let store = Store::open(dir).unwrap();
    lookup::lookup(&store.snapshots, &Nik::parse(nik).unwrap())
        .unwrap()
        .person
}

/// `n` CSV data lines `NIK;NAMA;DESA` (line 1 is the header, person `i` is on line i+2).
fn csv_lines(n: u32) -> Vec<String> {
    (0..n)
        .map(|i| {
            let serial = i % 9999 + 1;
            format!(
                "{};Warga {i};Desa Sukamaju",
                nik(1 + i % 28, 1 + i % 12, 80, serial)
            )
        })
        .collect()
}

fn write_csv(dir: &Path, name: &str, lines: &[String]) -> PathBuf {
    let path = dir.join(name);
    let body = format!("NIK;NAMA;DESA\n{}\n", lines.join("\n"));
    std::fs::write(&path, body).unwrap();
    path
}

#[test]
fn a_stray_quote_rejects_its_own_line_and_nothing_after_it() {
    let work = tempfile::tempdir().unwrap();
    // Closed by a quoted name two lines further on, and left open to the end of the file.
    for closing in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let mut lines = csv_lines(200);
        lines[9] = format!("{};\"Haji Umar;Desa Sukamaju", nik(10, 10, 80, 10));
        if closing {
            lines[11] = format!("{};\"Siti\";Desa Sukamaju", nik(12, 12, 80, 12));
        }
        let file = write_csv(work.path(), "kutip.csv", &lines);
        let s = import_file(dir.path(), &file).unwrap();
        assert_eq!((s.imported, s.rejected), (199, 1), "{:?}", s.rejects);
        assert_eq!(s.rows_read, 200, "the rejected line counts as read");
        assert_eq!(s.rejects[0].row, 11);
        assert!(
            s.rejects[0].reason.contains("tanda kutip"),
            "{}",
            s.rejects[0].reason
        );
        assert!(found(dir.path(), &nik(11, 11, 80, 11)).is_some());
        assert_eq!(
            found(dir.path(), &nik(12, 12, 80, 12)).unwrap().name,
            if closing { "Siti" } else { "Warga 11" }
        );
        assert!(found(dir.path(), &nik(1 + 199 % 28, 1 + 199 % 12, 80, 200)).is_some());
    }
}

#[test]
fn a_quote_left_open_over_megabytes_is_bounded_and_the_rest_imports() {
    let work = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut lines = csv_lines(60_000);
    lines[2] = format!("{};\"Haji Umar;Desa Sukamaju", nik(3, 3, 80, 3));
    let file = write_csv(work.path(), "panjang.csv", &lines);
    assert!(std::fs::metadata(&file).unwrap().len() > 2 << 20);
    let s = import_file(dir.path(), &file).unwrap();
    assert_eq!(
        (s.imported, s.rejected),
        (59_999, 1),
        "{:?}",
        &s.rejects[..1]
    );
    assert_eq!(s.rejects[0].row, 4);
    assert!(found(dir.path(), &nik(4, 4, 80, 4)).is_some());
}

#[test]
fn a_real_multi_line_address_still_imports() {
    let work = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = work.path().join("alamat.csv");
    let body = format!(
        "NIK;NAMA;ALAMAT\n{};Budi;\"Dusun Krajan\nRT 001/RW 002\"\n{};Siti;Dusun Kulon\n",
        nik(17, 5, 85, 1),
        nik(18, 5, 85, 2)
    );
    std::fs::write(&path, body).unwrap();
    let s = import_file(dir.path(), &path).unwrap();
    assert_eq!((s.imported, s.rejected), (2, 0), "{:?}", s.rejects);
    let budi = found(dir.path(), &nik(17, 5, 85, 1)).unwrap();
    assert_eq!(budi.address.as_deref(), Some("Dusun Krajan\nRT 001/RW 002"));
}

#[test]
fn one_stray_byte_leaves_a_utf8_file_utf8_and_is_reported() {
    let work = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = work.path().join("utf8.csv");
    let mut body = b"NIK;NAMA;DESA\n".to_vec();
    for (i, name) in ["Ma’ruf Amin", "Éndang Sé", "Nur Hayati"]
        .iter()
        .enumerate()
    {
        body.extend(format!("{};{name};Sukamaju\n", nik(1, 2, 80, i as u32 + 1)).bytes());
    }
    // A name saved by a Windows program: one Windows-1252 apostrophe (0x92).
    body.extend(format!("{};Ma", nik(1, 2, 80, 7)).bytes());
    body.extend(b"\x92mun;Sukamaju\n");
    // UTF-8 and a stray byte in one cell: no reading of it can be trusted.
    body.extend(format!("{};Sé", nik(1, 2, 80, 8)).bytes());
    body.extend(b"\xffri;Sukamaju\n");
    std::fs::write(&path, body).unwrap();
    let s = import_file(dir.path(), &path).unwrap();
    assert!(s.format.contains("UTF-8"), "{}", s.format);
    assert_eq!((s.imported, s.rejected), (4, 1), "{:?}", s.rejects);
    assert_eq!(
        found(dir.path(), &nik(1, 2, 80, 2)).unwrap().name,
        "Éndang Sé"
    );
    assert_eq!(found(dir.path(), &nik(1, 2, 80, 7)).unwrap().name, "Ma’mun");
    assert_eq!(s.repairs.len(), 1);
    assert_eq!(s.repairs[0].row, 5);
    assert!(s.repairs[0].reason.contains("Windows-1252"));
    assert_eq!(s.rejects[0].row, 6);
    assert!(
        s.rejects[0].reason.contains("rusak"),
        "{}",
        s.rejects[0].reason
    );
}

/// A header and `n` persons whose NIK cells are `nik_cell(i)`.
fn nik_sheet(n: u32, nik_cell: impl Fn(u32, &str) -> Value) -> Vec<Vec<Value>> {
    let mut rows = vec![vec![text("NIK"), text("NAMA")]];
    for i in 0..n {
        let number = nik(1 + i % 28, 1 + i % 12, 80, 100 + i);
        rows.push(vec![nik_cell(i, &number), text(&format!("Warga {i}"))]);
    }
    rows
}

#[test]
fn niks_rounded_by_a_spreadsheet_are_refused_never_matched_to_a_neighbour() {
    let work = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = work.path().join("dibulatkan.xlsx");
    // Half the NIKs typed as text, half stored as numbers by a spreadsheet (rounded).
    let sheet = nik_sheet(40, |i, n| match i % 2 {
        0 => text(n),
        _ => spreadsheet_rounded(n.parse().unwrap()),
    });
    write_xlsx(&file, &[("DTKS", sheet)]);
    let s = import_file(dir.path(), &file).unwrap();
    assert_eq!((s.imported, s.rejected), (20, 20), "{:?}", s.rejects);
    assert!(
        s.rejects.iter().all(|r| r.reason.contains("dibulatkan")),
        "{:?}",
        s.rejects[0]
    );
    assert!(s.rejects[0].reason.contains("sebagai teks"));
    let citizen = nik(2, 2, 80, 101);
    let neighbour = format!("{}0", &citizen[..15]);
    assert!(found(dir.path(), &citizen).is_none());
    assert!(
        found(dir.path(), &neighbour).is_none(),
        "a rounded NIK must not answer"
    );
    assert!(found(dir.path(), &nik(1, 1, 80, 100)).is_some());

    // Every NIK rounded: nothing is left, so nothing changes.
    let all = work.path().join("semua.xlsx");
    write_xlsx(
        &all,
        &[(
            "DTKS",
            nik_sheet(40, |_, n| spreadsheet_rounded(n.parse().unwrap())),
        )],
    );
    let before = store::active(&Store::open(dir.path()).unwrap().snapshots).unwrap();
    assert!(matches!(
        import_file(dir.path(), &all),
        Err(Error::Import { .. })
    ));
    let after = store::active(&Store::open(dir.path()).unwrap().snapshots).unwrap();
    assert_eq!(before.map(|s| s.id), after.map(|s| s.id));
}

#[test]
fn exact_numeric_niks_written_by_a_program_import() {
    let work = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = work.path().join("tepat.xlsx");
    let sheet = nik_sheet(40, |_, n| Value::Number(n.parse().unwrap()));
    write_xlsx(&file, &[("DTKS", sheet)]);
    let s = import_file(dir.path(), &file).unwrap();
    assert_eq!((s.imported, s.rejected), (40, 0), "{:?}", s.rejects);
    assert!(found(dir.path(), &nik(11, 11, 80, 110)).is_some());
}

#[test]
fn dates_read_month_first_by_a_spreadsheet_are_swapped_back() {
    let work = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = work.path().join("tanggal.xlsx");
    let mut rows = vec![vec![text("NIK"), text("NAMA"), text("TGL LAHIR")]];
    let people: Vec<(String, NaiveDate)> = (0..40u32)
        .map(|i| {
            let (day, month) = (1 + (i * 7) % 28, 1 + i % 12);
            let born = NaiveDate::from_ymd_opt(1980 + i as i32 % 20, month, day).unwrap();
            (nik(day, month, 1980 + i % 20, i + 1), born)
        })
        .collect();
    for (i, (number, born)) in people.iter().enumerate() {
        use chrono::Datelike;
        // An English (US) locale read "dd/mm" month-first where the day allowed it; the
        // rest stayed text.
        let cell = match NaiveDate::from_ymd_opt(born.year(), born.day(), born.month()) {
            Some(swapped) => Value::Date(swapped),
            None => text(&born.format("%d/%m/%Y").to_string()),
        };
        rows.push(vec![text(number), text(&format!("Warga {i}")), cell]);
    }
    write_xlsx(&file, &[("DTKS", rows)]);
    let s = import_file(dir.path(), &file).unwrap();
    assert_eq!(s.imported, 40);
    assert!(
        s.notes
            .iter()
            .any(|n| n.contains("tanggal lahir dikembalikan")),
        "{:?}",
        s.notes
    );
    for (number, born) in &people {
        let person = found(dir.path(), number).unwrap();
        assert_eq!(person.birth_date, Some(born.to_string()), "{number}");
    }
}

#[test]
fn the_period_comes_from_the_admin_the_file_or_its_name_never_the_clock() {
    let work = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let lines = csv_lines(3);
    let unnamed = write_csv(work.path(), "data dtks.csv", &lines);
    let without = ImportOptions::default();
    let refused = import::import_snapshot(dir.path(), &unnamed, &without, &mut |_| true);
    match refused {
        Err(e @ Error::Invalid(_)) => {
            assert!(e.is_bad_input() && e.to_string().contains("Periode"), "{e}")
        }
        other => panic!("must ask for the period: {other:?}"),
    }
    assert!(
        store::active(&Store::open(dir.path()).unwrap().snapshots)
            .unwrap()
            .is_none()
    );
    let named = write_csv(work.path(), "DTKS_Sep2025.csv", &lines);
    let s = import::import_snapshot(dir.path(), &named, &without, &mut |_| true).unwrap();
    assert_eq!(s.snapshot.period, "2025-09");
    assert!(
        s.notes.iter().any(|n| n.contains("nama berkas")),
        "{:?}",
        s.notes
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_folder_is_refused_before_it_is_opened() {
    let work = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let fifo = work.path().join("pipa.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    for path in [fifo.as_path(), work.path()] {
        match import_file(dir.path(), path) {
            Err(e @ Error::Import { .. }) => assert!(e.is_bad_input()),
            other => panic!("{} must be refused: {other:?}", path.display()),
        }
    }
}

#[test]
fn a_nik_column_with_an_unknown_header_is_found_by_its_content() {
    let work = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = work.path().join("penerima.csv");
    let names = [
        "Budi",
        "Siti Aminah",
        "Ni Luh Ma'ruf",
        "Ahmad",
        "Wayan Sudarsa",
        "Dewi",
    ];
    let rows: Vec<String> = (0..6u32)
        .map(|i| {
            format!(
                "{};{};{};Sukamaju",
                i + 1,
                nik(3 + i, 4, 80, i + 1),
                names[i as usize]
            )
        })
        .collect();
    let body = format!(
        "DAFTAR PENERIMA\nNO;NO PESERTA;NAMA KRT;DESA\n{}\n",
        rows.join("\n")
    );
    std::fs::write(&path, body).unwrap();
    // The window asks the admin to confirm a guessed mapping.
    match import_file(dir.path(), &path) {
        Err(e @ Error::Import { .. }) => assert!(e.to_string().contains("menurut isinya"), "{e}"),
        other => panic!("a guess must be confirmed first: {other:?}"),
    }
    // The command line takes it and says so.
    let accept = ImportOptions {
        accept_guess: true,
        ..options()
    };
    let s = import::import_snapshot(dir.path(), &path, &accept, &mut |_| true).unwrap();
    assert_eq!((s.imported, s.rejected), (6, 0));
    assert!(
        s.notes[0].contains("\"NO PESERTA\" (NIK)") && s.notes[0].contains("\"NAMA KRT\" (nama)"),
        "{:?}",
        s.notes
    );
    assert_eq!(
        found(dir.path(), &nik(5, 4, 80, 3)).unwrap().name,
        "Ni Luh Ma'ruf"
    );
}

/// A sheet of `n` persons with NIK serials from `first`, under `header`.
fn kecamatan_sheet(header: &[&str], first: u32, n: u32) -> Vec<Vec<Value>> {
    let mut rows = vec![header.iter().map(|h| text(h)).collect::<Vec<_>>()];
    for serial in first..first + n {
        let number = nik(1 + serial % 28, 1 + serial % 12, 80, serial);
        let mut row = vec![text(&number), text(&format!("Warga {serial}"))];
        row.extend((2..header.len()).map(|_| text("Sukamaju")));
        rows.push(row);
    }
    rows
}

#[test]
fn every_sheet_of_the_same_layout_is_imported_and_counted() {
    let work = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = work.path().join("per-kecamatan.xlsx");
    let layout = ["NIK", "NAMA", "DESA"];
    write_xlsx(
        &file,
        &[
            ("Kec A", kecamatan_sheet(&layout, 1, 5)),
            ("Rekap", vec![vec![text("Kecamatan"), text("Jumlah")]]),
            ("Kec B", kecamatan_sheet(&layout, 100, 7)),
        ],
    );
    let s = import_file(dir.path(), &file).unwrap();
    assert_eq!(s.imported, 12);
    let counts: Vec<(&str, u64)> = s
        .sheets
        .iter()
        .map(|c| (c.sheet.as_str(), c.rows_read))
        .collect();
    assert_eq!(counts, vec![("Kec A", 5), ("Kec B", 7)]);
    assert!(
        s.notes.iter().any(|n| n.contains("\"Rekap\" dilewati")),
        "{:?}",
        s.notes
    );
    assert!(found(dir.path(), &nik(1 + 105 % 28, 1 + 105 % 12, 80, 105)).is_some());

    // A sheet of NIKs in another layout stops the import and is named; --sheet takes one.
    let mixed = work.path().join("campur.xlsx");
    write_xlsx(
        &mixed,
        &[
            ("Kec A", kecamatan_sheet(&layout, 1, 5)),
            (
                "Kec C",
                kecamatan_sheet(&["NIK", "NAMA", "ALAMAT", "DESA"], 200, 3),
            ),
        ],
    );
    match import_file(dir.path(), &mixed) {
        Err(e @ Error::Import { .. }) => assert!(e.to_string().contains("\"Kec C\""), "{e}"),
        other => panic!("a sheet in another layout must stop the import: {other:?}"),
    }
    let one = ImportOptions {
        sheet: Some("Kec C".into()),
        ..options()
    };
    let s = import::import_snapshot(dir.path(), &mixed, &one, &mut |_| true).unwrap();
    assert_eq!((s.imported, s.sheets.len()), (3, 0));
}
