//! Tampering with the audit log outside the app, and what [`check`] reports.

use chrono::Local;
use ed25519_dalek::SigningKey;
use rusqlite::{Connection, params};

use super::mac::MacKey;
use super::*;

/// A data dir with a fixed office key and a register holding `n` keyed entries.
fn keyed_log(n: usize) -> (tempfile::TempDir, Connection) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(crate::core::key::KEY_FILE), [7u8; 32]).unwrap();
    let conn = crate::core::db::open_register(&dir.path().join("loket.db")).unwrap();
    add(&conn, n);
    (dir, conn)
}

fn add(conn: &Connection, n: usize) {
    for i in 0..n {
        record(
            conn,
            "operator",
            AuditAction::CekNik,
            &format!("352001******{i:04}"),
            "",
            Local::now(),
        )
        .unwrap();
    }
}

fn kinds(conn: &Connection) -> Vec<(ProblemKind, Option<i64>)> {
    check(conn)
        .unwrap()
        .problems
        .iter()
        .map(|p| (p.kind, p.id))
        .collect()
}

/// Rewrites every entry from `from` on with `hash_of(prev, fields)`, as someone with
/// the database (but not the office key) would after editing an entry.
fn rechain(conn: &Connection, from: i64, scheme: &str, hash_of: &dyn Fn(&[&str]) -> String) {
    let rows: Vec<(i64, [String; 5])> = conn
        .prepare("SELECT id, at, actor, action, subject, detail FROM audit ORDER BY id")
        .unwrap()
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?],
            ))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut prev = GENESIS.to_string();
    for (id, f) in rows {
        if id >= from {
            let fields = [prev.as_str(), &f[0], &f[1], &f[2], &f[3], &f[4]];
            let hash = hash_of(&fields);
            conn.execute(
                "UPDATE audit SET prev_hash = ?1, hash = ?2, scheme = ?3 WHERE id = ?4",
                params![prev, hash, scheme, id],
            )
            .unwrap();
        }
        prev = conn
            .query_row("SELECT hash FROM audit WHERE id = ?1", [id], |r| r.get(0))
            .unwrap();
    }
}

