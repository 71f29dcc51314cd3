//! Tests of the archive: checks, seals, scans and search.
use super::*;
use crate::core::letter::issue::{issue_with, tests::request};

fn issue(store: &Store, name: &str, nik: &str) -> crate::core::letter::Issued {
    let mut req = request();
    req.person.name = name.into();
    req.person.nik = nik.into();
    issue_with(store, &req, |_, c| {
        Ok(format!("%PDF-1.3 {:?}", c.number).into_bytes())
    })
    .unwrap()
}

#[test]
fn check_finds_changed_and_missing_files() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let a = issue(&store, "SITI AMINAH", "3520014107800001");
    let b = issue(&store, "BUDI SANTOSO", "3520010101800009");
    let c = issue(&store, "WATI", "3520015505900002");
    assert!(check(&store).unwrap().is_empty());
    assert_eq!(sha256_file(&a.file).unwrap(), a.sha256);
    std::fs::write(&a.file, b"%PDF-1.3 diubah").unwrap();
    std::fs::remove_file(&b.file).unwrap();
    let problems = check(&store).unwrap();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert_eq!(problems[0].certificate_id, a.certificate_id);
    assert_eq!(problems[0].problem, Problem::Changed);
    assert_eq!(problems[0].path, a.file);
    assert_eq!(problems[1].certificate_id, b.certificate_id);
    assert_eq!(problems[1].problem, Problem::Missing);
    assert!(
        problems
            .iter()
            .all(|p| p.certificate_id != c.certificate_id)
    );
}

#[test]
fn a_file_rewritten_with_its_stored_hash_breaks_its_seal() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let a = issue(&store, "SITI AMINAH", "3520014107800001");
    let b = issue(&store, "BUDI SANTOSO", "3520010101800009");
    assert_eq!(unsealed(&store).unwrap(), 0, "sealed when archived");
    let forged = b"%PDF-1.3 palsu".to_vec();
    std::fs::write(&a.file, &forged).unwrap();
    let sha = crate::core::letter::files::sha256_hex(&forged);
    for table in ["certificate", "archive_file"] {
        let key = if table == "certificate" {
            "id"
        } else {
            "certificate_id"
        };
        store
            .register
            .execute(
                &format!("UPDATE {table} SET sha256 = ?1 WHERE {key} = ?2"),
                params![sha, a.certificate_id],
            )
            .unwrap();
    }
    let problems = check(&store).unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].certificate_id, a.certificate_id);
    assert_eq!(problems[0].problem, Problem::HashChanged);
    assert_eq!(
        problems[0].problem.label(),
        "hash arsip diubah di basis data"
    );
    assert!(b.file.is_file());
}

#[test]
fn old_files_are_unsealed_until_sealed_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let a = issue(&store, "SITI AMINAH", "3520014107800001");
    let b = issue(&store, "BUDI SANTOSO", "3520010101800009");
    store
        .register
        .execute("UPDATE archive_file SET mac = NULL", [])
        .unwrap();
    std::fs::write(&b.file, b"%PDF-1.3 diubah").unwrap();
    assert_eq!(unsealed(&store).unwrap(), 2);
    assert_eq!(check(&store).unwrap().len(), 1, "unsealed is no error");
    let sealed = seal(&store, "admin", chrono::Local::now()).unwrap();
    assert_eq!(sealed, 1, "a changed file is never sealed");
    assert_eq!(unsealed(&store).unwrap(), 1);
    let detail: String = store
        .register
        .query_row(
            "SELECT detail FROM audit WHERE action = 'segel_arsip'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(detail, "1 berkas disegel");
    store
        .register
        .execute(
            "UPDATE archive_file SET sha256 = 'ff' WHERE certificate_id = ?1",
            [a.certificate_id],
        )
        .unwrap();
    assert!(
        check(&store)
            .unwrap()
            .iter()
            .any(|p| p.certificate_id == a.certificate_id && p.problem == Problem::HashChanged)
    );
}

#[test]
fn attaches_scans_and_refuses_other_files() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let issued = issue(&store, "SITI AMINAH", "3520014107800001");
    let scan = dir.path().join("Pindaian.JPG");
    std::fs::write(&scan, b"\xff\xd8\xff jpeg").unwrap();
    let copy = attach_scan(&store, issued.certificate_id, &scan, "petugas").unwrap();
    assert_eq!(copy.parent(), issued.file.parent());
    assert!(copy.to_string_lossy().ends_with("-pindaian-1.jpg"));
    assert_eq!(std::fs::read(&copy).unwrap(), b"\xff\xd8\xff jpeg");
    let second = attach_scan(&store, issued.certificate_id, &scan, "petugas").unwrap();
    assert!(second.to_string_lossy().ends_with("-pindaian-2.jpg"));
    assert!(check(&store).unwrap().is_empty());
    let doc = dir.path().join("surat.docx");
    std::fs::write(&doc, b"x").unwrap();
    let err = attach_scan(&store, issued.certificate_id, &doc, "petugas").unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err}");
    let err = attach_scan(&store, 999, &scan, "petugas").unwrap_err();
    assert!(matches!(err, Error::NotFound(_)));
    let n: i64 = store
        .register
        .query_row(
            "SELECT COUNT(*) FROM archive_file WHERE kind = 'scan'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 2);
}

#[test]
fn searches_by_number_name_and_nik() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let a = issue(&store, "SITI AMINAH", "3520014107800001");
    let b = issue(&store, "BUDI SANTOSO", "3520010101800009");
    let hits = search(&store, "aminah").unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].number.as_deref(), Some(a.number.as_str()));
    assert_eq!(hits[0].file, a.file);
    assert_eq!(search(&store, "800009").unwrap()[0].id, b.certificate_id);
    assert_eq!(search(&store, "/002/").unwrap()[0].id, b.certificate_id);
    let all = search(&store, "").unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].id, b.certificate_id, "newest first");
    assert!(search(&store, "%").unwrap().is_empty());
    let today = &all[0].issued_at[..10];
    assert_eq!(search_issued(&store, "", today).unwrap().len(), 2);
    assert_eq!(
        search_issued(&store, "aminah", &today[..7]).unwrap().len(),
        1
    );
    assert!(search_issued(&store, "", "1999-01").unwrap().is_empty());
    let kept = files(&store, a.certificate_id).unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(
        (kept[0].kind.as_str(), kept[0].sha256.as_str()),
        ("pdf", a.sha256.as_str())
    );
}
