//! Restore checks the backup whole before it touches the data dir, and keeps what was
//! there aside.

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use chrono::{Local, TimeZone};

use super::*;
use crate::core::backup::backup;
use crate::core::letter::issue_certificate;

fn issue(store: &Store) {
    issue_certificate(store, &crate::core::letter::issue::tests::request()).unwrap();
}

/// A work folder with a data dir `data` holding one letter, and a backup of it at
/// `cadangan.loket`.
fn installation_with_backup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let store = Store::open(&data).unwrap();
    issue(&store);
    let file = root.path().join("cadangan.loket");
    backup(&store, &file, false, "admin", Local::now()).unwrap();
    (root, data, file)
}

/// Every file below `dir` with its bytes.
fn contents(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn letters_in(dir: &Path) -> i64 {
    let store = Store::open(dir).unwrap();
    letters(&store.register).unwrap()
}

#[test]
fn restore_over_data_keeps_the_current_data_aside() {
    let (root, data, file) = installation_with_backup();
    issue(&Store::open(&data).unwrap());
    assert_eq!(letters_in(&data), 2);
    let at = Local.with_ymd_and_hms(2026, 12, 3, 9, 5, 7).unwrap();
    let restored = restore(&file, &data, "admin", at).unwrap();
    let aside = root.path().join("data.sebelum-pulihkan-20261203-090507");
    assert_eq!(restored.aside.as_deref(), Some(aside.as_path()));
    assert_eq!(
        names(root.path()),
        [
            "cadangan.loket",
            "data",
            "data.sebelum-pulihkan-20261203-090507"
        ],
        "no staging folder is left"
    );
    assert_eq!(letters_in(&data), 1, "the backup's register");
    assert_eq!(
        letters_in(&aside),
        2,
        "the letter after the backup is kept aside"
    );
    assert_eq!(mode(&aside), 0o700);
    assert_eq!(mode(&data), 0o700);
    for path in contents(&data).keys() {
        assert_eq!(mode(path), 0o600, "{}", path.display());
    }
    let store = Store::open(&data).unwrap();
    assert_eq!(audit::verify(&store.register).unwrap(), None);
    assert!(crate::core::archive::check(&store).unwrap().is_empty());
    let logged: String = store
        .register
        .query_row(
            "SELECT detail FROM audit WHERE action = 'pulihkan'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(logged.contains("sebelum-pulihkan"), "{logged}");
}

/// Applies `damage` to a copy of a good backup and restores it over a data dir: refused
/// with a message containing `told`, the data dir byte for byte as it was, nothing left
/// beside it.
fn refused_and_untouched(damage: impl FnOnce(&Path), told: &str) {
    let (root, data, file) = installation_with_backup();
    damage(&file);
    let before = contents(&data);
    let err = restore(&file, &data, "admin", Local::now()).unwrap_err();
    assert!(err.is_bad_input(), "{err}");
    assert!(err.to_string().contains(told), "{err}");
    assert!(err.to_string().contains("tidak diubah"), "{err}");
    assert_eq!(contents(&data), before, "the data dir is unchanged");
    assert_eq!(names(root.path()), ["cadangan.loket", "data"]);
}

fn edit(file: &Path, sql: &str) {
    rusqlite::Connection::open(file)
        .unwrap()
        .execute_batch(sql)
        .unwrap();
}

#[test]
fn a_truncated_backup_changes_nothing() {
    refused_and_untouched(
        |file| {
            let bytes = std::fs::read(file).unwrap();
            std::fs::write(file, &bytes[..bytes.len() / 2]).unwrap();
        },
        "rusak",
    );
}

#[test]
fn a_corrupted_byte_in_an_archived_letter_changes_nothing() {
    refused_and_untouched(
        |file| {
            let mut bytes = std::fs::read(file).unwrap();
            let pdf = bytes.windows(5).position(|w| w == b"%PDF-").unwrap();
            bytes[pdf + 300] ^= 0x20;
            std::fs::write(file, &bytes).unwrap();
        },
        "tidak cocok",
    );
}

#[test]
fn a_deleted_audit_row_inside_the_backup_changes_nothing() {
    refused_and_untouched(
        |file| {
            edit(
                file,
                "DELETE FROM audit WHERE id = (SELECT MIN(id) FROM audit)",
            )
        },
        "log akses",
    );
}

#[test]
fn a_backup_without_the_key_changes_nothing() {
    refused_and_untouched(
        |file| {
            edit(
                file,
                &format!("DELETE FROM backup_file WHERE path = '{}'", key::KEY_FILE),
            )
        },
        "kunci",
    );
}

#[test]
fn an_unsafe_path_changes_nothing() {
    for path in [
        "../luar.txt",
        "/etc/x",
        "arsip/../../x",
        "loket.db",
        "arsip//x",
    ] {
        refused_and_untouched(
            |file| {
                edit(
                    file,
                    &format!("INSERT INTO backup_file(path, data) VALUES ('{path}', x'00')"),
                )
            },
            "jalur berkas tidak sah",
        );
    }
}

#[test]
fn a_file_that_is_not_a_backup_changes_nothing() {
    refused_and_untouched(
        |file| std::fs::write(file, b"bukan cadangan sama sekali").unwrap(),
        "bukan cadangan",
    );
    refused_and_untouched(
        |file| edit(file, "DROP TABLE backup_file"),
        "bukan berkas cadangan",
    );
}

#[test]
fn restore_waits_for_the_open_window_and_changes_nothing_meanwhile() {
    let (root, data, file) = installation_with_backup();
    let window = Store::open(&data).unwrap();
    issue(&window);
    let before = contents(&data);
    let err = restore(&file, &data, "admin", Local::now()).unwrap_err();
    assert!(err.to_string().contains("sedang dipakai"), "{err}");
    assert_eq!(contents(&data), before, "the data dir is untouched");
    assert_eq!(names(root.path()), ["cadangan.loket", "data"]);
    drop(window);
    let restored = restore(&file, &data, "admin", Local::now()).unwrap();
    assert!(restored.aside.is_some());
    assert_eq!(letters_in(&data), 1);
}
