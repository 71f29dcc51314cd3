//! Front desk (Petugas Layanan): typing a new application into the register.
//! See `tests/ui_common/mod.rs` for how to run (ICED_TEST_BACKEND=tiny-skia).

mod ui_common;

use iced::widget::Id;
use loket_dtks::core::Store;
use loket_dtks::core::register;
use loket_dtks::ui::screen::front_desk::{self, NAME_FIELD, NIK_FIELD, Purpose};
use loket_dtks::ui::{Message, Role};
use ui_common::{app, assert_snapshot, feed, simulator};

/// Clicks the text field `id` and types `text` into it.
fn type_into(app: &mut loket_dtks::ui::App, id: &'static str, text: &str) {
    let mut ui = simulator(app);
    ui.click(Id::new(id)).expect("field is on screen");
    let _ = ui.typewrite(text);
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(!messages.is_empty(), "typing into {id} produced no message");
    feed(app, messages);
}

/// Clicks the button labelled `label` and handles what it produced.
fn click(app: &mut loket_dtks::ui::App, label: &str) {
    let mut ui = simulator(app);
    ui.click(label).expect("button is on screen");
    let messages: Vec<Message> = ui.into_messages().collect();
    feed(app, messages);
}

#[test]
fn new_application_is_saved_and_waits_for_the_operator() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    assert_eq!(app.role(), Role::PetugasLayanan);

    type_into(&mut app, NAME_FIELD, "Siti Aminah");
    type_into(&mut app, NIK_FIELD, "3520015708100002");
    type_into(&mut app, "front-desk-telepon", "081234567890");
    type_into(&mut app, "front-desk-desa", "Sukomoro");
    let mut ui = simulator(&app);
    assert!(
        ui.find("081234567890").is_ok()
            && ui
                .find("Wajib untuk NIK ini: Kartu Keluarga, Surat pengantar desa/kelurahan.")
                .is_ok(),
        "the contact follows the phone; the papers required at 15 are named"
    );
    assert!(ui.find("KTP tidak wajib: usia di bawah 17 tahun.").is_ok());
    drop(ui);
    // The pick list and checkboxes draw their own labels, out of reach of text selectors.
    feed(
        &mut app,
        vec![
            Message::FrontDesk(front_desk::Message::PurposePicked(Purpose::Sekolah)),
            Message::FrontDesk(front_desk::Message::PaperToggled(0, true)),
            Message::FrontDesk(front_desk::Message::PaperToggled(1, true)),
            Message::FrontDesk(front_desk::Message::PaperToggled(2, true)),
        ],
    );
    click(&mut app, "Simpan");

    let store = Store::open(dir.path()).unwrap();
    let waiting = register::waiting(&store.register).unwrap();
    assert_eq!(waiting.len(), 1, "the application is in the register");
    let saved = &waiting[0];
    assert_eq!(saved.applicant_name, "Siti Aminah");
    assert_eq!(saved.nik, "3520015708100002");
    assert_eq!(saved.purpose, "Keringanan biaya sekolah");
    assert_eq!(saved.papers, register::PAPERS.map(String::from).to_vec());
    assert_eq!(saved.status, register::Status::BerkasLengkap);
    assert_eq!(saved.contact, "081234567890", "prefilled from the phone");
    assert_eq!(saved.desa, "Sukomoro");

    let mut ui = simulator(&app);
    let confirmation = format!(
        "Permohonan atas nama Siti Aminah tercatat dengan nomor register {}.",
        saved.register_no
    );
    assert!(
        ui.find(confirmation.as_str()).is_ok(),
        "confirmation shows the register number"
    );
    assert!(ui.find("Berkas lengkap: diteruskan ke operator.").is_ok());
    assert!(ui.find(Id::new(NAME_FIELD)).is_ok());
    assert!(
        ui.find("Siti Aminah").is_ok(),
        "the waiting list below shows it"
    );
    drop(ui);

    feed(&mut app, vec![Message::RoleSelected(Role::Operator)]);
    let mut ui = simulator(&app);
    assert!(
        ui.find("Siti Aminah").is_ok(),
        "the operator's queue shows it"
    );
    assert!(ui.find("352001******0002").is_ok(), "with the NIK masked");
    assert!(ui.find(saved.register_no.as_str()).is_ok());
    assert!(ui.find("Keringanan biaya sekolah").is_ok());
}

