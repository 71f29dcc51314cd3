//! Tests of issuing, slips, voiding and printing against a real register database.

use std::path::Path;

use super::*;
use crate::core::letter::records::{issue_not_registered_slip, mark_printed, void_certificate};
use crate::core::letter::render::tests::{sample_person, sample_snapshot};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

pub(crate) fn request() -> IssueRequest {
    IssueRequest {
        application_id: None,
        person: sample_person(),
        programs: vec!["PKH".into()],
        snapshot: sample_snapshot(false),
        purpose: "pendaftaran sekolah".into(),
        actor: "petugas".into(),
        date: day(),
    }
}

fn fake_pdf(_: &Settings, c: &CertificateContent) -> Result<Vec<u8>> {
    Ok(format!("%PDF-1.3 palsu {:?}", c.number).into_bytes())
}

fn add_application(store: &Store) -> i64 {
    store
        .register
        .execute(
            "INSERT INTO application(year, seq, created_at, channel, applicant_name, nik,
                 purpose, status, updated_at)
             VALUES (2026, (SELECT COUNT(*) + 1 FROM application), '2026-11-27T08:00:00+07:00',
                 'loket', 'SITI AMINAH', '3520014107800001', 'sekolah', 'berkas_lengkap',
                 '2026-11-27T08:00:00+07:00')",
            [],
        )
        .unwrap();
    store.register.last_insert_rowid()
}

fn count(store: &Store, sql: &str) -> i64 {
    store.register.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn pdf_files(store: &Store) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&store.archive_dir(), &mut out);
    out
}

#[test]
fn issues_a_letter_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let app = add_application(&store);
    let mut req = request();
    req.application_id = Some(app);
    let issued = issue_certificate(&store, &req).unwrap();
    assert_eq!(issued.number, "400.9/001/Dinsos/XI/2026");
    assert!(issued.verification_code.starts_with("2026-0001-"));
    assert_eq!(issued.verification_code.len(), "2026-0001-".len() + 16 + 1);
    assert!(crate::core::verify::check_char::is_valid(
        &issued.verification_code
    ));
    assert!(issued.file.is_absolute());
    assert!(
        issued
            .file
            .ends_with("arsip/2026/11/400.9_001_Dinsos_XI_2026.pdf")
    );
    let bytes = std::fs::read(&issued.file).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert_eq!(sha256_hex(&bytes), issued.sha256);
    let (file, status): (String, String) = store
        .register
        .query_row(
            "SELECT file, status FROM certificate WHERE id = ?1",
            [issued.certificate_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(file, "arsip/2026/11/400.9_001_Dinsos_XI_2026.pdf");
    assert_eq!(status, "final");
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM archive_file WHERE kind = 'pdf'"
        ),
        1
    );
    let app_status: String = store
        .register
        .query_row("SELECT status FROM application WHERE id = ?1", [app], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(app_status, "surat_dicetak");
    let note: String = store
        .register
        .query_row(
            "SELECT note FROM application_event WHERE status = 'surat_dicetak'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(note, format!("Surat {} diterbitkan", issued.number));
    let detail: String = store
        .register
        .query_row(
            "SELECT detail FROM audit WHERE action = 'terbit_surat'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(detail, "352001******0001");
    assert_eq!(crate::core::audit::verify(&store.register).unwrap(), None);
    // The draft records nothing.
    let draft = render_draft(&store, &req).unwrap();
    assert!(draft.starts_with(b"%PDF"));
    assert_eq!(count(&store, "SELECT COUNT(*) FROM certificate"), 1);
}

#[test]
fn numbering_is_gap_free_and_unique_across_processes() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = Store::open(dir.path()).unwrap();
        store.settings().unwrap();
    }
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let path = dir.path().to_path_buf();
            std::thread::spawn(move || {
                let store = Store::open(&path).unwrap();
                (0..10)
                    .map(|_| issue_with(&store, &request(), fake_pdf).unwrap().number)
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut numbers: Vec<String> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 40);
    let store = Store::open(dir.path()).unwrap();
    let mut stmt = store
        .register
        .prepare("SELECT seq FROM certificate ORDER BY seq")
        .unwrap();
    let seqs: Vec<u32> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(seqs, (1..=40).collect::<Vec<u32>>());
    assert_eq!(pdf_files(&store).len(), 40);
}

#[test]
fn a_bad_template_uses_no_number_and_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut settings = store.settings().unwrap();
    settings.number_template = "400.9/Dinsos/{tahun}".into();
    settings.save(&store.register).unwrap();
    let err = issue_certificate(&store, &request()).unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err}");
    assert_eq!(count(&store, "SELECT COUNT(*) FROM certificate"), 0);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM audit"), 0);
    assert!(pdf_files(&store).is_empty());
}

