//! Admin → Cek Massal: a list typed by path is checked in the background and the summary
//! shown; the result file is written beside the list and the check is audited.
//! See `tests/ui_common/mod.rs` for how to run (ICED_TEST_BACKEND=tiny-skia).

mod ui_admin_common;
mod ui_common;

use loket_dtks::core::demo::DEMO_REGISTERED_NIK;
use loket_dtks::ui::Message;
use loket_dtks::ui::screen::admin;
use loket_dtks::ui::screen::bulk::{self, INPUT_FIELD};
use ui_admin_common::{audit_count, click, open_admin, shows, type_into};
use ui_common::{app, assert_snapshot, feed};

fn open_bulk(app: &mut loket_dtks::ui::App) {
    open_admin(app);
    click(app, "Cek Massal");
}

#[test]
fn a_typed_list_is_checked_and_summarised() {
    let dir = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let list = work.path().join("siswa.csv");
    std::fs::write(
        &list,
        format!("NIK;NAMA\n{DEMO_REGISTERED_NIK};Budi Santoso\n3520011705859999;Ani\n123;Budi\n"),
    )
    .unwrap();
    let mut app = app(dir.path());
    open_bulk(&mut app);
    assert_snapshot(&app, "admin_cek_massal");

    type_into(&mut app, INPUT_FIELD, &list.display().to_string());
    assert!(
        shows(
            &app,
            &work
                .path()
                .join("siswa-hasil-cek.xlsx")
                .display()
                .to_string()
        ),
        "the result file is suggested beside the list"
    );
    click(&mut app, "Periksa Daftar");

    assert!(shows(&app, "3 baris diperiksa; hasilnya tersimpan."));
    assert!(shows(&app, "Tidak dapat dicek"));
    assert!(work.path().join("siswa-hasil-cek.xlsx").is_file());
    assert_eq!(audit_count(dir.path(), "cek_massal"), 1);
}

#[test]
fn starting_without_a_list_asks_for_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    open_bulk(&mut app);
    feed(
        &mut app,
        vec![Message::Admin(admin::Message::Bulk(bulk::Message::Start))],
    );
    assert!(shows(
        &app,
        "Pilih berkas daftar dan tempat menyimpan hasilnya terlebih dahulu."
    ));
    assert_eq!(audit_count(dir.path(), "cek_massal"), 0);
}

#[test]
fn an_existing_result_file_is_refused_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let list = work.path().join("desa.csv");
    std::fs::write(&list, format!("NIK\n{DEMO_REGISTERED_NIK}\n")).unwrap();
    std::fs::write(work.path().join("desa-hasil-cek.xlsx"), b"lama").unwrap();
    let mut app = app(dir.path());
    open_bulk(&mut app);
    type_into(&mut app, INPUT_FIELD, &list.display().to_string());
    click(&mut app, "Periksa Daftar");
    assert!(shows(&app, "Cek Gagal"));
    assert_eq!(
        std::fs::read(work.path().join("desa-hasil-cek.xlsx")).unwrap(),
        b"lama"
    );
}
