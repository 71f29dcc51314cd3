//! Shared helpers of the headless UI tests (`tests/ui_*.rs`).
//!
//! Run with the software renderer so snapshots are identical on every machine:
//! `ICED_TEST_BACKEND=tiny-skia cargo test --test ui_front_desk --test ui_operator`
//! (the CI sets the variable; `std::env::set_var` is `unsafe` in edition 2024 and racy
//! between test threads, so the tests do not set it themselves).

#![allow(dead_code)]

pub mod focus;
pub mod window;

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use iced::{Size, Task};
use iced_test::Simulator;
use iced_test::futures::futures::StreamExt;
use iced_test::futures::futures::executor::block_on;
use iced_test::runtime::{Action, task};
use loket_dtks::ui::{App, Message, Options};

/// The date every UI test runs on (shown in the header and written on letters).
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).expect("valid date")
}

/// The moment every UI test measures waiting times at: 09:00 on [`today`], a Monday.
pub fn now() -> NaiveDateTime {
    today().and_hms_opt(9, 0, 0).expect("valid time")
}

/// Stands in for the printer: always accepts the job.
pub fn fake_print(
    _file: &Path,
    _printer: Option<&str>,
    _copies: u32,
) -> loket_dtks::core::Result<String> {
    Ok("UJI-1".into())
}

/// Stands in for the printer list: one printer, which is also the system default.
pub fn fake_printers() -> loket_dtks::core::Result<(Vec<String>, Option<String>)> {
    Ok((vec!["PRINTER-UJI".into()], Some("PRINTER-UJI".into())))
}

/// The app on `dir` with the frozen date and the stand-in printer, straight on the
/// screens (no sign-in, the actor named by the role); its start task is run.
pub fn app(dir: &Path) -> App {
    app_with_sign_in(dir, false)
}

/// Like [`app`]; with `sign_in` the window asks who is using it first.
pub fn app_with_sign_in(dir: &Path, sign_in: bool) -> App {
    let (mut app, start) = App::with_options(
        dir.to_path_buf(),
        Options {
            today: Some(today()),
            now: Some(now()),
            print: fake_print,
            printers: fake_printers,
            sign_in,
        },
    );
    run(&mut app, start);
    app
}

/// A simulator of the app's current view at the window's size, with the embedded fonts.
pub fn simulator(app: &App) -> Simulator<'_, Message> {
    Simulator::with_size(
        loket_dtks::ui::settings(),
        Size::new(1280.0, 800.0),
        app.view(),
    )
}

/// Feeds every message a simulator produced into the app, running the tasks they start.
pub fn feed(app: &mut App, messages: Vec<Message>) {
    for message in messages {
        let task = app.update(message);
        run(app, task);
    }
}

/// Runs `task` to completion on this thread, feeding its messages (and those of the tasks
/// they start) back into the app. Widget operations (focus) are skipped: the simulator is
/// rebuilt from the view after each step anyway.
pub fn run(app: &mut App, task: Task<Message>) {
    let Some(stream) = task::into_stream(task) else {
        return;
    };
    let actions: Vec<Action<Message>> = block_on(stream.collect());
    for action in actions {
        if let Action::Output(message) = action {
            let next = app.update(message);
            run(app, next);
        }
    }
}

/// Asserts that the current view matches the committed snapshot `tests/snapshots/<name>`.
pub fn assert_snapshot(app: &App, name: &str) {
    assert_snapshot_at(app, name, Size::new(1280.0, 800.0));
}

/// Asserts as [`assert_snapshot`] with the window at the smallest size the office PCs
/// have (1024x600), so a crowded screen is seen as it is there.
pub fn assert_small_snapshot(app: &App, name: &str) {
    assert_snapshot_at(app, name, Size::new(1024.0, 600.0));
}

