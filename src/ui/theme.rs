//! Colours and widget styles of the window.

use iced::theme::Palette;
use iced::widget::{button, container};
use iced::{Background, Border, Color, Theme, color};

/// Dark blue of the header bar.
pub const HEADER: Color = color!(0x12355b);
/// Page background.
pub const PAGE: Color = color!(0xf2f4f7);
/// Card background.
pub const CARD: Color = Color::WHITE;
/// Card border.
pub const CARD_BORDER: Color = color!(0xd5dae1);
/// Body text.
pub const TEXT: Color = color!(0x1d2733);
/// Secondary text (hints, labels).
pub const MUTED: Color = color!(0x5b6776);
/// Primary action colour.
pub const PRIMARY: Color = color!(0x1f5f99);
/// Success (registered, saved, printed).
pub const SUCCESS: Color = color!(0x1e7b3c);
/// Warning (demo data, waiting).
pub const WARNING: Color = color!(0xb26a00);
/// Danger (errors, not registered).
pub const DANGER: Color = color!(0xb3261e);

/// The application theme: a light theme in the office's blue.
pub fn theme() -> Theme {
    Theme::custom(
        "Loket DTKS",
        Palette {
            background: PAGE,
            text: TEXT,
            primary: PRIMARY,
            success: SUCCESS,
            warning: WARNING,
            danger: DANGER,
        },
    )
}

/// The header bar with the role switcher.
pub fn header(_theme: &Theme) -> container::Style {
    container::Style {
        text_color: Some(Color::WHITE),
        background: Some(Background::Color(HEADER)),
        ..container::Style::default()
    }
}

/// A white card with a thin border.
pub fn card(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(CARD)),
        border: Border {
            color: CARD_BORDER,
            width: 1.0,
            radius: 6.0.into(),
        },
        ..container::Style::default()
    }
}

/// A highlighted card (the selected queue entry or an outcome).
pub fn card_selected(theme: &Theme) -> container::Style {
    container::Style {
        border: Border {
            color: PRIMARY,
            width: 2.0,
            radius: 6.0.into(),
        },
        ..card(theme)
    }
}

/// A small coloured label with white text.
pub fn badge(background: Color) -> impl Fn(&Theme) -> container::Style {
    move |_theme| container::Style {
        text_color: Some(Color::WHITE),
        background: Some(Background::Color(background)),
        border: Border {
            radius: 4.0.into(),
            ..Border::default()
        },
        ..container::Style::default()
    }
}

/// A role button in the header; the active role is filled.
pub fn role_button(active: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |_theme, status| {
        let hovered = matches!(status, button::Status::Hovered | button::Status::Pressed);
        let background = match (active, hovered) {
            (true, _) => Color::WHITE,
            (false, true) => color!(0x24507f),
            (false, false) => HEADER,
        };
        button::Style {
            background: Some(Background::Color(background)),
            text_color: if active { HEADER } else { Color::WHITE },
            border: Border {
                color: Color::WHITE,
                width: 1.0,
                radius: 4.0.into(),
            },
            ..button::Style::default()
        }
    }
}

/// A row of the queue: flat, highlighted when selected.
pub fn queue_row(selected: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |_theme, status| {
        let background = if selected {
            color!(0xdce9f7)
        } else if matches!(status, button::Status::Hovered | button::Status::Pressed) {
            color!(0xeef3f9)
        } else {
            CARD
        };
        button::Style {
            background: Some(Background::Color(background)),
            text_color: TEXT,
            border: Border {
                color: if selected { PRIMARY } else { CARD_BORDER },
                width: 1.0,
                radius: 4.0.into(),
            },
            ..button::Style::default()
        }
    }
}
