//! Operator: choosing a waiting application, checking the NIK, issuing and printing the
//! letter, or recording "tidak terdaftar".
//! See `tests/ui_common/mod.rs` for how to run (ICED_TEST_BACKEND=tiny-skia).

mod ui_common;

use std::path::Path;

use loket_dtks::core::register::{self, NewApplication, Status};
use loket_dtks::core::{Store, demo};
use loket_dtks::ui::{App, Message, Role};
use ui_common::{app, assert_snapshot, feed, simulator};

/// A data dir with the demo snapshot and one waiting application for `nik`.
fn waiting_application(dir: &Path, name: &str, nik: &str) -> i64 {
    let store = Store::open(dir).unwrap();
    demo::ensure_demo(&store).unwrap();
    let application = NewApplication {
        applicant_name: name.into(),
        nik: nik.into(),
        purpose: "Keringanan biaya sekolah".into(),
        ..NewApplication::default()
    };
    register::create(&store.register, &application, "petugas_layanan")
        .unwrap()
        .id
}

/// Clicks the widget showing `label` and handles what it produced, running its tasks.
fn click(app: &mut App, label: &str) {
    let mut ui = simulator(app);
    ui.click(label).unwrap_or_else(|e| panic!("{label}: {e}"));
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(!messages.is_empty(), "clicking {label} did nothing");
    feed(app, messages);
}

#[test]
fn registered_nik_gets_a_numbered_printed_letter() {
    let dir = tempfile::tempdir().unwrap();
    let id = waiting_application(dir.path(), "Budi Santoso", demo::DEMO_REGISTERED_NIK);
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Operator)]);

    click(&mut app, "Budi Santoso");
    let mut ui = simulator(&app);
    assert!(ui.find("TERDAFTAR").is_ok());
    assert!(ui.find("Budi Santoso").is_ok());
    assert!(
        ui.find("PKH").is_ok(),
        "the programs covering the person are shown"
    );
    drop(ui);

    click(&mut app, "Cetak Surat Keterangan");

    let store = Store::open(dir.path()).unwrap();
    let (number, file): (String, String) = store
        .register
        .query_row(
            "SELECT number, file FROM certificate WHERE application_id = ?1 AND kind = 'surat'",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("a certificate row exists");
    assert!(!number.is_empty());
    let file = dir.path().join(file);
    assert!(file.exists(), "the PDF {} exists", file.display());
    assert!(
        file.starts_with(dir.path().join("arsip")),
        "the PDF is in the archive"
    );
    assert!(
        register::waiting(&store.register).unwrap().is_empty(),
        "left the queue"
    );
    assert_eq!(
        register::get(&store.register, id).unwrap().status,
        Status::Selesai
    );

    let mut ui = simulator(&app);
    assert!(ui.find(number.as_str()).is_ok(), "the number is shown");
    assert!(ui.find("Dikirim ke printer (pekerjaan UJI-1).").is_ok());
    assert!(ui.find("Antrean kosong.").is_ok());
    drop(ui);

    assert_snapshot(&app, "operator_surat_terbit");
}

#[test]
fn unregistered_nik_is_recorded_with_advice() {
    let dir = tempfile::tempdir().unwrap();
    let id = waiting_application(dir.path(), "Joko Susilo", "3520011705859999");
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Operator)]);

    click(&mut app, "Joko Susilo");
    let mut ui = simulator(&app);
    assert!(ui.find("TIDAK TERDAFTAR").is_ok());
    assert!(
        ui.find("Cetak Surat Keterangan").is_err(),
        "no letter for a person not registered"
    );
    drop(ui);

    click(&mut app, "Catat Tidak Terdaftar");
    let store = Store::open(dir.path()).unwrap();
    let application = register::get(&store.register, id).unwrap();
    assert_eq!(application.status, Status::TidakTerdaftar);
    let advice = store.settings().unwrap().not_registered_advice;
    let mut ui = simulator(&app);
    assert!(ui.find("Keputusan tercatat: tidak terdaftar.").is_ok());
    assert!(ui.find(advice.as_str()).is_ok(), "the advice is shown");
    drop(ui);

    assert_snapshot(&app, "operator_tidak_terdaftar");
}

#[test]
fn keyboard_chooses_from_the_queue() {
    let dir = tempfile::tempdir().unwrap();
    waiting_application(dir.path(), "Budi Santoso", demo::DEMO_REGISTERED_NIK);
    waiting_application(dir.path(), "Joko Susilo", "3520011705859999");
    let mut app = app(dir.path());
    feed(
        &mut app,
        vec![
            Message::RoleSelected(Role::Operator),
            Message::Move(1),
            Message::Enter,
        ],
    );
    let mut ui = simulator(&app);
    assert!(
        ui.find("TIDAK TERDAFTAR").is_ok(),
        "the second entry was chosen"
    );
}
