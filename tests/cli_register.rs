//! CLI register: list with a filter, show with its history and letter, a CSV export with
//! formula-looking cells neutralised, and export refusing an existing file or a path
//! inside the data dir. Bad input exits 2 with one Indonesian line.

mod cli_common;

use std::path::Path;

use cli_common::{data_dir, imported, issue_letter, json, run};

fn refused(output: &std::process::Output, needle: &str) {
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains(needle), "{err}");
}

#[test]
fn list_filters_and_show_has_events_and_the_letter() {
    let dir = imported();
    let letter = issue_letter(dir.path(), "3520011705850001", "keringanan biaya sekolah");
    let today = chrono::Local::now().date_naive().to_string();

    let all = json(&run(dir.path(), &["register", "list", "--json"]));
    let apps = all["applications"].as_array().unwrap();
    assert_eq!(apps.len(), 1);
    assert_eq!(apps[0]["status"], "surat_dicetak");
    assert!(apps[0]["number"].as_str().unwrap().starts_with("0001/"));
    assert!(apps[0]["created_at"].as_str().unwrap().starts_with(&today));
    let id = apps[0]["id"].as_i64().unwrap();

    let done = json(&run(
        dir.path(),
        &[
            "register",
            "list",
            "--status",
            "surat_dicetak",
            "--from",
            &today,
            "--to",
            &today,
            "--channel",
            "loket",
            "--json",
        ],
    ));
    assert_eq!(done["applications"].as_array().unwrap().len(), 1);
    for filter in [
        ["--status", "diterima"],
        ["--channel", "whatsapp"],
        ["--to", "2020-01-01"],
    ] {
        let none = json(&run(
            dir.path(),
            &["register", "list", filter[0], filter[1], "--json"],
        ));
        assert_eq!(none["applications"], serde_json::json!([]), "{filter:?}");
    }

    let shown = json(&run(
        dir.path(),
        &["register", "show", &id.to_string(), "--json"],
    ));
    assert_eq!(shown["id"], id);
    assert_eq!(shown["nik"], "3520011705850001");
    assert_eq!(shown["name"], "Budi Santoso");
    assert_eq!(shown["channel"], "loket");
    assert_eq!(shown["status"], "surat_dicetak");
    assert!(shown["papers"].is_object());
    let events = shown["events"].as_array().unwrap();
    let steps: Vec<&str> = events
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        ["diterima", "berkas_lengkap", "terdaftar", "surat_dicetak"],
        "{events:?}"
    );
    assert_eq!(events[0]["actor"], cli_common::ACTOR);
    assert!(events[3]["at"].is_string() && events[3]["note"].is_string());
    assert_eq!(
        shown["letters"],
        serde_json::json!([{ "number": letter["number"], "status": "final" }])
    );

    let text = run(dir.path(), &["register", "list"]);
    assert!(text.status.success());
    assert_eq!(String::from_utf8_lossy(&text.stdout).lines().count(), 1);
}

#[test]
fn bad_input_exits_2_with_one_line() {
    let dir = imported();
    refused(
        &run(dir.path(), &["register", "list", "--status", "lama"]),
        "Status \"lama\" tidak dikenal",
    );
    refused(
        &run(dir.path(), &["register", "list", "--from", "01/12/2026"]),
        "YYYY-MM-DD",
    );
    refused(
        &run(dir.path(), &["register", "list", "--channel", "faks"]),
        "Kanal \"faks\" tidak dikenal",
    );
    refused(
        &run(dir.path(), &["register", "show", "42"]),
        "tidak ditemukan",
    );
}

