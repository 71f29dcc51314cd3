//! Where the cursor goes after a tab or role switch: into the tab's first useful field,
//! so text typed right after lands there and nowhere else; out of every field on the
//! tabs worked by keys (the operator's queue, the Pimpinan's letters, the survey), whose
//! keys then still reach them. The window keeps its widgets' state between steps (see
//! `tests/ui_common/window.rs`), so a field left focused on one tab would show here as
//! in use. See `tests/ui_common/mod.rs` for how to run.

mod ui_common;

use chrono::Local;
use iced::keyboard::{Key, Modifiers, key::Named};
use iced::widget::Id;
use loket_dtks::core::demo::DEMO_REGISTERED_NIK;
use loket_dtks::ui::screen::admin::PATH_FIELD;
use loket_dtks::ui::screen::{
    archive, audit_log, bulk, complaints, front_desk, register_book, reports, users, usulan, verify,
};
use loket_dtks::ui::{Message, Role};
use ui_common::window::Window;
use ui_common::{app, app_with_sign_in, waiting_application};

fn window(dir: &std::path::Path) -> Window {
    Window::new(app(dir))
}

/// Ctrl+PageDown, pressed as the clerk does (in a field or not).
fn next_tab(w: &mut Window) {
    w.press(Key::Named(Named::PageDown), Modifiers::CTRL);
}

/// Presses function key `key` (F1-F4 switch roles).
fn function_key(w: &mut Window, key: Named) {
    w.press(Key::Named(key), Modifiers::empty());
}

/// Asserts the cursor is in `field` and that `text` typed now lands there, at its end.
fn typing_lands_in(w: &mut Window, field: &'static str, text: &str) {
    assert_eq!(
        w.focused(),
        Some(Id::new(field)),
        "the cursor is in {field}"
    );
    w.type_text(text);
    let holds = w.field(field).expect("the field is on screen");
    assert!(holds.ends_with(text), "typed into {field}: {holds}");
    assert_eq!(
        w.field_containing(text),
        Some(Some(Id::new(field))),
        "and into no other field"
    );
}

/// Asserts no field has the cursor: letters typed now land in no field.
fn no_field_takes(w: &mut Window, text: &str) {
    assert_eq!(w.focused(), None, "no field has the cursor");
    w.type_text(text);
    assert_eq!(w.field_containing(text), None, "{text} went into a field");
}

#[test]
fn the_front_desk_tabs_start_in_their_field_and_the_survey_takes_digit_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = window(dir.path());

    next_tab(&mut w);
    assert!(w.shows("Buku Register"));
    typing_lands_in(&mut w, register_book::TEXT_FIELD, "Siti");

    // From the register's search field (the cursor in it) to the survey: out of it,
    // and the digits answer the questions.
    next_tab(&mut w);
    no_field_takes(&mut w, "xq");
    assert!(w.shows_part("Pertanyaan 1 dari"));
    w.type_text("3");
    assert!(w.shows_part("Pertanyaan 2 dari"), "the digit answered");
    assert_eq!(w.field_containing("3"), None);

    // Round to Pendaftaran: the applicant's name.
    next_tab(&mut w);
    typing_lands_in(&mut w, front_desk::NAME_FIELD, "Budi");
    // Away and back with the name typed: the form goes on at the NIK, the name intact.
    next_tab(&mut w);
    w.press(Key::Named(Named::PageUp), Modifiers::CTRL);
    typing_lands_in(&mut w, front_desk::NIK_FIELD, "3520");
    assert_eq!(w.field(front_desk::NAME_FIELD).as_deref(), Some("Budi"));

    // A click on a tab does the same as the keys.
    w.click("Buku Register");
    typing_lands_in(&mut w, register_book::TEXT_FIELD, " 0007");
}

