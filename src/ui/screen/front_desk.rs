//! Petugas Layanan: writes a new application into the register (buku pendaftaran).
//!
//! The form is checked as the clerk types (a malformed NIK is flagged at once) and again
//! on save; a refused save keeps everything typed. Saving is a small local write and is
//! done directly; the waiting list below the form shows the new entry.
//!
//! Once a valid NIK is typed, its applications and letters of the last days (the office's
//! `repeat_window_days`) are read in the background and shown under the field, so a
//! repeat visit is noticed before a new application is written.

use iced::widget::{
    button, checkbox, column, combo_box, container, operation, row, scrollable, text_input,
};
use iced::{Element, Fill};

use iced::Task;

use super::{Action, Context};
use crate::core::Store;
use crate::core::history::{self, History};
use crate::core::nik::{Nik, NikError};
use crate::core::register::{self, Application, Channel, FieldError, NewApplication, PAPERS};
use crate::core::service_time::ServiceClock;
use crate::ui::background::{UiResult, shared, spawn};
use crate::ui::widget::{self, bold, error_text, labelled, muted, section, success_text};

/// Id of the first field, focused after a save so the next applicant can be typed at once.
pub const NAME_FIELD: &str = "front-desk-nama";
/// Id of the NIK field.
pub const NIK_FIELD: &str = "front-desk-nik";

/// Id of the purpose field.
pub const PURPOSE_FIELD: &str = "front-desk-keperluan";

/// The common purposes offered as one-click choices under the purpose field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// School fee relief.
    Sekolah,
    /// Medical treatment / PBI JK health insurance.
    Pengobatan,
    /// Registering for social assistance.
    Bansos,
}

impl Purpose {
    /// Every choice, in display order.
    pub const ALL: [Purpose; 3] = [Purpose::Sekolah, Purpose::Pengobatan, Purpose::Bansos];

    /// Label shown and written as the purpose.
    pub fn label(self) -> &'static str {
        match self {
            Purpose::Sekolah => "Keringanan biaya sekolah",
            Purpose::Pengobatan => "Pengobatan / PBI JK",
            Purpose::Bansos => "Pendaftaran bantuan sosial (PKH/BPNT)",
        }
    }
}

/// The front desk screen.
#[derive(Debug)]
pub struct State {
    form: NewApplication,
    /// Options of the channel box (mouse; the default "Loket" fits walk-ins).
    channels: combo_box::State<Channel>,
    /// Set after a save was tried: from then on every field is checked as it changes.
    tried: bool,
    errors: Vec<FieldError>,
    saved: Option<Application>,
    failure: Option<String>,
    waiting: Vec<Application>,
    /// The office's hours and standard with the time of the last refresh, for the
    /// waiting times in the list (`None` when the settings cannot be read).
    clock: Option<ServiceClock>,
    /// The earlier visits of the NIK in the form (its NIK, and the summary or why
    /// reading failed); `None` until a valid NIK is typed.
    history: Option<(String, Result<Option<String>, String>)>,
}

/// Messages of the front desk screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// The applicant's name was edited.
    NameChanged(String),
    /// The NIK was edited.
    NikChanged(String),
    /// The family card number was edited.
    KkChanged(String),
    /// The phone/WhatsApp number was edited.
    PhoneChanged(String),
    /// The purpose was typed.
    PurposeChanged(String),
    /// One of the common purposes was clicked: it fills the purpose field.
    PurposePicked(Purpose),
    /// A channel was chosen.
    ChannelPicked(Channel),
    /// The desa cover letter number was edited.
    DesaLetterChanged(String),
    /// A paper in the checklist was ticked or unticked (index into `PAPERS`).
    PaperToggled(usize, bool),
    /// F5, F6, …: tick or untick paper N (0-based), for the keyboard.
    PaperShortcut(usize),
    /// "Simpan" was pressed (or Enter in a field).
    Save,
    /// "Kosongkan" was pressed: clear the form.
    Clear,
    /// The earlier visits of the NIK `.0` were read.
    HistoryLoaded(String, UiResult<History>),
}

impl State {
    /// A fresh form; the waiting list is read from the register.
    pub fn new(ctx: &Context<'_>) -> State {
        let mut state = State::blank(Vec::new(), None);
        state.refresh(ctx);
        state
    }

    /// An empty form (channel "Loket") above `waiting`, timed by `clock`.
    fn blank(waiting: Vec<Application>, clock: Option<ServiceClock>) -> State {
        State {
            form: NewApplication {
                channel: Some(Channel::Loket),
                ..NewApplication::default()
            },
            channels: combo_box::State::new(Channel::ALL.to_vec()),
            tried: false,
            errors: Vec::new(),
            saved: None,
            failure: None,
            waiting,
            clock,
            history: None,
        }
    }