#[test]
fn a_failure_after_writing_removes_the_file_and_keeps_the_number() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut req = request();
    req.application_id = Some(999);
    let err = issue_certificate(&store, &req).unwrap_err();
    assert!(matches!(err, Error::NotFound(_)), "{err}");
    assert_eq!(count(&store, "SELECT COUNT(*) FROM certificate"), 0);
    assert!(pdf_files(&store).is_empty(), "{:?}", pdf_files(&store));
    let err = issue_with(&store, &request(), |_, _| Err(Error::Letter("uji".into()))).unwrap_err();
    assert!(matches!(err, Error::Letter(_)));
    // Fail at the very end (the audit entry), after the PDF was written and rows inserted.
    store
        .register
        .execute_batch("ALTER TABLE audit RENAME TO audit_x")
        .unwrap();
    let err = issue_with(&store, &request(), fake_pdf).unwrap_err();
    assert!(matches!(err, Error::Database(_)), "{err}");
    assert_eq!(count(&store, "SELECT COUNT(*) FROM certificate"), 0);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM archive_file"), 0);
    assert!(pdf_files(&store).is_empty(), "{:?}", pdf_files(&store));
    store
        .register
        .execute_batch("ALTER TABLE audit_x RENAME TO audit")
        .unwrap();
    let issued = issue_with(&store, &request(), fake_pdf).unwrap();
    assert_eq!(issued.number, "400.9/001/Dinsos/XI/2026");
}

#[test]
fn voiding_needs_a_reason_and_keeps_the_number() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let first = issue_with(&store, &request(), fake_pdf).unwrap();
    let err = void_certificate(&store, &first.number, "  ", "kabid").unwrap_err();
    assert!(matches!(err, Error::Invalid(_)));
    void_certificate(&store, &first.number, "salah ketik nama", "kabid").unwrap();
    let err = void_certificate(&store, &first.number, "lagi", "kabid").unwrap_err();
    assert!(matches!(err, Error::Invalid(_)));
    let err = void_certificate(&store, "999/X", "alasan", "kabid").unwrap_err();
    assert!(matches!(err, Error::NotFound(_)));
    let (status, reason): (String, String) = store
        .register
        .query_row(
            "SELECT status, void_reason FROM certificate WHERE number = ?1",
            [&first.number],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (status.as_str(), reason.as_str()),
        ("void", "salah ketik nama")
    );
    let second = issue_with(&store, &request(), fake_pdf).unwrap();
    assert_eq!(second.number, "400.9/002/Dinsos/XI/2026");
    let err = mark_printed(&store, first.certificate_id, "petugas").unwrap_err();
    assert!(matches!(err, Error::Invalid(_)));
}

#[test]
fn printing_twice_is_audited_as_a_reprint() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let issued = issue_with(&store, &request(), fake_pdf).unwrap();
    assert_eq!(
        mark_printed(&store, issued.certificate_id, "petugas").unwrap(),
        1
    );
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM audit WHERE action = 'cetak_ulang'"
        ),
        0
    );
    assert_eq!(
        mark_printed(&store, issued.certificate_id, "petugas").unwrap(),
        2
    );
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM audit WHERE action = 'cetak_ulang'"
        ),
        1
    );
    assert!(matches!(
        mark_printed(&store, 4242, "petugas").unwrap_err(),
        Error::NotFound(_)
    ));
}

#[test]
fn slip_closes_the_application_without_a_number() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let app = add_application(&store);
    let snapshot = sample_snapshot(true);
    let slip = issue_not_registered_slip(
        &store,
        Some(app),
        "3520010101800009",
        "BUDI",
        &snapshot,
        "petugas",
        day(),
    )
    .unwrap();
    assert!(
        slip.file
            .ends_with(format!("arsip/2026/11/slip-{:06}.pdf", slip.certificate_id))
    );
    assert!(std::fs::read(&slip.file).unwrap().starts_with(b"%PDF"));
    let (kind, number): (String, Option<String>) = store
        .register
        .query_row("SELECT kind, number FROM certificate", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((kind.as_str(), number), ("slip", None));
    let (status, note): (String, String) = store
        .register
        .query_row("SELECT status, result_note FROM application", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(status, "slip_saran");
    assert_eq!(note, store.settings().unwrap().not_registered_advice);
    // A slip does not consume a letter number.
    let issued = issue_with(&store, &request(), fake_pdf).unwrap();
    assert_eq!(issued.number, "400.9/001/Dinsos/XI/2026");
}

#[test]
fn file_stem_replaces_unsafe_characters() {
    assert_eq!(
        file_stem("400.9/007/Dinsos:XI 2026"),
        "400.9_007_Dinsos_XI_2026"
    );
}

#[test]
fn a_letter_for_a_finished_application_is_refused_and_uses_no_number() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let app = add_application(&store);
    crate::core::register::cancel(
        &store.register,
        app,
        "salah ketik",
        "petugas",
        chrono::Local::now(),
    )
    .unwrap();
    let mut req = request();
    req.application_id = Some(app);
    let err = issue_with(&store, &req, fake_pdf).unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err}");
    assert_eq!(count(&store, "SELECT COUNT(*) FROM certificate"), 0);
    assert!(pdf_files(&store).is_empty());
    // The register's own rule decided: the application is still cancelled.
    let status: String = store
        .register
        .query_row("SELECT status FROM application WHERE id = ?1", [app], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(status, "dibatalkan");
}

