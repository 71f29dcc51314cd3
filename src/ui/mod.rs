//! The desktop window (iced): one window with a role switcher and one screen per role.
//!
//! The UI only calls [`crate::core`]; anything that may take longer than a frame (lookups,
//! issuing, printing, imports) runs in a background thread through [`background`].

pub mod app;
pub mod background;
pub mod file_dialog;
pub mod role;
pub mod screen;
pub mod sign_in;
pub mod theme;
pub mod widget;

use std::path::PathBuf;

use iced::font::Weight;
use iced::{Font, Settings, Size};

pub use app::{App, Message, Options};
pub use role::Role;

/// The regular face of the embedded Loket Sans family (also used in letters).
pub const FONT_REGULAR_BYTES: &[u8] = include_bytes!("../../fonts/LoketSans-Regular.ttf");

/// The bold face of the embedded Loket Sans family.
pub const FONT_BOLD_BYTES: &[u8] = include_bytes!("../../fonts/LoketSans-Bold.ttf");

/// The UI font: the embedded family, so every machine (and every snapshot) looks the same.
pub const FONT: Font = Font::with_name("Loket Sans");

/// The bold UI font.
pub const FONT_BOLD: Font = Font {
    weight: Weight::Bold,
    ..FONT
};

/// iced settings with the embedded fonts loaded and set as default.
///
/// The window uses it, and so do the headless UI tests (`iced_test::Simulator::with_size`).
pub fn settings() -> Settings {
    Settings {
        fonts: vec![FONT_REGULAR_BYTES.into(), FONT_BOLD_BYTES.into()],
        default_font: FONT,
        ..Settings::default()
    }
}

/// Opens the main window on the installation in `data_dir` and runs until it is closed.
pub fn run(data_dir: PathBuf) -> iced::Result {
    iced::application(move || App::new(data_dir.clone()), App::update, App::view)
        .title("Loket DTKS")
        .settings(settings())
        // Fits the 1366x768 screens common on office PCs, with room for a taskbar.
        .window_size(Size::new(1280.0, 700.0))
        .centered()
        .theme(App::theme)
        .subscription(App::subscription)
        .run()
}
