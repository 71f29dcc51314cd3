//! Helpers shared by the admin UI tests (`tests/ui_admin*.rs`), on top of `ui_common`.

#![allow(dead_code)]

use std::path::Path;

use iced::keyboard::{self, Modifiers, key::Named};
use iced::widget::Id;
use iced_test::core::Event;
use loket_dtks::core::settings::Source;
use loket_dtks::ui::screen::admin::{self, PERIOD_FIELD, import};
use loket_dtks::ui::{App, Message, Role};

use crate::ui_common::{feed, simulator};

/// The app's message for an import-tab message.
pub fn msg(message: import::Message) -> Message {
    Message::Admin(admin::Message::Import(message))
}

/// Switches to the Admin role.
pub fn open_admin(app: &mut App) {
    feed(app, vec![Message::RoleSelected(Role::Admin)]);
}

/// Clicks the text field `id` and types `text` into it (after what it holds).
pub fn type_into(app: &mut App, id: impl Into<Id>, text: &str) {
    let mut ui = simulator(app);
    ui.click(id.into()).expect("field is on screen");
    let _ = ui.typewrite(text);
    let messages: Vec<Message> = ui.into_messages().collect();
    feed(app, messages);
}

/// Clicks the text field `id`, selects all it holds (Ctrl+A) and types `text` over it.
pub fn replace_in(app: &mut App, id: impl Into<Id>, text: &str) {
    let mut ui = simulator(app);
    ui.click(id.into()).expect("field is on screen");
    ui.simulate([Event::Keyboard(keyboard::Event::ModifiersChanged(
        Modifiers::COMMAND,
    ))]);
    let _ = ui.tap_key(keyboard::Key::Character("a".into()));
    ui.simulate([Event::Keyboard(keyboard::Event::ModifiersChanged(
        Modifiers::empty(),
    ))]);
    if text.is_empty() {
        let _ = ui.tap_key(keyboard::Key::Named(Named::Backspace));
    } else {
        let _ = ui.typewrite(text);
    }
    let messages: Vec<Message> = ui.into_messages().collect();
    feed(app, messages);
}

/// Clicks the button (or text) labelled `label` and feeds what it produced.
pub fn click(app: &mut App, label: &str) {
    let mut ui = simulator(app);
    ui.click(label)
        .unwrap_or_else(|_| panic!("\"{label}\" is on screen"));
    let messages: Vec<Message> = ui.into_messages().collect();
    feed(app, messages);
}

/// True when `text` is on screen.
pub fn shows(app: &App, text: &str) -> bool {
    simulator(app).find(text).is_ok()
}

/// Imports `file` through the form as data of period 2025-09: period, path, "Impor".
pub fn import_file(app: &mut App, file: &Path) {
    feed(
        app,
        vec![msg(import::Message::PeriodChanged("2025-09".into()))],
    );
    choose_and_import(app, file);
}

/// Types the path of `file` and clicks "Impor".
pub fn choose_and_import(app: &mut App, file: &Path) {
    feed(
        app,
        vec![msg(import::Message::PathChanged(
            file.display().to_string(),
        ))],
    );
    click(app, "Impor");
}

/// Opens Admin and imports `file` as a DTKS snapshot of `period` (typed into the form).
pub fn import_as_dtks(app: &mut App, file: &Path, period: &str) {
    open_admin(app);
    feed(app, vec![msg(import::Message::SourcePicked(Source::Dtks))]);
    type_into(app, PERIOD_FIELD, period);
    choose_and_import(app, file);
}

/// How many audit entries of `action` the register holds.
pub fn audit_count(dir: &Path, action: &str) -> i64 {
    loket_dtks::core::Store::open(dir)
        .expect("the installation opens")
        .register
        .query_row(
            "SELECT count(*) FROM audit WHERE action = ?1",
            [action],
            |r| r.get(0),
        )
        .expect("the audit log is readable")
}

/// Sets every snapshot's import time to a fixed one and re-reads the list, so snapshot
/// images do not depend on the clock.
pub fn freeze_import_times(app: &mut App, dir: &Path) {
    let conn = rusqlite::Connection::open(dir.join("snapshot.db")).expect("snapshot.db opens");
    conn.execute(
        "UPDATE snapshot SET imported_at = '2026-03-02T09:00:00+07:00'",
        [],
    )
    .expect("import times are set");
    feed(
        app,
        vec![Message::Admin(admin::Message::TabSelected(
            admin::Tab::Impor,
        ))],
    );
}
