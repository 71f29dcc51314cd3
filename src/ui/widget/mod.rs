//! Shared view helpers used by several screens.

mod badge;
mod card;
mod field;
mod keys;
mod qr;
mod tabs;
mod waiting;

pub use badge::{badge, status_badge};
pub use card::{info_row, section};
pub use field::labelled;
pub use keys::{KeysWhen, bind_keys, esc_sends};
pub use qr::qr_code;
pub use tabs::{cycle, tab_bar};
pub use waiting::{waiting, waiting_label};

use iced::widget::{Text, text};

use crate::ui::{FONT_BOLD, theme};

/// Bold text.
pub fn bold<'a>(content: impl text::IntoFragment<'a>) -> Text<'a> {
    text(content).font(FONT_BOLD)
}

/// A screen or card title.
pub fn heading<'a>(content: impl text::IntoFragment<'a>) -> Text<'a> {
    bold(content).size(20)
}

/// Secondary text (hints, timestamps, empty lists).
pub fn muted<'a>(content: impl text::IntoFragment<'a>) -> Text<'a> {
    text(content).size(14).color(theme::MUTED)
}

/// Red text for an error message.
pub fn error_text<'a>(content: impl text::IntoFragment<'a>) -> Text<'a> {
    text(content).size(14).color(theme::DANGER)
}

/// Green text for a success message.
pub fn success_text<'a>(content: impl text::IntoFragment<'a>) -> Text<'a> {
    text(content).color(theme::SUCCESS)
}

/// The clock time ("09:41") of an RFC 3339 timestamp; the text itself if it cannot be read.
pub fn clock_time(timestamp: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(timestamp)
        .map(|t| t.format("%H:%M").to_string())
        .unwrap_or_else(|_| timestamp.to_string())
}
