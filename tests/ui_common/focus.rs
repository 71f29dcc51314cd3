//! Widget operations (focus) in the headless tests: [`super::run`] skips them, these
//! helpers keep them and apply them to a window built from the app's view, so a test can
//! check where the cursor went by typing.

use iced::{Size, Task};
use iced_test::core::renderer::Headless;
use iced_test::core::widget::Operation;
use iced_test::core::{clipboard, mouse};
use iced_test::futures::futures::StreamExt;
use iced_test::futures::futures::executor::block_on;
use iced_test::runtime::{Action, UserInterface, task, user_interface};
use loket_dtks::ui::{App, Message};

/// The widget operations a task asked for.
pub type Operations = Vec<Box<dyn Operation>>;

/// Feeds `messages` into the app like [`super::feed`], returning the widget operations
/// their tasks asked for instead of skipping them.
pub fn feed_keeping_operations(app: &mut App, messages: Vec<Message>) -> Operations {
    let mut operations = Vec::new();
    for message in messages {
        let task = app.update(message);
        run_keeping_operations(app, task, &mut operations);
    }
    operations
}

fn run_keeping_operations(app: &mut App, task: Task<Message>, operations: &mut Operations) {
    let Some(stream) = task::into_stream(task) else {
        return;
    };
    let actions: Vec<Action<Message>> = block_on(stream.collect());
    for action in actions {
        match action {
            Action::Output(message) => {
                let next = app.update(message);
                run_keeping_operations(app, next, operations);
            }
            Action::Widget(operation) => operations.push(operation),
            _ => {}
        }
    }
}

/// Builds the window from the app's view, applies `operations` (as the window would
/// after the update), types `text` without clicking anywhere, and feeds what the
/// widgets produced back into the app.
pub fn type_after(app: &mut App, operations: Operations, text: &str) {
    // A simulator loads the embedded fonts.
    drop(super::simulator(app));
    let settings = loket_dtks::ui::settings();
    let backend = std::env::var("ICED_TEST_BACKEND").ok();
    let mut renderer = block_on(<iced_test::renderer::Renderer as Headless>::new(
        settings.default_font,
        settings.default_text_size,
        backend.as_deref(),
    ))
    .expect("a headless renderer");
    let mut messages = Vec::new();
    {
        let mut ui = UserInterface::build(
            app.view(),
            Size::new(1280.0, 800.0),
            user_interface::Cache::default(),
            &mut renderer,
        );
        for mut operation in operations {
            ui.operate(&renderer, operation.as_mut());
        }
        let events: Vec<_> = iced_test::simulator::typewrite(text).collect();
        let _ = ui.update(
            &events,
            mouse::Cursor::Unavailable,
            &mut renderer,
            &mut clipboard::Null,
            &mut messages,
        );
    }
    super::feed(app, messages);
}
