//! CLI contract (DESIGN.md §2): import a clean CSV, look NIKs up, search names,
//! list snapshots; malformed input exits non-zero with an Indonesian message.

mod cli_common;

use cli_common::{data_dir, fixture, import_clean, imported, json, run};

#[test]
fn import_json_has_the_contract_shape() {
    let dir = tempfile::tempdir().unwrap();
    let v = import_clean(dir.path());
    assert_eq!(v["rows_read"], 3);
    assert_eq!(v["imported"], 3);
    assert_eq!(v["rejected"], 0);
    assert_eq!(v["duplicates"], 0);
    assert_eq!(v["rejects"], serde_json::json!([]));
    assert!(v["file"].as_str().unwrap().ends_with("clean.csv"));
    assert_eq!(v["snapshot"]["id"], 1);
    assert_eq!(v["snapshot"]["source"], "DTKS");
    assert_eq!(v["snapshot"]["period"], "2025-09");
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

#[test]
fn lookup_warns_when_the_record_disagrees_with_the_nik() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("beda.csv");
    std::fs::write(
        &file,
        "NIK,NAMA,TGL_LAHIR,JK\n3520011705850001,Budi Santoso,1985-05-18,P\n",
    )
    .unwrap();
    json(&run(
        dir.path(),
        &[
            "import",
            file.to_str().unwrap(),
            "--period",
            "2025-09",
            "--json",
        ],
    ));
    let v = json(&run(dir.path(), &["lookup", "3520011705850001", "--json"]));
    assert_eq!(
        v["registered"], true,
        "a warning never turns into 'not registered'"
    );
    let warnings = v["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 2);
    assert!(warnings[0].as_str().unwrap().contains("1985-05-17"));
}

#[test]
fn an_old_snapshot_can_be_deleted_but_not_the_active_one() {
    let dir = imported();
    let newer = json(&run(
        dir.path(),
        &[
            "import",
            &fixture("clean.csv"),
            "--period",
            "2025-12",
            "--json",
        ],
    ));
    let new_id = newer["snapshot"]["id"].as_i64().unwrap();
    let data_files = || {
        std::fs::read_dir(data_dir(dir.path()).join("snapshots"))
            .unwrap()
            .count()
    };
    assert_eq!(data_files(), 4, "two snapshots, two files each");

    let refused = run(dir.path(), &["snapshots", "--delete", &new_id.to_string()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("aktif"));

    let v = json(&run(dir.path(), &["snapshots", "--delete", "1", "--json"]));
    let list = v["snapshots"].as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["id"], new_id);
    assert_eq!(data_files(), 2, "the deleted snapshot's files are gone");
    let found = json(&run(dir.path(), &["lookup", "3520011705850001", "--json"]));
    assert_eq!(found["registered"], true);
    assert_eq!(found["snapshot"]["period"], "2025-12");
    let audit = json(&run(dir.path(), &["audit", "verify", "--json"]));
    assert_eq!(
        audit["ok"], true,
        "the deletion is logged in an intact chain"
    );
}

#[test]
fn old_snapshots_are_purged_with_their_files_keeping_the_newest() {
    let dir = imported();
    for period in ["2025-12", "2026-03"] {
        let args = [
            "import",
            &fixture("clean.csv"),
            "--period",
            period,
            "--json",
        ];
        json(&run(dir.path(), &args));
    }
    let data_files = || {
        std::fs::read_dir(data_dir(dir.path()).join("snapshots"))
            .unwrap()
            .count()
    };
    assert_eq!(data_files(), 6, "three snapshots, two files each");
    let refused = run(dir.path(), &["snapshots", "--keep", "0"]);
    assert_eq!(refused.status.code(), Some(2));

    let v = json(&run(dir.path(), &["snapshots", "--keep", "1", "--json"]));
    assert_eq!(v["deleted"], serde_json::json!([2, 1]));
    let list = v["snapshots"].as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["period"], "2026-03");
    assert_eq!(data_files(), 2, "only the kept snapshot's files remain");
    let found = json(&run(dir.path(), &["lookup", "3520011705850001", "--json"]));
    assert_eq!(found["registered"], true);
}