#[test]
fn the_register_stays_writable_while_a_letter_is_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let app = add_application(&store);
    let mut req = request();
    req.application_id = Some(app);
    let mut saved = Vec::new();
    let issued = issue_with(&store, &req, |settings, content| {
        // The front desk saves an application on its own connection meanwhile. With the
        // write lock held by the issuer this would fail once the short timeout ran out.
        let desk = crate::core::db::open_register(&dir.path().join("loket.db"))?;
        desk.busy_timeout(std::time::Duration::from_millis(200))?;
        let new = crate::core::register::NewApplication {
            applicant_name: "BUDI SANTOSO".into(),
            nik: "3520010101800009".into(),
            purpose: "keringanan biaya rumah sakit".into(),
            ..Default::default()
        };
        saved.push(crate::core::register::create(
            &desk,
            &new,
            "loket-2",
            chrono::Local::now(),
        ));
        fake_pdf(settings, content)
    })
    .unwrap();
    assert_eq!(saved.len(), 1, "the letter is drawn once");
    let other = saved
        .pop()
        .unwrap()
        .expect("the register is not locked while drawing");
    assert_eq!(issued.number, "400.9/001/Dinsos/XI/2026");
    assert_eq!(count(&store, "SELECT COUNT(*) FROM application"), 2);
    let status: String = store
        .register
        .query_row(
            "SELECT status FROM application WHERE id = ?1",
            [other.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(status, "berkas_tidak_lengkap");
    assert_eq!(crate::core::audit::verify(&store.register).unwrap(), None);
    assert_eq!(pdf_files(&store), vec![issued.file]);
}

#[test]
fn a_number_taken_while_drawing_is_drawn_again_with_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut drawn = Vec::new();
    let issued = issue_with(&store, &request(), |settings, content| {
        drawn.push(content.number.clone().unwrap());
        if drawn.len() == 1 {
            // Another counter issues a letter on its own connection meanwhile.
            let other = Store::open(dir.path())?;
            issue_with(&other, &request(), fake_pdf)?;
        }
        fake_pdf(settings, content)
    })
    .unwrap();
    assert_eq!(
        drawn,
        ["400.9/001/Dinsos/XI/2026", "400.9/002/Dinsos/XI/2026"]
    );
    assert_eq!(issued.number, "400.9/002/Dinsos/XI/2026");
    assert!(
        std::fs::read(&issued.file)
            .unwrap()
            .ends_with(b"Some(\"400.9/002/Dinsos/XI/2026\")")
    );
    assert_eq!(count(&store, "SELECT COUNT(*) FROM certificate"), 2);
    // Two archived letters, no temporary file left over.
    assert_eq!(pdf_files(&store).len(), 2, "{:?}", pdf_files(&store));
}

#[test]
fn after_losing_every_race_the_last_try_draws_under_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut locked = Vec::new();
    let issued = issue_with(&store, &request(), |settings, content| {
        let other = Store::open(dir.path())?;
        other
            .register
            .busy_timeout(std::time::Duration::from_millis(100))?;
        // Another counter wins the number every time it may; the last try holds the lock.
        locked.push(issue_with(&other, &request(), fake_pdf).is_err());
        fake_pdf(settings, content)
    })
    .unwrap();
    let mut expected = vec![false; UNLOCKED_TRIES];
    expected.push(true);
    assert_eq!(locked, expected);
    assert_eq!(
        issued.number,
        format!("400.9/{:03}/Dinsos/XI/2026", UNLOCKED_TRIES + 1)
    );
    assert_eq!(pdf_files(&store).len(), UNLOCKED_TRIES + 1);
    let mut stmt = store
        .register
        .prepare("SELECT seq FROM certificate ORDER BY seq")
        .unwrap();
    let seqs: Vec<i64> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(seqs, (1..=UNLOCKED_TRIES as i64 + 1).collect::<Vec<_>>());
}