#[test]
fn the_operators_queue_keeps_its_keys_and_the_other_tabs_start_in_their_field() {
    let dir = tempfile::tempdir().unwrap();
    waiting_application(dir.path(), "Budi Santoso", DEMO_REGISTERED_NIK);
    let mut w = window(dir.path());

    // F2 from the front desk (the cursor in the name): the queue, no field, and Enter
    // takes the highlighted application.
    function_key(&mut w, Named::F1);
    typing_lands_in(&mut w, front_desk::NAME_FIELD, "Ani");
    function_key(&mut w, Named::F2);
    assert_eq!(w.app.role(), Role::Operator);
    no_field_takes(&mut w, "xq");
    w.press(Key::Named(Named::Enter), Modifiers::empty());
    assert!(
        w.shows("TERDAFTAR"),
        "Enter chose the application and checked it"
    );

    next_tab(&mut w);
    typing_lands_in(&mut w, verify::CODE_FIELD, "2026-0001");
    next_tab(&mut w);
    typing_lands_in(&mut w, archive::QUERY_FIELD, "Budi");
    // Round to the queue: out of the archive's search, the arrows move in the queue.
    next_tab(&mut w);
    no_field_takes(&mut w, "xq");
    w.press(Key::Named(Named::ArrowDown), Modifiers::empty());
    assert_eq!(w.focused(), None);

    w.click("Verifikasi Surat");
    typing_lands_in(&mut w, verify::CODE_FIELD, "K3J5");
}

#[test]
fn every_pimpinan_tab_starts_where_its_work_starts() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = window(dir.path());
    function_key(&mut w, Named::F3);
    assert_eq!(w.app.role(), Role::Pimpinan);
    // Paraf & TTD: worked with F8, arrows and Enter, no field.
    no_field_takes(&mut w, "xq");

    let tabs: [(&str, Option<&'static str>); 8] = [
        ("Verifikasi Surat", Some(verify::CODE_FIELD)),
        ("Arsip Surat", Some(archive::QUERY_FIELD)),
        ("Usulan DTKS", Some(usulan::DESA_FIELD)),
        ("Buku Register", Some(register_book::TEXT_FIELD)),
        ("Survei SKM", None),
        ("Pengaduan", Some(complaints::NAME_FIELD)),
        ("Laporan", Some(reports::FROM_FIELD)),
        ("Paraf & TTD", None),
    ];
    for (i, (tab, field)) in tabs.into_iter().enumerate() {
        next_tab(&mut w);
        let typed = format!("ketik{}", char::from(b'a' + i as u8));
        match field {
            Some(field) => typing_lands_in(&mut w, field, &typed),
            None => no_field_takes(&mut w, &typed),
        }
        if tab == "Survei SKM" {
            w.type_text("4");
            assert!(w.shows_part("Pertanyaan 2 dari"), "the digit answered");
        }
    }
}

#[test]
fn every_admin_tab_starts_where_its_work_starts() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = window(dir.path());
    function_key(&mut w, Named::F4);
    assert_eq!(w.app.role(), Role::Admin);
    typing_lands_in(&mut w, PATH_FIELD, "/tmp/dtks.csv");

    let tabs: [Option<&'static str>; 6] = [
        None, // Pengaturan: the admin picks the setting to change
        Some(bulk::INPUT_FIELD),
        Some(reports::FROM_FIELD),
        Some(audit_log::FROM_FIELD),
        Some(users::NAME_FIELD),
        Some(PATH_FIELD),
    ];
    for (i, field) in tabs.into_iter().enumerate() {
        next_tab(&mut w);
        let typed = format!("ketik{}", char::from(b'a' + i as u8));
        match field {
            Some(field) => typing_lands_in(&mut w, field, &typed),
            None => no_field_takes(&mut w, &typed),
        }
    }
    w.click("Pengguna");
    typing_lands_in(&mut w, users::NAME_FIELD, " Lestari");
}

#[test]
fn a_role_switch_lands_in_the_field_of_the_tab_the_screen_shows() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = window(dir.path());

    // F3 on the Pimpinan's archive, away to the front desk, F3 back: the archive search.
    function_key(&mut w, Named::F3);
    w.click("Arsip Surat");
    function_key(&mut w, Named::F1);
    typing_lands_in(&mut w, front_desk::NAME_FIELD, "Budi");
    function_key(&mut w, Named::F3);
    typing_lands_in(&mut w, archive::QUERY_FIELD, "0007");

    // F4 on the admin's report, away, F4 back: the report's first date.
    function_key(&mut w, Named::F4);
    w.click("Laporan");
    function_key(&mut w, Named::F2);
    no_field_takes(&mut w, "xq");
    function_key(&mut w, Named::F4);
    typing_lands_in(&mut w, reports::FROM_FIELD, "7");

    // F1 on the register book: its search, not the form's name.
    function_key(&mut w, Named::F1);
    w.click("Buku Register");
    function_key(&mut w, Named::F3);
    function_key(&mut w, Named::F1);
    typing_lands_in(&mut w, register_book::TEXT_FIELD, "Siti");
}

