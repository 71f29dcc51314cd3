//! CLI letters: issue for a registered NIK, refuse an unregistered one without using a
//! number, verify the code (valid, mistyped = typo, tampered = forged, voided = void), draft records
//! nothing, and the QR in the PDF decodes to the verification URL.

mod cli_common;

use std::path::Path;
use std::process::Command;

use cli_common::{data_dir, imported, issue_letter, json, run, walk};
use loket_dtks::core::verify::check_char;
use serde_json::Value;

fn issue(dir: &Path, nik: &str) -> Value {
    issue_letter(dir, nik, "keringanan biaya sekolah")
}

/// `body` followed by its check character.
fn with_check_char(body: &str) -> String {
    format!("{body}{}", check_char::check_char(body).unwrap())
}

fn tool(name: &str) -> bool {
    Command::new(name).arg("-v").output().is_ok()
}

#[test]
fn letters_are_numbered_in_sequence_and_verify() {
    let dir = imported();
    let first = issue(dir.path(), "3520011705850001");
    let second = issue(dir.path(), "3520015708100002");
    let year = chrono::Local::now().format("%Y").to_string();
    assert!(
        first["number"]
            .as_str()
            .unwrap()
            .starts_with("400.9/001/Dinsos/")
    );
    assert!(
        second["number"]
            .as_str()
            .unwrap()
            .starts_with("400.9/002/Dinsos/")
    );
    assert!(second["number"].as_str().unwrap().ends_with(&year));
    let pdf = std::fs::read(first["file"].as_str().unwrap()).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert!(pdf.len() < 150 * 1024, "letter is {} bytes", pdf.len());

    let code = first["verification_code"].as_str().unwrap();
    let v = json(&run(dir.path(), &["verify", code, "--json"]));
    assert_eq!(v["status"], "valid");
    assert_eq!(v["number"], first["number"]);
    assert_eq!(v["name"], "Budi Santoso");
    assert_eq!(v["nik_masked"], "352001******0001");

    let url = format!("https://dinsos.contohkab.go.id/verifikasi/{code}");
    assert_eq!(
        json(&run(dir.path(), &["verify", &url, "--json"]))["status"],
        "valid"
    );

    // Same number, another letter's signature: its check character no longer matches,
    // so a slip; with the check character made to match, forged.
    let other = second["verification_code"].as_str().unwrap();
    let copied = format!("{}{}", &code[..10], &other[10..]);
    let v = json(&run(dir.path(), &["verify", &copied, "--json"]));
    assert_eq!(v["status"], "typo");
    assert!(v["name"].is_null(), "a mistyped code reveals nothing");
    let text = String::from_utf8(run(dir.path(), &["verify", &copied]).stdout).unwrap();
    assert!(text.contains("SALAH KETIK"), "{text}");
    assert!(text.contains("Kode salah ketik, periksa lagi"), "{text}");
    let tampered = with_check_char(&copied[..copied.len() - 1]);
    let v = json(&run(dir.path(), &["verify", &tampered, "--json"]));
    assert_eq!(v["status"], "forged");
    assert!(v["name"].is_null(), "a forged code reveals nothing");
    let unknown = with_check_char(&format!("{year}-0999-{}", &code[10..code.len() - 1]));
    assert_eq!(
        json(&run(dir.path(), &["verify", &unknown, "--json"]))["status"],
        "unknown"
    );
    // A slip in the number (the second letter's, which exists): a slip, not a forgery.
    assert!(code.starts_with(&format!("{year}-0001-")), "{code}");
    let slip = format!("{year}-0002-{}", &code[10..]);
    assert_eq!(
        json(&run(dir.path(), &["verify", &slip, "--json"]))["status"],
        "typo"
    );

    let number = first["number"].as_str().unwrap();
    let no_reason = run(dir.path(), &["void", number, "--reason", " "]);
    assert_eq!(no_reason.status.code(), Some(2));
    assert!(
        run(dir.path(), &["void", number, "--reason", "salah keperluan"])
            .status
            .success()
    );
    assert_eq!(
        json(&run(dir.path(), &["verify", code, "--json"]))["status"],
        "void"
    );
    let third = issue(dir.path(), "3520024203900003");
    assert!(
        third["number"].as_str().unwrap().starts_with("400.9/003/"),
        "a voided number is never reused"
    );
}

