//! Horizontal bar charts drawn with sized containers (no canvas): a label, a bar whose
//! length is its share of the largest value, and the number.

use iced::widget::{Space, column, container, row, text};
use iced::{Background, Border, Color, Element, Fill, Length};

use crate::ui::theme;
use crate::ui::widget::muted;

/// The width of the longest bar, in logical pixels.
const BAR_MAX: f32 = 320.0;
/// The height of a bar.
const BAR_HEIGHT: f32 = 14.0;

/// One bar of `value` on a scale whose full length is `max`, in `color`.
pub fn bar<'a, Message: 'a>(value: f64, max: f64, color: Color) -> Element<'a, Message> {
    let share = if max > 0.0 {
        (value / max).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let filled = (BAR_MAX as f64 * share) as f32;
    let fill = container(Space::new())
        .width(Length::Fixed(filled.max(if value > 0.0 {
            2.0
        } else {
            0.0
        })))
        .height(BAR_HEIGHT)
        .style(move |_| container::Style {
            background: Some(Background::Color(color)),
            border: Border::default().rounded(2),
            ..container::Style::default()
        });
    container(fill)
        .width(BAR_MAX)
        .style(|_| container::Style {
            background: Some(Background::Color(theme::PAGE)),
            ..container::Style::default()
        })
        .into()
}

/// A chart of labelled counts: one row per line, bars scaled to the largest count.
pub fn bars<'a, Message: 'a>(
    lines: Vec<(String, i64, String)>,
    color: Color,
) -> Element<'a, Message> {
    if lines.is_empty() {
        return muted("Tidak ada data.").into();
    }
    let max = lines.iter().map(|(_, n, _)| *n).max().unwrap_or(0) as f64;
    let rows = lines.into_iter().map(|(label, n, shown)| {
        row![
            container(text(label).size(13)).width(150),
            bar(n as f64, max, color),
            text(shown).size(13),
        ]
        .spacing(8)
        .align_y(iced::Center)
        .into()
    });
    column(rows).spacing(4).width(Fill).into()
}
