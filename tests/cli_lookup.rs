//! CLI contract (DESIGN.md §2): import a clean CSV, look NIKs up, search names,
//! list snapshots; malformed input exits non-zero with an Indonesian message.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_loket-dtks"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .output()
        .expect("binary runs")
}

fn json(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "exit {:?}, stderr: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("stdout is one JSON object")
}

fn fixture(name: &str) -> String {
    format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn imported() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        dir.path(),
        &[
            "import",
            &fixture("clean.csv"),
            "--source",
            "DTKS",
            "--period",
            "2025-09",
            "--json",
        ],
    );
    let summary = json(&out);
    assert_eq!(summary["rows_read"], 3);
    assert_eq!(summary["imported"], 3);
    assert_eq!(summary["rejected"], 0);
    assert_eq!(summary["snapshot"]["source"], "DTKS");
    assert_eq!(summary["snapshot"]["period"], "2025-09");
    dir
}

#[test]
fn lookup_of_a_registered_nik_gives_person_and_programs() {
    let dir = imported();
    let v = json(&run(dir.path(), &["lookup", "3520011705850001", "--json"]));
    assert_eq!(v["registered"], true);
    assert_eq!(v["person"]["name"], "Budi Santoso");
    assert_eq!(v["person"]["birth_date"], "1985-05-17");
    assert_eq!(v["person"]["sex"], "L");
    assert_eq!(v["person"]["desa"], "Sukamaju");
    assert_eq!(v["programs"], serde_json::json!(["PKH", "BPNT"]));
    assert_eq!(v["snapshot"]["period"], "2025-09");
}

#[test]
fn lookup_of_an_absent_nik_says_not_registered() {
    let dir = imported();
    let v = json(&run(dir.path(), &["lookup", "3520011705859999", "--json"]));
    assert_eq!(v["registered"], false);
    assert!(v.get("person").is_none());
    assert_eq!(v["snapshot"]["source"], "DTKS");
}

#[test]
fn malformed_nik_exits_2_with_a_message() {
    let dir = imported();
    let out = run(dir.path(), &["lookup", "35200117", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("NIK tidak valid") && err.contains("16 digit"),
        "{err}"
    );
}

#[test]
fn lookup_before_any_import_is_an_error_not_a_silent_false() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["lookup", "3520011705850001", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Belum ada data"));
}

#[test]
fn search_ignores_case_and_apostrophe_style() {
    let dir = imported();
    let v = json(&run(dir.path(), &["search", "ni luh MA’RUF", "--json"]));
    assert_eq!(v["results"][0]["nik"], "3520024203900003");
    assert_eq!(v["results"][0]["name"], "Ni Luh Ma'ruf");
    let v = json(&run(dir.path(), &["search", "santoso", "--json"]));
    assert_eq!(v["results"].as_array().unwrap().len(), 1);
    assert_eq!(v["results"][0]["name"], "Budi Santoso");
}

#[test]
fn snapshots_lists_the_active_one_and_failed_import_keeps_it() {
    let dir = imported();
    let bad = dir.path().join("kosong.csv");
    std::fs::write(&bad, "").unwrap();
    let out = run(dir.path(), &["import", bad.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("kosong"));
    let v = json(&run(dir.path(), &["snapshots", "--json"]));
    let list = v["snapshots"].as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["active"], true);
    assert_eq!(list[0]["rows"], 3);
}