    /// Re-reads the waiting list, and the settings its waiting times are measured by.
    pub fn refresh(&mut self, ctx: &Context<'_>) {
        self.clock = ctx
            .store
            .settings()
            .ok()
            .map(|s| ServiceClock::new(&s, ctx.now));
        match register::waiting(&ctx.store.register) {
            Ok(list) => self.waiting = list,
            Err(e) => self.failure = Some(e.to_string()),
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &Context<'_>) -> Action<Message> {
        match message {
            Message::NameChanged(v) => self.form.applicant_name = v,
            Message::NikChanged(v) => {
                self.form.nik = v;
                let task = self.load_history(ctx);
                self.check_live();
                return task;
            }
            Message::HistoryLoaded(nik, result) => {
                // An answer for a NIK since edited away is dropped.
                if let Some((shown, summary)) = &mut self.history
                    && *shown == nik
                {
                    *summary = result
                        .map(|h| h.summary())
                        .map_err(|e| format!("Riwayat NIK tidak dapat dibaca: {e}"));
                }
                return Action::None;
            }
            Message::KkChanged(v) => self.form.kk = v,
            Message::PhoneChanged(v) => self.form.phone = v,
            Message::PurposeChanged(v) => self.form.purpose = v,
            Message::PurposePicked(p) => self.form.purpose = p.label().to_string(),
            Message::ChannelPicked(c) => self.form.channel = Some(c),
            Message::DesaLetterChanged(v) => self.form.desa_letter_no = v,
            Message::PaperToggled(i, on) => {
                let paper = PAPERS[i].to_string();
                self.form.papers.retain(|p| *p != paper);
                if on {
                    self.form.papers.push(paper);
                }
                self.form
                    .papers
                    .sort_by_key(|p| PAPERS.iter().position(|q| q == p));
            }
            Message::PaperShortcut(i) => {
                if let Some(paper) = PAPERS.get(i) {
                    let on = !self.form.papers.iter().any(|p| p == paper);
                    return self.update(Message::PaperToggled(i, on), ctx);
                }
            }
            Message::Save => return self.save(ctx),
            Message::Clear => {
                *self = State::blank(std::mem::take(&mut self.waiting), self.clock);
                return Action::Run(operation::focus(NAME_FIELD));
            }
        }
        self.check_live();
        Action::None
    }

    fn check_live(&mut self) {
        self.errors = if self.tried {
            self.form.validate()
        } else {
            live_nik_error(&self.form.nik).into_iter().collect()
        };
    }

    /// Starts reading the earlier visits of the NIK in the form, when it is valid and
    /// not already read.
    fn load_history(&mut self, ctx: &Context<'_>) -> Action<Message> {
        let Ok(nik) = Nik::parse(&self.form.nik) else {
            self.history = None;
            return Action::None;
        };
        let key = nik.as_str().to_string();
        if self
            .history
            .as_ref()
            .is_some_and(|(shown, _)| *shown == key)
        {
            return Action::None;
        }
        self.history = Some((key.clone(), Ok(None)));
        let (dir, today) = (ctx.store.dir().to_path_buf(), ctx.today);
        Action::Run(Task::perform(
            spawn(move || {
                let store = shared(Store::open(&dir))?;
                let days = shared(store.settings())?.repeat_window_days;
                shared(history::for_nik(&store.register, &nik, today, days))
            }),
            move |result| Message::HistoryLoaded(key.clone(), result),
        ))
    }

    fn save(&mut self, ctx: &Context<'_>) -> Action<Message> {
        self.tried = true;
        self.saved = None;
        self.failure = None;
        self.errors = self.form.validate();
        if !self.errors.is_empty() {
            return Action::None;
        }
        match register::create(&ctx.store.register, &self.form, ctx.role.actor(), ctx.at()) {
            Ok(application) => {
                *self = State::blank(std::mem::take(&mut self.waiting), self.clock);
                self.saved = Some(application);
                self.refresh(ctx);
                Action::Run(operation::focus(NAME_FIELD))
            }
            Err(e) => {
                self.failure = Some(e.to_string());
                Action::None
            }
        }
    }

    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    /// The form, the outcome of the last save, and the waiting list.
    pub fn view(&self) -> Element<'_, Message> {
        let mut page = column![section("Permohonan Baru", self.form_view())].spacing(16);
        if let Some(saved) = &self.saved {
            page = page.push(section(
                "Tersimpan",
                success_text(format!(
                    "Permohonan atas nama {} tercatat dengan nomor register {}.",
                    saved.applicant_name, saved.register_no
                )),
            ));
        }
        if let Some(failure) = &self.failure {
            page = page.push(error_text(failure.as_str()));
        }
        page = page.push(section(
            "Menunggu Operator",
            waiting_list(&self.waiting, self.clock.as_ref()),
        ));
        scrollable(container(page).padding(16)).height(Fill).into()
    }

