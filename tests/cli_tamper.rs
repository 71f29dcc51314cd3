//! Tampering with the records between runs of the binary (the database edited with
//! SQLite directly): `audit verify` and `archive check` must tell.

mod cli_common;

use std::path::Path;
use std::process::Output;

use cli_common::{data_dir, imported, issue_letter, json, run};
use serde_json::Value;
use sha2::{Digest, Sha256};

fn db(root: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(data_dir(root).join("loket.db")).unwrap()
}

/// The JSON a failing command printed before its error.
fn failed_json(output: &Output) -> Value {
    assert!(!output.status.success(), "tampering must fail the check");
    serde_json::from_slice(&output.stdout).expect("stdout is one JSON object")
}

fn problems(report: &Value) -> Vec<(String, String)> {
    report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["kind"].as_str().unwrap().to_string(),
                p["detail"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A work folder with a letter issued (so the office has its key) and an intact log.
fn with_letter() -> (tempfile::TempDir, Value) {
    let dir = imported();
    let letter = issue_letter(dir.path(), "3520011705850001", "keringanan biaya sekolah");
    let report = json(&run(dir.path(), &["audit", "verify", "--json"]));
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(report["problems"], serde_json::json!([]));
    (dir, letter)
}

#[test]
fn removing_the_last_audit_entries_is_reported_with_since_when() {
    let (dir, _) = with_letter();
    let rows: i64 = db(dir.path())
        .query_row("SELECT COUNT(*) FROM audit", [], |r| r.get(0))
        .unwrap();
    db(dir.path())
        .execute("DELETE FROM audit WHERE id > ?1", [rows - 2])
        .unwrap();
    let report = failed_json(&run(dir.path(), &["audit", "verify", "--json"]));
    assert_eq!(report["ok"], false);
    let found = problems(&report);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "truncated");
    let since = report["anchored_at"].as_str().unwrap();
    assert!(
        found[0]
            .1
            .contains(&format!("2 entri terakhir hilang sejak {since}")),
        "{found:?}"
    );
    let text = run(dir.path(), &["audit", "verify"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("entri terakhir hilang"));
}

#[test]
fn emptying_the_audit_log_is_reported() {
    let (dir, _) = with_letter();
    db(dir.path()).execute("DELETE FROM audit", []).unwrap();
    let report = failed_json(&run(dir.path(), &["audit", "verify", "--json"]));
    assert_eq!(problems(&report)[0].0, "truncated");
    assert_eq!(report["first_broken_id"], 1);
}

#[test]
fn an_edited_entry_with_the_sha_chain_recomputed_is_reported() {
    let (dir, _) = with_letter();
    let conn = db(dir.path());
    conn.execute("UPDATE audit SET actor = 'bukan-saya' WHERE id = 2", [])
        .unwrap();
    // Recompute the whole chain as the old, unkeyed SHA-256 chain.
    let rows: Vec<(i64, Vec<String>)> = conn
        .prepare(
            "SELECT id, at, actor, action, COALESCE(subject, ''), COALESCE(detail, '')
             FROM audit ORDER BY id",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                (1..6)
                    .map(|i| r.get(i))
                    .collect::<Result<Vec<String>, _>>()?,
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut prev = "0".repeat(64);
    for (id, fields) in rows {
        let mut h = Sha256::new();
        for part in std::iter::once(&prev).chain(&fields) {
            h.update(part.as_bytes());
            h.update([0u8]);
        }
        let hash: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        conn.execute(
            "UPDATE audit SET prev_hash = ?1, hash = ?2, scheme = 'sha256' WHERE id = ?3",
            rusqlite::params![prev, hash, id],
        )
        .unwrap();
        prev = hash;
    }
    let report = failed_json(&run(dir.path(), &["audit", "verify", "--json"]));
    let found = problems(&report);
    assert!(
        found
            .iter()
            .any(|(kind, detail)| kind == "edited" && detail.contains("diubah")),
        "{found:?}"
    );
}

#[test]
fn a_swapped_pdf_with_its_hash_rewritten_is_reported() {
    let (dir, letter) = with_letter();
    let conn = db(dir.path());
    let rel: String = conn
        .query_row("SELECT path FROM archive_file", [], |r| r.get(0))
        .unwrap();
    let forged = b"%PDF-1.3 surat palsu".to_vec();
    std::fs::write(data_dir(dir.path()).join(&rel), &forged).unwrap();
    let sha: String = Sha256::digest(&forged)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    conn.execute(
        "UPDATE certificate SET sha256 = ?1 WHERE number = ?2",
        rusqlite::params![sha, letter["number"].as_str().unwrap()],
    )
    .unwrap();
    conn.execute("UPDATE archive_file SET sha256 = ?1", [&sha])
        .unwrap();
    let report = failed_json(&run(dir.path(), &["archive", "check", "--json"]));
    assert_eq!(
        report["problems"][0]["problem"], "hash arsip diubah di basis data",
        "{report}"
    );
}

#[test]
fn unsealed_files_are_reported_and_sealed_once() {
    let (dir, _) = with_letter();
    db(dir.path())
        .execute("UPDATE archive_file SET mac = NULL", [])
        .unwrap();
    let report = json(&run(dir.path(), &["archive", "check", "--json"]));
    assert_eq!(
        (report["ok"].clone(), report["unsealed"].clone()),
        (true.into(), 1.into())
    );
    let text = run(dir.path(), &["archive", "check"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("belum bersegel"));
    let sealed = json(&run(dir.path(), &["archive", "seal", "--json"]));
    assert_eq!(
        (sealed["sealed"].clone(), sealed["unsealed"].clone()),
        (1.into(), 0.into())
    );
    let logged: i64 = db(dir.path())
        .query_row(
            "SELECT COUNT(*) FROM audit WHERE action = 'segel_arsip'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, 1);
    let report = json(&run(dir.path(), &["archive", "check", "--json"]));
    assert_eq!(report["unsealed"], 0);
    assert_eq!(
        json(&run(dir.path(), &["audit", "verify", "--json"]))["ok"],
        true
    );
}
