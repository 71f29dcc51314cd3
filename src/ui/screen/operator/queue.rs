//! The queue of waiting applications (left column).

use iced::widget::{button, column, row, text};
use iced::{Element, Fill};

use super::Message;
use crate::core::nik::mask;
use crate::core::register::Application;
use crate::core::service_time::ServiceClock;
use crate::ui::theme;
use crate::ui::widget::{bold, clock_time, error_text, muted, waiting};

/// The queue with its count, "Muat Ulang", the time standard, and one button per
/// application with how long it has waited by `clock`.
pub fn view<'a>(
    queue: &'a [Application],
    clock: Option<&ServiceClock>,
    highlighted: usize,
    failure: Option<&'a str>,
) -> Element<'a, Message> {
    let mut list = column![
        row![
            muted(format!("{} permohonan menunggu", queue.len())),
            iced::widget::space::horizontal(),
            button("Muat Ulang")
                .style(button::secondary)
                .on_press(Message::Refresh),
        ]
        .align_y(iced::Center)
    ]
    .spacing(8)
    .extend(clock.map(|c| muted(c.standard.to_string()).into()));
    if let Some(failure) = failure {
        list = list.push(error_text(failure));
    }
    if queue.is_empty() {
        list = list.push(muted("Antrean kosong."));
    }
    for (i, a) in queue.iter().enumerate() {
        let entry = column![
            row![
                bold(a.register_no.as_str()),
                muted(clock_time(&a.created_at)),
                iced::widget::space::horizontal(),
                muted(a.channel.as_str()),
            ]
            .spacing(8),
            row![text(a.applicant_name.as_str()), muted(mask(&a.nik))].spacing(8),
            muted(a.purpose.as_str()),
        ]
        .extend(
            clock
                .and_then(|c| c.waiting(&a.created_at, None))
                .map(waiting),
        )
        .spacing(2);
        list = list.push(
            button(entry)
                .width(Fill)
                .padding(8)
                .style(theme::queue_row(i == highlighted))
                .on_press(Message::Choose(a.id)),
        );
    }
    list.into()
}
