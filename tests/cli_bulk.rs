//! CLI contract (DESIGN.md §2): `bulk FILE --out FILE.xlsx --json` checks a list against
//! the active snapshot; an existing output file is refused with exit 2.

mod cli_common;

use cli_common::{ACTOR, imported, json, run};

#[test]
fn bulk_json_has_the_contract_shape_and_is_audited() {
    let dir = imported();
    let work = tempfile::tempdir().unwrap();
    let list = work.path().join("daftar.csv");
    std::fs::write(&list, "NIK\n3520011705850001\n3520011705859999\n12345\n").unwrap();
    let out = work.path().join("hasil.xlsx");
    let v = json(&run(
        dir.path(),
        &[
            "bulk",
            list.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--json",
        ],
    ));
    assert_eq!(
        v,
        serde_json::json!({
            "rows": 3, "registered": 1, "not_registered": 1, "invalid": 1,
            "file": out.to_str().unwrap()
        })
    );
    assert!(out.is_file());
    let store = loket_dtks::core::Store::open(&cli_common::data_dir(dir.path())).unwrap();
    let (actor, detail): (String, String) = store
        .register
        .query_row(
            "SELECT actor, detail FROM audit WHERE action = 'cek_massal'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(actor, ACTOR);
    assert!(!detail.contains("3520"), "no NIK in the log: {detail}");
}

#[test]
fn bulk_refuses_an_existing_output_file() {
    let dir = imported();
    let work = tempfile::tempdir().unwrap();
    let list = work.path().join("daftar.csv");
    std::fs::write(&list, "NIK\n3520011705850001\n").unwrap();
    let out = work.path().join("ada.xlsx");
    std::fs::write(&out, b"lama").unwrap();
    let output = run(
        dir.path(),
        &[
            "bulk",
            list.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("sudah ada"));
    assert_eq!(std::fs::read(&out).unwrap(), b"lama");
}
