//! When the daily backup is due, and that it never overwrites.

use chrono::{Local, TimeZone};

use super::*;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

fn at(d: u32) -> DateTime<Local> {
    Local.with_ymd_and_hms(2026, 12, d, 8, 0, 0).unwrap()
}

fn store_with_folder(folder: Option<&Path>) -> (tempfile::TempDir, Store) {
    let root = tempfile::tempdir().unwrap();
    let store = Store::open(&root.path().join("data")).unwrap();
    let mut settings = store.settings().unwrap();
    settings.daily_backup_dir = folder.map(Path::to_path_buf);
    settings.save(&store.register).unwrap();
    (root, store)
}

#[test]
fn no_folder_means_off() {
    let (_root, store) = store_with_folder(None);
    assert_eq!(run(&store, day(1), ACTOR, at(1)).unwrap(), Daily::Off);
    let (_root, store) = store_with_folder(Some(Path::new("")));
    assert_eq!(run(&store, day(1), ACTOR, at(1)).unwrap(), Daily::Off);
}

#[test]
fn once_a_day_and_never_over_an_existing_file() {
    let usb = tempfile::tempdir().unwrap();
    let (_root, store) = store_with_folder(Some(usb.path()));
    let first = usb.path().join("loket-cadangan-2026-12-01.loket");
    assert_eq!(
        due(&store, usb.path(), day(1)).unwrap(),
        Some(first.clone())
    );
    let Daily::Written(made) = run(&store, day(1), ACTOR, at(1)).unwrap() else {
        panic!("the first start of the day writes a backup");
    };
    assert_eq!(made.file, first);
    let bytes = std::fs::read(&first).unwrap();
    assert_eq!(
        run(&store, day(1), ACTOR, at(1)).unwrap(),
        Daily::Done(first.clone()),
        "the second start of the day does nothing"
    );
    assert_eq!(std::fs::read(&first).unwrap(), bytes);

    // Logged today although the stick now holds no file: not made twice a day.
    std::fs::remove_file(&first).unwrap();
    assert_eq!(due(&store, usb.path(), day(1)).unwrap(), None);

    // A file of tomorrow's name that is already there (another PC's) is not replaced.
    let second = usb.path().join("loket-cadangan-2026-12-02.loket");
    std::fs::write(&second, b"milik PC lain").unwrap();
    assert_eq!(due(&store, usb.path(), day(2)).unwrap(), None);
    assert_eq!(std::fs::read(&second).unwrap(), b"milik PC lain");

    let third = usb.path().join("loket-cadangan-2026-12-03.loket");
    assert!(matches!(
        run(&store, day(3), ACTOR, at(3)).unwrap(),
        Daily::Written(_)
    ));
    assert!(third.is_file());
    let logged: i64 = store
        .register
        .query_row(
            "SELECT COUNT(*) FROM audit WHERE action = 'cadangkan' AND actor = 'sistem'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, 2);
}

#[test]
fn a_missing_folder_is_told_and_nothing_is_written() {
    let usb = tempfile::tempdir().unwrap();
    let gone = usb.path().join("USB-DINSOS");
    let (_root, store) = store_with_folder(Some(&gone));
    let err = run(&store, day(1), ACTOR, at(1)).unwrap_err();
    assert!(
        err.to_string()
            .contains("Folder cadangan harian tidak ditemukan (USB belum dipasang?)"),
        "{err}"
    );
    assert!(!gone.exists(), "the folder is not made");
}
