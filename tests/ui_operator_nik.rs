//! Operator: a NIK not registered shown in full beside the masked one, with the persons
//! of the same name to correct a mistyped digit; the NIK's earlier letters.
//! See `tests/ui_common/mod.rs` for how to run (ICED_TEST_BACKEND=tiny-skia).

mod ui_common;

use loket_dtks::core::register::{self, Status};
use loket_dtks::core::{Store, demo};
use loket_dtks::ui::screen::operator;
use loket_dtks::ui::{Message, Role};
use ui_common::{app, click, feed, simulator, type_into, waiting_application};

#[test]
fn a_mistyped_nik_is_corrected_from_the_candidates_and_checked_again() {
    let dir = tempfile::tempdir().unwrap();
    let typo = "3520011705850009";
    let id = waiting_application(dir.path(), "Budi Santoso", typo);
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Operator)]);
    click(&mut app, "Budi Santoso");
    let mut ui = simulator(&app);
    assert!(ui.find("TIDAK TERDAFTAR").is_ok());
    assert!(ui.find(typo).is_ok(), "the NIK typed at the desk in full");
    assert!(ui.find("Mungkin maksud Anda").is_ok());
    assert!(ui.find("beda di digit ke-16").is_ok(), "where it differs");
    drop(ui);
    ui_common::assert_small_snapshot(&app, "operator_mungkin_maksud");

    click(&mut app, "beda di digit ke-16");
    click(&mut app, "Koreksi NIK & Periksa Ulang");
    assert!(
        simulator(&app).find("Alasan koreksi wajib diisi.").is_ok(),
        "no correction without a reason"
    );
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(register::get(&store.register, id).unwrap().nik, typo);
    type_into(
        &mut app,
        operator::REASON_FIELD,
        "salah ketik, cocok dengan KTP",
    );
    click(&mut app, "Koreksi NIK & Periksa Ulang");

    let application = register::get(&store.register, id).unwrap();
    assert_eq!(application.nik, demo::DEMO_REGISTERED_NIK);
    assert_eq!(application.status, Status::Terdaftar, "checked again");
    let mut ui = simulator(&app);
    assert!(ui.find("TERDAFTAR").is_ok());
    assert!(ui.find("Cetak Surat Keterangan").is_ok());
}

#[test]
fn the_check_lists_the_niks_earlier_letters() {
    let dir = tempfile::tempdir().unwrap();
    let first = ui_common::issue_demo_letter(dir.path());
    waiting_application(dir.path(), "Budi Santoso", demo::DEMO_REGISTERED_NIK);
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Operator)]);
    click(&mut app, "Budi Santoso");
    let mut ui = simulator(&app);
    assert!(
        ui.find("Permohonan dan surat sebelumnya untuk NIK ini (365 hari):")
            .is_ok()
    );
    assert!(
        ui.find(format!("2026-03-02  surat {}", first.number))
            .is_ok()
    );
}

#[test]
fn a_candidate_is_chosen_and_the_nik_corrected_by_keyboard_alone() {
    use iced::keyboard::key::Named;
    use iced::keyboard::{Key, Modifiers};
    use ui_common::press;
    let key = |named| Key::Named(named);
    let dir = tempfile::tempdir().unwrap();
    let typo = "3520011705850009";
    let id = waiting_application(dir.path(), "Budi Santoso", typo);
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Operator)]);

    // Enter takes the first application of the queue and checks it.
    press(&mut app, key(Named::Enter), Modifiers::empty(), None);
    assert!(
        simulator(&app)
            .find("Alt+↓/↑: pilih  ·  Enter: koreksi NIK")
            .is_ok()
    );
    // Alt+Down highlights the first candidate; Enter opens its correction.
    press(&mut app, key(Named::ArrowDown), Modifiers::ALT, None);
    ui_common::assert_small_snapshot(&app, "operator_kandidat_dipilih");
    press(&mut app, key(Named::Enter), Modifiers::empty(), None);
    assert!(simulator(&app).find("Koreksi NIK menjadi").is_ok());
    // Esc closes it, even with the cursor in the reason (one press, not two): the
    // candidates are back and Enter opens it again.
    press(
        &mut app,
        key(Named::Escape),
        Modifiers::empty(),
        Some(operator::REASON_FIELD),
    );
    assert!(simulator(&app).find("Koreksi NIK menjadi").is_err());
    assert!(simulator(&app).find("Mungkin maksud Anda").is_ok());
    press(&mut app, key(Named::Enter), Modifiers::empty(), None);
    // Enter in the empty reason asks for one; nothing changes.
    press(
        &mut app,
        key(Named::Enter),
        Modifiers::empty(),
        Some(operator::REASON_FIELD),
    );
    assert!(simulator(&app).find("Alasan koreksi wajib diisi.").is_ok());
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(register::get(&store.register, id).unwrap().nik, typo);

    type_into(&mut app, operator::REASON_FIELD, "salah ketik di loket");
    press(
        &mut app,
        key(Named::Enter),
        Modifiers::empty(),
        Some(operator::REASON_FIELD),
    );
    let application = register::get(&store.register, id).unwrap();
    assert_eq!(application.nik, demo::DEMO_REGISTERED_NIK);
    assert_eq!(application.status, Status::Terdaftar, "checked again");
    assert!(simulator(&app).find("Cetak Surat Keterangan").is_ok());
}

#[test]
fn a_plain_arrow_hands_enter_back_to_the_queue() {
    use iced::keyboard::key::Named;
    use iced::keyboard::{Key, Modifiers};
    use ui_common::press;
    let dir = tempfile::tempdir().unwrap();
    waiting_application(dir.path(), "Budi Santoso", "3520011705850009");
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Operator)]);
    press(&mut app, Key::Named(Named::Enter), Modifiers::empty(), None);
    press(&mut app, Key::Named(Named::ArrowDown), Modifiers::ALT, None);
    press(
        &mut app,
        Key::Named(Named::ArrowUp),
        Modifiers::empty(),
        None,
    );
    press(&mut app, Key::Named(Named::Enter), Modifiers::empty(), None);
    let mut ui = simulator(&app);
    assert!(
        ui.find("Koreksi NIK menjadi").is_err(),
        "Enter checked the queue's application again instead"
    );
    assert!(ui.find("Mungkin maksud Anda").is_ok());
}