/// Asserts as [`assert_snapshot`], with the window at `size` (the smallest office
/// screens are 1024x600). With `LOKET_SNAPSHOT_PNG=DIR` set, the image is also written
/// to `DIR/<name>-tiny-skia.png` to be looked at.
pub fn assert_snapshot_at(app: &App, name: &str, size: Size) {
    let mut ui = Simulator::with_size(loket_dtks::ui::settings(), size, app.view());
    let snapshot = ui.snapshot(&app.theme()).expect("snapshot can be taken");
    if let Some(dir) = std::env::var_os("LOKET_SNAPSHOT_PNG") {
        let _ = snapshot.matches_image(Path::new(&dir).join(name));
    }
    assert!(
        snapshot
            .matches_hash(format!("tests/snapshots/{name}"))
            .expect("snapshot hash can be read or written"),
        "the view differs from tests/snapshots/{name}: check the change and delete the \
         old hash to accept it"
    );
}

/// Writes a fixed office signing key into `dir`, so verification codes (shown in
/// snapshots) are the same on every run.
pub fn fixed_office_key(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join(loket_dtks::core::key::KEY_FILE), [7u8; 32]).unwrap();
}

/// Issues a numbered letter for the demo NIK (demo data, fixed key, frozen date) without
/// the window, with a fixed issue time so views showing it stay the same on every run.
pub fn issue_demo_letter(dir: &Path) -> loket_dtks::core::letter::Issued {
    use loket_dtks::core::letter::{IssueRequest, issue_certificate};
    use loket_dtks::core::nik::Nik;
    use loket_dtks::core::snapshot::lookup::lookup;
    fixed_office_key(dir);
    let store = loket_dtks::core::Store::open(dir).unwrap();
    loket_dtks::core::demo::ensure_demo(&store).unwrap();
    let nik = Nik::parse(loket_dtks::core::demo::DEMO_REGISTERED_NIK).unwrap();
    let answer = lookup(&store.snapshots, &nik).unwrap();
    let request = IssueRequest {
        application_id: None,
        person: answer.person.clone().expect("the demo NIK is registered"),
        programs: answer.programs.clone(),
        snapshot: answer.snapshot.clone(),
        purpose: "Keringanan biaya sekolah".into(),
        actor: "operator".into(),
        date: today(),
    };
    let issued = issue_certificate(&store, &request).unwrap();
    store
        .register
        .execute(
            "UPDATE certificate SET issued_at = '2026-03-02T09:15:00+07:00' WHERE id = ?1",
            [issued.certificate_id],
        )
        .unwrap();
    issued
}

/// Clicks the widget showing `label` and handles what it produced, running its tasks.
pub fn click(app: &mut App, label: &str) {
    let mut ui = simulator(app);
    ui.click(label).unwrap_or_else(|e| panic!("{label}: {e}"));
    let messages: Vec<Message> = ui.into_messages().collect();
    assert!(!messages.is_empty(), "clicking {label} did nothing");
    feed(app, messages);
}

/// Clicks the text field with id `id`, types `text` into it and handles the messages.
pub fn type_into(app: &mut App, id: &'static str, text: &str) {
    let mut ui = simulator(app);
    ui.click(iced::widget::Id::new(id))
        .unwrap_or_else(|e| panic!("{id}: {e}"));
    let _ = ui.typewrite(text);
    let messages: Vec<Message> = ui.into_messages().collect();
    feed(app, messages);
}

/// Takes the view at `size` after the mouse wheel turned `lines` lines down with the
/// cursor at `at` (the scrollable under it moves, as in the window), and asserts it
/// matches `tests/snapshots/<name>` as [`assert_snapshot_at`] does. The image is also
/// written to `png` when given (to be read back by a test), and to `LOKET_SNAPSHOT_PNG`.
pub fn assert_scrolled_snapshot(
    app: &App,
    name: &str,
    size: Size,
    at: iced::Point,
    lines: f32,
    png: Option<&Path>,
) {
    use iced::mouse::{Event as Mouse, ScrollDelta};
    let mut ui = Simulator::with_size(loket_dtks::ui::settings(), size, app.view());
    ui.point_at(at);
    let _ = ui.simulate([iced::Event::Mouse(Mouse::WheelScrolled {
        delta: ScrollDelta::Lines { x: 0.0, y: -lines },
    })]);
    let snapshot = ui.snapshot(&app.theme()).expect("snapshot can be taken");
    if let Some(png) = png {
        let _ = snapshot.matches_image(png);
    }
    if let Some(dir) = std::env::var_os("LOKET_SNAPSHOT_PNG") {
        let _ = snapshot.matches_image(Path::new(&dir).join(name));
    }
    assert!(
        snapshot
            .matches_hash(format!("tests/snapshots/{name}"))
            .expect("snapshot hash can be read or written"),
        "the view differs from tests/snapshots/{name}: check the change and delete the \
         old hash to accept it"
    );
}