    fn form_view(&self) -> Element<'_, Message> {
        let input = |id: &'static str, placeholder: &str, value: &str| {
            text_input(placeholder, value)
                .id(id)
                .padding(8)
                .on_submit(Message::Save)
        };
        let name = labelled(
            "Nama pemohon",
            input(NAME_FIELD, "Nama lengkap", &self.form.applicant_name)
                .on_input(Message::NameChanged),
            self.error("nama"),
        );
        let nik_input =
            input(NIK_FIELD, "3520xxxxxxxxxxxx", &self.form.nik).on_input(Message::NikChanged);
        let earlier: Option<Element<'_, Message>> = match &self.history {
            Some((_, Ok(Some(summary)))) => Some(error_text(summary.as_str()).into()),
            Some((_, Err(e))) => Some(muted(e.as_str()).into()),
            _ => None,
        };
        let nik = labelled(
            "NIK (16 digit)",
            column![nik_input].extend(earlier).spacing(4),
            self.error("nik"),
        );
        let kk = labelled(
            "No. KK",
            input("front-desk-kk", "16 digit (boleh kosong)", &self.form.kk)
                .on_input(Message::KkChanged),
            self.error("kk"),
        );
        let phone = labelled(
            "Telepon / WA",
            input("front-desk-telepon", "08xx", &self.form.phone).on_input(Message::PhoneChanged),
            None,
        );
        // A text field (reachable with Tab, unlike iced's lists) with one-click choices.
        let choices = Purpose::ALL.iter().fold(row![].spacing(6), |r, p| {
            r.push(
                button(iced::widget::text(p.label()).size(12))
                    .padding([2, 8])
                    .style(button::secondary)
                    .on_press(Message::PurposePicked(*p)),
            )
        });
        let purpose = labelled(
            "Keperluan",
            column![
                input(PURPOSE_FIELD, "Ketik keperluan", &self.form.purpose)
                    .on_input(Message::PurposeChanged),
                choices
            ]
            .spacing(4),
            self.error("keperluan"),
        );
        let channel = labelled(
            "Kanal",
            combo_box(
                &self.channels,
                "Pilih kanal",
                self.form.channel.as_ref(),
                Message::ChannelPicked,
            )
            .padding(8)
            .width(Fill),
            None,
        );
        let desa = labelled(
            "No. surat pengantar desa/kelurahan",
            input(
                "front-desk-pengantar",
                "Nomor surat",
                &self.form.desa_letter_no,
            )
            .on_input(Message::DesaLetterChanged),
            None,
        );
        let papers = PAPERS.iter().enumerate().fold(
            column![muted("Berkas yang diperiksa")].spacing(6),
            |col, (i, paper)| {
                let checked = self.form.papers.iter().any(|p| p == paper);
                col.push(
                    checkbox(checked)
                        .label(format!("{paper}  (F{})", i + 5))
                        .on_toggle(move |on| Message::PaperToggled(i, on)),
                )
            },
        );
        let buttons = row![
            button(bold("Simpan"))
                .padding([8, 24])
                .on_press(Message::Save),
            button("Kosongkan")
                .padding([8, 16])
                .style(button::secondary)
                .on_press(Message::Clear),
            muted(format!(
                "Tab: pindah isian  ·  F5–F{}: centang berkas  ·  Enter: simpan",
                PAPERS.len() + 4
            )),
        ]
        .spacing(12)
        .align_y(iced::Center);
        column![
            row![name, nik].spacing(16),
            row![kk, phone].spacing(16),
            row![purpose, channel].spacing(16),
            row![desa, papers].spacing(16),
            buttons,
        ]
        .spacing(14)
        .into()
    }
}

/// The NIK message shown while typing: everything except "too short" before a save.
fn live_nik_error(nik: &str) -> Option<FieldError> {
    match Nik::parse(nik) {
        Ok(_) | Err(NikError::Empty) => None,
        Err(NikError::WrongLength(n)) if n < 16 => None,
        Err(e) => Some(FieldError {
            field: "nik",
            message: format!("NIK tidak valid: {e}."),
        }),
    }
}

/// The read-only list of applications waiting for the operator, with how long each has
/// waited by `clock`.
fn waiting_list<'a>(list: &'a [Application], clock: Option<&ServiceClock>) -> Element<'a, Message> {
    if list.is_empty() {
        return muted("Belum ada permohonan yang menunggu.").into();
    }
    list.iter()
        .fold(column![].spacing(6), |col, a| {
            col.push(
                row![
                    container(bold(a.register_no.as_str())).width(90),
                    container(muted(widget::clock_time(&a.created_at))).width(60),
                    container(iced::widget::text(a.applicant_name.as_str())).width(220),
                    container(muted(crate::core::nik::mask(&a.nik))).width(170),
                    iced::widget::text(a.purpose.as_str()),
                ]
                .extend(
                    clock
                        .and_then(|c| c.waiting(&a.created_at, None))
                        .map(widget::waiting),
                )
                .spacing(8),
            )
        })
        .into()
}
