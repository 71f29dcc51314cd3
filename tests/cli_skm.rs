//! CLI skm and complaint: survey responses are recorded and reported as NRR, IKM and
//! grade; bad answers exit 2 and write nothing; a complaint is recorded, listed by
//! status, followed up and closed, with its response time.

mod cli_common;

use cli_common::{ACTOR, imported, json, run};
use serde_json::Value;

fn today() -> String {
    chrono::Local::now().date_naive().to_string()
}

fn refused(output: &std::process::Output, needle: &str) {
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains(needle), "{err}");
}

/// (actor, action) of every audit entry.
fn audit(dir: &std::path::Path) -> Vec<(String, String)> {
    let store = loket_dtks::core::Store::open(&cli_common::data_dir(dir)).unwrap();
    let mut stmt = store
        .register
        .prepare("SELECT actor, action FROM audit ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

#[test]
fn survey_answers_are_reported_as_nrr_ikm_and_grade() {
    let dir = tempfile::tempdir().unwrap();
    // The worked example of the core tests: NRR 3.5 3 4 4 2.75 3.75 3.5 4 2.75, IKM
    // 31.25 / 9 * 25 = 86.81, grade B.
    for answers in [
        "4,3,4,4,3,4,4,4,3",
        "3,3,4,4,2,4,3,4,3",
        "4,4,4,4,3,3,4,4,3",
        "3,2,4,4,3,4,3,4,2",
    ] {
        let added = json(&run(
            dir.path(),
            &["skm", "add", "--answers", answers, "--json"],
        ));
        assert!(added["id"].as_i64().unwrap() > 0);
    }
    let added = run(
        dir.path(),
        &[
            "skm",
            "add",
            "--answers",
            "4,4,4,4,4,4,4,4,4",
            "--suggestion",
            "Ruang tunggu panas",
        ],
    );
    assert!(added.status.success());
    assert!(String::from_utf8_lossy(&added.stdout).contains("dicatat"));

    let day = today();
    let report = json(&run(
        dir.path(),
        &["skm", "report", "--from", &day, "--to", &day, "--json"],
    ));
    // Five respondents now: item sums 18 16 20 20 15 19 18 20 15 (161 in all);
    // IKM = 161 / 45 * 25 = 89.444... -> 89.44, grade A.
    assert_eq!(report["respondents"], 5);
    let nrr: Vec<f64> = report["nrr"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    assert_eq!(nrr, vec![3.6, 3.2, 4.0, 4.0, 3.0, 3.8, 3.6, 4.0, 3.0]);
    assert_eq!(report["ikm"], 89.44);
    assert_eq!(report["grade"], "A");
    assert_eq!(report["grade_label"], "Sangat Baik");

    let text = run(dir.path(), &["skm", "report", "--from", &day, "--to", &day]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("89.44") && text.contains("Sangat Baik"),
        "{text}"
    );
    assert!(
        audit(dir.path())
            .iter()
            .all(|(a, c)| a == ACTOR && c == "isi_skm")
    );
}

#[test]
fn bad_answers_exit_2_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    refused(
        &run(dir.path(), &["skm", "add", "--answers", "4,3,4"]),
        "9 angka 1-4",
    );
    refused(
        &run(
            dir.path(),
            &["skm", "add", "--answers", "4,3,4,4,3,4,4,4,5"],
        ),
        "butir 9 (Sarana dan prasarana)",
    );
    refused(
        &run(
            dir.path(),
            &[
                "skm",
                "report",
                "--from",
                "2026-13-01",
                "--to",
                "2026-12-31",
            ],
        ),
        "YYYY-MM-DD",
    );
    refused(
        &run(
            dir.path(),
            &[
                "skm",
                "report",
                "--from",
                "2026-03-05",
                "--to",
                "2026-03-01",
            ],
        ),
        "tukar",
    );
    let empty = json(&run(
        dir.path(),
        &[
            "skm",
            "report",
            "--from",
            "2000-01-01",
            "--to",
            "2100-01-01",
            "--json",
        ],
    ));
    assert_eq!(empty["respondents"], 0);
    assert_eq!(empty["grade"], Value::Null);
    assert!(audit(dir.path()).is_empty());
}

#[test]
fn a_complaint_is_listed_followed_up_and_closed() {
    let dir = imported();
    let application = json(&run(
        dir.path(),
        &[
            "register",
            "add",
            "--name",
            "Siti",
            "--nik",
            "3520011705850001",
            "--purpose",
            "Beasiswa",
            "--json",
        ],
    ));
    let application = application["id"].as_i64().unwrap().to_string();
    let before = audit(dir.path()).len();
    let added = json(&run(
        dir.path(),
        &[
            "complaint",
            "add",
            "--application",
            &application,
            "--channel",
            "SP4N LAPOR!",
            "--text",
            "Surat belum jadi 2 hari",
            "--name",
            "Siti",
            "--contact",
            "0812",
            "--json",
        ],
    ));
    let id = added["id"].as_i64().unwrap();
    assert_eq!(added["status"], "baru");
    assert_eq!(added["kind"], "pengaduan");
    assert_eq!(added["channel"], "lapor");
    assert_eq!(added["response_minutes"], Value::Null);
    assert_eq!(added["application_id"].to_string(), application);
    let guest = json(&run(
        dir.path(),
        &[
            "complaint",
            "add",
            "--channel",
            "langsung",
            "--kind",
            "tamu",
            "--name",
            "Pak Made",
            "--text",
            "Konsultasi usulan",
            "--json",
        ],
    ));
    assert_eq!(guest["kind"], "tamu");

    let open = json(&run(
        dir.path(),
        &["complaint", "list", "--status", "baru", "--json"],
    ));
    assert_eq!(open["complaints"].as_array().unwrap().len(), 2);

    let answered = json(&run(
        dir.path(),
        &[
            "complaint",
            "respond",
            &id.to_string(),
            "--text",
            "Surat diantar",
            "--json",
        ],
    ));
    assert_eq!(answered["status"], "ditindaklanjuti");
    assert_eq!(answered["response_minutes"], 0);
    assert!(
        answered["follow_up"]
            .as_str()
            .unwrap()
            .ends_with(": Surat diantar")
    );
    let closed = json(&run(
        dir.path(),
        &[
            "complaint",
            "respond",
            &id.to_string(),
            "--text",
            "Diterima",
            "--close",
            "--json",
        ],
    ));
    assert_eq!(closed["status"], "selesai");
    refused(
        &run(
            dir.path(),
            &["complaint", "respond", &id.to_string(), "--text", "lagi"],
        ),
        "sudah selesai",
    );

    let day = today();
    let done = json(&run(
        dir.path(),
        &[
            "complaint",
            "list",
            "--from",
            &day,
            "--to",
            &day,
            "--status",
            "selesai",
            "--json",
        ],
    ));
    let done = done["complaints"].as_array().unwrap();
    assert_eq!(done.len(), 1);
    assert_eq!(done[0]["id"], id);
    let text = run(dir.path(), &["complaint", "list"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Pak Made") && text.contains("dijawab dalam 0 menit"),
        "{text}"
    );

    refused(
        &run(
            dir.path(),
            &["complaint", "add", "--channel", "merpati", "--text", "x"],
        ),
        "kotak_saran",
    );
    refused(
        &run(
            dir.path(),
            &[
                "complaint",
                "add",
                "--channel",
                "wa",
                "--kind",
                "tamu",
                "--text",
                "x",
            ],
        ),
        "Nama tamu",
    );
    let codes: Vec<String> = audit(dir.path())
        .into_iter()
        .skip(before)
        .map(|(_, c)| c)
        .collect();
    assert_eq!(
        codes,
        [
            "catat_pengaduan",
            "catat_pengaduan",
            "tindak_lanjut_pengaduan",
            "tindak_lanjut_pengaduan"
        ]
    );
}
