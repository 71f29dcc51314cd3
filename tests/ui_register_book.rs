//! Buku Register (Pimpinan tab): filtering by status and text, an application's
//! history, cancelling with and without a reason, an export to a typed file, and the
//! book's look at the smallest window. See `tests/ui_common/mod.rs` for how to run.

mod ui_common;

use chrono::{Local, TimeZone};
use iced::Size;
use iced_test::Simulator;
use loket_dtks::core::Store;
use loket_dtks::core::register::{self, NewApplication, PAPERS, Status};
use loket_dtks::ui::screen::leadership;
use loket_dtks::ui::screen::register_book::{self, REASON_FIELD, TEXT_FIELD, filter};
use loket_dtks::ui::{App, Message, Role};
use ui_common::{
    app, assert_snapshot, assert_snapshot_at, click, feed, simulator, today, type_into,
};

/// Three applications written at 08:00, 08:10 and 08:20 today; the second cancelled.
fn seeded(dir: &std::path::Path) {
    let store = Store::open(dir).unwrap();
    let people = [
        ("Siti Aminah", "3520014107800001", "Sukamaju"),
        ("Budi Santoso", "3520010101800003", "Mekarsari"),
        ("Rina Wati", "3520015708100002", "Sukamaju"),
    ];
    for (i, (name, nik, desa)) in people.into_iter().enumerate() {
        let at = Local
            .from_local_datetime(&today().and_hms_opt(8, 10 * i as u32, 0).unwrap())
            .unwrap();
        let app = NewApplication {
            applicant_name: name.into(),
            nik: nik.into(),
            purpose: "keringanan biaya sekolah".into(),
            desa: desa.into(),
            papers: PAPERS.map(String::from).to_vec(),
            ..Default::default()
        };
        let saved = register::create(&store.register, &app, "petugas", at).unwrap();
        if i == 1 {
            register::cancel(
                &store.register,
                saved.id,
                "pemohon tidak jadi",
                "petugas",
                at,
            )
            .unwrap();
        }
    }
}

fn book(m: register_book::Message) -> Message {
    Message::Leadership(leadership::Message::RegisterBook(m))
}

/// The app on the Pimpinan screen with the Buku Register tab open.
fn open_book(dir: &std::path::Path) -> App {
    seeded(dir);
    let mut app = app(dir);
    feed(
        &mut app,
        vec![
            Message::RoleSelected(Role::Pimpinan),
            Message::Leadership(leadership::Message::TabSelected(leadership::Tab::Register)),
        ],
    );
    app
}

fn shows(app: &App, text: &str) -> bool {
    simulator(app).find(text).is_ok()
}

#[test]
fn filters_by_status_and_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_book(dir.path());
    assert!(shows(&app, "Siti Aminah") && shows(&app, "Budi Santoso"));
    assert!(shows(&app, "3 permohonan, terbaru dahulu."));

    let cancelled = filter::StatusChoice(Some(Status::Dibatalkan));
    feed(
        &mut app,
        vec![book(register_book::Message::StatusPicked(cancelled))],
    );
    click(&mut app, "Cari");
    assert!(shows(&app, "Budi Santoso"));
    assert!(!shows(&app, "Siti Aminah"), "only the cancelled one");

    feed(
        &mut app,
        vec![book(register_book::Message::StatusPicked(
            filter::StatusChoice(None),
        ))],
    );
    type_into(&mut app, TEXT_FIELD, "rina");
    click(&mut app, "Cari");
    assert!(shows(&app, "Rina Wati"));
    assert!(!shows(&app, "Budi Santoso") && !shows(&app, "Siti Aminah"));

    type_into(&mut app, register_book::FROM_FIELD, "02/03/2026");
    click(&mut app, "Cari");
    assert!(shows(
        &app,
        "Tanggal dari ditulis TTTT-BB-HH, mis. 2026-03-02."
    ));
}

