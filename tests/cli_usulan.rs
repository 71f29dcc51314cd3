//! CLI usulan: a proposal for a person who is not registered walks the whole pipeline
//! (usulan to finalisasi), an illegal step exits 2 and writes nothing, a second open
//! proposal for the same NIK is refused, and a returning citizen is found by NIK. A
//! proposal may name the register application that found the person not registered.

mod cli_common;

use cli_common::{imported, json, run};
use serde_json::Value;

/// Not in `tests/data/clean.csv`.
const NIK: &str = "3520014405900003";

fn refused(output: &std::process::Output, needle: &str) {
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains(needle), "{err}");
}

fn show(dir: &std::path::Path, target: &str) -> Value {
    json(&run(dir, &["usulan", "show", target, "--json"]))
}

/// Adds a proposal for Rahma Wati (NIK [`NIK`]) with nothing else; gives its id.
fn add_rahma(dir: &std::path::Path) -> String {
    let added = json(&run(
        dir,
        &[
            "usulan",
            "add",
            "--nik",
            NIK,
            "--name",
            "Rahma Wati",
            "--json",
        ],
    ));
    added["id"].as_i64().unwrap().to_string()
}

fn audit_rows(dir: &std::path::Path) -> i64 {
    let store = loket_dtks::core::Store::open(dir).unwrap();
    store
        .register
        .query_row("SELECT COUNT(*) FROM audit", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_proposal_walks_from_usulan_to_finalisasi() {
    let dir = imported();
    let lookup = json(&run(dir.path(), &["lookup", NIK, "--json"]));
    assert_eq!(lookup["registered"], false);
    let application = json(&run(
        dir.path(),
        &[
            "register",
            "add",
            "--name",
            "Rahma Wati",
            "--nik",
            NIK,
            "--purpose",
            "pendaftaran PBI-JK",
            "--json",
        ],
    ));
    let application_id = application["id"].as_i64().unwrap().to_string();
    let added = json(&run(
        dir.path(),
        &[
            "usulan",
            "add",
            "--nik",
            NIK,
            "--name",
            "Rahma Wati",
            "--desa",
            "Kampung Bugis",
            "--application",
            &application_id,
            "--json",
        ],
    ));
    assert_eq!(added["stage"], "usulan");
    assert_eq!(added["nik"], NIK);
    assert_eq!(added["desa"], "Kampung Bugis");
    assert_eq!(added["created_by"], cli_common::ACTOR);
    assert_eq!(added["application_id"], application["id"]);
    let id = added["id"].as_i64().unwrap().to_string();

    let steps = [
        ("koordinasi", "RT 03 dan kelurahan setuju"),
        ("assessment", "turun lapangan"),
        ("input_siks_ng", "layak"),
        ("pemadanan_dukcapil", "NIK padan"),
        ("finalisasi", "SK Walikota diunggah"),
    ];
    for (stage, note) in steps {
        let moved = json(&run(
            dir.path(),
            &["usulan", "step", &id, stage, "--note", note, "--json"],
        ));
        assert_eq!(moved["stage"], stage);
    }

    let shown = show(dir.path(), &id);
    assert_eq!(shown["stage"], "finalisasi");
    assert_eq!(shown["outcome"], "layak");
    let events = shown["events"].as_array().unwrap();
    let stages: Vec<&str> = events
        .iter()
        .map(|e| e["stage"].as_str().unwrap())
        .collect();
    assert_eq!(
        stages,
        [
            "usulan",
            "koordinasi",
            "assessment",
            "input_siks_ng",
            "pemadanan_dukcapil",
            "finalisasi"
        ]
    );
    assert_eq!(events[5]["note"], "SK Walikota diunggah");
    assert_eq!(events[1]["actor"], cli_common::ACTOR);

    let by_nik = show(dir.path(), NIK);
    assert_eq!(by_nik["nik"], NIK);
    assert_eq!(by_nik["proposals"].as_array().unwrap().len(), 1);
    assert_eq!(by_nik["proposals"][0]["id"], added["id"]);

    let listed = json(&run(
        dir.path(),
        &["usulan", "list", "--desa", "bugis", "--json"],
    ));
    assert_eq!(listed["proposals"].as_array().unwrap().len(), 1);
    for filter in [["--stage", "koordinasi"], ["--desa", "Senggarang"]] {
        let none = json(&run(
            dir.path(),
            &["usulan", "list", filter[0], filter[1], "--json"],
        ));
        assert_eq!(none["proposals"], serde_json::json!([]), "{filter:?}");
    }

    refused(
        &run(dir.path(), &["usulan", "step", &id, "koordinasi"]),
        "usulan sudah selesai",
    );
    let again = json(&run(
        dir.path(),
        &[
            "usulan",
            "add",
            "--nik",
            NIK,
            "--name",
            "Rahma Wati",
            "--json",
        ],
    ));
    assert_eq!(
        again["stage"], "usulan",
        "a finished proposal does not block"
    );
}

#[test]
fn an_illegal_step_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let id = add_rahma(dir.path());
    let audits = audit_rows(dir.path());

    refused(
        &run(dir.path(), &["usulan", "step", &id, "finalisasi"]),
        "Tahap berikutnya: Koordinasi",
    );
    refused(
        &run(dir.path(), &["usulan", "step", &id, "selesai"]),
        "Tahap \"selesai\" tidak dikenal",
    );
    refused(
        &run(dir.path(), &["usulan", "step", "99", "koordinasi"]),
        "Usulan #99 tidak ditemukan",
    );
    refused(
        &run(
            dir.path(),
            &["usulan", "add", "--nik", NIK, "--name", "Rahma"],
        ),
        "sudah punya usulan yang masih berjalan",
    );
    refused(
        &run(
            dir.path(),
            &["usulan", "add", "--nik", "35200157A", "--name", "X"],
        ),
        "NIK tidak valid",
    );

    let shown = show(dir.path(), &id);
    assert_eq!(shown["stage"], "usulan");
    assert_eq!(shown["events"].as_array().unwrap().len(), 1);
    assert_eq!(
        audit_rows(dir.path()),
        audits,
        "no audit entry for a refusal"
    );
    let all = json(&run(dir.path(), &["usulan", "list", "--json"]));
    assert_eq!(all["proposals"].as_array().unwrap().len(), 1);
}

#[test]
fn assessment_tidak_layak_ends_the_proposal_and_needs_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let id = add_rahma(dir.path());
    for stage in ["koordinasi", "assessment"] {
        json(&run(dir.path(), &["usulan", "step", &id, stage, "--json"]));
    }
    refused(
        &run(dir.path(), &["usulan", "step", &id, "tidak_layak"]),
        "alasan",
    );
    let ended = json(&run(
        dir.path(),
        &[
            "usulan",
            "step",
            &id,
            "tidak_layak",
            "--note",
            "rumah permanen, punya kendaraan",
            "--json",
        ],
    ));
    assert_eq!(ended["stage"], "tidak_layak");
    assert_eq!(ended["outcome"], "tidak_layak");
    let open = json(&run(dir.path(), &["usulan", "list", "--open", "--json"]));
    assert_eq!(open["proposals"], serde_json::json!([]));
}