/// Signs `name` in with `pin` through the sign-in panel's messages.
fn sign_in(w: &mut Window, name: &str, pin: &str) {
    use loket_dtks::ui::sign_in::Message as SignIn;
    w.send(vec![
        Message::SignIn(SignIn::Picked(name.into())),
        Message::SignIn(SignIn::PinChanged(pin.into())),
        Message::SignIn(SignIn::Submit),
    ]);
    assert!(!w.app.signing_in(), "signed in");
}

#[test]
fn after_a_sign_in_the_cursor_is_in_the_field_of_the_tab_shown() {
    let dir = tempfile::tempdir().unwrap();
    let store = loket_dtks::core::Store::open(dir.path()).unwrap();
    loket_dtks::core::users::create_first_admin(&store.register, "Ani", "", "1234", Local::now())
        .unwrap();
    let mut w = Window::new(app_with_sign_in(dir.path(), true));

    // Ani may only use the Admin screen: it opens on "Impor Data", in the file's path.
    sign_in(&mut w, "Ani", "1234");
    assert_eq!(w.app.role(), Role::Admin);
    typing_lands_in(&mut w, PATH_FIELD, "/tmp/dtks.csv");

    // F12 (another user, or the same back) on "Log Akses": back in its first date.
    w.click("Log Akses");
    function_key(&mut w, Named::F12);
    assert!(w.app.signing_in());
    sign_in(&mut w, "Ani", "1234");
    typing_lands_in(&mut w, audit_log::FROM_FIELD, "2026");
}

#[test]
fn a_question_left_open_gets_the_cursor_back_when_its_tab_is_shown_again() {
    let dir = tempfile::tempdir().unwrap();
    // A NIK one digit off the demo's registered person: not registered, with a
    // "Mungkin maksud Anda" candidate.
    waiting_application(dir.path(), "Budi Santoso", "3520011705850009");
    let mut w = window(dir.path());
    function_key(&mut w, Named::F2);
    w.press(Key::Named(Named::Enter), Modifiers::empty());
    w.press(Key::Named(Named::ArrowDown), Modifiers::ALT);
    w.press(Key::Named(Named::Enter), Modifiers::empty());
    assert!(w.shows("Koreksi NIK menjadi"));
    typing_lands_in(
        &mut w,
        loket_dtks::ui::screen::operator::REASON_FIELD,
        "salah",
    );

    // Away to Verifikasi Surat and back: the correction is still open, the cursor in its
    // reason again, so the clerk goes on typing where they left off.
    next_tab(&mut w);
    typing_lands_in(&mut w, verify::CODE_FIELD, "2026");
    w.press(Key::Named(Named::PageUp), Modifiers::CTRL);
    assert!(w.shows("Koreksi NIK menjadi"));
    typing_lands_in(
        &mut w,
        loket_dtks::ui::screen::operator::REASON_FIELD,
        " ketik",
    );
    assert_eq!(
        w.field(loket_dtks::ui::screen::operator::REASON_FIELD)
            .as_deref(),
        Some("salah ketik")
    );
}

#[test]
fn the_sign_off_undo_left_open_gets_the_cursor_back_on_its_tab() {
    let dir = tempfile::tempdir().unwrap();
    ui_common::issue_demo_letter(dir.path());
    let mut w = window(dir.path());
    function_key(&mut w, Named::F3);
    // F8 and Enter: the paraf; Ctrl+Z: take it back, asking the reason.
    function_key(&mut w, Named::F8);
    w.press(Key::Named(Named::Enter), Modifiers::empty());
    w.press(Key::Character("z".into()), Modifiers::CTRL);
    let reason = loket_dtks::ui::screen::leadership::UNDO_REASON_FIELD;
    typing_lands_in(&mut w, reason, "salah");
    next_tab(&mut w);
    typing_lands_in(&mut w, verify::CODE_FIELD, "2026");
    w.press(Key::Named(Named::PageUp), Modifiers::CTRL);
    typing_lands_in(&mut w, reason, " surat");
    assert_eq!(w.field(reason).as_deref(), Some("salah surat"));
}
