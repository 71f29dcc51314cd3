//! Section cards and label/value rows.

use iced::widget::{column, container, row};
use iced::{Element, Fill};

use super::{bold, heading, muted};
use crate::ui::theme;

/// A white card with a title above `content`.
pub fn section<'a, Message: 'a>(
    title: &'a str,
    content: impl Into<Element<'a, Message>>,
) -> Element<'a, Message> {
    container(column![heading(title), content.into()].spacing(12))
        .padding(16)
        .width(Fill)
        .style(theme::card)
        .into()
}

/// One "label: value" line of a detail list; `value` is shown bold.
pub fn info_row<'a, Message: 'a>(label: &'a str, value: String) -> Element<'a, Message> {
    row![container(muted(label)).width(170), bold(value)]
        .spacing(8)
        .align_y(iced::Center)
        .into()
}
