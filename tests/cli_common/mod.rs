//! Helpers shared by the CLI integration tests: run the binary, read its JSON.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// The operating-system user the CLI tests run as ([`ACTOR`] in the logs).
pub const OS_USER: &str = "rina";

/// How the CLI names [`OS_USER`] in the register and the audit log.
#[allow(dead_code)] // used by some test crates only
pub const ACTOR: &str = "cli:rina";

/// The data dir of a test's work folder `root`: its `data` subfolder, so that the
/// files a test asks the CLI to write (letters, reports, backups) can go into `root`
/// itself, outside the data dir where the CLI refuses them.
pub fn data_dir(root: &Path) -> PathBuf {
    root.join("data")
}

/// Runs `loket-dtks --data-dir ROOT/data ARGS...` (see [`data_dir`]) as the
/// operating-system user [`OS_USER`].
pub fn run(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_loket-dtks"))
        .env("USER", OS_USER)
        .arg("--data-dir")
        .arg(data_dir(root))
        .args(args)
        .output()
        .expect("binary runs")
}

/// The one JSON object a successful command printed.
pub fn json(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "exit {:?}, stderr: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("stdout is one JSON object")
}

/// Path of a file in `tests/data`.
pub fn fixture(name: &str) -> String {
    format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Imports `tests/data/clean.csv` into `dir`'s data dir as DTKS 2025-09; the `--json`
/// summary.
pub fn import_clean(dir: &Path) -> Value {
    json(&run(
        dir,
        &[
            "import",
            &fixture("clean.csv"),
            "--source",
            "DTKS",
            "--period",
            "2025-09",
            "--json",
        ],
    ))
}

/// A work folder whose data dir holds `tests/data/clean.csv` imported as DTKS 2025-09.
pub fn imported() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(import_clean(dir.path())["imported"], 3);
    dir
}

/// Every file below `dir`.
#[allow(dead_code)] // used by some test crates only
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Issues a letter for `nik` with `purpose` through `letter --json` (the PDF goes into
/// the work folder `dir`, outside its data dir, under a name of its own).
#[allow(dead_code)] // used by some test crates only
pub fn issue_letter(dir: &Path, nik: &str, purpose: &str) -> Value {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let out = dir.join(format!(
        "{nik}-{}.pdf",
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    json(&run(
        dir,
        &[
            "letter",
            nik,
            "--purpose",
            purpose,
            "--out",
            out.to_str().unwrap(),
            // Setting up letters, not testing the same-day rule (see `cli_letter`).
            "--again",
            "--json",
        ],
    ))
}
