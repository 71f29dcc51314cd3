//! Tests of the operator's check of an application: the lookup is logged and its result
//! recorded in the register once.

use chrono::Local;

use super::*;
use crate::core::demo;
use crate::core::register::{NewApplication, PAPERS, Status};

/// A store with the demo snapshot and a complete application for `nik`.
fn with_application(nik: &str) -> (tempfile::TempDir, Store, i64) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    demo::ensure_demo(&store).unwrap();
    let new = NewApplication {
        applicant_name: "Budi Santoso".into(),
        nik: nik.into(),
        purpose: "Keringanan biaya sekolah".into(),
        papers: PAPERS.map(String::from).to_vec(),
        ..NewApplication::default()
    };
    let id = register::create(&store.register, &new, "petugas", Local::now())
        .unwrap()
        .id;
    (dir, store, id)
}

fn events(store: &Store, id: i64) -> usize {
    register::history(&store.register, id).unwrap().len()
}

fn lookups_logged(store: &Store) -> i64 {
    store
        .register
        .query_row(
            "SELECT COUNT(*) FROM audit WHERE action = 'cek_nik'",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn a_registered_applicant_is_recorded_once_and_every_lookup_is_logged() {
    let (_dir, store, id) = with_application(demo::DEMO_REGISTERED_NIK);
    assert_eq!(
        register::get(&store.register, id).unwrap().status,
        Status::BerkasLengkap
    );
    let answer = check_application(&store, id, "operator", Local::now()).unwrap();
    assert!(answer.registered());
    let app = register::get(&store.register, id).unwrap();
    assert_eq!(app.status, Status::Terdaftar);
    let before = events(&store, id);

    check_application(&store, id, "operator", Local::now()).unwrap();
    assert_eq!(
        register::get(&store.register, id).unwrap().status,
        Status::Terdaftar
    );
    assert_eq!(events(&store, id), before, "opened again: no new step");
    assert_eq!(lookups_logged(&store), 2, "both lookups are logged");
    assert_eq!(audit::verify(&store.register).unwrap(), None);
}

#[test]
fn a_person_not_in_the_snapshot_is_recorded_as_not_registered() {
    let (_dir, store, id) = with_application("3520011705859999");
    let answer = check_application(&store, id, "operator", Local::now()).unwrap();
    assert!(!answer.registered());
    let history = register::history(&store.register, id).unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.status, Status::TidakTerdaftar.code());
    assert!(last.note.contains("tidak terdaftar"), "{}", last.note);
    assert_eq!(last.actor, "operator");
}

#[test]
fn a_result_the_register_cannot_take_is_refused_but_the_lookup_is_logged() {
    let (_dir, store, id) = with_application("3520011705859999");
    register::record_check(&store.register, id, true, "uji", "operator", Local::now()).unwrap();
    let err = check_application(&store, id, "operator", Local::now()).unwrap_err();
    assert!(err.to_string().contains("Tidak terdaftar"), "{err}");
    assert_eq!(
        register::get(&store.register, id).unwrap().status,
        Status::Terdaftar
    );
    assert_eq!(lookups_logged(&store), 1);
}
