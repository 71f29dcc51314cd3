//! Verifikasi Surat: checks a letter's code (or the whole QR text) against the register
//! and shows SAH / DIBATALKAN / TIDAK DIKENAL / PALSU / SALAH KETIK with what it means.
//! Used by the Operator and Pimpinan.

use std::path::Path;

use iced::widget::{button, column, container, row, text_input};
use iced::{Color, Element, Fill, Task};

use super::Context;
use crate::core::Store;
use crate::core::verify::{self, Status, Verification};
use crate::ui::background::{UiResult, shared, spawn};
use crate::ui::theme;
use crate::ui::widget::{badge, bold, error_text, info_row, muted, section};

/// Id of the code field.
pub const CODE_FIELD: &str = "verifikasi-kode";

/// The verification tab.
#[derive(Debug, Default)]
pub struct State {
    text: String,
    running: bool,
    result: Option<Result<Verification, String>>,
}

/// Messages of the verification tab.
#[derive(Debug, Clone)]
pub enum Message {
    /// The code field was edited.
    TextChanged(String),
    /// "Periksa" was pressed (or Enter in the field).
    Submit,
    /// The check finished.
    Verified(UiResult<Verification>),
}

/// Checks `text` and records the check in the audit log (code and status only).
pub fn check(dir: &Path, text: &str, actor: &str) -> UiResult<Verification> {
    let store = shared(Store::open(dir))?;
    shared(verify::check(&store, text, actor))
}

/// Colour of a status badge.
fn colour(status: Status) -> Color {
    match status {
        Status::Valid => theme::SUCCESS,
        Status::Void => theme::WARNING,
        Status::Unknown => theme::MUTED,
        Status::Forged => theme::DANGER,
        Status::Typo => theme::WARNING,
    }
}

impl State {
    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &Context<'_>) -> Task<Message> {
        match message {
            Message::TextChanged(text) => self.text = text,
            Message::Submit => {
                if self.text.trim().is_empty() {
                    self.result = Some(Err("Ketik kode verifikasi atau tempel isi QR.".into()));
                    return Task::none();
                }
                self.running = true;
                let (dir, text, actor) =
                    (ctx.store.dir().to_path_buf(), self.text.clone(), ctx.actor);
                return Task::perform(spawn(move || check(&dir, &text, actor)), Message::Verified);
            }
            Message::Verified(result) => {
                self.running = false;
                self.result = Some(result.map_err(|e| e.to_string()));
            }
        }
        Task::none()
    }

    /// The field and the answer.
    pub fn view(&self) -> Element<'_, Message> {
        let input = row![
            text_input(
                "Kode verifikasi, mis. 2026-0007-K3J5Q2M7XW4PA6BDQ",
                &self.text
            )
            .id(CODE_FIELD)
            .on_input(Message::TextChanged)
            .on_submit(Message::Submit)
            .padding(8),
            button("Periksa").on_press_maybe((!self.running).then_some(Message::Submit)),
        ]
        .spacing(8);
        let mut content = column![
            muted("Ketik kode di bawah QR surat, atau tempel seluruh isi QR (alamat verifikasi)."),
            input,
        ]
        .spacing(12);
        if self.running {
            content = content.push(muted("Memeriksa…"));
        }
        match &self.result {
            Some(Ok(answer)) => content = content.push(answer_view(answer)),
            Some(Err(e)) => content = content.push(error_text(e.as_str())),
            None => {}
        }
        container(section("Verifikasi Surat", content.max_width(760)))
            .padding([0, 16])
            .into()
    }
}

fn answer_view(answer: &Verification) -> Element<'_, Message> {
    let or_dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    column![
        row![
            badge(answer.status.label(), colour(answer.status)),
            bold(answer.status.explanation()).width(Fill),
        ]
        .spacing(12)
        .align_y(iced::Center),
        info_row("Kode", answer.code.clone()),
        info_row("Nomor surat", or_dash(&answer.number)),
        info_row("Tanggal terbit", or_dash(&answer.date)),
        info_row("NIK", or_dash(&answer.nik_masked)),
        info_row("Nama", or_dash(&answer.name)),
    ]
    .spacing(8)
    .into()
}