#[test]
fn unregistered_nik_gets_no_number_and_draft_records_nothing() {
    let dir = imported();
    let out = dir.path().join("x.pdf");
    let refused = run(
        dir.path(),
        &[
            "letter",
            "3520011705859999",
            "--purpose",
            "sekolah",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("tidak terdaftar"));
    assert!(!out.exists());

    let draft = dir.path().join("draf.pdf");
    let v = json(&run(
        dir.path(),
        &[
            "letter",
            "3520011705850001",
            "--purpose",
            "sekolah",
            "--out",
            draft.to_str().unwrap(),
            "--draft",
            "--json",
        ],
    ));
    assert!(v["number"].is_null());
    assert!(draft.exists());
    let first = issue(dir.path(), "3520011705850001");
    assert!(
        first["number"].as_str().unwrap().starts_with("400.9/001/"),
        "neither used a number"
    );
}

#[test]
fn archive_check_detects_a_modified_letter() {
    let dir = imported();
    json(&run(dir.path(), &["archive", "check", "--json"]));
    let letter = issue(dir.path(), "3520011705850001");
    let ok = json(&run(dir.path(), &["archive", "check", "--json"]));
    assert_eq!(ok["ok"], true);
    let number = letter["number"].as_str().unwrap().replace('/', "_");
    let archived = walk(&data_dir(dir.path()).join("arsip"))
        .into_iter()
        .find(|p| p.to_string_lossy().contains(&number))
        .expect("archived PDF");
    let mut bytes = std::fs::read(&archived).unwrap();
    bytes.extend_from_slice(b"\n% diubah\n");
    std::fs::write(&archived, bytes).unwrap();
    let out = run(dir.path(), &["archive", "check", "--json"]);
    assert_ne!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["problems"][0]["problem"], "isi berkas berubah");
}

