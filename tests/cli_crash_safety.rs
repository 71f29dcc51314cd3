//! A process killed with SIGKILL at the worst moment of issuing a letter or writing a
//! backup loses nothing and leaves nothing half-made: the database is intact, the next
//! letter takes the number the killed one did not get (no gap, no duplicate), no file
//! sits under a final name without its record, and the app opens as usual.
//!
//! The test hooks `LOKET_TEST_PAUSE_AFTER_NUMBER` and `LOKET_TEST_PAUSE_IN_BACKUP` make
//! the process create a marker file and sleep at that moment (see
//! `loket_dtks::core::files::test_pause`).
#![cfg(unix)]

mod cli_common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use cli_common::{OS_USER, data_dir, imported, issue_letter, json, run, walk};
use loket_dtks::core::{Store, audit};

/// Starts `loket-dtks --data-dir ROOT/data ARGS...` with the test hook `hook` pointing
/// at a marker file; waits until the process has reached the hook, then kills it.
fn kill_at_hook(root: &Path, hook: &str, args: &[&str]) {
    let marker = root.join("sampai-di-titik-uji");
    let mut child: Child = Command::new(env!("CARGO_BIN_EXE_loket-dtks"))
        .env("USER", OS_USER)
        .env(hook, &marker)
        .arg("--data-dir")
        .arg(data_dir(root))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !marker.exists() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the process never reached the test hook"
        );
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the process ended before the test hook: {status}");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    assert!(!child.wait().unwrap().success(), "killed at the hook");
    std::fs::remove_file(&marker).unwrap();
}

/// The data dir opens as the app opens it; the register passes `PRAGMA
/// integrity_check` and its audit log verifies.
fn opens_intact(root: &Path) -> Store {
    let store = Store::open(&data_dir(root)).unwrap();
    for conn in [&store.register, &store.snapshots] {
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
    }
    assert_eq!(audit::verify(&store.register).unwrap(), None);
    store
}

/// The numbers of the letters in the register, in order.
fn numbers(store: &Store) -> Vec<String> {
    let mut stmt = store
        .register
        .prepare("SELECT number FROM certificate WHERE kind = 'surat' ORDER BY seq")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Every file under the archive folder, and the archive paths the register records.
fn archive_files(root: &Path, store: &Store) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let data = data_dir(root);
    let mut on_disk = walk(&data.join("arsip"));
    on_disk.sort();
    let mut stmt = store
        .register
        .prepare("SELECT path FROM archive_file ORDER BY path")
        .unwrap();
    let recorded = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|p| data.join(p.unwrap()))
        .collect();
    (on_disk, recorded)
}

#[test]
fn a_letter_killed_after_its_number_loses_and_repeats_no_number() {
    let root = imported();
    let first = issue_letter(root.path(), "3520011705850001", "sekolah");
    assert!(first["number"].as_str().unwrap().contains("/001/"));
    let out = root.path().join("terbunuh.pdf");
    kill_at_hook(
        root.path(),
        "LOKET_TEST_PAUSE_AFTER_NUMBER",
        &[
            "letter",
            "3520015708100002",
            "--purpose",
            "sekolah",
            "--out",
            out.to_str().unwrap(),
            "--again",
        ],
    );
    {
        let store = opens_intact(root.path());
        assert_eq!(
            numbers(&store).len(),
            1,
            "the killed letter was rolled back"
        );
        let (on_disk, recorded) = archive_files(root.path(), &store);
        let finals: Vec<_> = on_disk
            .iter()
            .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
            .cloned()
            .collect();
        assert_eq!(
            finals, recorded,
            "no file under a final name without its row"
        );
    }
    assert!(
        !out.exists(),
        "no copy handed out for a letter never issued"
    );
    let check = json(&run(root.path(), &["archive", "check", "--json"]));
    assert_eq!(check["ok"], true);
    assert_eq!(check["problems"].as_array().unwrap().len(), 0);

    let next = issue_letter(root.path(), "3520015708100002", "sekolah");
    assert!(
        next["number"].as_str().unwrap().contains("/002/"),
        "the number the killed letter held is used, not skipped: {next}"
    );
    let store = opens_intact(root.path());
    let all = numbers(&store);
    assert_eq!(all.len(), 2);
    assert!(
        all[0].contains("/001/") && all[1].contains("/002/"),
        "{all:?}"
    );
    let (on_disk, recorded) = archive_files(root.path(), &store);
    assert_eq!(
        on_disk, recorded,
        "the killed letter's temporary file is gone"
    );
    let check = json(&run(root.path(), &["archive", "check", "--json"]));
    assert_eq!(check["ok"], true);
}

#[test]
fn a_backup_killed_half_way_leaves_no_backup_and_the_next_one_works() {
    let root = imported();
    issue_letter(root.path(), "3520011705850001", "sekolah");
    let before: Vec<(PathBuf, Vec<u8>)> = walk(&data_dir(root.path()))
        .into_iter()
        .filter(|p| !p.to_string_lossy().contains("loket.db"))
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    let usb = root.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    let file = usb.join("cadangan.loket");
    kill_at_hook(
        root.path(),
        "LOKET_TEST_PAUSE_IN_BACKUP",
        &["backup", file.to_str().unwrap()],
    );
    assert!(!file.exists(), "no file under the backup's final name");
    for (path, bytes) in &before {
        assert_eq!(&std::fs::read(path).unwrap(), bytes, "{}", path.display());
    }
    let store = opens_intact(root.path());
    assert_eq!(numbers(&store).len(), 1);
    drop(store);

    let made = json(&run(
        root.path(),
        &["backup", file.to_str().unwrap(), "--json"],
    ));
    assert_eq!(made["letters"], 1);
    let restored = root.path().join("pulih");
    let back = Command::new(env!("CARGO_BIN_EXE_loket-dtks"))
        .env("USER", OS_USER)
        .arg("--data-dir")
        .arg(&restored)
        .args(["restore", file.to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    assert_eq!(json(&back)["letters"], 1, "the later backup is whole");
}
