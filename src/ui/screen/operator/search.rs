//! "Cari Nama": finds a person by name (with optional birth date and desa) for an
//! applicant who forgot their NIK. Choosing a result runs the normal lookup.
//!
//! Fully by keyboard: Enter searches; while results are shown the arrow keys move the
//! highlight through them, and Enter (again in the unchanged field, or outside a field)
//! chooses the highlighted one.

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
    /// The result the arrow keys point at.
    highlighted: usize,
    /// Whether the arrow keys and Enter go to the results (after a search) rather than
    /// to the queue (after an application was chosen there).
    active: bool,
    /// The fields as they were searched: Enter in an unchanged field chooses instead of
    /// searching again.
    searched: Option<(String, String, String)>,
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
            Message::Submit if self.repeats_last() => {
                if let Some(nik) = self.highlighted_nik() {
                    return Task::done(Message::Choose(nik.to_string()));
                }
            }
            Message::Submit => return self.submit(dir, actor),
            Message::Found(result) => {
                self.running = false;
                self.highlighted = 0;
                match result {
                    Ok(hits) => {
                        self.active = !hits.is_empty();
                        self.hits = Some(hits);
                    }
                    Err(e) => self.error = Some(e.to_string()),
                }
            }
            Message::Choose(_) => {}
        }
        Task::none()
    }

    /// Whether the arrow keys and Enter act on the results.
    pub fn active(&self) -> bool {
        self.active && self.hits.as_ref().is_some_and(|h| !h.is_empty())
    }

    /// Hands the arrow keys back to the queue.
    pub fn deactivate(&mut self) {
        self.active = false;
    }

    /// Moves the highlight `delta` results down (up when negative), staying in the list.
    pub fn move_by(&mut self, delta: i32) {
        let last = self.hits.as_ref().map_or(0, |h| h.len().saturating_sub(1));
        self.highlighted = self
            .highlighted
            .saturating_add_signed(delta as isize)
            .min(last);
        self.active = true;
    }

    /// The NIK of the highlighted result.
    pub fn highlighted_nik(&self) -> Option<&str> {
        let hits = self.hits.as_ref()?;
        hits.get(self.highlighted).map(|h| h.nik.as_str())
    }

    /// Marks result `nik` as the highlighted one (it was clicked).
    pub fn highlight(&mut self, nik: &str) {
        if let Some(i) = self
            .hits
            .as_ref()
            .and_then(|hits| hits.iter().position(|h| h.nik == nik))
        {
            self.highlighted = i;
            self.active = true;
        }
    }

    fn fields(&self) -> (String, String, String) {
        (
            self.name.trim().to_string(),
            self.birth_date.trim().to_string(),
            self.desa.trim().to_string(),
        )
    }

    /// Whether the fields are as they were last searched and results are shown.
    fn repeats_last(&self) -> bool {
        !self.running && self.active() && self.searched.as_ref() == Some(&self.fields())
    }

    fn submit(&mut self, dir: &Path, actor: &'static str) -> Task<Message> {
        self.error = None;
        self.hits = None;
        self.active = false;
        self.searched = Some(self.fields());
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
                content = content.push(muted(
                    "Panah atas/bawah: pilih hasil  ·  Enter: periksa, Enter lagi: daftarkan",
                ));
                for (i, hit) in hits.iter().enumerate() {
                    content = content.push(hit_row(hit, self.active() && i == self.highlighted));
                }
            }
            None => {}
        }
        container(content).width(Fill).into()
    }
}

fn hit_row(hit: &SearchHit, highlighted: bool) -> Element<'_, Message> {
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
        .style(theme::queue_row(highlighted))
        .on_press(Message::Choose(hit.nik.clone()))
        .into()
}
