//! CLI `register step` / `register undo`: a walk-in taken through every step by name,
//! an online one sent back to its contact, and illegal steps refused with exit 2 and
//! nothing written.

mod cli_common;

use std::path::Path;

use cli_common::{data_dir, imported, json, run};

fn refused(output: &std::process::Output, needle: &str) {
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains(needle), "{err}");
}

fn add(dir: &Path, nik: &str, extra: &[&str]) -> i64 {
    let mut args = vec![
        "register",
        "add",
        "--name",
        "Budi Santoso",
        "--nik",
        nik,
        "--purpose",
        "keringanan biaya sekolah",
        "--json",
    ];
    args.extend_from_slice(extra);
    json(&run(dir, &args))["id"].as_i64().unwrap()
}

fn step(dir: &Path, id: i64, args: &[&str]) -> std::process::Output {
    let id = id.to_string();
    let mut all = vec!["register", "step", id.as_str()];
    all.extend_from_slice(args);
    all.push("--json");
    run(dir, &all)
}

fn status_after(output: std::process::Output) -> String {
    json(&output)["status"].as_str().unwrap().to_string()
}

fn events(dir: &Path, id: i64) -> Vec<serde_json::Value> {
    let shown = json(&run(dir, &["register", "show", &id.to_string(), "--json"]));
    shown["events"].as_array().unwrap().clone()
}

#[test]
fn a_walk_in_goes_through_every_step_by_name() {
    let dir = imported();
    let id = add(
        dir.path(),
        "3520011705850001",
        &["--papers", "KTP,KK,PENGANTAR"],
    );

    // Not registered according to the snapshot: the step is refused, nothing written.
    refused(&step(dir.path(), id, &["tidak_terdaftar"]), "terdaftar");
    refused(&step(dir.path(), id, &["diparaf"]), "tidak dapat dilakukan");
    refused(&step(dir.path(), id, &["surat_dicetak"]), "--application");
    refused(
        &step(dir.path(), id, &["sudah"]),
        "Status \"sudah\" tidak dikenal",
    );
    assert_eq!(events(dir.path(), id).len(), 2, "intake and papers only");

    assert_eq!(
        status_after(step(dir.path(), id, &["terdaftar"])),
        "terdaftar"
    );
    let out = dir.path().join("surat.pdf");
    let letter = json(&run(
        dir.path(),
        &[
            "letter",
            "3520011705850001",
            "--application",
            &id.to_string(),
            "--purpose",
            "keringanan biaya sekolah",
            "--out",
            out.to_str().unwrap(),
            "--json",
        ],
    ));
    assert!(letter["number"].is_string());
    refused(
        &step(dir.path(), id, &["ditandatangani"]),
        "dapat diambil: Diparaf",
    );
    assert_eq!(status_after(step(dir.path(), id, &["diparaf"])), "diparaf");
    assert_eq!(
        status_after(step(dir.path(), id, &["ditandatangani"])),
        "ditandatangani"
    );
    assert_eq!(
        status_after(step(dir.path(), id, &["diserahkan", "--via", "langsung"])),
        "diserahkan"
    );
    refused(
        &step(dir.path(), id, &["dibatalkan", "--reason", "x"]),
        "sudah selesai",
    );

    let steps: Vec<String> = events(dir.path(), id)
        .iter()
        .map(|e| e["status"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        steps,
        [
            "diterima",
            "berkas_lengkap",
            "terdaftar",
            "surat_dicetak",
            "diparaf",
            "ditandatangani",
            "diserahkan"
        ]
    );
    let store = loket_dtks::core::Store::open(&data_dir(dir.path())).unwrap();
    let actions: Vec<String> = store
        .register
        .prepare("SELECT action FROM audit WHERE actor = ?1 ORDER BY id")
        .unwrap()
        .query_map([cli_common::ACTOR], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .filter(|a: &String| a != "cek_nik" && a != "impor_snapshot")
        .collect();
    assert_eq!(
        actions,
        [
            "catat_permohonan",
            "berkas_lengkap",
            "hasil_cek_terdaftar",
            "terbit_surat",
            "paraf",
            "ttd",
            "diserahkan"
        ]
    );
}

#[test]
fn an_online_request_is_sent_to_its_contact_and_a_wrong_send_is_undone() {
    let dir = imported();
    let id = add(
        dir.path(),
        "3520011705850001",
        &[
            "--channel",
            "email",
            "--contact",
            "budi@contoh.id",
            "--papers",
            "KK,KTP",
        ],
    );
    let shown = json(&run(
        dir.path(),
        &["register", "show", &id.to_string(), "--json"],
    ));
    assert_eq!(shown["status"], "berkas_tidak_lengkap");
    refused(&step(dir.path(), id, &["berkas_lengkap"]), "pengantar desa");
    let excused = step(
        dir.path(),
        id,
        &[
            "berkas_lengkap",
            "--reason",
            "pengantar menyusul lewat e-mail",
        ],
    );
    assert_eq!(status_after(excused), "berkas_lengkap");
    let out = dir.path().join("surat.pdf");
    json(&run(
        dir.path(),
        &[
            "letter",
            "3520011705850001",
            "--application",
            &id.to_string(),
            "--purpose",
            "sekolah",
            "--out",
            out.to_str().unwrap(),
            "--json",
        ],
    ));
    step(dir.path(), id, &["diparaf"]);
    step(dir.path(), id, &["ditandatangani"]);
    refused(&step(dir.path(), id, &["dikirim_online"]), "--via");
    let sent = step(dir.path(), id, &["dikirim_online", "--via", "email"]);
    assert_eq!(status_after(sent), "dikirim_online");
    let last = events(dir.path(), id).pop().unwrap();
    assert_eq!(last["via"], "E-mail");
    assert_eq!(
        last["contact"], "budi@contoh.id",
        "the application's contact"
    );

    refused(
        &run(
            dir.path(),
            &["register", "undo", &id.to_string(), "--reason", " "],
        ),
        "Alasan",
    );
    let undone = run(
        dir.path(),
        &[
            "register",
            "undo",
            &id.to_string(),
            "--reason",
            "alamat salah",
            "--json",
        ],
    );
    assert_eq!(status_after(undone), "ditandatangani");
    let events = events(dir.path(), id);
    assert_eq!(events[events.len() - 2]["undone"], true);
    assert_eq!(events[events.len() - 1]["kind"], "urung");
}
