//! Tests of attaching copies of papers to an application.

use chrono::{Local, TimeZone};

use super::*;
use crate::core::register::{NewApplication, PAPERS, create};

fn at() -> DateTime<Local> {
    Local.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

/// A store with one application; returns the store and the application id.
fn store_with_application(dir: &Path) -> (Store, i64) {
    let store = Store::open(&dir.join("data")).unwrap();
    let new = NewApplication {
        applicant_name: "Siti Aminah".into(),
        nik: "3520015708100002".into(),
        purpose: "Keringanan biaya sekolah".into(),
        papers: PAPERS.map(String::from).to_vec(),
        ..Default::default()
    };
    let id = create(&store.register, &new, "petugas", at()).unwrap().id;
    (store, id)
}

fn source(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

const JPEG: &[u8] = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00 foto ktp";

fn audit_actions(store: &Store) -> Vec<(String, String, String)> {
    let mut stmt = store
        .register
        .prepare("SELECT action, subject, detail FROM audit ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

#[test]
fn a_copy_is_stored_hashed_listed_and_logged() {
    let dir = tempfile::tempdir().unwrap();
    let (store, id) = store_with_application(dir.path());
    let photo = source(dir.path(), "ktp siti.jpeg", JPEG);
    let added = attach(&store, id, &photo, AttachmentKind::Ktp, "petugas", at()).unwrap();

    assert_eq!(added.file_name, "ktp siti.jpeg");
    assert!(
        added.path.starts_with("lampiran/2026/03/") && added.path.ends_with(".jpg"),
        "{}",
        added.path
    );
    assert_eq!(added.sha256, crate::core::letter::files::sha256_hex(JPEG));
    assert_eq!(added.size, JPEG.len() as u64);
    assert_eq!(added.short_hash().len(), 12);
    let copy = store.dir().join(&added.path);
    assert_eq!(std::fs::read(&copy).unwrap(), JPEG);
    assert_eq!(
        attachments(&store.register, id).unwrap(),
        vec![added.clone()]
    );

    let (action, subject, detail) = audit_actions(&store).pop().unwrap();
    assert_eq!(action, "lampir_berkas");
    assert_eq!(subject, get(&store.register, id).unwrap().register_no);
    assert_eq!(detail, format!("KTP {}", added.sha256));
    assert_eq!(audit::verify(&store.register).unwrap(), None);
}

#[cfg(unix)]
#[test]
fn copies_are_readable_by_the_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let (store, id) = store_with_application(dir.path());
    let pdf = source(dir.path(), "kk.pdf", b"%PDF-1.4\n%kk\n");
    let added = attach(&store, id, &pdf, AttachmentKind::Kk, "petugas", at()).unwrap();
    let mode = std::fs::metadata(store.dir().join(&added.path))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn the_same_file_twice_gets_two_names_and_nothing_is_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let (store, id) = store_with_application(dir.path());
    let png = source(dir.path(), "kk.png", b"\x89PNG\r\n\x1a\nkk");
    let first = attach(&store, id, &png, AttachmentKind::Kk, "petugas", at()).unwrap();
    // A stray file already holding the next name is left alone.
    let next = store.dir().join(first.path.replace("-1.png", "-2.png"));
    std::fs::write(&next, b"jangan ditimpa").unwrap();
    let second = attach(&store, id, &png, AttachmentKind::Kk, "petugas", at()).unwrap();
    assert_ne!(first.path, second.path);
    assert!(second.path.ends_with("-3.png"), "{}", second.path);
    assert_eq!(std::fs::read(&next).unwrap(), b"jangan ditimpa");
    assert_eq!(attachments(&store.register, id).unwrap().len(), 2);
}

#[test]
fn wrong_types_directories_and_large_files_are_refused_and_nothing_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let (store, id) = store_with_application(dir.path());
    let logged = audit_actions(&store).len();

    let text = source(dir.path(), "ktp.jpg", b"bukan foto, hanya teks");
    let err = attach(&store, id, &text, AttachmentKind::Ktp, "petugas", at()).unwrap_err();
    assert!(
        err.to_string().contains("bukan foto JPEG/PNG atau PDF"),
        "{err}"
    );

    let folder = dir.path().join("folder.pdf");
    std::fs::create_dir(&folder).unwrap();
    let err = attach(&store, id, &folder, AttachmentKind::Ktp, "petugas", at()).unwrap_err();
    assert!(err.to_string().contains("bukan berkas biasa"), "{err}");

    let large = dir.path().join("besar.pdf");
    let file = std::fs::File::create(&large).unwrap();
    file.set_len(MAX_ATTACHMENT_BYTES + 1).unwrap();
    let err = attach(&store, id, &large, AttachmentKind::Kk, "petugas", at()).unwrap_err();
    assert!(err.to_string().contains("lebih dari 20 MB"), "{err}");

    let missing = attach(&store, 999, &text, AttachmentKind::Kk, "petugas", at()).unwrap_err();
    assert!(matches!(missing, Error::NotFound(_)), "{missing}");

    assert!(attachments(&store.register, id).unwrap().is_empty());
    assert_eq!(audit_actions(&store).len(), logged);
    assert!(!store.dir().join(ATTACHMENT_DIR).exists(), "no copy left");
}

#[test]
fn a_failed_record_removes_the_copy() {
    let dir = tempfile::tempdir().unwrap();
    let (store, id) = store_with_application(dir.path());
    store
        .register
        .execute_batch(
            "CREATE TRIGGER refuse BEFORE INSERT ON application_file
             BEGIN SELECT RAISE(ABORT, 'uji'); END;",
        )
        .unwrap();
    let photo = source(dir.path(), "ktp.jpg", JPEG);
    assert!(attach(&store, id, &photo, AttachmentKind::Ktp, "petugas", at()).is_err());
    let month = store.dir().join("lampiran/2026/03");
    assert_eq!(
        std::fs::read_dir(&month).unwrap().count(),
        0,
        "copy removed"
    );
}

#[test]
fn kinds_parse_from_the_command_line_words() {
    assert_eq!(
        AttachmentKind::parse("pengantar"),
        Some(AttachmentKind::Pengantar)
    );
    assert_eq!(AttachmentKind::parse("KTP"), Some(AttachmentKind::Ktp));
    assert_eq!(
        AttachmentKind::parse("LAINNYA"),
        Some(AttachmentKind::Lainnya)
    );
    assert_eq!(AttachmentKind::parse("paspor"), None);
}
