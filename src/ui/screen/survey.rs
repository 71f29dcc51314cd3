//! Survei Kepuasan Masyarakat: the citizen answers the nine SKM items after handover,
//! one at a time with four big buttons (or keys 1-4, which answer and move on), adds an
//! optional suggestion and presses "Kirim"; a thank-you follows with "Isi survei baru"
//! for the next person. Fits a 1024x600 screen.
//!
//! A tab of the Pimpinan screen. Another screen embeds it by holding a [`State`],
//! mapping its [`Message`]s and forwarding digit keys as [`Message::Key`].

use std::path::PathBuf;

use iced::widget::{button, column, container, row, text, text_input};
use iced::{Center, Element, Fill, Task};

use super::Context;
use crate::core::Store;
use crate::core::skm::{self, ITEMS, QUESTIONS, SCALE};
use crate::ui::background::{UiResult, shared, spawn};
use crate::ui::theme;
use crate::ui::widget::{bold, error_text, heading, muted};

/// Id of the suggestion field.
pub const SUGGESTION_FIELD: &str = "skm-saran";

/// The survey form.
#[derive(Debug)]
pub struct State {
    dir: PathBuf,
    /// The answer to each item, once given.
    answers: [Option<u8>; 9],
    /// The item shown; `ITEMS.len()` is the suggestion page.
    current: usize,
    suggestion: String,
    busy: bool,
    /// Sent: the thank-you page is shown.
    sent: bool,
    failure: Option<String>,
}

/// Messages of the survey.
#[derive(Debug, Clone)]
pub enum Message {
    /// An answer button (1-4) was pressed for the item shown.
    Answer(u8),
    /// A digit key outside a text field: 1-4 answer the item shown and move on.
    Key(u8),
    /// An item's marker was pressed: show that item again.
    GoTo(usize),
    /// The suggestion was edited.
    SuggestionChanged(String),
    /// "Kirim" was pressed (or Enter in the suggestion field).
    Send,
    /// The response was stored (its id) or refused.
    Sent(UiResult<i64>),
    /// "Isi survei baru": an empty form for the next person.
    Restart,
}

impl State {
    /// An empty form for the installation.
    pub fn new(ctx: &Context<'_>) -> State {
        State {
            dir: ctx.store.dir().to_path_buf(),
            answers: [None; 9],
            current: 0,
            suggestion: String::new(),
            busy: false,
            sent: false,
            failure: None,
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &Context<'_>) -> Task<Message> {
        match message {
            Message::Answer(value) | Message::Key(value) => {
                if (1..=4).contains(&value) && !self.sent && self.current < ITEMS.len() {
                    self.answers[self.current] = Some(value);
                    self.current = self.next_unanswered();
                }
            }
            Message::GoTo(item) => {
                if !self.sent && item < ITEMS.len() {
                    self.current = item;
                }
            }
            Message::SuggestionChanged(text) => self.suggestion = text,
            Message::Send => return self.send(ctx),
            Message::Sent(result) => {
                self.busy = false;
                match result {
                    Ok(_) => self.sent = true,
                    Err(e) => self.failure = Some(e.to_string()),
                }
            }
            Message::Restart => *self = State::new(ctx),
        }
        Task::none()
    }

    /// The first unanswered item after the current one (wrapping), or the suggestion
    /// page when every item is answered.
    fn next_unanswered(&self) -> usize {
        (1..=ITEMS.len())
            .map(|step| (self.current + step) % ITEMS.len())
            .find(|&i| self.answers[i].is_none())
            .unwrap_or(ITEMS.len())
    }

    /// All nine answers, once every item is answered.
    fn complete(&self) -> Option<skm::Answers> {
        let mut answers = [0u8; 9];
        for (slot, answer) in answers.iter_mut().zip(self.answers) {
            *slot = answer?;
        }
        Some(answers)
    }

    fn send(&mut self, ctx: &Context<'_>) -> Task<Message> {
        let Some(answers) = self.complete().filter(|_| !self.busy && !self.sent) else {
            return Task::none();
        };
        self.busy = true;
        self.failure = None;
        let (dir, suggestion) = (self.dir.clone(), self.suggestion.clone());
        let (actor, at) = (ctx.actor, ctx.at());
        Task::perform(
            spawn(move || {
                let store = shared(Store::open(&dir))?;
                shared(skm::record(
                    &store.register,
                    answers,
                    &suggestion,
                    None,
                    actor,
                    at,
                ))
            }),
            Message::Sent,
        )
    }

    /// The form, the suggestion page, or the thank-you.
    pub fn view(&self) -> Element<'_, Message> {
        let body = if self.sent {
            self.thanks()
        } else if self.current < ITEMS.len() {
            self.question()
        } else {
            self.suggestion_page()
        };
        let mut page = column![
            heading("Survei Kepuasan Masyarakat"),
            muted("Penilaian Anda membantu kami memperbaiki pelayanan. Tanpa nama."),
            body,
        ]
        .spacing(12)
        .align_x(Center)
        .max_width(980);
        if !self.sent {
            page = page.push(self.markers());
        }
        if let Some(failure) = &self.failure {
            page = page.push(error_text(failure.as_str()));
        }
        container(page).padding([8, 16]).center_x(Fill).into()
    }

