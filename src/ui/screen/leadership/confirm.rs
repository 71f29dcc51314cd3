//! The two questions asked before the record of a letter changes: "Paraf/TTD this
//! letter?" (with who signs), and "Take back the last step?" (with a required reason).
//! Each opens under its letter with the answer on the left, away from the step buttons
//! on the right, so a second click on a step button never answers it.

use iced::widget::{button, column, container, row, text, text_input};
use iced::{Element, Fill};

use super::Message;
use crate::core::archive::ArchivedLetter;
use crate::core::nik::mask;
use crate::core::signoff::Step;
use crate::ui::theme;
use crate::ui::widget::{bold, error_text, esc_sends};

/// Id of the reason field of the undo question.
pub const UNDO_REASON_FIELD: &str = "pimpinan-alasan-batal";

/// The open question "record this step?" for one letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    /// The letter.
    pub letter: i64,
    /// The step asked for (paraf or TTD).
    pub step: Step,
    /// Who signs: the signed-in user.
    pub signer: String,
}

/// The open question "take back the last step?" for one letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undo {
    /// The letter.
    pub letter: i64,
    /// The step to take back.
    pub step: Step,
    /// Why (required).
    pub reason: String,
}

/// The verb of a step in the question and its answer ("paraf", "tanda tangani").
fn verb(step: Step) -> (&'static str, &'static str) {
    match step {
        Step::Paraf => ("Paraf", "Ya, paraf (Enter)"),
        Step::Ttd => ("TTD", "Ya, tanda tangani (Enter)"),
        Step::Diserahkan => ("Serahkan", "Ya, serahkan (Enter)"),
    }
}

/// The letter as the questions name it: number, name and masked NIK.
fn letter_line(letter: &ArchivedLetter) -> String {
    format!(
        "Surat {}  ·  {}  ·  NIK {}",
        letter.number.as_deref().unwrap_or("-"),
        letter.name,
        mask(&letter.nik)
    )
}

impl Confirm {
    /// The question with the letter, the step (`action`: the step button's words) and
    /// the signer; "Ya, … (Enter)" on the left, "Batal (Esc)" beside it.
    pub fn view<'a>(&'a self, letter: &'a ArchivedLetter, action: &'a str) -> Element<'a, Message> {
        let (word, yes) = verb(self.step);
        panel(column![
            bold(format!("{word} surat ini?")),
            text(letter_line(letter)),
            text(format!("Langkah: {action}")),
            text(format!("{word} oleh: {}", self.signer)),
            row![
                button(text(yes))
                    .style(button::success)
                    .padding([6, 14])
                    .on_press(Message::Confirmed),
                button(text("Batal (Esc)"))
                    .style(button::secondary)
                    .padding([6, 14])
                    .on_press(Message::Cancel),
            ]
            .spacing(12),
        ])
    }
}

impl Undo {
    /// The question with the letter, the step taken back and the reason field;
    /// Enter in the field or "Batalkan langkah (Enter)" answers, "Tutup (Esc)" closes.
    pub fn view<'a>(&'a self, letter: &'a ArchivedLetter, action: &'a str) -> Element<'a, Message> {
        let ready = !self.reason.trim().is_empty();
        panel(
            column![
                bold(format!("Batalkan langkah terakhir: {action}?")),
                text(letter_line(letter)),
                esc_sends(
                    text_input("Alasan pembatalan (wajib)", &self.reason)
                        .id(UNDO_REASON_FIELD)
                        .on_input(Message::UndoReason)
                        .on_submit(Message::UndoConfirmed)
                        .width(Fill),
                    Message::Cancel,
                ),
                row![
                    button(text("Batalkan langkah (Enter)"))
                        .style(button::danger)
                        .padding([6, 14])
                        .on_press_maybe(ready.then_some(Message::UndoConfirmed)),
                    button(text("Tutup (Esc)"))
                        .style(button::secondary)
                        .padding([6, 14])
                        .on_press(Message::Cancel),
                ]
                .spacing(12),
            ]
            .extend((!ready).then(|| error_text("Isi alasannya dahulu.").into())),
        )
    }
}

/// A question's frame.
fn panel(content: iced::widget::Column<'_, Message>) -> Element<'_, Message> {
    container(content.spacing(6))
        .padding(10)
        .width(Fill)
        .style(theme::card_selected)
        .into()
}

/// A button's words with its key beside them in smaller type ("Paraf Kabid (F8)"),
/// the words a text of their own so the button is found by them.
pub fn keyed<'a>(words: &'a str, key: Option<&'a str>) -> Element<'a, Message> {
    row![text(words)]
        .extend(key.map(|k| text(format!("({k})")).size(12).into()))
        .spacing(6)
        .align_y(iced::Center)
        .into()
}
