//! Pimpinan (Kabid/Kadis): the latest applications and their outcome, so letters waiting
//! for paraf and signature can be followed up.

use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Element, Fill};

use super::Context;
use crate::core::nik::mask;
use crate::core::register::{self, Application};
use crate::ui::widget::{bold, error_text, muted, section, status_badge};

/// How many applications are listed.
const LIMIT: u32 = 50;

/// The leadership screen.
#[derive(Debug, Default)]
pub struct State {
    recent: Vec<Application>,
    failure: Option<String>,
}

/// Messages of the leadership screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// "Muat Ulang" was pressed: re-read the list.
    Refresh,
}

impl State {
    /// The screen with the list read from the register.
    pub fn new(ctx: &Context<'_>) -> State {
        let mut state = State::default();
        state.refresh(ctx);
        state
    }

    /// Re-reads the latest applications.
    pub fn refresh(&mut self, ctx: &Context<'_>) {
        match register::recent(&ctx.store.register, LIMIT) {
            Ok(list) => {
                self.recent = list;
                self.failure = None;
            }
            Err(e) => self.failure = Some(e.to_string()),
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &Context<'_>) {
        match message {
            Message::Refresh => self.refresh(ctx),
        }
    }

    /// The list of recent applications with status and outcome.
    pub fn view(&self) -> Element<'_, Message> {
        let mut list = column![
            row![
                muted("Surat yang selesai diproses menunggu paraf Kabid dan tanda tangan Kepala Dinas."),
                iced::widget::space::horizontal(),
                button("Muat Ulang").style(button::secondary).on_press(Message::Refresh),
            ]
            .align_y(iced::Center)
        ]
        .spacing(8);
        if let Some(failure) = &self.failure {
            list = list.push(error_text(failure.as_str()));
        }
        if self.recent.is_empty() {
            list = list.push(muted("Belum ada permohonan."));
        }
        for a in &self.recent {
            list = list.push(
                row![
                    container(bold(a.register_no.as_str())).width(90),
                    container(text(a.applicant_name.as_str())).width(220),
                    container(muted(mask(&a.nik))).width(170),
                    container(status_badge(a.status)).width(130),
                    text(a.result_note.as_deref().unwrap_or("")).width(Fill),
                ]
                .spacing(8)
                .align_y(iced::Center),
            );
        }
        scrollable(container(section("Permohonan Terbaru", list)).padding(16))
            .height(Fill)
            .into()
    }
}
