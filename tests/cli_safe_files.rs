//! Safe files: no output ever lands in the data dir or silently replaces a file, a
//! letter whose file cannot be written is never issued, data files are private whatever
//! the umask, a missing key stops issuing and verifying instead of being replaced, and
//! the monthly report neutralises formula-like cells.

mod cli_common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use cli_common::{OS_USER, data_dir, fixture, imported, json, run, walk};

const NIK: &str = "3520011705850001";
const KEY: &str = "kunci-surat.ed25519";

/// Issues a letter into `out_dir`; the `--json` answer.
fn letter(dir: &Path, out_dir: &Path, name: &str, purpose: &str) -> serde_json::Value {
    let out = out_dir.join(name);
    json(&run(
        dir,
        &[
            "letter",
            NIK,
            &format!("--purpose={purpose}"),
            "--out",
            out.to_str().unwrap(),
            "--again",
            "--json",
        ],
    ))
}

/// Exit 2 with one Indonesian line on stderr.
fn refused(output: &Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert_eq!(output.status.code(), Some(2), "stderr: {stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
    stderr
}

/// Every way the CLI writes a file, aimed at `out` (with `--force` when asked).
fn writers(out: &Path, force: bool) -> Vec<Vec<String>> {
    let out = out.to_str().unwrap().to_string();
    let month = chrono::Local::now().format("%Y-%m").to_string();
    let mut all = vec![
        vec![
            "import".into(),
            fixture("clean.csv"),
            "--period".into(),
            "2025-09".into(),
            "--rejects".into(),
            out.clone(),
        ],
        vec![
            "report".into(),
            "--month".into(),
            month,
            "--out".into(),
            out.clone(),
        ],
        vec![
            "letter".into(),
            NIK.into(),
            "--purpose".into(),
            "sekolah".into(),
            "--out".into(),
            out.clone(),
        ],
        vec![
            "register".into(),
            "export".into(),
            "--format".into(),
            "csv".into(),
            "--out".into(),
            out.clone(),
        ],
        vec!["backup".into(), out],
    ];
    if force {
        for args in &mut all {
            args.push("--force".into());
        }
    }
    all
}

fn run_args(dir: &Path, args: &[String]) -> Output {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(dir, &args)
}

fn letters_issued(dir: &Path) -> i64 {
    let conn = rusqlite::Connection::open(data_dir(dir).join("loket.db")).unwrap();
    conn.query_row(
        "SELECT COUNT(*) FROM certificate WHERE kind = 'surat'",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn no_output_ever_replaces_the_register_or_the_key() {
    let dir = imported();
    let outside = tempfile::tempdir().unwrap();
    letter(dir.path(), outside.path(), "pertama.pdf", "sekolah");
    let key = std::fs::read(data_dir(dir.path()).join(KEY)).unwrap();
    for target in ["loket.db", KEY, "arsip/baru.csv", "baru.csv"] {
        let out = data_dir(dir.path()).join(target);
        for force in [false, true] {
            for args in writers(&out, force) {
                let message = refused(&run_args(dir.path(), &args));
                assert!(message.contains("folder data"), "{args:?}: {message}");
            }
        }
    }
    assert_eq!(std::fs::read(data_dir(dir.path()).join(KEY)).unwrap(), key);
    assert!(!data_dir(dir.path()).join("baru.csv").exists());
    assert_eq!(
        letters_issued(dir.path()),
        1,
        "no refused letter got a number"
    );
    let found = json(&run(dir.path(), &["lookup", NIK, "--json"]));
    assert_eq!(found["registered"], true, "the register still opens");
}

#[test]
fn an_existing_file_is_replaced_only_with_force_and_a_link_is_followed() {
    let dir = imported();
    let outside = tempfile::tempdir().unwrap();
    let existing = outside.path().join("ada.txt");
    for args in writers(&existing, false) {
        std::fs::write(&existing, b"punya orang lain").unwrap();
        let message = refused(&run_args(dir.path(), &args));
        assert!(message.contains("sudah ada"), "{args:?}: {message}");
        assert_eq!(std::fs::read(&existing).unwrap(), b"punya orang lain");
    }
    for args in writers(&existing, true) {
        std::fs::write(&existing, b"punya orang lain").unwrap();
        let output = run_args(dir.path(), &args);
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_ne!(std::fs::read(&existing).unwrap(), b"punya orang lain");
    }
    // A link outside pointing into the data dir is refused, forced or not.
    let link = outside.path().join("tautan.csv");
    std::os::unix::fs::symlink(data_dir(dir.path()).join("loket.db"), &link).unwrap();
    for force in [false, true] {
        for args in writers(&link, force) {
            refused(&run_args(dir.path(), &args));
        }
    }
    let found = json(&run(dir.path(), &["lookup", NIK, "--json"]));
    assert_eq!(found["registered"], true);
}

#[test]
fn a_missing_folder_is_refused_before_any_work() {
    let dir = imported();
    let outside = tempfile::tempdir().unwrap();
    let out = outside.path().join("tidak-ada").join("surat.pdf");
    for args in writers(&out, false) {
        let message = refused(&run_args(dir.path(), &args));
        assert!(message.contains("tidak ada"), "{args:?}: {message}");
    }
    assert_eq!(
        letters_issued(dir.path()),
        0,
        "the letter was not issued, so a retry issues exactly one"
    );
    let retry = letter(dir.path(), outside.path(), "surat.pdf", "sekolah");
    assert!(retry["number"].as_str().unwrap().starts_with("400.9/001/"));
}

/// Runs the CLI with the usual umask of 022.
fn run_umask_022(dir: &Path, args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg("umask 022; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_loket-dtks"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("USER", OS_USER)
        .output()
        .expect("binary runs")
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn assert_private(dir: &Path) {
    assert_eq!(mode(dir), 0o700, "{}", dir.display());
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            assert_private(&path);
        } else {
            assert_eq!(mode(&path), 0o600, "{}", path.display());
        }
    }
}

#[test]
fn data_files_are_private_whatever_the_umask() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("data");
    let ok = |o: Output| assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    ok(run_umask_022(
        &dir,
        &["import", &fixture("clean.csv"), "--period", "2025-09"],
    ));
    let out = root.path().join("surat.pdf");
    ok(run_umask_022(
        &dir,
        &[
            "letter",
            NIK,
            "--purpose",
            "sekolah",
            "--out",
            out.to_str().unwrap(),
        ],
    ));
    assert!(dir.join("loket.db-wal").exists() || dir.join("loket.db").exists());
    assert!(
        walk(&dir.join("arsip"))
            .iter()
            .any(|p| p.extension() == Some("pdf".as_ref()))
    );
    assert_private(&dir);
    let backup = root.path().join("cadangan.loket");
    ok(run_umask_022(&dir, &["backup", backup.to_str().unwrap()]));
    assert_eq!(mode(&backup), 0o600, "a backup holds everything");
    let restored = root.path().join("pulih");
    ok(run_umask_022(
        &restored,
        &["restore", backup.to_str().unwrap()],
    ));
    assert_eq!(mode(&restored.join(KEY)), 0o600, "the restored key");
    assert_private(&restored);
}

#[test]
fn a_missing_key_stops_issuing_and_verifying_until_restored() {
    let dir = imported();
    let outside = tempfile::tempdir().unwrap();
    let first = letter(dir.path(), outside.path(), "a.pdf", "sekolah");
    let code = first["verification_code"].as_str().unwrap().to_string();
    let backup = outside.path().join("cadangan.loket");
    json(&run(
        dir.path(),
        &["backup", backup.to_str().unwrap(), "--json"],
    ));

    std::fs::remove_file(data_dir(dir.path()).join(KEY)).unwrap();
    for output in [
        run(dir.path(), &["verify", &code, "--json"]),
        run(
            dir.path(),
            &[
                "letter",
                NIK,
                "--purpose",
                "sekolah",
                "--out",
                outside.path().join("b.pdf").to_str().unwrap(),
                "--again",
            ],
        ),
    ] {
        assert!(!output.status.success());
        assert!(output.stdout.is_empty(), "no PALSU answer");
        let message = String::from_utf8_lossy(&output.stderr);
        assert!(message.contains("restore"), "{message}");
    }
    assert!(
        !data_dir(dir.path()).join(KEY).exists(),
        "no key made behind the office's back"
    );
    assert_eq!(letters_issued(dir.path()), 1);

    // A damaged key is not replaced either.
    std::fs::write(data_dir(dir.path()).join(KEY), b"rusak").unwrap();
    let damaged = run(dir.path(), &["verify", &code]);
    assert!(!damaged.status.success());
    assert!(String::from_utf8_lossy(&damaged.stderr).contains("restore"));
    assert_eq!(
        std::fs::read(data_dir(dir.path()).join(KEY)).unwrap(),
        b"rusak"
    );

    // Restoring the backup into a fresh folder brings verification back.
    let fresh = outside.path().join("pulih");
    json(&run(
        &fresh,
        &["restore", backup.to_str().unwrap(), "--json"],
    ));
    let v = json(&run(&fresh, &["verify", &code, "--json"]));
    assert_eq!(v["status"], "valid");
}

#[test]
fn key_rotation_is_audited_and_old_letters_still_verify() {
    let dir = imported();
    let outside = tempfile::tempdir().unwrap();
    let old = letter(dir.path(), outside.path(), "lama.pdf", "sekolah");
    let old_key = std::fs::read(data_dir(dir.path()).join(KEY)).unwrap();

    let no_reason = run(dir.path(), &["key", "rotate", "--reason", " "]);
    refused(&no_reason);
    assert_eq!(
        std::fs::read(data_dir(dir.path()).join(KEY)).unwrap(),
        old_key
    );

    let rotated = run(dir.path(), &["key", "rotate", "--reason", "laptop hilang"]);
    assert!(
        rotated.status.success(),
        "{}",
        String::from_utf8_lossy(&rotated.stderr)
    );
    assert_ne!(
        std::fs::read(data_dir(dir.path()).join(KEY)).unwrap(),
        old_key
    );
    let history: Vec<PathBuf> = std::fs::read_dir(data_dir(dir.path()))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("riwayat"))
        .collect();
    assert_eq!(history.len(), 1, "the old key is kept for verification");
    assert_eq!(mode(&history[0]), 0o600);

    let new = letter(dir.path(), outside.path(), "baru.pdf", "sekolah");
    for issued in [&old, &new] {
        let code = issued["verification_code"].as_str().unwrap();
        let v = json(&run(dir.path(), &["verify", code, "--json"]));
        assert_eq!(v["status"], "valid", "{code}");
    }
    let conn = rusqlite::Connection::open(data_dir(dir.path()).join("loket.db")).unwrap();
    let rotations: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM audit WHERE action = 'ganti_kunci' AND detail LIKE '%laptop hilang%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rotations, 1);
    assert_eq!(
        json(&run(dir.path(), &["audit", "verify", "--json"]))["ok"],
        true
    );

    // The history travels with a backup.
    let backup = outside.path().join("cadangan.loket");
    json(&run(
        dir.path(),
        &["backup", backup.to_str().unwrap(), "--json"],
    ));
    let fresh = outside.path().join("pulih");
    json(&run(
        &fresh,
        &["restore", backup.to_str().unwrap(), "--json"],
    ));
    let code = old["verification_code"].as_str().unwrap();
    assert_eq!(
        json(&run(&fresh, &["verify", code, "--json"]))["status"],
        "valid"
    );
}

#[test]
fn the_monthly_report_neutralises_formula_cells() {
    let dir = imported();
    let outside = tempfile::tempdir().unwrap();
    for purpose in ["=HYPERLINK(\"http://x\")", "+62 1", "-1", "@SUM(A1)"] {
        letter(
            dir.path(),
            outside.path(),
            &format!("{}.pdf", purpose.len()),
            purpose,
        );
    }
    let out = outside.path().join("laporan.csv");
    let month = chrono::Local::now().format("%Y-%m").to_string();
    json(&run(
        dir.path(),
        &[
            "report",
            "--month",
            &month,
            "--out",
            out.to_str().unwrap(),
            "--json",
        ],
    ));
    let text = std::fs::read_to_string(&out).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut purposes = 0;
    for record in reader.records() {
        let record = record.unwrap();
        for cell in record.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "cell {cell:?} in {text}"
            );
        }
        if &record[0] == "Keperluan" {
            purposes += 1;
            assert!(record[1].starts_with('\''), "{:?}", &record[1]);
        }
    }
    assert_eq!(purposes, 4);
}
