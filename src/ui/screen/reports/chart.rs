//! Horizontal bar charts drawn with sized containers (no canvas): a label, a bar whose
//! length is its share of the scale, and the number. Bars take the width they are given,
//! so two charts fit side by side on a 1024-pixel screen.

use iced::widget::{Space, column, container, row, text};
use iced::{Background, Border, Color, Element, Fill, Length};

use crate::ui::theme;
use crate::ui::widget::muted;

/// The height of a bar.
const BAR_HEIGHT: f32 = 14.0;
/// The resolution of a bar's length (parts of the full width).
const PARTS: f64 = 1000.0;
/// The width of a chart's labels.
const LABEL_WIDTH: f32 = 140.0;
/// The width of a chart's numbers.
const NUMBER_WIDTH: f32 = 64.0;

/// One line of a chart.
pub struct Line {
    /// What is counted.
    pub label: String,
    /// Its value on the chart's scale.
    pub value: f64,
    /// The value as shown beside the bar.
    pub shown: String,
    /// The bar's colour.
    pub color: Color,
}

/// One bar of `value` on a scale whose full length is `max`, in `color`, filling the
/// width it is given (a value above zero always shows a sliver).
pub fn bar<'a, Message: 'a>(value: f64, max: f64, color: Color) -> Element<'a, Message> {
    let share = if max > 0.0 {
        (value / max).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let mut filled = (share * PARTS).round() as u16;
    if value > 0.0 {
        filled = filled.max(5);
    }
    let mut track = row![];
    if filled > 0 {
        track = track.push(
            container(Space::new())
                .width(Length::FillPortion(filled))
                .height(BAR_HEIGHT)
                .style(move |_| container::Style {
                    background: Some(Background::Color(color)),
                    border: Border::default().rounded(2),
                    ..container::Style::default()
                }),
        );
    }
    let rest = PARTS as u16 - filled.min(PARTS as u16);
    if rest > 0 {
        track = track.push(Space::new().width(Length::FillPortion(rest)));
    }
    container(track.height(BAR_HEIGHT))
        .width(Fill)
        .style(|_| container::Style {
            background: Some(Background::Color(theme::PAGE)),
            ..container::Style::default()
        })
        .into()
}

/// A chart of `lines`, bars scaled to `max` (or to the largest value when `None`).
pub fn bars<'a, Message: 'a>(lines: Vec<Line>, max: Option<f64>) -> Element<'a, Message> {
    if lines.is_empty() {
        return muted("Tidak ada data.").into();
    }
    let max = max.unwrap_or_else(|| lines.iter().map(|l| l.value).fold(0.0, f64::max));
    let rows = lines.into_iter().map(|line| {
        row![
            container(text(line.label).size(13)).width(LABEL_WIDTH),
            bar(line.value, max, line.color),
            container(text(line.shown).size(13))
                .width(NUMBER_WIDTH)
                .align_right(NUMBER_WIDTH),
        ]
        .spacing(8)
        .align_y(iced::Center)
        .into()
    });
    column(rows).spacing(4).width(Fill).into()
}
