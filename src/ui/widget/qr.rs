//! A QR code drawn with plain containers: one black bar per run of dark modules in each
//! row. The window is built without iced's `image` and `canvas` features (lean build,
//! see DESIGN.md §5), and a code of a few hundred bars lays out in microseconds.

use iced::widget::{Row, column, container, space, text};
use iced::{Background, Color, Element, Theme};

use crate::core::letter::qr::{QUIET_ZONE, QrMatrix};

/// The QR of `text` with `module` logical pixels per module and the standard quiet
/// zone, black on white; a short note when the text cannot be encoded.
pub fn qr_code<'a, Message: 'a>(text_to_encode: &str, module: f32) -> Element<'a, Message> {
    let matrix = match QrMatrix::of(text_to_encode) {
        Ok(matrix) => matrix,
        Err(e) => return text(e.to_string()).size(10).into(),
    };
    let rows = (0..matrix.width).map(|y| {
        matrix
            .runs(y)
            .into_iter()
            .fold(Row::new(), |r, (dark, n)| {
                let width = n as f32 * module;
                if dark {
                    r.push(
                        container(space())
                            .width(width)
                            .height(module)
                            .style(|_: &Theme| container::Style {
                                background: Some(Background::Color(Color::BLACK)),
                                ..container::Style::default()
                            }),
                    )
                } else {
                    r.push(space().width(width).height(module))
                }
            })
            .into()
    });
    container(column(rows))
        .padding(QUIET_ZONE as f32 * module)
        .style(|_: &Theme| container::Style {
            background: Some(Background::Color(Color::WHITE)),
            ..container::Style::default()
        })
        .into()
}
