//! Admin → Impor Data: importing a snapshot from a typed path, with progress, cancel and
//! summary; the reject table and its CSV; switching the active snapshot.
//! See `tests/ui_common/mod.rs` for how to run (ICED_TEST_BACKEND=tiny-skia).

mod ui_admin_common;
mod ui_common;

use std::fmt::Write as _;

use loket_dtks::core::Store;
use loket_dtks::core::settings::Source;
use loket_dtks::core::snapshot::store as catalogue;
use loket_dtks::ui::screen::admin::import::{self, REJECTS_PATH_FIELD};
use loket_dtks::ui::screen::admin::{PATH_FIELD, PERIOD_FIELD};
use ui_admin_common::{
    audit_count, click, freeze_import_times, import_as_dtks, import_file, msg, open_admin, shows,
    type_into,
};
use ui_common::{app, assert_snapshot, feed, run, simulator};

#[test]
fn typed_path_is_imported_and_becomes_active() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    open_admin(&mut app);
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo-snapshot.csv");
    type_into(&mut app, PATH_FIELD, file);
    type_into(&mut app, PERIOD_FIELD, "2025-12");
    feed(
        &mut app,
        vec![msg(import::Message::SourcePicked(Source::Dtks))],
    );
    click(&mut app, "Impor");

    let store = Store::open(dir.path()).unwrap();
    let active = catalogue::active(&store.snapshots)
        .unwrap()
        .expect("a snapshot is active");
    assert_eq!(
        (active.source.as_str(), active.period.as_str()),
        ("DTKS", "2025-12")
    );
    assert!(!active.demo);
    assert!(
        shows(&app, "Data DTKS periode 2025-12 aktif."),
        "the summary is shown"
    );
    assert!(
        shows(&app, "Data: DTKS periode 2025-12"),
        "the header follows"
    );
    assert!(shows(&app, "AKTIF"));
    let audited = audit_count(dir.path(), "impor_snapshot");
    assert_eq!(audited, 1, "the import is in the audit log");

    freeze_import_times(&mut app, dir.path());
    assert_snapshot(&app, "admin_impor_selesai");
}

#[test]
fn cancelled_import_keeps_the_previous_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("NIK,NAMA\n");
    for i in 0..30_000 {
        writeln!(csv, "35200117058{}{:04},Orang {i}", i / 10_000, i % 10_000).unwrap();
    }
    let file = dir.path().join("besar.csv");
    std::fs::write(&file, csv).unwrap();
    let mut app = app(dir.path());
    open_admin(&mut app);
    feed(
        &mut app,
        vec![
            msg(import::Message::PeriodChanged("2025-10".into())),
            msg(import::Message::PathChanged(file.display().to_string())),
        ],
    );

    let task = app.update(msg(import::Message::Start));
    assert!(
        shows(&app, "Batal"),
        "the cancel button is shown while importing"
    );
    let cancel = app.update(msg(import::Message::Cancel));
    run(&mut app, cancel);
    run(&mut app, task);

    let store = Store::open(dir.path()).unwrap();
    let active = catalogue::active(&store.snapshots).unwrap().unwrap();
    assert!(active.demo, "the demo snapshot stays active");
    assert!(shows(
        &app,
        "Impor dibatalkan; data sebelumnya tetap aktif."
    ));
}

/// A file with three good rows and three bad NIKs (rows 3, 5 and 6).
fn file_with_rejects(dir: &std::path::Path) -> std::path::PathBuf {
    let file = dir.join("ditolak-uji.csv");
    std::fs::write(
        &file,
        "NIK,NAMA,DESA\n\
         3520011705850001,Budi Santoso,Sukamaju\n\
         12345,Salah Panjang,Sukamaju\n\
         3520015708100002,Siti Aminah,Sukamaju\n\
         3.52011E+15,Rusak Excel,Tegalrejo\n\
         35200242039000AB,Ada Huruf,Tegalrejo\n\
         3520024203900003,Ni Luh Ma'ruf,Tegalrejo\n",
    )
    .unwrap();
    file
}

