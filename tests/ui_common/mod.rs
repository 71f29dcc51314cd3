//! Shared helpers of the headless UI tests (`tests/ui_*.rs`).
//!
//! Run with the software renderer so snapshots are identical on every machine:
//! `ICED_TEST_BACKEND=tiny-skia cargo test --test ui_front_desk --test ui_operator`
//! (the CI sets the variable; `std::env::set_var` is `unsafe` in edition 2024 and racy
//! between test threads, so the tests do not set it themselves).

#![allow(dead_code)]

use std::path::Path;

use chrono::NaiveDate;
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

/// Stands in for the printer: always accepts the job.
pub fn fake_print(
    _file: &Path,
    _printer: Option<&str>,
    _copies: u32,
) -> loket_dtks::core::Result<String> {
    Ok("UJI-1".into())
}

/// The app on `dir` with the frozen date and the stand-in printer; its start task is run.
pub fn app(dir: &Path) -> App {
    let (mut app, start) = App::with_options(
        dir.to_path_buf(),
        Options {
            today: Some(today()),
            print: fake_print,
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
    let mut ui = simulator(app);
    let snapshot = ui.snapshot(&app.theme()).expect("snapshot can be taken");
    assert!(
        snapshot
            .matches_hash(format!("tests/snapshots/{name}"))
            .expect("snapshot hash can be read or written"),
        "the view differs from tests/snapshots/{name}: check the change and delete the \
         old hash to accept it"
    );
}