    fn question(&self) -> Element<'_, Message> {
        let item = self.current;
        let buttons = SCALE
            .iter()
            .enumerate()
            .fold(row![].spacing(12), |r, (i, label)| {
                let value = i as u8 + 1;
                let chosen = self.answers[item] == Some(value);
                r.push(
                    button(
                        container(
                            column![bold(value.to_string()).size(30), text(*label).size(20)]
                                .align_x(Center)
                                .spacing(4),
                        )
                        .center(Fill),
                    )
                    .width(220)
                    .height(110)
                    .padding(12)
                    .style(answer_style(value, chosen))
                    .on_press(Message::Answer(value)),
                )
            });
        column![
            muted(format!(
                "Pertanyaan {} dari {}: {}",
                item + 1,
                ITEMS.len(),
                ITEMS[item]
            ))
            .size(16),
            container(text(QUESTIONS[item]).size(24).align_x(Center))
                .height(96)
                .center_y(96),
            buttons,
            muted("Tekan tombol, atau angka 1-4 pada papan ketik."),
        ]
        .spacing(12)
        .align_x(Center)
        .into()
    }

    fn suggestion_page(&self) -> Element<'_, Message> {
        let ready = !self.busy && self.complete().is_some();
        column![
            text("Semua pertanyaan sudah dijawab.").size(24),
            text("Saran atau masukan (boleh dikosongkan):").size(18),
            text_input("Tulis saran Anda di sini", &self.suggestion)
                .id(SUGGESTION_FIELD)
                .on_input(Message::SuggestionChanged)
                .on_submit(Message::Send)
                .size(20)
                .padding(12)
                .width(720),
            button(text("Kirim").size(24))
                .padding([14, 48])
                .style(button::success)
                .on_press_maybe(ready.then_some(Message::Send)),
        ]
        .spacing(16)
        .align_x(Center)
        .into()
    }

    fn thanks(&self) -> Element<'_, Message> {
        column![
            text("Terima kasih atas penilaian Anda.").size(30),
            muted("Jawaban Anda sudah tersimpan."),
            button(text("Isi survei baru").size(22))
                .padding([14, 40])
                .on_press(Message::Restart),
        ]
        .spacing(20)
        .padding(40)
        .align_x(Center)
        .into()
    }

    /// One marker per item showing its answer; pressing one goes back to it.
    fn markers(&self) -> Element<'_, Message> {
        let markers = self
            .answers
            .iter()
            .enumerate()
            .fold(row![].spacing(6), |r, (i, answer)| {
                let label = match answer {
                    Some(value) => format!("{}: {value}", i + 1),
                    None => format!("{}: -", i + 1),
                };
                r.push(
                    button(text(label).size(14))
                        .padding([6, 10])
                        .style(theme::queue_row(i == self.current))
                        .on_press(Message::GoTo(i)),
                )
            });
        markers.into()
    }
}

/// The style of answer button `value`: red to green, filled when chosen.
fn answer_style(value: u8, chosen: bool) -> impl Fn(&iced::Theme, button::Status) -> button::Style {
    let colour = match value {
        1 => theme::DANGER,
        2 => theme::WARNING,
        3 => theme::PRIMARY,
        _ => theme::SUCCESS,
    };
    move |_theme, status| {
        let filled = chosen || matches!(status, button::Status::Hovered);
        button::Style {
            background: Some(if filled { colour } else { theme::CARD }.into()),
            text_color: if filled { iced::Color::WHITE } else { colour },
            border: iced::Border {
                color: colour,
                width: 2.0,
                radius: 10.0.into(),
            },
            ..button::Style::default()
        }
    }
}
