//! Admin → Pengaturan: the office letterhead, signatories, source label, numbering,
//! paper, copies, printer, verification address, the wording of letters, the service
//! hours and time standard, and the retention of personal data with its purge
//! ([`retention`]).
//!
//! Everything typed stays in a [`Draft`] until "Simpan"; a refused save marks each bad
//! field with an Indonesian message and keeps the text. The numbering template shows
//! an example number for today as it is typed. The printer list is read in the
//! background (through [`Context::printers`], `lpstat` in the window).

mod draft;
mod hours;
pub mod logo;
pub mod papers;
pub mod retention;
mod view;

use chrono::NaiveDate;
use iced::Task;

use super::{Action, Context};
use crate::core::settings::{Paper, Settings, Source};
use crate::ui::background::{UiResult, shared, spawn};

pub use draft::TextField;
pub use hours::HoursField;

use draft::Draft;
use hours::HoursDraft;
pub use view::PrinterChoice;

/// The settings screen.
#[derive(Debug)]
pub struct State {
    saved: Settings,
    draft: Draft,
    errors: Vec<(TextField, String)>,
    hours: HoursDraft,
    hours_errors: Vec<(HoursField, String)>,
    papers: papers::PapersDraft,
    papers_errors: Vec<String>,
    printers: Result<(Vec<String>, Option<String>), String>,
    today: NaiveDate,
    notice: Option<Result<String, String>>,
    logo: logo::LogoPanel,
    retention: retention::RetentionPanel,
}

/// Messages of the settings screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// A text field was edited.
    Edited(TextField, String),
    /// A field of the service hours and time standard was edited.
    HoursEdited(HoursField, String),
    /// "Ditandatangani Kabid a.n. Kepala Dinas" was switched.
    SignedByKabid(bool),
    /// "Petugas memeriksa berkas sebelum operator" was switched.
    PapersStep(bool),
    /// "Kabid memaraf surat sebelum ditandatangani" was switched.
    ParafStep(bool),
    /// The source label (DTKS/DTSEN) was chosen.
    SourcePicked(Source),
    /// The paper size was chosen.
    PaperPicked(Paper),
    /// The printer was chosen ("Bawaan sistem" or a named one).
    PrinterPicked(PrinterChoice),
    /// The installed printers and the system default were listed (in the background).
    PrintersListed(UiResult<(Vec<String>, Option<String>)>),
    /// "Simpan": check and save.
    Save,
    /// "Batalkan Perubahan": back to the saved settings.
    Revert,
    /// A message of the office logo panel.
    Logo(logo::Message),
    /// The paper checklist was edited.
    Papers(papers::PaperEdit),
    /// A message of the personal data panel.
    Retention(retention::Message),
}

impl State {
    /// The screen with the saved settings (the defaults if they cannot be read).
    pub fn new(ctx: &Context<'_>) -> State {
        let (saved, notice) = match ctx.store.settings() {
            Ok(s) => (s, None),
            Err(e) => (Settings::default(), Some(Err(e.to_string()))),
        };
        State {
            logo: logo::LogoPanel::new(matches!(
                crate::core::logo::load(&ctx.store.register),
                Ok(Some(_))
            )),
            draft: Draft::from_settings(&saved),
            hours: HoursDraft::from_settings(&saved),
            papers: papers::PapersDraft::from_rules(&saved.papers),
            papers_errors: Vec::new(),
            saved,
            errors: Vec::new(),
            hours_errors: Vec::new(),
            printers: Ok((Vec::new(), None)),
            today: ctx.today,
            notice,
            retention: retention::RetentionPanel::default(),
        }
    }

    /// Lists the printers in the background (the screen was opened).
    pub fn refresh(&mut self, ctx: &Context<'_>) -> Action<Message> {
        self.today = ctx.today;
        let list = ctx.printers;
        Action::Run(Task::perform(
            spawn(move || shared(list())),
            Message::PrintersListed,
        ))
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &Context<'_>) -> Action<Message> {
        self.today = ctx.today;
        if !matches!(message, Message::PrintersListed(_)) {
            self.notice = None;
        }
        match message {
            Message::Edited(field, text) => {
                self.errors.retain(|(f, _)| *f != field);
                self.draft.set(field, text);
            }
            Message::HoursEdited(field, text) => {
                self.hours_errors.retain(|(f, _)| *f != field);
                self.hours.set(field, text);
            }
            Message::SignedByKabid(on) => self.draft.signed_by_kabid = on,
            Message::PapersStep(on) => self.draft.workflow.papers_step = on,
            Message::ParafStep(on) => self.draft.workflow.paraf_step = on,
            Message::SourcePicked(source) => self.draft.source = source,
            Message::PaperPicked(paper) => self.draft.paper = paper,
            Message::PrinterPicked(choice) => self.draft.printer = choice.name(),
            Message::PrintersListed(list) => self.printers = list.map_err(|e| e.to_string()),
            Message::Save => self.save(ctx),
            Message::Papers(edit) => {
                self.papers_errors.clear();
                self.papers.edit(edit);
            }
            Message::Retention(m) => {
                let months = self.saved.retention_months;
                self.retention
                    .update(m, ctx.store, months, ctx.actor, ctx.at());
            }
            Message::Logo(m) => {
                let task = self.logo.update(m, ctx.store.dir(), ctx.actor, ctx.at());
                return Action::Run(task.map(Message::Logo));
            }
            Message::Revert => {
                self.draft = Draft::from_settings(&self.saved);
                self.hours = HoursDraft::from_settings(&self.saved);
                self.papers = papers::PapersDraft::from_rules(&self.saved.papers);
                self.papers_errors.clear();
                self.errors.clear();
                self.hours_errors.clear();
            }
        }
        Action::None
    }

    fn save(&mut self, ctx: &Context<'_>) {
        let settings = self.draft.to_settings(&self.saved, self.today);
        let settings = match (settings, self.hours.parse(), self.papers.parse()) {
            (Ok(mut settings), Ok((hours, standard)), Ok(papers)) => {
                (settings.service_hours, settings.time_standard) = (hours, standard);
                settings.papers = papers;
                settings
            }
            (settings, hours, papers) => {
                self.errors = settings.err().unwrap_or_default();
                self.hours_errors = hours.err().unwrap_or_default();
                self.papers_errors = papers.err().unwrap_or_default();
                self.notice = Some(Err(
                    "Pengaturan belum disimpan: periksa isian yang ditandai merah.".into(),
                ));
                return;
            }
        };
        let result = settings.save_by(&ctx.store.register, ctx.actor);
        self.notice = Some(match result {
            Ok(()) => {
                self.errors.clear();
                self.hours_errors.clear();
                self.draft = Draft::from_settings(&settings);
                self.hours = HoursDraft::from_settings(&settings);
                self.papers = papers::PapersDraft::from_rules(&settings.papers);
                self.saved = settings;
                Ok("Pengaturan disimpan.".into())
            }
            Err(e) => Err(e.to_string()),
        });
    }

    fn error(&self, field: TextField) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, e)| e.as_str())
    }

    fn hours_error(&self, field: HoursField) -> Option<&str> {
        self.hours_errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, e)| e.as_str())
    }
}
