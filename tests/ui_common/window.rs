//! A window kept between steps, for the focus tests: unlike the simulator (built afresh
//! from the view for every step), it keeps the widgets' state, so a field keeps the
//! cursor from one step to the next as in the running window. After each update the
//! widget operations the tasks asked for (focus) are applied, and a key no widget took
//! goes to the window's shortcuts, as in the running window.

use iced::keyboard::{self, Key, Modifiers};
use iced::widget::Id;
use iced::{Event, Size};
use iced_test::core::renderer::Headless;
use iced_test::core::widget::Operation;
use iced_test::core::widget::operation::{Outcome, black_box};
use iced_test::core::{clipboard, event, mouse};
use iced_test::futures::futures::executor::block_on;
use iced_test::runtime::{UserInterface, user_interface};
use iced_test::selector::{self, Candidate, Selector, Text};
use loket_dtks::ui::{App, Message};

use super::focus::feed_keeping_operations;

type Renderer = iced_test::renderer::Renderer;

/// The window's size in the tests.
const SIZE: Size = Size::new(1280.0, 800.0);

/// The app with the widget state of its window.
pub struct Window {
    /// The application.
    pub app: App,
    renderer: Renderer,
    cache: user_interface::Cache,
}

impl Window {
    /// The window of `app`, nothing focused yet.
    pub fn new(app: App) -> Window {
        // A simulator loads the embedded fonts.
        drop(super::simulator(&app));
        let settings = loket_dtks::ui::settings();
        let backend = std::env::var("ICED_TEST_BACKEND").ok();
        let renderer = block_on(<Renderer as Headless>::new(
            settings.default_font,
            settings.default_text_size,
            backend.as_deref(),
        ))
        .expect("a headless renderer");
        let mut window = Window {
            app,
            renderer,
            cache: user_interface::Cache::default(),
        };
        window.with_ui(|_, _| ());
        window
    }

    /// Builds the interface from the app's view on the kept widget state, hands it to
    /// `f` and keeps the state it leaves.
    fn with_ui<R>(
        &mut self,
        f: impl FnOnce(&mut UserInterface<'_, Message, iced::Theme, Renderer>, &mut Renderer) -> R,
    ) -> R {
        let cache = std::mem::take(&mut self.cache);
        let mut ui = UserInterface::build(self.app.view(), SIZE, cache, &mut self.renderer);
        let result = f(&mut ui, &mut self.renderer);
        self.cache = ui.into_cache();
        result
    }

    /// Handles `messages` as the window does: each updates the app, its tasks run, and
    /// the widget operations they asked for are applied to the rebuilt interface.
    pub fn send(&mut self, messages: Vec<Message>) {
        for message in messages {
            let operations = feed_keeping_operations(&mut self.app, vec![message]);
            self.with_ui(|ui, renderer| {
                for mut operation in operations {
                    ui.operate(renderer, operation.as_mut());
                }
            });
        }
    }

    /// Passes `events` to the interface one by one, handling what each produced; a key
    /// press no widget took becomes the window's shortcut, if it is one.
    fn events(&mut self, events: impl IntoIterator<Item = Event>) {
        for event in events {
            let (mut messages, status) = self.with_ui(|ui, renderer| {
                let mut messages = Vec::new();
                let (_, statuses) = ui.update(
                    std::slice::from_ref(&event),
                    mouse::Cursor::Unavailable,
                    renderer,
                    &mut clipboard::Null,
                    &mut messages,
                );
                (messages, statuses.first().copied())
            });
            if status == Some(event::Status::Ignored)
                && let Event::Keyboard(key @ keyboard::Event::KeyPressed { .. }) = event
            {
                messages.extend(loket_dtks::ui::app::shortcut(key));
            }
            self.send(messages);
        }
    }

    /// Types `text` key by key, without clicking anywhere.
    pub fn type_text(&mut self, text: &str) {
        let events: Vec<Event> = iced_test::simulator::typewrite(text).collect();
        self.events(events);
    }

    /// Presses and releases `key` with `modifiers`, without clicking anywhere.
    pub fn press(&mut self, key: Key, modifiers: Modifiers) {
        let (pressed, released) = super::key_events(key, modifiers);
        self.events([Event::Keyboard(pressed), Event::Keyboard(released)]);
    }

    /// Clicks the widget showing `label` (a tab, a button) with the mouse, as the user
    /// does: the click also takes the cursor out of a field elsewhere.
    pub fn click(&mut self, label: &str) {
        let target = self
            .find(label)
            .unwrap_or_else(|| panic!("\"{label}\" is on screen"));
        let at = target.visible_bounds().expect("visible").center();
        let click = [
            Event::Mouse(mouse::Event::CursorMoved { position: at }),
            Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left)),
            Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Left)),
        ];
        let messages = self.with_ui(|ui, renderer| {
            let mut messages = Vec::new();
            let _ = ui.update(
                &click,
                mouse::Cursor::Available(at),
                renderer,
                &mut clipboard::Null,
                &mut messages,
            );
            messages
        });
        assert!(!messages.is_empty(), "clicking {label} did nothing");
        self.send(messages);
    }

    fn run<S>(&mut self, selector: S) -> Option<S::Output>
    where
        S: Selector + Send,
        S::Output: Clone + Send,
    {
        self.with_ui(|ui, renderer| {
            let mut operation = selector.find();
            ui.operate(renderer, &mut black_box(&mut operation));
            match operation.finish() {
                Outcome::Some(found) => found,
                _ => None,
            }
        })
    }

    /// The text or field showing exactly `text`, if on screen.
    pub fn find(&mut self, text: &str) -> Option<Text> {
        self.run(text)
    }

    /// True when `text` is on screen (as a text or as a field's whole content).
    pub fn shows(&mut self, text: &str) -> bool {
        self.find(text).is_some()
    }

    /// True when a text on screen contains `part`.
    pub fn shows_part(&mut self, part: &str) -> bool {
        self.run(|candidate: Candidate<'_>| match candidate {
            Candidate::Text { content, .. } if content.contains(part) => Some(()),
            _ => None,
        })
        .is_some()
    }

    /// The field whose content contains `part`: `Some(its id)` (`Some(None)` for a
    /// field without an id), `None` when no field does.
    pub fn field_containing(&mut self, part: &str) -> Option<Option<Id>> {
        self.run(|candidate: Candidate<'_>| match candidate {
            Candidate::TextInput { id, state, .. } if state.text().contains(part) => {
                Some(id.cloned())
            }
            _ => None,
        })
    }

    /// What the field `id` shows (its hint while empty), `None` when it is not on
    /// screen.
    pub fn field(&mut self, id: &'static str) -> Option<String> {
        match self.run(Id::new(id))? {
            selector::Target::TextInput { content, .. } => Some(content),
            _ => None,
        }
    }

    /// The id of the widget with the cursor (`None`: no widget has it, or one without
    /// an id).
    pub fn focused(&mut self) -> Option<Id> {
        match self.run(selector::is_focused())? {
            selector::Target::Focusable { id, .. } => id,
            _ => None,
        }
    }
}