#[test]
fn export_neutralises_formulas_and_refuses_unsafe_paths() {
    let dir = imported();
    issue_letter(
        dir.path(),
        "3520015708100002",
        "=HYPERLINK(\"http://contoh.invalid\",\"klik\")",
    );
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("register.csv");
    let export = |out: &Path| {
        run(
            dir.path(),
            &[
                "register",
                "export",
                "--format",
                "csv",
                "--out",
                out.to_str().unwrap(),
            ],
        )
    };
    let done = export(&out);
    assert!(done.status.success(), "{done:?}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("'=HYPERLINK("), "{text}");
    assert!(
        !text.contains(";=HYPERLINK") && !text.contains(";\"=HYPERLINK"),
        "{text}"
    );
    assert!(
        text.contains("352001******0002"),
        "NIK masked by default: {text}"
    );
    assert!(!text.contains("3520015708100002"), "{text}");
    let store = loket_dtks::core::Store::open(&data_dir(dir.path())).unwrap();
    let logged: i64 = store
        .register
        .query_row(
            "SELECT COUNT(*) FROM audit WHERE action = 'ekspor_register' AND actor = ?1",
            [cli_common::ACTOR],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, 1, "an export of personal data is logged");
    assert_eq!(text.lines().count(), 2, "header and one row: {text}");

    // An existing file is left as it is.
    std::fs::write(&out, "lama").unwrap();
    refused(&export(&out), "sudah ada");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "lama");

    // Inside the data dir: refused, nothing written.
    let inside = data_dir(dir.path()).join("register.csv");
    refused(&export(&inside), "folder data");
    assert!(!inside.exists());

    let other = |format: &str, out: &Path| {
        run(
            dir.path(),
            &[
                "register",
                "export",
                "--format",
                format,
                "--out",
                out.to_str().unwrap(),
            ],
        )
    };
    let xlsx = out_dir.path().join("register.xlsx");
    let done = other("xlsx", &xlsx);
    assert!(done.status.success(), "{done:?}");
    assert!(
        std::fs::read(&xlsx).unwrap().starts_with(b"PK"),
        "a zip container"
    );
    refused(&other("xlsx", &xlsx), "sudah ada");
    refused(
        &other("xlsx", &cli_common::data_dir(dir.path()).join("r.xlsx")),
        "folder data",
    );
    let pdf = out_dir.path().join("register.pdf");
    let done = other("pdf", &pdf);
    assert!(done.status.success(), "{done:?}");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    refused(
        &other("ods", &out_dir.path().join("r.ods")),
        "tidak dikenal",
    );
    let leftovers: Vec<_> = std::fs::read_dir(out_dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 3, "no temp files left: {leftovers:?}");
}

#[test]
fn add_returns_an_application_with_missing_papers_and_lists_them() {
    let dir = tempfile::tempdir().unwrap();
    let added = json(&run(
        dir.path(),
        &[
            "register",
            "add",
            "--name",
            "Siti Aminah",
            "--nik",
            "3520015708100002",
            "--purpose",
            "keringanan biaya sekolah",
            "--channel",
            "whatsapp",
            "--contact",
            "081234567890",
            "--papers",
            "KTP,kk",
            "--json",
        ],
    ));
    // Born in 2010: no KTP is asked of a 16-year-old, the desa letter is.
    assert_eq!(added["status"], "berkas_tidak_lengkap");
    assert!(added["number"].as_str().unwrap().starts_with("0001/"));
    assert_eq!(added["missing_papers"], serde_json::json!(["PENGANTAR"]));

    let listed = json(&run(
        dir.path(),
        &[
            "register",
            "list",
            "--status",
            "berkas_tidak_lengkap",
            "--channel",
            "whatsapp",
            "--json",
        ],
    ));
    assert_eq!(listed["applications"][0]["id"], added["id"]);
    let shown = json(&run(
        dir.path(),
        &["register", "show", &added["id"].to_string(), "--json"],
    ));
    assert_eq!(shown["papers"]["KTP"], true);
    assert_eq!(shown["papers"]["Surat pengantar desa/kelurahan"], false);
    assert_eq!(shown["letters"], serde_json::json!([]));

    let add = |nik: &str, papers: &str| {
        run(
            dir.path(),
            &[
                "register",
                "add",
                "--name",
                "Budi",
                "--nik",
                nik,
                "--purpose",
                "sekolah",
                "--papers",
                papers,
            ],
        )
    };
    refused(&add("35200157", "KTP"), "NIK tidak valid");
    refused(
        &add("3520011705850001", "PASPOR"),
        "Berkas \"PASPOR\" tidak dikenal",
    );
    let all = json(&run(dir.path(), &["register", "list", "--json"]));
    assert_eq!(
        all["applications"].as_array().unwrap().len(),
        1,
        "nothing saved"
    );
}
