//! Admin: importing a snapshot from a typed path, with progress, cancel and summary.
//! See `tests/ui_common/mod.rs` for how to run (ICED_TEST_BACKEND=tiny-skia).

mod ui_common;

use std::fmt::Write as _;

use iced::widget::Id;
use loket_dtks::core::Store;
use loket_dtks::core::settings::Source;
use loket_dtks::core::snapshot::store as catalogue;
use loket_dtks::ui::screen::admin::{self, PATH_FIELD, PERIOD_FIELD};
use loket_dtks::ui::{App, Message, Role};
use ui_common::{app, assert_snapshot, feed, run, simulator};

/// Clicks the text field `id` and types `text` into it.
fn type_into(app: &mut App, id: &'static str, text: &str) {
    let mut ui = simulator(app);
    ui.click(Id::new(id)).expect("field is on screen");
    let _ = ui.typewrite(text);
    let messages: Vec<Message> = ui.into_messages().collect();
    feed(app, messages);
}

#[test]
fn typed_path_is_imported_and_becomes_active() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Admin)]);
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo-snapshot.csv");
    type_into(&mut app, PATH_FIELD, file);
    type_into(&mut app, PERIOD_FIELD, "2025-12");
    feed(
        &mut app,
        vec![Message::Admin(admin::Message::SourcePicked(Source::Dtks))],
    );

    let mut ui = simulator(&app);
    ui.click("Impor").expect("the import button is on screen");
    let messages: Vec<Message> = ui.into_messages().collect();
    feed(&mut app, messages);

    let store = Store::open(dir.path()).unwrap();
    let active = catalogue::active(&store.snapshots)
        .unwrap()
        .expect("a snapshot is active");
    assert_eq!(
        (active.source.as_str(), active.period.as_str()),
        ("DTKS", "2025-12")
    );
    assert!(!active.demo);
    let mut ui = simulator(&app);
    assert!(
        ui.find("Data DTKS periode 2025-12 aktif.").is_ok(),
        "the summary is shown"
    );
    assert!(
        ui.find("Data: DTKS periode 2025-12").is_ok(),
        "the header follows"
    );
    assert!(ui.find("AKTIF").is_ok());
    drop(ui);

    assert_snapshot(&app, "admin_impor_selesai");
}

#[test]
fn cancelled_import_keeps_the_previous_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("NIK,NAMA\n");
    for i in 0..30_000 {
        writeln!(csv, "35200117058{}{:04},Orang {i}", i / 10_000, i % 10_000).unwrap();
    }
    let file = dir.path().join("besar.csv");
    std::fs::write(&file, csv).unwrap();
    let mut app = app(dir.path());
    feed(
        &mut app,
        vec![
            Message::RoleSelected(Role::Admin),
            Message::Admin(admin::Message::PathChanged(file.display().to_string())),
        ],
    );

    let task = app.update(Message::Admin(admin::Message::Import));
    let cancel = app.update(Message::Admin(admin::Message::Cancel));
    run(&mut app, cancel);
    run(&mut app, task);

    let store = Store::open(dir.path()).unwrap();
    let active = catalogue::active(&store.snapshots).unwrap().unwrap();
    assert!(active.demo, "the demo snapshot stays active");
    let mut ui = simulator(&app);
    assert!(
        ui.find("Impor dibatalkan; data sebelumnya tetap aktif.")
            .is_ok()
    );
}