#[test]
fn selecting_shows_the_history_and_cancelling_needs_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_book(dir.path());
    click(&mut app, "0002/2026");
    assert!(
        shows(&app, "Dibatalkan: pemohon tidak jadi"),
        "the cancel step"
    );
    assert!(shows(&app, "Permohonan dicatat (Loket)"), "the first step");
    assert!(
        !shows(&app, "Batalkan permohonan"),
        "a cancelled application is not offered again"
    );

    click(&mut app, "0001/2026");
    click(&mut app, "Batalkan permohonan");
    assert!(shows(
        &app,
        "Tulis alasan pembatalan; permohonan tidak dibatalkan."
    ));
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(
        register::get(&store.register, 1).unwrap().status,
        Status::BerkasLengkap
    );

    type_into(&mut app, REASON_FIELD, "salah catat, permohonan ganda");
    click(&mut app, "Batalkan permohonan");
    assert_eq!(
        register::get(&store.register, 1).unwrap().status,
        Status::Dibatalkan
    );
    assert!(shows(&app, "Permohonan 0001/2026 dibatalkan."));
    assert!(shows(&app, "Dibatalkan: salah catat, permohonan ganda"));

    click(&mut app, "Urungkan langkah terakhir");
    assert!(shows(
        &app,
        "Tulis alasan pengurungan; langkah tidak diurungkan."
    ));
    type_into(&mut app, REASON_FIELD, "keliru batal");
    click(&mut app, "Urungkan langkah terakhir");
    assert_eq!(
        register::get(&store.register, 1).unwrap().status,
        Status::BerkasLengkap
    );
    assert!(shows(&app, "diurungkan"), "the undone step is marked");
}

#[test]
fn export_to_a_typed_file_and_refuse_the_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_book(dir.path());
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("buku.xlsx");
    type_into(&mut app, register_book::OUT_FIELD, out.to_str().unwrap());
    click(&mut app, "Ekspor XLSX");
    assert!(std::fs::read(&out).unwrap().starts_with(b"PK"));
    assert!(shows(
        &app,
        &format!("3 permohonan ditulis ke {}.", out.display())
    ));

    let inside = dir.path().join("buku.pdf");
    feed(
        &mut app,
        vec![book(register_book::Message::OutPathChanged(
            inside.display().to_string(),
        ))],
    );
    click(&mut app, "Cetak halaman (PDF)");
    assert!(!inside.exists());
    assert!(shows(
        &app,
        &format!(
            "Berkas {} berada di dalam folder data; simpan di folder lain.",
            inside.display()
        )
    ));
}

#[test]
fn book_with_a_selected_application_fits_the_smallest_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = open_book(dir.path());
    click(&mut app, "0002/2026");
    let mut ui = Simulator::with_size(
        loket_dtks::ui::settings(),
        Size::new(1024.0, 600.0),
        app.view(),
    );
    assert!(ui.find("Ekspor XLSX").is_ok());
    drop(ui);
    assert_snapshot_at(&app, "register_book_selected", Size::new(1024.0, 600.0));
    assert_snapshot(&app, "register_book_selected_wide");
}

/// The CSV written by "Ekspor CSV" to a typed file in `out_dir`, as text.
fn export_csv(app: &mut App, out_dir: &std::path::Path, name: &str) -> String {
    let out = out_dir.join(name);
    feed(
        app,
        vec![book(register_book::Message::OutPathChanged(
            out.display().to_string(),
        ))],
    );
    click(app, "Ekspor CSV");
    std::fs::read_to_string(out).expect("the export is written")
}

#[test]
fn exports_mask_nik_and_only_an_admin_may_ask_for_it_in_full() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let mut app = open_book(dir.path());
    assert!(!shows(&app, "NIK & KK lengkap (CSV/XLSX)"), "not an Admin");
    let masked = export_csv(&mut app, out_dir.path(), "samar.csv");
    assert!(masked.contains(";352001******0001;"), "{masked}");
    assert!(!masked.contains("3520014107800001"), "{masked}");

    // Ani holds every role (the first user of the window): she sees the choice.
    let store = Store::open(dir.path()).unwrap();
    loket_dtks::core::users::create_first_user(&store.register, "Ani", "", "1234", Local::now())
        .unwrap();
    let mut app = ui_common::app_with_sign_in(dir.path(), true);
    let sign = |m| Message::SignIn(loket_dtks::ui::sign_in::Message::PinChanged(m));
    feed(
        &mut app,
        vec![
            Message::SignIn(loket_dtks::ui::sign_in::Message::Picked("Ani".into())),
            sign("1234".into()),
            Message::SignIn(loket_dtks::ui::sign_in::Message::Submit),
        ],
    );
    assert!(!app.signing_in());
    feed(
        &mut app,
        vec![
            Message::RoleSelected(Role::Pimpinan),
            Message::Leadership(leadership::Message::TabSelected(leadership::Tab::Register)),
        ],
    );
    assert!(shows(&app, "NIK & KK lengkap (CSV/XLSX)"));
    click(&mut app, "NIK & KK lengkap (CSV/XLSX)");
    let full = export_csv(&mut app, out_dir.path(), "lengkap.csv");
    assert!(full.contains(";3520014107800001;"), "{full}");
}
