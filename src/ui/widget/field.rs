//! A form field with its label above and its error message (if any) right below.

use iced::Element;
use iced::widget::column;

use super::{error_text, muted};

/// Wraps `input` with `label` and, when `error` is set, the inline error text.
pub fn labelled<'a, Message: 'a>(
    label: &'a str,
    input: impl Into<Element<'a, Message>>,
    error: Option<&'a str>,
) -> Element<'a, Message> {
    let mut content = column![muted(label), input.into()].spacing(4);
    if let Some(message) = error {
        content = content.push(error_text(message));
    }
    content.into()
}
