//! A process killed with SIGKILL in the middle of an import leaves the previous snapshot
//! active and the database intact (`PRAGMA integrity_check`).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use loket_dtks::core::{Store, snapshot::store};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_loket-dtks"))
}

#[test]
fn sigkill_mid_import_keeps_the_previous_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let clean = format!("{}/tests/data/clean.csv", env!("CARGO_MANIFEST_DIR"));
    let ok = bin()
        .arg("--data-dir")
        .arg(dir.path())
        .args(["import", &clean, "--period", "2025-09", "--json"])
        .output()
        .unwrap();
    assert!(ok.status.success());

    let big = dir.path().join("besar.csv");
    let mut text = String::from("NIK,NAMA,DESA\n");
    for i in 0..400_000u32 {
        text.push_str(&format!(
            "35{:02}01{:02}0585{:04},Orang Ke {i},Desa {}\n",
            11 + i / 280_000,
            1 + i % 28,
            i / 28 % 10_000,
            i % 50
        ));
    }
    std::fs::write(&big, text).unwrap();
    let mut child = bin()
        .arg("--data-dir")
        .arg(dir.path())
        .args(["import", big.to_str().unwrap(), "--period", "2025-10"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the import has visibly started writing its new data files, then kill it.
    let folder = dir.path().join("snapshots");
    let before = data_files(&folder);
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(20) {
        let written: u64 = data_files(&folder)
            .iter()
            .filter(|(name, _)| !before.iter().any(|(b, _)| b == name))
            .map(|(_, len)| len)
            .sum();
        if written > 2_000_000 {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    assert!(
        !status.success(),
        "the import must have been killed before it finished"
    );

    let store = Store::open(dir.path()).unwrap();
    let check: String = store
        .snapshots
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let all = store::list(&store.snapshots).unwrap();
    assert_eq!(all.len(), 1, "the killed import left no snapshot behind");
    assert!(all[0].active);
    assert_eq!(all[0].rows, 3);
    let out = bin()
        .arg("--data-dir")
        .arg(dir.path())
        .args(["lookup", "3520011705850001", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"registered\": true"));

    // The killed import's files are removed by the next import, which keeps its own.
    assert!(data_files(&folder).len() > before.len());
    let again = bin()
        .arg("--data-dir")
        .arg(dir.path())
        .args(["import", &clean, "--period", "2025-09"])
        .output()
        .unwrap();
    assert!(again.status.success());
    assert_eq!(
        data_files(&folder).len(),
        2 * 2,
        "two snapshots, two files each"
    );
}

/// Names and sizes of the files in the snapshot data folder.
fn data_files(folder: &std::path::Path) -> Vec<(String, u64)> {
    std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| {
                    let len = e.metadata().map(|m| m.len()).unwrap_or(0);
                    (e.file_name().to_string_lossy().into_owned(), len)
                })
                .collect()
        })
        .unwrap_or_default()
}
