//! "Pratinjau": the letter, or the not-registered slip, laid out on a paper-like card
//! from the same [`LetterModel`] or [`SlipModel`] the PDF is rendered from.

use iced::widget::{Column, column, container, row, rule, text};
use iced::{Background, Border, Color, Element, Fill, Theme, color};

use crate::core::letter::model::Kop;
use crate::core::letter::{LetterModel, SlipModel};
use crate::ui::FONT_BOLD;
use crate::ui::widget::{bold, heading, qr_code};

/// Red of the DRAFT and DATA CONTOH markings (as on paper).
const MARK: Color = color!(0xbe0000);
/// Body text size on the card.
const BODY: f32 = 12.0;
/// Small text (QR caption, paraf).
const SMALL: f32 = 10.0;
/// Logical pixels per QR module: whole pixels keep the modules sharp, and a letter's
/// code (about 33 modules with the quiet zone on each side) stays near 80 px wide.
const QR_MODULE: f32 = 2.0;

/// What the panel previews.
#[derive(Debug, Clone, Copy)]
pub enum Shown<'a> {
    /// The Surat Keterangan (draft, or as issued).
    Letter(&'a LetterModel),
    /// The slip for a NIK that is not registered.
    Slip(&'a SlipModel),
}

/// The preview card with its title above.
pub fn view<'a, Message: 'a>(shown: Shown<'a>) -> Element<'a, Message> {
    let card = match shown {
        Shown::Letter(model) => paper(model),
        Shown::Slip(model) => slip(model),
    };
    column![heading("Pratinjau"), card]
        .spacing(8)
        .width(470)
        .into()
}

fn line<'a>(content: impl text::IntoFragment<'a>) -> iced::widget::Text<'a> {
    text(content).size(BODY)
}

fn centered<'a, Message: 'a>(t: iced::widget::Text<'a>) -> Element<'a, Message> {
    container(t.center()).center_x(Fill).into()
}

fn marks<'a, Message: 'a>(lines: Vec<&'static str>) -> Column<'a, Message> {
    lines.into_iter().fold(column![], |c, mark| {
        c.push(centered(bold(mark).size(SMALL).color(MARK)))
    })
}

fn rows<'a, Message: 'a>(rows: &'a [(String, String)]) -> Column<'a, Message> {
    rows.iter().fold(
        column![].spacing(2).padding([0, 24]),
        |c, (label, value)| {
            c.push(
                row![
                    container(line(label.as_str())).width(120),
                    line(":"),
                    line(value.as_str()).width(Fill),
                ]
                .spacing(6),
            )
        },
    )
}

fn kop<'a, Message: 'a>(lines: &'a Kop) -> Column<'a, Message> {
    let mut kop = column![
        centered(bold(lines.pemda.as_str()).size(13)),
        centered(bold(lines.dinas.as_str()).size(16)),
        centered(text(lines.address.as_str()).size(SMALL)),
    ];
    if let Some(contact) = &lines.contact {
        kop = kop.push(centered(text(contact.as_str()).size(SMALL)));
    }
    kop.push(rule::horizontal(3))
}

fn signature<'a, Message: 'a>(model: &'a LetterModel) -> Element<'a, Message> {
    let mut left = column![].spacing(2);
    if let Some(qr) = &model.qr {
        left = left
            .push(qr_code(&qr.text, QR_MODULE))
            .push(text(qr.code_line.as_str()).size(SMALL - 1.0))
            .push(text(qr.hint.as_str()).size(SMALL - 1.0));
    }
    left = left.push(text(model.paraf.as_str()).size(SMALL));
    let signer = &model.signatory;
    let mut right = column![line(model.place_date.as_str())].spacing(2);
    for position in &signer.position {
        right = right.push(line(position.as_str()));
    }
    right = right
        .push(iced::widget::space::vertical().height(36))
        .push(bold(signer.name.as_str()).size(BODY));
    if let Some(rank) = &signer.rank {
        right = right.push(line(rank.as_str()));
    }
    right = right.push(line(signer.nip.as_str()));
    row![left.width(Fill), right.width(Fill)].spacing(12).into()
}

fn paper<'a, Message: 'a>(model: &'a LetterModel) -> Element<'a, Message> {
    let mut body = column![marks(model.mark_lines()), kop(&model.kop)].spacing(6);
    if let Some(mark) = model.demo_mark() {
        body = body.push(centered(bold(mark).size(BODY).color(MARK)));
    }
    body = body.push(centered(
        text(model.title.as_str()).font(FONT_BOLD).size(14),
    ));
    body = body.push(centered(line(model.number_line.as_str())));
    if let Some(mark) = model.draft_mark() {
        body = body.push(centered(bold(mark).size(20).color(MARK)));
    }
    body = body
        .push(line(model.statement.as_str()))
        .push(rows(&model.identity))
        .push(line(model.registration.as_str()))
        .push(rows(&model.facts))
        .push(line(model.purpose.as_str()))
        .push(line(model.closing.as_str()))
        .push(signature(model))
        .push(marks(model.mark_lines()));
    sheet(body)
}

/// The slip: kop, title, the name and NIK not found, the advice, the clerk's signature.
fn slip<'a, Message: 'a>(model: &'a SlipModel) -> Element<'a, Message> {
    let mut body = column![marks(model.mark_lines()), kop(&model.kop)].spacing(6);
    if let Some(mark) = model.demo_mark() {
        body = body.push(centered(bold(mark).size(BODY).color(MARK)));
    }
    let signature = column![
        line(model.place_date.as_str()),
        line(model.signer.as_str()),
        iced::widget::space::vertical().height(36),
        line(model.signature_line.as_str()),
    ]
    .spacing(2);
    body = body
        .push(centered(
            text(model.title.as_str()).font(FONT_BOLD).size(14),
        ))
        .push(line(model.intro.as_str()))
        .push(rows(&model.identity))
        .push(bold(model.finding.as_str()).size(BODY))
        .push(line(model.advice.as_str()))
        .push(text(model.note.as_str()).size(SMALL))
        .push(row![iced::widget::space::horizontal(), signature.width(Fill)].spacing(12))
        .push(marks(model.mark_lines()));
    sheet(body)
}

/// The white sheet the card's `body` is laid on.
fn sheet<'a, Message: 'a>(body: Column<'a, Message>) -> Element<'a, Message> {
    container(body.spacing(8))
        .padding([20, 24])
        .width(Fill)
        .style(|_: &Theme| container::Style {
            text_color: Some(Color::BLACK),
            background: Some(Background::Color(Color::WHITE)),
            // No shadow: the card sits in a scrollable, and tiny-skia paints a shadow
            // outside the scrollable's clip, over the header and the tabs, until the
            // window is redrawn whole. A darker border marks the sheet instead.
            border: Border {
                color: color!(0x8a949f),
                width: 1.0,
                radius: 2.0.into(),
            },
            ..container::Style::default()
        })
        .into()
}
