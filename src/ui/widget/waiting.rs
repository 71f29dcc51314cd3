//! An application's waiting time in a list: "menunggu 12 menit", in the warning colour
//! with "terlambat" past the standard, and "di luar jam layanan" for an intake outside
//! the office's hours.

use iced::Element;
use iced::widget::{row, text};

use super::{badge, muted};
use crate::core::service_time::Waiting;
use crate::ui::{FONT_BOLD, theme};

/// The waiting time, its late mark and its outside-hours mark, side by side.
pub fn waiting<'a, Message: 'a>(waiting: Waiting) -> Element<'a, Message> {
    let label = waiting_label(waiting);
    let mut line = row![if waiting.late {
        text(label).size(14).color(theme::WARNING).font(FONT_BOLD)
    } else {
        muted(label)
    }]
    .spacing(6)
    .align_y(iced::Center);
    if waiting.late {
        line = line.push(badge("terlambat", theme::WARNING));
    }
    if waiting.outside_hours {
        line = line.push(badge("di luar jam layanan", theme::MUTED));
    }
    // In a narrow column (the operator's queue) the marks go to a second line whole.
    line.wrap().vertical_spacing(4).into()
}

/// "menunggu 12 menit" while open, "selesai dalam 1 jam 5 menit" once finished (working
/// time, inside service hours).
pub fn waiting_label(waiting: Waiting) -> String {
    let (hours, minutes) = (waiting.minutes / 60, waiting.minutes % 60);
    let span = match (hours, minutes) {
        (0, m) => format!("{m} menit"),
        (h, 0) => format!("{h} jam"),
        (h, m) => format!("{h} jam {m} menit"),
    };
    if waiting.finished {
        format!("selesai dalam {span}")
    } else {
        format!("menunggu {span}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_read_as_hours_and_minutes() {
        let w = |minutes, finished| Waiting {
            minutes,
            late: false,
            outside_hours: false,
            finished,
        };
        assert_eq!(waiting_label(w(12, false)), "menunggu 12 menit");
        assert_eq!(waiting_label(w(120, false)), "menunggu 2 jam");
        assert_eq!(waiting_label(w(65, true)), "selesai dalam 1 jam 5 menit");
    }
}
