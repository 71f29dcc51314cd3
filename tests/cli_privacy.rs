//! CLI data minimisation: `register export` masks NIK and KK unless `--full-nik`, and
//! `register purge` counts first, erases only with `--yes`, and exits 2 on bad input.

#[allow(dead_code)] // the snapshot helpers are not needed here
mod cli_common;

use std::path::Path;

use cli_common::{data_dir, json, run};

fn refused(output: &std::process::Output, needle: &str) {
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains(needle), "{err}");
}

fn add(root: &Path, nik: &str) -> i64 {
    let args = [
        "register",
        "add",
        "--name",
        "Budi Santoso",
        "--nik",
        nik,
        "--purpose",
        "keringanan biaya sekolah",
        "--contact",
        "081234567890",
        "--json",
    ];
    json(&run(root, &args))["id"].as_i64().unwrap()
}

fn name_of(root: &Path, id: i64) -> String {
    let shown = json(&run(root, &["register", "show", &id.to_string(), "--json"]));
    shown["name"].as_str().unwrap().to_string()
}

#[test]
fn the_export_masks_nik_unless_full_nik_is_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    add(root, "3520011705850001");
    let export = |name: &str, extra: &[&str]| {
        let out = root.join(name);
        let mut args = vec!["register", "export", "--format", "csv", "--out"];
        let path = out.to_string_lossy().into_owned();
        args.push(&path);
        args.extend_from_slice(extra);
        let done = run(root, &args);
        assert!(done.status.success(), "{done:?}");
        std::fs::read_to_string(out).unwrap()
    };
    let masked = export("samar.csv", &[]);
    assert!(masked.contains(";352001******0001;"), "{masked}");
    assert!(!masked.contains("3520011705850001"), "{masked}");
    let full = export("lengkap.csv", &["--full-nik"]);
    assert!(full.contains(";3520011705850001;"), "{full}");
}

#[test]
fn purge_counts_first_and_erases_only_with_yes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let closed = add(root, "3520011705850001");
    let open = add(root, "3520014107800001");
    let cancel = [
        "register",
        "step",
        &closed.to_string(),
        "dibatalkan",
        "--reason",
        "pemohon tidak datang",
        "--json",
    ]
    .map(String::from);
    let cancel: Vec<&str> = cancel.iter().map(String::as_str).collect();
    assert!(run(root, &cancel).status.success());
    let tomorrow = (chrono::Local::now().date_naive() + chrono::Duration::days(1)).to_string();

    let asked = run(root, &["register", "purge", "--before", &tomorrow]);
    refused(&asked, "1 permohonan");
    assert_eq!(
        name_of(root, closed),
        "Budi Santoso",
        "nothing erased without --yes"
    );

    refused(&run(root, &["register", "purge", "--yes"]), "belum diatur");
    refused(
        &run(
            root,
            &["register", "purge", "--before", "01-02-2026", "--yes"],
        ),
        "YYYY-MM-DD",
    );

    let done = json(&run(
        root,
        &[
            "register", "purge", "--before", &tomorrow, "--yes", "--json",
        ],
    ));
    assert_eq!(done["applications"], 1);
    assert_eq!(name_of(root, closed), "[dihapus]");
    assert_eq!(
        name_of(root, open),
        "Budi Santoso",
        "open applications are kept"
    );
    let audit = json(&run(root, &["audit", "verify", "--json"]));
    assert_eq!(audit["ok"], true, "{audit}");
    assert!(data_dir(root).join("loket.db").exists());
}
