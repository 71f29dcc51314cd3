//! "Cari Nama": finds a person by name (with optional birth date and desa) for an
//! applicant who forgot their NIK. Choosing a result runs the normal lookup.

use std::path::Path;

use chrono::NaiveDate;
use iced::widget::{button, column, container, row, text, text_input};
use iced::{Element, Fill, Task};

use super::work;
use crate::core::nik::mask;
use crate::core::snapshot::SearchHit;
use crate::core::snapshot::search::SearchQuery;
use crate::ui::background::{UiResult, spawn};
use crate::ui::theme;
use crate::ui::widget::{bold, error_text, muted};

/// Id of the name field.
pub const NAME_FIELD: &str = "operator-cari-nama";
/// Id of the birth date field.
pub const BIRTH_FIELD: &str = "operator-cari-tgl-lahir";
/// Id of the desa field.
pub const DESA_FIELD: &str = "operator-cari-desa";

/// Most results shown.
const LIMIT: usize = 20;

/// The name search form and its results.
#[derive(Debug, Default)]
pub struct Search {
    name: String,
    birth_date: String,
    desa: String,
    running: bool,
    hits: Option<Vec<SearchHit>>,
    error: Option<String>,
}

/// Messages of the name search.
#[derive(Debug, Clone)]
pub enum Message {
    /// The name field was edited.
    NameChanged(String),
    /// The birth date field (YYYY-MM-DD) was edited.
    BirthDateChanged(String),
    /// The desa field was edited.
    DesaChanged(String),
    /// "Cari" was pressed (or Enter in a field).
    Submit,
    /// The search finished.
    Found(UiResult<Vec<SearchHit>>),
    /// A result was chosen (its NIK): the operator screen looks it up.
    Choose(String),
}

impl Search {
    /// Handles a message (except [`Message::Choose`], which the screen handles).
    pub fn update(&mut self, message: Message, dir: &Path, actor: &'static str) -> Task<Message> {
        match message {
            Message::NameChanged(v) => self.name = v,
            Message::BirthDateChanged(v) => self.birth_date = v,
            Message::DesaChanged(v) => self.desa = v,
            Message::Submit => return self.submit(dir, actor),
            Message::Found(result) => {
                self.running = false;
                match result {
                    Ok(hits) => self.hits = Some(hits),
                    Err(e) => self.error = Some(e.to_string()),
                }
            }
            Message::Choose(_) => {}
        }
        Task::none()
    }

    fn submit(&mut self, dir: &Path, actor: &'static str) -> Task<Message> {
        self.error = None;
        self.hits = None;
        let birth_date = match self.birth_date.trim() {
            "" => None,
            text => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                Ok(date) => Some(date),
                Err(_) => {
                    self.error =
                        Some("Tanggal lahir ditulis TTTT-BB-HH, misalnya 1985-05-17.".to_string());
                    return Task::none();
                }
            },
        };
        if self.name.trim().is_empty() {
            self.error = Some("Ketik sebagian nama untuk mencari.".into());
            return Task::none();
        }
        let query = SearchQuery {
            text: self.name.trim().to_string(),
            birth_date,
            desa: Some(self.desa.trim().to_string()).filter(|d| !d.is_empty()),
            limit: LIMIT,
        };
        self.running = true;
        let dir = dir.to_path_buf();
        Task::perform(
            spawn(move || work::search(&dir, &query, actor)),
            Message::Found,
        )
    }

    /// The form and the results.
    pub fn view(&self) -> Element<'_, Message> {
        let field = |id: &'static str, hint: &str, value: &str, on: fn(String) -> Message| {
            text_input(hint, value)
                .id(id)
                .on_input(on)
                .on_submit(Message::Submit)
                .padding(6)
        };
        let mut content = column![
            field(NAME_FIELD, "Nama pemohon", &self.name, Message::NameChanged),
            row![
                field(
                    BIRTH_FIELD,
                    "TTTT-BB-HH",
                    &self.birth_date,
                    Message::BirthDateChanged
                ),
                field(DESA_FIELD, "Desa", &self.desa, Message::DesaChanged),
                button("Cari").on_press_maybe((!self.running).then_some(Message::Submit)),
            ]
            .spacing(6),
        ]
        .spacing(6);
        if self.running {
            content = content.push(muted("Mencari…"));
        }
        if let Some(error) = &self.error {
            content = content.push(error_text(error.as_str()));
        }
        match &self.hits {
            Some(hits) if hits.is_empty() => {
                content = content.push(muted("Tidak ada nama yang cocok."));
            }
            Some(hits) => {
                for hit in hits {
                    content = content.push(hit_row(hit));
                }
            }
            None => {}
        }
        container(content).width(Fill).into()
    }
}

fn hit_row(hit: &SearchHit) -> Element<'_, Message> {
    let optional = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let mut entry = column![
        bold(hit.name.as_str()),
        row![
            muted(mask(&hit.nik)),
            muted(optional(&hit.birth_date)),
            text(optional(&hit.desa)).size(14),
        ]
        .spacing(10),
    ]
    .spacing(2);
    if !hit.forgiven.is_empty() {
        let why: Vec<&str> = hit.forgiven.iter().map(|f| f.label()).collect();
        entry = entry.push(muted(format!("cocok dengan: {}", why.join(", "))));
    }
    button(entry)
        .width(Fill)
        .padding(6)
        .style(theme::queue_row(false))
        .on_press(Message::Choose(hit.nik.clone()))
        .into()
}