#[test]
fn malformed_nik_is_flagged_inline_and_nothing_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());

    type_into(&mut app, NAME_FIELD, "Siti Aminah");
    type_into(&mut app, NIK_FIELD, "35200157A");
    let mut ui = simulator(&app);
    assert!(
        ui.find("NIK tidak valid: NIK hanya boleh berisi angka (ditemukan \"A\").")
            .is_ok(),
        "a letter in the NIK is flagged while typing"
    );
    drop(ui);

    feed(
        &mut app,
        vec![Message::FrontDesk(front_desk::Message::NikChanged(
            "35200157".into(),
        ))],
    );
    let mut ui = simulator(&app);
    assert!(
        ui.find("NIK tidak valid: NIK harus 16 digit (ditemukan 8 digit).")
            .is_err(),
        "a NIK still being typed is not flagged yet"
    );
    drop(ui);

    click(&mut app, "Simpan");
    let store = Store::open(dir.path()).unwrap();
    assert!(
        register::waiting(&store.register).unwrap().is_empty(),
        "nothing saved"
    );
    let mut ui = simulator(&app);
    assert!(
        ui.find("NIK tidak valid: NIK harus 16 digit (ditemukan 8 digit).")
            .is_ok()
    );
    assert!(ui.find("Keperluan wajib diisi.").is_ok());
    assert!(
        ui.find("Siti Aminah").is_ok(),
        "the typed name is still in its field"
    );
    assert!(
        ui.find("35200157").is_ok(),
        "the typed NIK is kept for correction"
    );
    drop(ui);

    assert_snapshot(&app, "front_desk_nik_salah");
}

#[test]
fn papers_are_ticked_from_the_keyboard_with_function_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    type_into(&mut app, NAME_FIELD, "Siti Aminah");
    type_into(&mut app, NIK_FIELD, "3520015708100002");
    // What F5, F6, F6 (untick) and F7 send; the key mapping itself is
    // unit-tested in `ui::app`.
    feed(
        &mut app,
        [0, 1, 1, 2]
            .into_iter()
            .map(Message::PaperShortcut)
            .chain([Message::FrontDesk(front_desk::Message::PurposePicked(
                Purpose::Sekolah,
            ))])
            .collect(),
    );
    assert!(
        simulator(&app).find("KTP  (F5)").is_ok(),
        "each paper names its key"
    );
    click(&mut app, "Simpan");
    let store = Store::open(dir.path()).unwrap();
    let saved = &register::recent(&store.register, 1).unwrap()[0];
    assert_eq!(
        saved.status,
        register::Status::BerkasTidakLengkap,
        "without the family card the papers are returned"
    );
    assert_eq!(
        saved.papers,
        vec![
            "KTP".to_string(),
            "Surat pengantar desa/kelurahan".to_string()
        ]
    );
}

