//! Admin → Pengaturan: editing the office settings, saving them, refusing bad input
//! without losing it. See `tests/ui_common/mod.rs` for how to run.

mod ui_admin_common;
mod ui_common;

use loket_dtks::core::Store;
use loket_dtks::core::settings::{Paper, Settings};
use loket_dtks::ui::screen::admin::{self, Tab};
use loket_dtks::ui::screen::settings::{self, TextField};
use loket_dtks::ui::{App, Message};
use ui_admin_common::{audit_count, click, open_admin, replace_in, shows};
use ui_common::{app, assert_snapshot, feed};

fn open_settings(app: &mut App) {
    open_admin(app);
    click(app, "Pengaturan");
    assert_eq!(
        admin_tab(app),
        Tab::Pengaturan,
        "the Pengaturan tab is open"
    );
}

fn admin_tab(app: &App) -> Tab {
    if shows(app, "Kop Surat") {
        Tab::Pengaturan
    } else {
        Tab::Impor
    }
}

fn saved(dir: &std::path::Path) -> Settings {
    Settings::load(&Store::open(dir).unwrap().register).unwrap()
}

/// The settings as a letter is drawn with them (logo included).
fn printed(dir: &std::path::Path) -> Settings {
    Settings::load_for_print(&Store::open(dir).unwrap().register).unwrap()
}

#[test]
fn settings_are_saved_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    open_settings(&mut app);
    assert!(shows(
        &app,
        "Contoh nomor hari ini: 400.9/001/Dinsos/III/2026"
    ));
    assert!(shows(&app, "Printer bawaan sistem: PRINTER-UJI"));
    assert_snapshot(&app, "admin_pengaturan");

    replace_in(&mut app, TextField::Place.id(), "Magetan");
    replace_in(
        &mut app,
        TextField::NumberTemplate.id(),
        "474/{nomor:04}/405.12/{tahun}",
    );
    assert!(shows(&app, "Contoh nomor hari ini: 474/0001/405.12/2026"));
    feed(
        &mut app,
        vec![
            Message::Admin(admin::Message::Settings(settings::Message::PaperPicked(
                Paper::F4,
            ))),
            Message::Admin(admin::Message::Settings(settings::Message::SignedByKabid(
                true,
            ))),
            Message::Admin(admin::Message::Settings(settings::Message::ParafStep(
                false,
            ))),
        ],
    );
    click(&mut app, "Simpan");

    assert!(shows(&app, "Pengaturan disimpan."));
    let s = saved(dir.path());
    assert_eq!(s.office.place, "Magetan");
    assert_eq!(s.number_template, "474/{nomor:04}/405.12/{tahun}");
    assert_eq!(s.paper, Paper::F4);
    assert!(s.signed_by_kabid);
    assert!(!s.workflow.paraf_step, "the office signs without a paraf");
    assert!(s.workflow.papers_step);
    let audited = audit_count(dir.path(), "ubah_pengaturan");
    assert_eq!(audited, 1);
}

#[test]
fn a_template_without_nomor_is_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    open_settings(&mut app);
    let before = saved(dir.path());

    replace_in(
        &mut app,
        TextField::NumberTemplate.id(),
        "400.9/Dinsos/{tahun}",
    );
    replace_in(&mut app, TextField::Place.id(), "Ngawi");
    click(&mut app, "Simpan");

    assert!(shows(
        &app,
        "Pengaturan belum disimpan: periksa isian yang ditandai merah."
    ));
    assert!(
        shows(
            &app,
            "Format nomor surat \"400.9/Dinsos/{tahun}\" tidak memuat {nomor}; tambahkan \
             misalnya {nomor:03} di Pengaturan agar setiap surat bernomor unik."
        ),
        "the reason is shown under the field"
    );
    assert_eq!(saved(dir.path()), before, "nothing was saved");
    assert!(
        shows(&app, "400.9/Dinsos/{tahun}"),
        "the typed template is kept"
    );
    assert!(shows(&app, "Ngawi"), "the other edits are kept");

    // Ctrl+PageUp back to Impor Data and Ctrl+PageDown again: still there.
    feed(&mut app, vec![Message::SwitchTab(-1)]);
    assert_eq!(admin_tab(&app), Tab::Impor);
    feed(&mut app, vec![Message::SwitchTab(1)]);
    assert!(shows(&app, "Ngawi"), "switching tabs loses nothing");
}

