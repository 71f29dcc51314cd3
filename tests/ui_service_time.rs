//! Waiting times against the office's standard: the front desk list, the operator queue
//! and the Pimpinan list show how long each application has waited, mark late ones and
//! intakes outside service hours. The clock is frozen at Monday 2 March 2026, 09:00;
//! the default standard is 30 minutes, hours Mon-Thu 07:30-15:15.
//! See `tests/ui_common/mod.rs` for how to run (ICED_TEST_BACKEND=tiny-skia).

mod ui_common;

use std::path::Path;

use loket_dtks::core::letter::{IssueRequest, issue_certificate};
use loket_dtks::core::nik::Nik;
use loket_dtks::core::snapshot::lookup::lookup;
use loket_dtks::core::{Store, demo};
use loket_dtks::ui::{App, Message, Role};
use ui_common::{app, applicant, assert_snapshot, feed, fixed_office_key, simulator, written_at};

/// A waiting application for `name` written at `created_at` (RFC 3339, office time).
fn application_at(store: &Store, name: &str, nik: &str, created_at: &str) -> i64 {
    written_at(store, &applicant(name, nik), created_at)
}

/// A data dir with the demo snapshot and a fixed office key.
fn store(dir: &Path) -> Store {
    fixed_office_key(dir);
    let store = Store::open(dir).unwrap();
    demo::ensure_demo(&store).unwrap();
    store
}

fn shows(app: &App, text: &str) -> bool {
    simulator(app).find(text).is_ok()
}

#[test]
fn a_late_application_is_marked_in_the_queue() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    application_at(
        &store,
        "Budi Santoso",
        demo::DEMO_REGISTERED_NIK,
        "2026-03-02T08:00:00+07:00",
    );
    application_at(
        &store,
        "Joko Susilo",
        "3520011705859999",
        "2026-03-02T08:45:00+07:00",
    );
    let mut app = app(dir.path());

    for role in [Role::PetugasLayanan, Role::Operator] {
        feed(&mut app, vec![Message::RoleSelected(role)]);
        assert!(shows(&app, "menunggu 1 jam"), "{role:?}: 08:00 to 09:00");
        assert!(shows(&app, "terlambat"), "{role:?}: past 30 minutes");
        assert!(shows(&app, "menunggu 15 menit"), "{role:?}: 08:45 to 09:00");
        assert!(
            !shows(&app, "di luar jam layanan"),
            "{role:?}: both in hours"
        );
    }
    assert!(shows(
        &app,
        "Standar waktu: 5 menit per langkah, selesai dalam 30 menit."
    ));
    assert_snapshot(&app, "operator_antrean_terlambat");
}

#[test]
fn an_application_within_the_standard_is_not_marked() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    application_at(
        &store,
        "Budi Santoso",
        demo::DEMO_REGISTERED_NIK,
        "2026-03-02T08:30:00+07:00",
    );
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Operator)]);
    assert!(shows(&app, "menunggu 30 menit"));
    assert!(
        !shows(&app, "terlambat"),
        "exactly at the standard is on time"
    );
}

#[test]
fn an_intake_on_saturday_is_marked_outside_service_hours() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    application_at(
        &store,
        "Budi Santoso",
        demo::DEMO_REGISTERED_NIK,
        "2026-02-28T10:00:00+07:00",
    );
    let app = app(dir.path());
    assert!(shows(&app, "di luar jam layanan"));
    assert!(
        shows(&app, "menunggu 1 jam 30 menit"),
        "counted from Monday's opening at 07:30, not from Saturday"
    );
}

#[test]
fn the_pimpinan_list_shows_how_long_the_application_has_taken() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    let id = application_at(
        &store,
        "Budi Santoso",
        demo::DEMO_REGISTERED_NIK,
        "2026-03-02T08:00:00+07:00",
    );
    let nik = Nik::parse(demo::DEMO_REGISTERED_NIK).unwrap();
    let answer = lookup(&store.snapshots, &nik).unwrap();
    issue_certificate(
        &store,
        &IssueRequest {
            application_id: Some(id),
            person: answer.person.clone().unwrap(),
            programs: answer.programs.clone(),
            snapshot: answer.snapshot.clone(),
            purpose: "Keringanan biaya sekolah".into(),
            actor: "operator".into(),
            date: ui_common::today(),
        },
    )
    .unwrap();
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Pimpinan)]);
    assert!(
        shows(&app, "menunggu 1 jam"),
        "not handed over yet: still counting"
    );
    assert!(shows(&app, "terlambat"));
}
