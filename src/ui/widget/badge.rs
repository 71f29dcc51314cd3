//! Small coloured labels for statuses.

use iced::widget::{container, text};
use iced::{Color, Element};

use crate::core::register::Status;
use crate::ui::{FONT_BOLD, theme};

/// A coloured label with white bold text.
pub fn badge<'a, Message: 'a>(
    label: impl text::IntoFragment<'a>,
    colour: Color,
) -> Element<'a, Message> {
    container(text(label).font(FONT_BOLD).size(13))
        .padding([2, 8])
        .style(theme::badge(colour))
        .into()
}

/// The badge of an application's status.
pub fn status_badge<'a, Message: 'a>(status: Status) -> Element<'a, Message> {
    let colour = match status {
        Status::Diterima | Status::BerkasLengkap | Status::Terdaftar => theme::WARNING,
        Status::BerkasTidakLengkap | Status::TidakTerdaftar | Status::SlipSaran => theme::DANGER,
        Status::SuratDicetak | Status::Diparaf | Status::Ditandatangani => theme::PRIMARY,
        Status::Diserahkan | Status::DikirimOnline | Status::Selesai => theme::SUCCESS,
        Status::Dibatalkan => theme::MUTED,
    };
    badge(status.label(), colour)
}