#[test]
fn service_hours_and_the_time_standard_are_checked_and_saved() {
    use chrono::Weekday;
    use loket_dtks::core::service_time::Total;
    use settings::HoursField;
    let edit = |field, text: &str| {
        Message::Admin(admin::Message::Settings(settings::Message::HoursEdited(
            field,
            text.into(),
        )))
    };
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    open_settings(&mut app);
    assert!(shows(&app, "Jam Layanan dan Standar Waktu"));

    feed(
        &mut app,
        vec![
            edit(HoursField::Day(Weekday::Fri), "13:00-08:00"),
            edit(HoursField::Total, "sehari"),
        ],
    );
    click(&mut app, "Simpan");
    assert!(shows(&app, "Jam tutup harus sesudah jam buka."));
    assert!(shows(
        &app,
        "Tulis seperti \"30 menit\" atau \"1 hari kerja\"."
    ));
    assert_eq!(
        audit_count(dir.path(), "ubah_pengaturan"),
        0,
        "nothing saved"
    );

    feed(
        &mut app,
        vec![
            edit(HoursField::Day(Weekday::Fri), "08:00-11:30"),
            edit(HoursField::Day(Weekday::Sat), "08:00-12:00"),
            edit(HoursField::Total, "1 hari kerja"),
            edit(HoursField::StepMinutes, "10"),
        ],
    );
    click(&mut app, "Simpan");
    assert!(shows(&app, "Pengaturan disimpan."));
    let s = saved(dir.path());
    assert_eq!(s.service_hours.friday.unwrap().to_string(), "08:00-11:30");
    assert_eq!(s.service_hours.saturday.unwrap().to_string(), "08:00-12:00");
    assert_eq!(s.service_hours.sunday, None);
    assert_eq!(s.time_standard.total, Total::WorkingDays(1));
    assert_eq!(s.time_standard.step_minutes, 10);
}

#[test]
fn the_office_logo_is_chosen_by_path_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    open_settings(&mut app);
    assert!(shows(&app, "Belum ada logo: kop surat hanya berisi teks."));

    let files = tempfile::tempdir().unwrap();
    let not_an_image = files.path().join("logo.png");
    std::fs::write(&not_an_image, b"bukan gambar").unwrap();
    let logo = |m| Message::Admin(admin::Message::Settings(settings::Message::Logo(m)));
    let use_path = |path: &std::path::Path| {
        vec![
            logo(settings::logo::Message::PathEdited(
                path.display().to_string(),
            )),
            logo(settings::logo::Message::Use),
        ]
    };
    feed(&mut app, use_path(&not_an_image));
    assert!(shows(&app, "Logo tidak dapat dipakai: hanya PNG atau JPG."));
    assert!(printed(dir.path()).logo.is_none());

    let png = files.path().join("lambang.png");
    image::RgbImage::from_pixel(120, 150, image::Rgb([10, 80, 40]))
        .save(&png)
        .unwrap();
    feed(&mut app, use_path(&png));
    assert!(shows(
        &app,
        "Logo disimpan; surat berikutnya memakai logo ini."
    ));
    assert!(printed(dir.path()).logo.is_some());

    click(&mut app, "Hapus Logo");
    assert!(shows(&app, "Logo dihapus; kop surat tanpa logo."));
    assert!(printed(dir.path()).logo.is_none());
    assert_eq!(audit_count(dir.path(), "ubah_pengaturan"), 2);
}

#[test]
fn old_personal_data_is_erased_after_a_confirmation_with_the_count() {
    use chrono::TimeZone;
    use loket_dtks::core::register::{self, NewApplication, PURGED_NAME};
    use loket_dtks::ui::screen::settings::retention;
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let store = Store::open(dir.path()).unwrap();
        let written = chrono::Local
            .with_ymd_and_hms(2025, 1, 10, 9, 0, 0)
            .unwrap();
        let new = NewApplication {
            applicant_name: "Siti Aminah".into(),
            nik: "3520015708100002".into(),
            purpose: "Keringanan biaya sekolah".into(),
            ..Default::default()
        };
        let id = register::create(&store.register, &new, "petugas", written)
            .unwrap()
            .id;
        register::cancel(&store.register, id, "tidak datang", "petugas", written).unwrap();
        id
    };
    let name = || {
        let store = Store::open(dir.path()).unwrap();
        register::get(&store.register, id).unwrap().applicant_name
    };
    let mut app = app(dir.path());
    open_settings(&mut app);
    assert!(shows(
        &app,
        "Data pribadi tidak pernah dihapus (retensi 0 bulan)."
    ));
    // The section is below the fold: the field is edited by its message.
    feed(
        &mut app,
        vec![Message::Admin(admin::Message::Settings(
            settings::Message::Edited(TextField::RetentionMonths, "12".into()),
        ))],
    );
    click(&mut app, "Simpan");
    assert_eq!(saved(dir.path()).retention_months, 12);

    let panel = |m: retention::Message| {
        Message::Admin(admin::Message::Settings(settings::Message::Retention(m)))
    };
    feed(&mut app, vec![panel(retention::Message::Ask)]);
    assert!(shows(
        &app,
        "Data pribadi 1 permohonan yang dicatat sebelum 2025-03-02 akan dihapus dan tidak \
         dapat dikembalikan. Lanjutkan?"
    ));
    feed(&mut app, vec![panel(retention::Message::Cancel)]);
    assert_eq!(name(), "Siti Aminah", "nothing erased after Batal");
    feed(
        &mut app,
        vec![
            panel(retention::Message::Ask),
            panel(retention::Message::Confirm),
        ],
    );
    assert!(shows(
        &app,
        "Data pribadi 1 permohonan sebelum 2025-03-02 dihapus (0 lampiran)."
    ));
    assert_eq!(name(), PURGED_NAME);
    assert_eq!(audit_count(dir.path(), "hapus_data_pribadi"), 1);
}
