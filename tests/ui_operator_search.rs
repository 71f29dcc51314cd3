//! Operator: the name search used by keyboard alone, and a person found by name sent to
//! the front desk's form.
//! See `tests/ui_common/mod.rs` for how to run (ICED_TEST_BACKEND=tiny-skia).

mod ui_common;

use iced::keyboard::Key;
use iced::keyboard::Modifiers;
use iced::keyboard::key::Named;
use loket_dtks::ui::screen::front_desk;
use loket_dtks::ui::screen::operator::search;
use loket_dtks::ui::{Message, Role};
use ui_common::{app, feed, press, simulator, type_into};

/// The text in the text field `id` of the current view.
fn field_text(app: &loket_dtks::ui::App, id: &'static str) -> String {
    match simulator(app).find(iced::widget::Id::new(id)) {
        Ok(iced_test::selector::Target::TextInput { content, .. }) => content,
        other => panic!("{id}: not a text field ({other:?})"),
    }
}

#[test]
fn the_name_search_is_used_by_keyboard_and_fills_the_front_desk() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Operator)]);
    type_into(&mut app, search::NAME_FIELD, "santoso");
    // Enter in the field searches.
    press(
        &mut app,
        Key::Named(Named::Enter),
        Modifiers::empty(),
        Some(search::NAME_FIELD),
    );
    assert!(simulator(&app).find("Siti Santoso").is_ok(), "two results");
    assert!(simulator(&app).find("Budi Santoso").is_ok());

    // Down (still in the field) moves to the second result; Enter in the unchanged
    // field chooses it.
    press(
        &mut app,
        Key::Named(Named::ArrowDown),
        Modifiers::empty(),
        Some(search::NAME_FIELD),
    );
    press(
        &mut app,
        Key::Named(Named::Enter),
        Modifiers::empty(),
        Some(search::NAME_FIELD),
    );
    let mut ui = simulator(&app);
    assert!(ui.find("3520014602124104").is_ok(), "Siti's check is shown");
    assert!(ui.find("Daftarkan di loket").is_ok());
    drop(ui);

    // Up, then Enter outside any field: Budi is checked instead.
    press(
        &mut app,
        Key::Named(Named::ArrowUp),
        Modifiers::empty(),
        None,
    );
    press(&mut app, Key::Named(Named::Enter), Modifiers::empty(), None);
    assert!(
        simulator(&app).find("3520011705850001").is_ok(),
        "Budi's check"
    );

    // Enter again on the person shown: to the front desk with the form filled.
    press(&mut app, Key::Named(Named::Enter), Modifiers::empty(), None);
    assert_eq!(app.role(), Role::PetugasLayanan);
    assert_eq!(field_text(&app, front_desk::NAME_FIELD), "Budi Santoso");
    assert_eq!(field_text(&app, front_desk::NIK_FIELD), "3520011705850001");
    assert_eq!(field_text(&app, front_desk::KK_FIELD), "3520017497438404");
    assert_eq!(field_text(&app, front_desk::DESA_FIELD), "Sukamaju");
}

#[test]
fn daftarkan_di_loket_sends_the_person_found_to_the_front_desk() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Operator)]);
    type_into(&mut app, search::NAME_FIELD, "siti santoso");
    press(
        &mut app,
        Key::Named(Named::Enter),
        Modifiers::empty(),
        Some(search::NAME_FIELD),
    );
    press(&mut app, Key::Named(Named::Enter), Modifiers::empty(), None);
    ui_common::click(&mut app, "Daftarkan di loket");
    assert_eq!(app.role(), Role::PetugasLayanan);
    assert_eq!(field_text(&app, front_desk::NIK_FIELD), "3520014602124104");
}
