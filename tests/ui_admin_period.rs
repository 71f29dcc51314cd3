//! The period field of the import form: required, offered from the file's name while the
//! path is typed, never overwriting what the admin typed.

mod ui_admin_common;
mod ui_common;

use loket_dtks::core::Store;
use loket_dtks::core::snapshot::store as catalogue;
use loket_dtks::ui::screen::admin::{PATH_FIELD, PERIOD_FIELD};
use ui_admin_common::{click, open_admin, shows, type_into};
use ui_common::app;

fn active_period(dir: &std::path::Path) -> String {
    let store = Store::open(dir).unwrap();
    catalogue::active(&store.snapshots).unwrap().unwrap().period
}

#[test]
fn the_period_follows_the_typed_file_name_until_the_admin_types_one() {
    let dir = tempfile::tempdir().unwrap();
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo-snapshot.csv");
    // "..._2025-1" reads as January until the "2" is typed.
    let named = dir.path().join("DTKS_2025-12.csv");
    std::fs::copy(demo, &named).unwrap();
    let mut app = app(dir.path());
    open_admin(&mut app);
    type_into(&mut app, PATH_FIELD, &named.display().to_string());
    click(&mut app, "Impor");
    assert!(shows(&app, "Data DTSEN periode 2025-12 aktif."));
    assert_eq!(active_period(dir.path()), "2025-12");

    // A period the admin typed stays, whatever the file is called.
    type_into(&mut app, PERIOD_FIELD, "2026-01");
    type_into(&mut app, PATH_FIELD, &named.display().to_string());
    click(&mut app, "Impor");
    assert_eq!(active_period(dir.path()), "2026-01");

    // No period anywhere: the form asks for it and nothing is imported.
    let unnamed = dir.path().join("data.csv");
    std::fs::copy(demo, &unnamed).unwrap();
    type_into(&mut app, PATH_FIELD, &unnamed.display().to_string());
    click(&mut app, "Impor");
    assert!(shows(
        &app,
        "Isi periode data (misalnya 2025-09): periode itu tercetak di setiap surat."
    ));
    assert_eq!(active_period(dir.path()), "2026-01");
}
