//! The window's header (the role switcher, the data in use, the date, the signed-in
//! user and the daily backup's outcome) and the screen shown when the installation
//! cannot be opened.

use chrono::{Datelike, NaiveDate};
use iced::widget::{button, column, container, row, text};
use iced::{Element, Fill};

use super::{App, Message, Ready};
use crate::core::letter::wording::indonesian_date;
use crate::ui::widget::{bold, error_text, heading, muted};
use crate::ui::{Role, theme};

impl App {
    /// The header above every screen.
    pub(super) fn header(&self) -> Element<'_, Message> {
        let roles = Role::ALL.iter().fold(row![].spacing(6), |r, &role| {
            let label = format!("{} ({})", role.label(), role.shortcut());
            // A role the user lacks stays visible but cannot be pressed.
            let allowed = self.allowed(role);
            r.push(
                button(text(label))
                    .padding([6, 12])
                    .style(theme::role_button(role == self.role))
                    .on_press_maybe(allowed.then_some(Message::RoleSelected(role))),
            )
        });
        let user = match (&self.user, self.options.sign_in) {
            (Some(user), true) => Some(
                button(text(format!("{} · Ganti Pengguna (F12)", user.name)).size(13))
                    .padding([2, 8])
                    .style(theme::role_button(false))
                    .on_press(Message::SwitchUser),
            ),
            _ => None,
        };
        let source = match &self.state {
            Ok(Ready {
                snapshot: Some(s), ..
            }) => text(format!("Data: {}", s.label())).color(if s.demo {
                iced::color!(0xffd166)
            } else {
                iced::Color::WHITE
            }),
            _ => text("Data: belum ada data DTKS/DTSEN"),
        };
        let date = text(long_date(self.today()));
        let daily = self.daily_note.as_ref().map(|note| match note {
            Ok(line) => text(line).size(12),
            Err(problem) => text(problem).size(12).color(iced::color!(0xffd166)),
        });
        container(
            row![
                bold("Loket DTKS").size(20),
                roles,
                iced::widget::space::horizontal(),
                column![source.size(14), date.size(14)]
                    .extend(daily.map(Element::from))
                    .extend(user.map(Element::from))
                    .align_x(iced::Right),
            ]
            .spacing(20)
            .align_y(iced::Center),
        )
        .padding([10, 16])
        .width(Fill)
        .style(theme::header)
        .into()
    }

    /// The screen shown when the data dir cannot be opened, with "Coba Lagi".
    pub(super) fn error_view<'a>(&'a self, error: &'a str) -> Element<'a, Message> {
        container(
            column![
                heading("Data loket tidak dapat dibuka"),
                error_text(error),
                muted(format!("Folder data: {}", self.data_dir.display())),
                button("Coba Lagi").on_press(Message::Retry),
            ]
            .spacing(12),
        )
        .padding(32)
        .into()
    }
}

/// "Senin, 2 Maret 2026".
fn long_date(date: NaiveDate) -> String {
    const DAYS: [&str; 7] = [
        "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
    ];
    format!(
        "{}, {}",
        DAYS[date.weekday().num_days_from_monday() as usize],
        indonesian_date(date)
    )
}
