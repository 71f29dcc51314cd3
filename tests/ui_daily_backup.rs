//! The daily backup on the first start of the day: the folder is typed in Admin →
//! Pengaturan; the next start writes today's backup there (in the background) and says
//! so in the header; a missing folder (USB stick not plugged in) is told, not fatal.
//! See `tests/ui_common/mod.rs` for how to run.

mod ui_admin_common;
mod ui_common;

use loket_dtks::core::Store;
use loket_dtks::core::settings::Settings;
use loket_dtks::ui::Message;
use loket_dtks::ui::screen::admin;
use loket_dtks::ui::screen::settings::{self, TextField};
use ui_admin_common::{open_admin, shows};
use ui_common::{app, feed};

fn settings_message(m: settings::Message) -> Message {
    Message::Admin(admin::Message::Settings(m))
}

#[test]
fn the_folder_typed_in_the_settings_gets_todays_backup_on_the_next_start() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let usb = root.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    let mut first = app(&data);
    assert_eq!(first.daily_backup_note(), None, "off until a folder is set");
    open_admin(&mut first);
    ui_common::click(&mut first, "Pengaturan");
    feed(
        &mut first,
        vec![
            settings_message(settings::Message::Edited(
                TextField::DailyBackupDir,
                format!(" {} ", usb.display()),
            )),
            settings_message(settings::Message::Save),
        ],
    );
    assert!(shows(&first, "Pengaturan disimpan."));
    let saved = Settings::load(&Store::open(&data).unwrap().register).unwrap();
    assert_eq!(saved.daily_backup_dir.as_deref(), Some(usb.as_path()));
    assert!(
        std::fs::read_dir(&usb).unwrap().next().is_none(),
        "nothing is written before the next start"
    );
    drop(first);

    let second = app(&data);
    let file = usb.join("loket-cadangan-2026-03-02.loket");
    assert!(file.is_file(), "today's backup is written at start");
    let line = format!("Cadangan harian tersimpan: {}", file.display());
    assert_eq!(second.daily_backup_note(), Some(&Ok(line.clone())));
    assert!(shows(&second, &line), "the header tells where it went");
    let bytes = std::fs::read(&file).unwrap();
    drop(second);

    let third = app(&data);
    assert_eq!(
        std::fs::read(&file).unwrap(),
        bytes,
        "never written twice a day"
    );
    assert_eq!(std::fs::read_dir(&usb).unwrap().count(), 1);
    assert!(matches!(third.daily_backup_note(), Some(Ok(line)) if line.contains("sudah ada")));
}

#[test]
fn a_missing_folder_is_told_in_the_header() {
    let root = tempfile::tempdir().unwrap();
    let data = root.path().join("data");
    let store = Store::open(&data).unwrap();
    let mut settings = store.settings().unwrap();
    settings.daily_backup_dir = Some(root.path().join("USB-DINSOS"));
    settings.save(&store.register).unwrap();
    drop(store);
    let app = app(&data);
    let told = "Folder cadangan harian tidak ditemukan (USB belum dipasang?)";
    let Some(Err(line)) = app.daily_backup_note() else {
        panic!("the missing folder is told");
    };
    assert!(line.contains(told), "{line}");
    assert!(shows(&app, line), "shown in the header");
    assert!(!root.path().join("USB-DINSOS").exists());
}