/// Presses and releases `key` with `modifiers` as the window gets it, the cursor first
/// put in field `field` when given: a widget takes it first (a focused field, the front
/// desk's quick keys), else the window's shortcuts map it. Handles what it produced and
/// returns how many messages that was (0: the key did nothing).
pub fn press(
    app: &mut App,
    key: iced::keyboard::Key,
    modifiers: iced::keyboard::Modifiers,
    field: Option<&'static str>,
) -> usize {
    let mut ui = simulator(app);
    if let Some(field) = field {
        ui.click(iced::widget::Id::new(field))
            .unwrap_or_else(|e| panic!("{field}: {e}"));
    }
    let (pressed, released) = key_events(key, modifiers);
    let status = ui.simulate([
        iced::Event::Keyboard(pressed.clone()),
        iced::Event::Keyboard(released),
    ]);
    let mut messages: Vec<Message> = ui.into_messages().collect();
    if status.first() == Some(&iced_test::core::event::Status::Ignored) {
        messages.extend(loket_dtks::ui::app::shortcut(pressed));
    }
    let produced = messages.len();
    feed(app, messages);
    produced
}

/// A data dir with the demo snapshot, a fixed office key, and one waiting application
/// for `nik` written at a fixed time (so the queue shows the same clock on every run).
pub fn waiting_application(dir: &Path, name: &str, nik: &str) -> i64 {
    written_application(dir, applicant(name, nik))
}

/// An adult's application for `name` and `nik` with every paper, for a school fee waiver.
pub fn applicant(name: &str, nik: &str) -> loket_dtks::core::register::NewApplication {
    loket_dtks::core::register::NewApplication {
        applicant_name: name.into(),
        nik: nik.into(),
        purpose: "Keringanan biaya sekolah".into(),
        papers: loket_dtks::core::register::PAPERS
            .map(String::from)
            .to_vec(),
        ..Default::default()
    }
}

/// A data dir with the demo snapshot and a fixed office key, and `application` written
/// by the front desk at a fixed time (2026-03-02 08:30 office time).
pub fn written_application(
    dir: &Path,
    application: loket_dtks::core::register::NewApplication,
) -> i64 {
    fixed_office_key(dir);
    let store = loket_dtks::core::Store::open(dir).unwrap();
    loket_dtks::core::demo::ensure_demo(&store).unwrap();
    written_at(&store, &application, "2026-03-02T08:30:00+07:00")
}

/// `application` written by the front desk into `store` at `created_at` (RFC 3339,
/// stored with the office's own offset whatever zone the test machine is in).
pub fn written_at(
    store: &loket_dtks::core::Store,
    application: &loket_dtks::core::register::NewApplication,
    created_at: &str,
) -> i64 {
    let id = loket_dtks::core::register::create(
        &store.register,
        application,
        "petugas_layanan",
        chrono::Local::now(),
    )
    .unwrap()
    .id;
    store
        .register
        .execute(
            "UPDATE application SET created_at = ?2 WHERE id = ?1",
            (id, created_at),
        )
        .unwrap();
    id
}

/// The press and the release of `key` with `modifiers`, as the window gets them from a
/// real keyboard (no text: only keys, not typing).
pub fn key_events(
    key: iced::keyboard::Key,
    modifiers: iced::keyboard::Modifiers,
) -> (iced::keyboard::Event, iced::keyboard::Event) {
    use iced::keyboard::{self, key::NativeCode, key::Physical};
    let physical = Physical::Unidentified(NativeCode::Unidentified);
    let pressed = keyboard::Event::KeyPressed {
        key: key.clone(),
        modified_key: key.clone(),
        physical_key: physical,
        location: keyboard::Location::Standard,
        modifiers,
        text: None,
        repeat: false,
    };
    let released = keyboard::Event::KeyReleased {
        key: key.clone(),
        modified_key: key,
        physical_key: physical,
        location: keyboard::Location::Standard,
        modifiers,
    };
    (pressed, released)
}