#[test]
fn pdf_text_and_qr_read_back() {
    if !tool("pdftotext") || !tool("zbarimg") || !tool("pdftoppm") {
        eprintln!(
            "SKIP: pdftotext/pdftoppm/zbarimg tidak terpasang (apt-get install poppler-utils zbar-tools)"
        );
        return;
    }
    let dir = imported();
    let letter = issue(dir.path(), "3520011705850001");
    let file = letter["file"].as_str().unwrap();
    let text = Command::new("pdftotext")
        .args(["-layout", file, "-"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    for expected in [
        "SURAT KETERANGAN",
        "Budi Santoso",
        "3520011705850001",
        "keringanan biaya sekolah",
        "PKH",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert!(text.contains(letter["number"].as_str().unwrap()));
    let png = dir.path().join("page");
    let status = Command::new("pdftoppm")
        .args([
            "-r",
            "150",
            "-png",
            "-singlefile",
            file,
            png.to_str().unwrap(),
        ])
        .status()
        .unwrap();
    assert!(status.success());
    let scan = Command::new("zbarimg")
        .args(["-q", "--raw", &format!("{}.png", png.display())])
        .output()
        .unwrap();
    let decoded = String::from_utf8_lossy(&scan.stdout).trim().to_string();
    assert!(
        decoded.ends_with(letter["verification_code"].as_str().unwrap()),
        "{decoded}"
    );
    let v = json(&run(dir.path(), &["verify", &decoded, "--json"]));
    assert_eq!(v["status"], "valid");
}

#[test]
fn four_processes_issuing_at_once_get_unique_gap_free_numbers() {
    let dir = imported();
    let niks = ["3520011705850001", "3520015708100002", "3520024203900003"];
    let children: Vec<_> = (0..4)
        .map(|p| {
            let dir = dir.path().to_path_buf();
            std::thread::spawn(move || {
                (0..5)
                    .map(|i| {
                        let out = dir.join(format!("p{p}-{i}.pdf"));
                        let nik = niks[(p + i) % niks.len()];
                        let v = json(&run(
                            &dir,
                            &[
                                "letter",
                                nik,
                                "--purpose",
                                "sekolah",
                                "--out",
                                out.to_str().unwrap(),
                                "--again",
                                "--json",
                            ],
                        ));
                        v["number"].as_str().unwrap().to_string()
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut seqs: Vec<u32> = children
        .into_iter()
        .flat_map(|c| c.join().unwrap())
        .map(|n| n.split('/').nth(1).unwrap().parse().unwrap())
        .collect();
    seqs.sort();
    assert_eq!(seqs, (1..=20).collect::<Vec<_>>());
    let audit = json(&run(dir.path(), &["audit", "verify", "--json"]));
    assert_eq!(
        audit["ok"], true,
        "concurrent writers must not fork the audit chain"
    );
}

#[test]
fn backup_and_restore_keep_letters_verifiable() {
    let dir = imported();
    let letter = issue(dir.path(), "3520011705850001");
    let file = dir.path().join("cadangan.loket");
    let made = json(&run(
        dir.path(),
        &["backup", file.to_str().unwrap(), "--json"],
    ));
    assert_eq!(made["letters"], 1);
    let again = run(dir.path(), &["backup", file.to_str().unwrap()]);
    assert_eq!(
        again.status.code(),
        Some(2),
        "an existing backup is never overwritten"
    );

    let new = tempfile::tempdir().unwrap();
    let restored = json(&run(
        new.path(),
        &["restore", file.to_str().unwrap(), "--json"],
    ));
    assert_eq!(restored["letters"], 1);
    let code = letter["verification_code"].as_str().unwrap();
    assert_eq!(
        json(&run(new.path(), &["verify", code, "--json"]))["status"],
        "valid"
    );
    assert_eq!(
        json(&run(new.path(), &["archive", "check", "--json"]))["ok"],
        true
    );
    let twice = run(new.path(), &["restore", file.to_str().unwrap()]);
    assert!(twice.status.success());
    let said = String::from_utf8_lossy(&twice.stdout);
    let aside = said
        .lines()
        .find_map(|l| l.strip_prefix("Data sebelumnya disimpan utuh di "))
        .expect("the output names where the data already there went");
    assert!(aside.contains("data.sebelum-pulihkan-"), "{said}");
    assert!(
        std::path::Path::new(aside).join("loket.db").is_file(),
        "a register is never overwritten, only moved aside"
    );
}

#[test]
fn monthly_report_counts_letters_and_service_time() {
    let dir = imported();
    issue(dir.path(), "3520011705850001");
    issue(dir.path(), "3520015708100002");
    let month = chrono::Local::now().format("%Y-%m").to_string();
    let out = dir.path().join("laporan.csv");
    let v = json(&run(
        dir.path(),
        &[
            "report",
            "--month",
            &month,
            "--format",
            "csv",
            "--out",
            out.to_str().unwrap(),
            "--json",
        ],
    ));
    assert_eq!(v["applications"], 2);
    assert_eq!(v["letters_issued"], 2);
    assert_eq!(v["times"]["finished"], 0, "no letter handed over yet");
    assert_eq!(v["file"], out.to_str().unwrap());
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.contains("Ringkasan;Surat keterangan terbit;2"), "{csv}");
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    for format in ["xlsx", "pdf"] {
        let out = dir.path().join(format!("laporan.{format}"));
        let v = json(&run(
            dir.path(),
            &[
                "report",
                "--from",
                &today,
                "--to",
                &today,
                "--format",
                format,
                "--out",
                out.to_str().unwrap(),
                "--json",
            ],
        ));
        assert_eq!(v["applications"], 2, "{format}");
        assert_eq!(v["format"], format);
        assert!(std::fs::metadata(&out).unwrap().len() > 0);
    }
    let no_period = run(dir.path(), &["report", "--out", out.to_str().unwrap()]);
    assert_eq!(no_period.status.code(), Some(2));
    let reversed = run(
        dir.path(),
        &[
            "report",
            "--from",
            "2026-03-31",
            "--to",
            "2026-03-01",
            "--out",
            "x.csv",
        ],
    );
    assert_eq!(reversed.status.code(), Some(2));
    let bad = run(
        dir.path(),
        &[
            "report",
            "--month",
            "2026-13",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn a_second_letter_the_same_day_needs_again() {
    let dir = imported();
    let first = issue(dir.path(), "3520011705850001");
    let number = first["number"].as_str().unwrap();
    let out = dir.path().join("kedua.pdf");
    let letter = |extra: &[&str]| {
        let mut args = vec![
            "letter",
            "3520011705850001",
            "--purpose",
            "pendaftaran sekolah",
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        run(dir.path(), &args)
    };
    let refused = letter(&[]);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains(number) && stderr.contains("--again"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing written");

    // A draft records nothing and is not refused; another NIK is not affected.
    assert!(letter(&["--draft"]).status.success());
    std::fs::remove_file(&out).unwrap();
    assert!(issue(dir.path(), "3520015708100002")["number"].is_string());

    let second = json(&letter(&["--again", "--json"]));
    assert!(
        second["number"].as_str().unwrap().starts_with("400.9/003/"),
        "the refusal used no number: {second}"
    );
}