#[test]
fn a_nik_seen_in_the_last_days_shows_its_applications_and_letters() {
    let dir = tempfile::tempdir().unwrap();
    let issued = ui_common::issue_demo_letter(dir.path());
    let store = Store::open(dir.path()).unwrap();
    let earlier = register::create(
        &store.register,
        &register::NewApplication {
            applicant_name: "Budi Santoso".into(),
            nik: loket_dtks::core::demo::DEMO_REGISTERED_NIK.into(),
            purpose: "Pengobatan".into(),
            papers: register::PAPERS.map(String::from).to_vec(),
            ..register::NewApplication::default()
        },
        "petugas_layanan",
        chrono::Local::now(),
    )
    .unwrap();
    store
        .register
        .execute(
            "UPDATE application SET created_at = '2026-02-20T08:30:00+07:00' WHERE id = ?1",
            [earlier.id],
        )
        .unwrap();
    let mut app = app(dir.path());

    type_into(&mut app, NIK_FIELD, "3520015708100002");
    let expected = format!(
        "NIK ini sudah mengajukan 1 kali dalam 30 hari: {} (Berkas lengkap); surat {}",
        earlier.register_no, issued.number
    );
    let mut ui = simulator(&app);
    assert!(
        ui.find("NIK ini sudah").is_err(),
        "another NIK: no earlier visits"
    );
    drop(ui);

    feed(
        &mut app,
        vec![Message::FrontDesk(front_desk::Message::NikChanged(
            loket_dtks::core::demo::DEMO_REGISTERED_NIK.into(),
        ))],
    );
    let mut ui = simulator(&app);
    assert!(ui.find(expected.as_str()).is_ok(), "shows: {expected}");
}

/// Types an adult applicant (born 1985: the KTP is required) with the family card and
/// the cover letter ticked, but not the KTP.
fn adult_without_ktp(app: &mut loket_dtks::ui::App) {
    type_into(app, NAME_FIELD, "Budi Santoso");
    type_into(app, NIK_FIELD, "3520011705850001");
    feed(
        app,
        vec![
            Message::FrontDesk(front_desk::Message::PurposePicked(Purpose::Pengobatan)),
            Message::PaperShortcut(1),
            Message::PaperShortcut(2),
        ],
    );
}

#[test]
fn a_missing_paper_is_warned_before_saving_and_the_application_is_returned() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    adult_without_ktp(&mut app);
    let mut ui = simulator(&app);
    assert!(
        ui.find("Wajib untuk NIK ini: KTP, Kartu Keluarga, Surat pengantar desa/kelurahan.")
            .is_ok()
    );
    assert!(
        ui.find("Berkas kurang: KTP; permohonan akan dikembalikan.")
            .is_ok(),
        "the warning names the missing paper"
    );
    assert!(ui.find(Id::new(front_desk::EXCEPTION_FIELD)).is_ok());
    drop(ui);
    ui_common::assert_snapshot_at(
        &app,
        "front_desk_berkas_kurang",
        iced::Size::new(1024.0, 600.0),
    );

    click(&mut app, "Simpan");
    let store = Store::open(dir.path()).unwrap();
    let saved = &register::recent(&store.register, 1).unwrap()[0];
    assert_eq!(saved.status, register::Status::BerkasTidakLengkap);
    assert_eq!(register::returned(&store.register).unwrap().len(), 1);
    let mut ui = simulator(&app);
    assert!(
        ui.find("Berkas tidak lengkap: dikembalikan, kurang: KTP.")
            .is_ok()
    );
    assert!(ui.find("kurang: KTP").is_ok(), "the returned list names it");
}

#[test]
fn a_reason_for_the_missing_paper_sends_the_application_to_the_operator() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    adult_without_ktp(&mut app);
    type_into(
        &mut app,
        front_desk::EXCEPTION_FIELD,
        "KTP hilang, ada surat kehilangan",
    );
    assert!(
        simulator(&app)
            .find("Dengan alasan pengecualian, permohonan diteruskan ke operator.")
            .is_ok()
    );
    click(&mut app, "Simpan");
    let store = Store::open(dir.path()).unwrap();
    let waiting = register::waiting(&store.register).unwrap();
    assert_eq!(waiting.len(), 1, "it waits for the operator");
    assert_eq!(waiting[0].status, register::Status::BerkasLengkap);
    assert_eq!(
        waiting[0].paper_exception,
        "KTP hilang, ada surat kehilangan"
    );
    assert!(
        simulator(&app)
            .find(
                "Berkas diterima dengan pengecualian (KTP hilang, ada surat kehilangan): \
                 diteruskan ke operator."
            )
            .is_ok()
    );
}