#[test]
fn rejects_are_listed_and_saved_as_csv() {
    let dir = tempfile::tempdir().unwrap();
    let file = file_with_rejects(dir.path());
    let mut app = app(dir.path());
    import_as_dtks(&mut app, &file, "2026-01");

    assert!(shows(&app, "Data DTKS periode 2026-01 aktif."));
    assert!(shows(&app, "Baris yang ditolak (3):"));
    for row in ["3", "5", "6"] {
        assert!(shows(&app, row), "rejected row {row} is listed");
    }
    freeze_import_times(&mut app, dir.path());
    assert_snapshot(&app, "admin_impor_ditolak");

    let out = dir.path().join("laporan").join("ditolak.csv");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    type_into(&mut app, REJECTS_PATH_FIELD, &out.display().to_string());
    click(&mut app, "Simpan Daftar Ditolak (CSV)");

    let written = std::fs::read_to_string(&out).expect("the reject list is written");
    let lines: Vec<&str> = written.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 4, "{written}");
    assert_eq!(lines[0], "baris;alasan");
    for (line, row) in lines[1..].iter().zip(["3;", "5;", "6;"]) {
        assert!(line.starts_with(row), "{line} is row {row}");
    }
    assert!(lines[2].contains("E+15") || lines[2].to_lowercase().contains("excel"));
    let mut ui = simulator(&app);
    assert!(
        ui.find(format!("Daftar ditolak disimpan: {}", out.display()).as_str())
            .is_ok()
    );
}

#[test]
fn saving_rejects_without_a_path_asks_and_writes_nothing_headless() {
    let dir = tempfile::tempdir().unwrap();
    let file = file_with_rejects(dir.path());
    let mut app = app(dir.path());
    open_admin(&mut app);
    import_file(&mut app, &file);
    // Headless the save dialog answers nothing: no file, no message, the field stays.
    click(&mut app, "Simpan Daftar Ditolak (CSV)");
    assert!(!shows(&app, "Daftar ditolak disimpan"));
    assert!(shows(&app, "Simpan Daftar Ditolak (CSV)"));
}

#[test]
fn jadikan_aktif_switches_the_active_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/clean.csv");
    let mut app = app(dir.path());
    import_as_dtks(&mut app, &file, "2026-01");
    assert!(shows(&app, "Data: DTKS periode 2026-01"));

    // Only the demo snapshot is not active: its row has the button.
    click(&mut app, "Jadikan Aktif");

    let store = Store::open(dir.path()).unwrap();
    let active = catalogue::active(&store.snapshots).unwrap().unwrap();
    assert!(active.demo, "the demo snapshot is active again");
    let header = format!("Data: {}", active.label());
    assert!(shows(&app, &header), "the header follows: {header}");
    assert!(
        shows(&app, "Jadikan Aktif"),
        "the other snapshot can be chosen again"
    );
    let audited = audit_count(dir.path(), "aktifkan_snapshot");
    assert_eq!(audited, 1);
}

#[test]
fn hapus_deletes_an_old_snapshot_after_confirmation() {
    let dir = tempfile::tempdir().unwrap();
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/clean.csv");
    let mut app = app(dir.path());
    open_admin(&mut app);
    import_file(&mut app, &file);
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(catalogue::list(&store.snapshots).unwrap().len(), 2);

    // Only the old (demo) snapshot has "Hapus"; the first press only asks.
    click(&mut app, "Hapus");
    assert_eq!(catalogue::list(&store.snapshots).unwrap().len(), 2);
    click(&mut app, "Batal");
    assert!(!shows(&app, "Ya, Hapus"));
    click(&mut app, "Hapus");
    click(&mut app, "Ya, Hapus");

    let left = catalogue::list(&store.snapshots).unwrap();
    assert_eq!(left.len(), 1);
    assert!(left[0].active && !left[0].demo);
    assert!(
        !shows(&app, "Hapus"),
        "the active snapshot cannot be deleted"
    );
    let files = std::fs::read_dir(dir.path().join("snapshots"))
        .unwrap()
        .count();
    assert_eq!(files, 2, "only the active snapshot's files remain");
    let audited = audit_count(dir.path(), "hapus_snapshot");
    assert_eq!(audited, 1);
}
