//! Tests of erasing old personal data: what is erased, what is kept, the period report
//! unchanged, open applications untouched, the Admin's rule.

use chrono::{Duration, Local, NaiveDate, TimeZone};

use super::*;
use crate::core::letter::issue::tests::request;
use crate::core::letter::issue_certificate;
use crate::core::register::{
    self, AttachmentKind, Channel, Handover, NewApplication, PAPERS, attach, attachments, get,
    history,
};
use crate::core::signoff::{SignOff, Step};

fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Local> {
    Local.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn new_application(channel: Channel, desa: &str) -> NewApplication {
    NewApplication {
        applicant_name: "Siti Aminah".into(),
        nik: request().person.nik,
        kk: "3520010101010001".into(),
        phone: "081234567890".into(),
        contact: "siti@contoh.invalid".into(),
        purpose: "Keringanan biaya sekolah".into(),
        desa: desa.into(),
        desa_letter_no: "140/12/2026".into(),
        channel: Some(channel),
        papers: PAPERS.map(String::from).to_vec(),
        ..Default::default()
    }
}

/// Writes an application at `when`, issues its letter, signs it and hands it over an
/// hour later.
fn handed_over(store: &Store, when: DateTime<Local>) -> i64 {
    let id = register::create(
        &store.register,
        &new_application(Channel::Loket, "Sukamaju"),
        "petugas",
        when,
    )
    .unwrap()
    .id;
    let mut req = request();
    req.application_id = Some(id);
    issue_certificate(store, &req).unwrap();
    let handed = when + Duration::hours(1);
    for step in [Step::Paraf, Step::Ttd] {
        let by = SignOff {
            actor: "kadis",
            at: handed - Duration::minutes(2),
            note: "",
            handover: None,
        };
        register::sign_off(store, id, step, &by).unwrap();
    }
    register::hand_over(store, id, &Handover::in_person(), "", "petugas", handed).unwrap();
    id
}

fn audit_rows(store: &Store, action: &str) -> Vec<(String, String, String)> {
    let mut stmt = store
        .register
        .prepare("SELECT actor, subject, detail FROM audit WHERE action = ?1 ORDER BY id")
        .unwrap();
    stmt.query_map([action], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

#[test]
fn the_cutoff_follows_the_months_and_zero_is_off() {
    let today = date(2026, 3, 31);
    assert_eq!(retention_cutoff(today, 0), None);
    assert_eq!(retention_cutoff(today, 1), Some(date(2026, 2, 28)));
    assert_eq!(retention_cutoff(today, 24), Some(date(2024, 3, 31)));
}

#[test]
fn closed_old_applications_lose_their_personal_data_and_the_report_stays_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("data")).unwrap();
    let conn = &store.register;
    let letter = handed_over(&store, at(2026, 1, 5, 9));
    let photo = dir.path().join("ktp.jpg");
    std::fs::write(&photo, b"\xff\xd8\xff\xe0 foto ktp").unwrap();
    let copy = attach(
        &store,
        letter,
        &photo,
        AttachmentKind::Ktp,
        "petugas",
        at(2026, 1, 5, 9),
    )
    .unwrap();
    let copy = store.dir().join(copy.path);
    let cancelled = register::create(
        conn,
        &new_application(Channel::WhatsApp, "Mekarsari"),
        "petugas",
        at(2026, 1, 6, 10),
    )
    .unwrap()
    .id;
    register::cancel(
        conn,
        cancelled,
        "pemohon Siti pindah ke luar kota",
        "petugas",
        at(2026, 1, 6, 11),
    )
    .unwrap();
    let open = register::create(
        conn,
        &new_application(Channel::Email, "Sukamaju"),
        "petugas",
        at(2026, 1, 7, 10),
    )
    .unwrap()
    .id;
    let recent = register::create(
        conn,
        &new_application(Channel::Loket, "Sukamaju"),
        "petugas",
        at(2026, 2, 10, 10),
    )
    .unwrap()
    .id;
    register::cancel(conn, recent, "salah catat", "petugas", at(2026, 2, 10, 11)).unwrap();

    let now = date(2026, 4, 1).and_hms_opt(9, 0, 0).unwrap();
    let report = |from, to| crate::core::report::period(conn, from, to, now).unwrap();
    let january = report(date(2026, 1, 1), date(2026, 1, 31));
    let february = report(date(2026, 2, 1), date(2026, 2, 28));
    let before = date(2026, 2, 1);
    assert_eq!(
        purge_count(conn, before).unwrap(),
        2,
        "the letter and the cancelled one"
    );

    let summary = purge_personal(&store, before, "admin", at(2026, 4, 1, 9)).unwrap();
    assert_eq!(summary.applications, 2);
    assert_eq!((summary.files_removed, summary.files_left.len()), (1, 0));
    assert!(!copy.exists(), "the attached KTP copy is deleted");
    assert!(attachments(conn, letter).unwrap().is_empty());

    for id in [letter, cancelled] {
        let a = get(conn, id).unwrap();
        assert_eq!(a.applicant_name, PURGED_NAME);
        assert_eq!(a.nik, "352001******0001");
        assert_eq!(
            (a.kk.as_str(), a.phone.as_str(), a.contact.as_str()),
            ("", "", "")
        );
        assert_eq!(a.desa_letter_no, "");
        assert_eq!(
            a.purpose, "Keringanan biaya sekolah",
            "the report counts it"
        );
        assert!(
            history(conn, id)
                .unwrap()
                .iter()
                .all(|e| e.note.is_empty() && e.contact.is_none())
        );
    }
    assert!(get(conn, letter).unwrap().status.is_final());
    assert_eq!(
        register::letters(conn, letter).unwrap().len(),
        1,
        "the letter in the archive is a legal record and stays"
    );
    for id in [open, recent] {
        assert_eq!(get(conn, id).unwrap().applicant_name, "Siti Aminah");
        assert_eq!(get(conn, id).unwrap().kk, "3520010101010001");
    }

    assert_eq!(report(date(2026, 1, 1), date(2026, 1, 31)), january);
    assert_eq!(report(date(2026, 2, 1), date(2026, 2, 28)), february);
    assert_eq!(
        audit_rows(&store, "hapus_data_pribadi"),
        [(
            "admin".to_string(),
            "sebelum 2026-02-01".to_string(),
            "2 permohonan, 1 lampiran".to_string()
        )]
    );
    assert_eq!(crate::core::audit::verify(conn).unwrap(), None);
    assert_eq!(
        purge_count(conn, before).unwrap(),
        0,
        "nothing left to erase"
    );
}

#[test]
fn only_an_admin_erases() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let conn = &store.register;
    let admin =
        crate::core::users::create_first_admin(conn, "Ani", "", "1234", at(2026, 1, 1, 8)).unwrap();
    let petugas = crate::core::users::NewUser {
        name: "Budi".into(),
        roles: vec![crate::core::users::Role::Petugas],
        pin: "5678".into(),
        ..Default::default()
    };
    crate::core::users::add(conn, &admin, petugas, at(2026, 1, 1, 8)).unwrap();
    let err = purge_personal(&store, date(2026, 1, 1), "Budi", at(2026, 4, 1, 9)).unwrap_err();
    assert!(err.to_string().contains("perlu peran admin"), "{err}");
    assert!(audit_rows(&store, "hapus_data_pribadi").is_empty());
    let done = purge_personal(&store, date(2026, 1, 1), "Ani", at(2026, 4, 1, 9)).unwrap();
    assert_eq!(done.applications, 0);
}
