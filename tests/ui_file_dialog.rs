//! When no file dialog can open (the tests run without a D-Bus session, so there is
//! none), the screen says so and puts the cursor in its typed-path field: typing right
//! after the button goes into that field. See `tests/ui_common/mod.rs` for how to run.

mod ui_admin_common;
mod ui_common;

use loket_dtks::ui::App;
use loket_dtks::ui::file_dialog::UNAVAILABLE;
use ui_admin_common::{click, open_admin, shows};
use ui_common::focus::{Operations, feed_keeping_operations, type_after};
use ui_common::{app, simulator};

/// Presses the button showing `label` and handles what followed, keeping the focus the
/// screen asked for.
fn press(app: &mut App, label: &str) -> Operations {
    let mut ui = simulator(app);
    ui.click(label).unwrap_or_else(|e| panic!("{label}: {e}"));
    let messages = ui.into_messages().collect();
    feed_keeping_operations(app, messages)
}

#[test]
fn the_bulk_check_says_so_and_typing_goes_into_the_list_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    open_admin(&mut app);
    click(&mut app, "Cek Massal");
    assert!(!shows(&app, UNAVAILABLE));

    let focus = press(&mut app, "Pilih Berkas…");
    assert!(shows(&app, UNAVAILABLE));
    assert!(!focus.is_empty(), "the screen moves the cursor");

    // Without the focus nothing receives the keys; with it the list field does (and the
    // result file is suggested beside it).
    type_after(&mut app, Vec::new(), "/tmp/lost.csv");
    assert!(!shows(&app, "/tmp/lost.csv"));
    type_after(&mut app, focus, "/tmp/siswa.csv");
    assert!(shows(&app, "/tmp/siswa.csv"));
    assert!(shows(&app, "/tmp/siswa-hasil-cek.xlsx"));
}

#[test]
fn the_bulk_check_save_dialog_focuses_the_result_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    open_admin(&mut app);
    click(&mut app, "Cek Massal");
    let focus = press(&mut app, "Simpan ke…");
    assert!(shows(&app, UNAVAILABLE));
    type_after(&mut app, focus, "/tmp/hasil.xlsx");
    assert!(shows(&app, "/tmp/hasil.xlsx"));
}

#[test]
fn the_report_export_says_so_and_typing_goes_into_the_path_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    open_admin(&mut app);
    click(&mut app, "Laporan");
    assert!(!shows(&app, UNAVAILABLE));

    // No path typed: "Simpan PDF" asks the dialog, which cannot open.
    let focus = press(&mut app, "Simpan PDF");
    assert!(shows(&app, UNAVAILABLE));
    let out = dir.path().join("..").join("laporan-uji.pdf");
    type_after(&mut app, focus, &out.display().to_string());
    assert!(shows(&app, &out.display().to_string()));
}

#[test]
fn the_access_log_export_says_so_and_typing_goes_into_the_path_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    open_admin(&mut app);
    click(&mut app, "Log Akses");
    let focus = press(&mut app, "Pilih…");
    assert!(shows(&app, UNAVAILABLE));
    type_after(&mut app, focus, "/tmp/log-akses.csv");
    assert!(shows(&app, "/tmp/log-akses.csv"));
}