#[test]
fn an_intact_keyed_log_is_anchored() {
    let (dir, conn) = keyed_log(4);
    let report = check(&conn).unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!((report.entries, report.keyed), (4, 4));
    let StoredAnchor::Valid(anchor) = read_anchor(dir.path()) else {
        panic!("the anchor is written and signed");
    };
    assert_eq!((anchor.last_id, anchor.count), (4, 4));
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(dir.path().join(ANCHOR_FILE))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn removing_the_last_entries_is_reported_with_the_anchor_time() {
    let (_dir, conn) = keyed_log(5);
    conn.execute("DELETE FROM audit WHERE id > 3", []).unwrap();
    let report = check(&conn).unwrap();
    assert_eq!(report.problems.len(), 1, "{report:?}");
    let p = &report.problems[0];
    assert_eq!((p.kind, p.id), (ProblemKind::Truncated, Some(4)));
    let at = report.anchored_at.clone().unwrap();
    assert!(
        p.detail
            .contains(&format!("2 entri terakhir hilang sejak {at}")),
        "{}",
        p.detail
    );
    assert_eq!(verify(&conn).unwrap(), Some(4));
    // The next entry does not overwrite the evidence.
    add(&conn, 1);
    assert_eq!(kinds(&conn)[0].0, ProblemKind::Truncated);
}

#[test]
fn removing_every_entry_is_reported() {
    let (_dir, conn) = keyed_log(3);
    conn.execute("DELETE FROM audit", []).unwrap();
    let report = check(&conn).unwrap();
    assert_eq!(kinds(&conn), [(ProblemKind::Truncated, Some(1))]);
    assert!(
        report.problems[0]
            .detail
            .starts_with("3 entri terakhir hilang")
    );
}

#[test]
fn an_edit_with_the_plain_chain_recomputed_is_reported() {
    let (_dir, conn) = keyed_log(4);
    conn.execute("UPDATE audit SET actor = 'orang lain' WHERE id = 2", [])
        .unwrap();
    rechain(&conn, 2, "hmac", &|f| plain_hash(f));
    let found = kinds(&conn);
    assert_eq!(found[0], (ProblemKind::Edited, Some(2)), "{found:?}");
    // Passing the rewritten entries off as old, unkeyed ones does not help either.
    rechain(&conn, 1, "sha256", &|f| plain_hash(f));
    let report = check(&conn).unwrap();
    assert_eq!(report.keyed, 0);
    assert_eq!(
        kinds(&conn),
        [(ProblemKind::Edited, Some(4))],
        "the anchored head differs: {report:?}"
    );
}

#[test]
fn an_edit_rechained_with_another_key_is_reported() {
    let (_dir, conn) = keyed_log(3);
    conn.execute("UPDATE audit SET subject = 'x' WHERE id = 3", [])
        .unwrap();
    let wrong = MacKey::derive(&SigningKey::from_bytes(&[9u8; 32]));
    rechain(&conn, 3, "hmac", &|f| wrong.tag(f));
    let report = check(&conn).unwrap();
    assert_eq!(report.problems[0].kind, ProblemKind::Edited);
    assert_eq!(report.problems[0].id, Some(3));
    assert!(report.problems[0].detail.contains("entri #3"), "{report:?}");
    assert_eq!(verify(&conn).unwrap(), Some(3));
}

#[test]
fn a_forged_or_missing_anchor_is_reported() {
    let (dir, conn) = keyed_log(3);
    let path = dir.path().join(ANCHOR_FILE);
    let mut anchor: Anchor = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    anchor.count = 2;
    std::fs::write(&path, serde_json::to_vec(&anchor).unwrap()).unwrap();
    assert_eq!(kinds(&conn), [(ProblemKind::AnchorForged, None)]);
    assert_eq!(verify(&conn).unwrap(), Some(0));
    std::fs::write(&path, b"bukan json").unwrap();
    assert_eq!(kinds(&conn), [(ProblemKind::AnchorForged, None)]);
    std::fs::remove_file(&path).unwrap();
    assert_eq!(kinds(&conn), [(ProblemKind::AnchorMissing, None)]);
    add(&conn, 1);
    assert!(!path.exists(), "a lost anchor is not silently made anew");
}

#[test]
fn old_plain_entries_then_keyed_ones_verify_and_a_later_plain_one_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let conn = crate::core::db::open_register(&dir.path().join("loket.db")).unwrap();
    add(&conn, 2);
    assert!(check(&conn).unwrap().is_intact());
    assert!(!dir.path().join(ANCHOR_FILE).exists(), "no key, no anchor");
    std::fs::write(dir.path().join(crate::core::key::KEY_FILE), [7u8; 32]).unwrap();
    add(&conn, 2);
    let schemes: Vec<String> = conn
        .prepare("SELECT scheme FROM audit ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(schemes, ["sha256", "sha256", "hmac", "hmac"]);
    let report = check(&conn).unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.keyed, 2);
    // A plain entry slipped in after the keyed ones (its chain link correct).
    let prev: String = conn
        .query_row("SELECT hash FROM audit WHERE id = 4", [], |r| r.get(0))
        .unwrap();
    let f = [
        prev.as_str(),
        "2026-01-01T00:00:00+07:00",
        "x",
        "cek_nik",
        "",
        "",
    ];
    conn.execute(
        "INSERT INTO audit(at, actor, action, subject, detail, prev_hash, hash, scheme)
         VALUES (?1, 'x', 'cek_nik', '', '', ?2, ?3, 'sha256')",
        params![f[1], prev, plain_hash(&f)],
    )
    .unwrap();
    assert_eq!(kinds(&conn), [(ProblemKind::Unkeyed, Some(5))]);
}

#[test]
fn many_entries_stay_intact_and_print_their_cost() {
    let (_dir, conn) = keyed_log(1);
    let n = 200;
    let start = std::time::Instant::now();
    add(&conn, n);
    let each = start.elapsed() / n as u32;
    let dir = tempfile::tempdir().unwrap();
    let plain = crate::core::db::open_register(&dir.path().join("loket.db")).unwrap();
    let start = std::time::Instant::now();
    add(&plain, n);
    let unkeyed = start.elapsed() / n as u32;
    // A figure to read, not a timed assertion: the database's own synced commit
    // dominates, the anchor adds little to it.
    println!("one audit entry: {each:?} keyed and anchored, {unkeyed:?} plain");
    assert!(check(&conn).unwrap().is_intact());
}
