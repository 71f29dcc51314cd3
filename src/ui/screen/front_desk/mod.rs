//! Petugas Layanan: writes a new application into the register (buku pendaftaran),
//! takes back returned ones when their papers arrive, and hands results over.
//!
//! The form is checked as the clerk types (a malformed NIK is flagged at once, a missing
//! required paper is named with the warning that the application will be returned) and
//! again on save; a refused save keeps everything typed. Saving is a small local write
//! and is done directly; the lists below the form show where each application stands.
//!
//! Once a valid NIK is typed, its applications and letters of the last days (the office's
//! `repeat_window_days`) are read in the background and shown under the field, so a
//! repeat visit is noticed before a new application is written.
//!
//! Submodules: [`form`] (the new application), [`lists`] (waiting, returned, ready to
//! hand over), [`picked`] (the actions on one application: papers, handover),
//! [`attach`] (copies of papers attached to it), [`prefill`] (a form started from the
//! operator's name search), [`quick`] (Ctrl+B for the required papers, Ctrl+Enter to
//! save and check at once) and [`tabs`] (the register book and the survey beside the
//! form).

mod attach;
mod form;
mod lists;
mod picked;
mod prefill;
mod quick;
mod tabs;

use std::path::PathBuf;

use iced::widget::{Column, column, combo_box, container, operation, responsive, row, scrollable};
use iced::{Element, Fill, FillPortion, Task};

use super::{Action, Context};
use crate::core::Store;
use crate::core::history::{self, History};
use crate::core::nik::Nik;
use crate::core::register::{
    self, Application, Attachment, AttachmentKind, Channel, FieldError, NewApplication, PaperRule,
    RegisterFilter, Status,
};
use crate::core::service_time::ServiceClock;
use crate::ui::background::{UiResult, shared, spawn};
use crate::ui::file_dialog::Chosen;
use crate::ui::widget::{KeysWhen, error_text, section, success_text};

pub use attach::ATTACH_PATH_FIELD;
pub use form::{
    DESA_FIELD, EXCEPTION_FIELD, KK_FIELD, NAME_FIELD, NIK_FIELD, PHONE_FIELD, PURPOSE_FIELD,
    Purpose,
};
use picked::Picked;
pub use picked::{PICKED_EXCEPTION_FIELD, SEND_CONTACT_FIELD};
pub use prefill::Prefill;
pub use tabs::DeskTab;

/// The front desk screen.
#[derive(Debug)]
pub struct State {
    form: NewApplication,
    /// Options of the channel box (mouse; the default "Loket" fits walk-ins).
    channels: combo_box::State<Channel>,
    /// Whether the result contact was typed by hand; until then it follows the phone.
    contact_typed: bool,
    /// Set after a save was tried: from then on every field is checked as it changes.
    tried: bool,
    errors: Vec<FieldError>,
    saved: Option<Application>,
    /// The outcome of the last act on a listed application.
    notice: Option<String>,
    failure: Option<String>,
    waiting: Vec<Application>,
    /// Applications returned for missing papers.
    returned: Vec<Application>,
    /// Applications whose signed letter or slip waits to be handed over.
    ready: Vec<Application>,
    /// The application whose actions are shown under the lists.
    picked: Option<Picked>,
    /// The application whose handover is being recorded; every handover button is off
    /// until it is answered.
    handing_over: Option<i64>,
    /// The office's hours and standard with the time of the last refresh, for the
    /// waiting times in the list (`None` when the settings cannot be read).
    clock: Option<ServiceClock>,
    /// Today, for the papers required by age.
    today: chrono::NaiveDate,
    /// The earlier visits of the NIK in the form (its NIK, and the summary or why
    /// reading failed); `None` until a valid NIK is typed.
    history: Option<(String, Result<Option<String>, String>)>,
    /// The tab shown, and the register book and survey behind the other tabs.
    tabs: tabs::Tabs,
    /// The office's paper checklist (Pengaturan), read on every refresh.
    rules: Vec<PaperRule>,
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
    /// The desa/kelurahan was edited.
    DesaChanged(String),
    /// The contact for the result was edited.
    ContactChanged(String),
    /// The purpose was typed.
    PurposeChanged(String),
    /// One of the common purposes was clicked: it fills the purpose field.
    PurposePicked(Purpose),
    /// A channel was chosen.
    ChannelPicked(Channel),
    /// The desa cover letter number was edited.
    DesaLetterChanged(String),
    /// The desa cover letter date was edited.
    DesaLetterDateChanged(String),
    /// A paper in the checklist was ticked or unticked (index into the office's list).
    PaperToggled(usize, bool),
    /// F5, F6, …: tick or untick paper N (0-based), for the keyboard.
    PaperShortcut(usize),
    /// The reason for accepting the application without a required paper was edited.
    ExceptionChanged(String),
    /// "Simpan" was pressed (or Enter in a field).
    Save,
    /// "Simpan & periksa" (Ctrl+Enter), offered to a user who is also an operator:
    /// saved as with "Simpan", then, when it waits for the operator, opened on the
    /// operator's screen and its NIK looked up.
    SaveAndCheck,
    /// "Semua berkas wajib ada" (Ctrl+B): tick every paper the office requires from the
    /// holder of the NIK typed (the others stay as they are).
    AllRequiredPapers,
    /// "Kosongkan" was pressed: clear the form.
    Clear,
    /// The earlier visits of the NIK `.0` were read.
    HistoryLoaded(String, UiResult<History>),
    /// An application in a list was picked: its actions are shown below the lists.
    Pick(i64),
    /// The actions of the picked application were closed.
    Unpick,
    /// A paper of the picked (returned) application was ticked or unticked.
    PickedPaperToggled(usize, bool),
    /// The exception reason of the picked (returned) application was edited.
    PickedExceptionChanged(String),
    /// "Simpan pemeriksaan berkas": the papers of the picked application checked again.
    CheckPapers,
    /// "Serahkan langsung" on application `.0`: handed over in person.
    HandOverInPerson(i64),
    /// The online channel for sending the picked application's result was chosen.
    SendChannelPicked(Channel),
    /// The contact the picked application's result is sent to was edited.
    SendContactChanged(String),
    /// "Kirim online": the picked application's result sent to the contact.
    SendOnline,
    /// The handover of application `.0` was recorded (or refused).
    HandedOver(i64, Box<UiResult<Application>>),
    /// The kind of paper the next attachment is was chosen.
    AttachKindPicked(AttachmentKind),
    /// The path of the file to attach was typed.
    AttachPathChanged(String),
    /// "Lampirkan KTP/KK…": open the file dialog.
    Browse,
    /// The file dialog closed: a file chosen, cancelled, or no dialog could open.
    Browsed(Chosen),
    /// "Lampirkan" (or Enter in the path field): attach the typed file.
    AttachTyped,
    /// A file was attached to application `.0` (or refused).
    Attached(i64, UiResult<Attachment>),
    /// A tab was chosen.
    TabSelected(DeskTab),
    /// Ctrl+PageDown (+1) / Ctrl+PageUp (-1): the next or previous tab.
    CycleTab(i32),
    /// A message of the Buku Register tab.
    Book(crate::ui::screen::register_book::Message),
    /// A message of the Survei SKM tab.
    Survey(crate::ui::screen::survey::Message),
    /// A digit key pressed outside a text field (answers on the Survei SKM tab).
    Digit(u8),
}

impl State {
    /// A fresh form; the lists are read from the register.
    pub fn new(ctx: &Context<'_>) -> State {
        let mut state = State {
            form: NewApplication::default(),
            channels: combo_box::State::new(Channel::ALL.to_vec()),
            contact_typed: false,
            tried: false,
            errors: Vec::new(),
            saved: None,
            notice: None,
            failure: None,
            waiting: Vec::new(),
            returned: Vec::new(),
            ready: Vec::new(),
            picked: None,
            handing_over: None,
            clock: None,
            today: ctx.today,
            history: None,
            tabs: tabs::Tabs::new(ctx),
            rules: register::default_papers(),
        };
        state.clear_form();
        state.refresh(ctx);
        state
    }

    /// Empties the form (channel "Loket"), keeping the lists.
    fn clear_form(&mut self) {
        self.form = NewApplication {
            channel: Some(Channel::Loket),
            ..NewApplication::default()
        };
        self.contact_typed = false;
        self.tried = false;
        self.errors.clear();
        self.saved = None;
        self.history = None;
    }

    /// Re-reads the lists, and the settings their waiting times are measured by.
    pub fn refresh(&mut self, ctx: &Context<'_>) {
        self.today = ctx.today;
        let settings = ctx.store.settings().ok();
        self.clock = settings.as_ref().map(|s| ServiceClock::new(s, ctx.now));
        if let Some(settings) = settings {
            self.rules = settings.papers;
        }
        match read_lists(ctx.store) {
            Ok((waiting, returned, ready)) => {
                self.waiting = waiting;
                self.returned = returned;
                self.ready = ready;
            }
            Err(e) => self.failure = Some(e.to_string()),
        }
        if let Some(picked) = &mut self.picked {
            picked.reload(ctx.store);
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &Context<'_>) -> Action<Message> {
        if let Some(action) = self.update_tabs(&message, ctx) {
            return action;
        }
        match message {
            Message::HistoryLoaded(nik, result) => {
                // An answer for a NIK since edited away is dropped.
                if let Some((shown, summary)) = &mut self.history
                    && *shown == nik
                {
                    *summary = result
                        .map(|h| h.summary())
                        .map_err(|e| format!("Riwayat NIK tidak dapat dibaca: {e}"));
                }
                Action::None
            }
            Message::NikChanged(v) => {
                self.form.nik = v;
                let task = self.load_history(ctx);
                self.check_live();
                task
            }
            Message::PaperShortcut(i) => match self.rules.get(i) {
                Some(paper) => {
                    let on = !self.form.papers.contains(&paper.name);
                    self.update(Message::PaperToggled(i, on), ctx)
                }
                None => Action::None,
            },
            Message::Save => self.save(ctx).map_or(Action::None, |_| form::focus_name()),
            Message::SaveAndCheck => match self.save(ctx) {
                // Only an application in the operator's queue can be checked at once; a
                // returned one stays here with its notice.
                Some(id) if self.waiting.iter().any(|a| a.id == id) => Action::Check(id),
                Some(_) => form::focus_name(),
                None => Action::None,
            },
            Message::AllRequiredPapers => {
                self.tick_required();
                self.check_live();
                Action::None
            }
            Message::Clear => {
                self.clear_form();
                Action::Run(operation::focus(NAME_FIELD))
            }
            Message::Pick(id) => {
                self.pick(id, ctx);
                Action::None
            }
            Message::Unpick => {
                self.picked = None;
                Action::None
            }
            Message::CheckPapers => {
                self.check_papers(ctx);
                Action::None
            }
            Message::HandOverInPerson(id) => {
                self.hand_over(id, register::Handover::in_person(), ctx)
            }
            Message::SendOnline => self.send_online(ctx),
            Message::HandedOver(id, result) => {
                self.handed_over(id, *result, ctx);
                Action::None
            }
            Message::Browse => self.browse(),
            Message::Browsed(Chosen::Picked(path)) => self.attach(path, ctx),
            Message::Browsed(Chosen::Cancelled) => Action::None,
            Message::Browsed(Chosen::Unavailable) => self.type_instead(),
            Message::AttachTyped => match self.picked.as_ref().map(|p| p.path.trim()) {
                Some(path) if !path.is_empty() => self.attach(PathBuf::from(path), ctx),
                _ => Action::None,
            },
            Message::Attached(id, result) => {
                self.attached(id, result, ctx);
                Action::None
            }
            other => {
                if !self.edit_picked(&other) {
                    self.edit_form(other);
                    self.check_live();
                }
                Action::None
            }
        }
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

    /// The form, the outcome of the last act, the lists and the picked application;
    /// "Simpan & periksa" is offered when `may_check` (the user is also an operator).
    pub fn view(&self, may_check: bool) -> Element<'_, Message> {
        let body = responsive(move |size| {
            if size.width >= SIDE_BY_SIDE {
                row![
                    pane(self.work_column(may_check).into(), 3),
                    pane(self.lists_view(), 2)
                ]
                .into()
            } else {
                let page = self.work_column(may_check).push(self.lists_view());
                scrollable(container(page).padding(16)).height(Fill).into()
            }
        });
        let page = quick::with_quick_keys(body.into(), KeysWhen::NoFocusInside, may_check);
        self.with_tabs(page)
    }

    /// The picked application, the form, the last save and the notices, top to bottom.
    fn work_column(&self, may_check: bool) -> Column<'_, Message> {
        // The application picked from a list comes first: it is what the clerk is
        // working on, and the long form would push it out of sight.
        let mut page = column![].spacing(16);
        if let Some(picked) = &self.picked {
            page = page.push(self.picked_view(picked));
        }
        page = page.push(section("Permohonan Baru", self.form_view(may_check)));
        if let Some(saved) = &self.saved {
            page = page.push(section("Tersimpan", self.saved_view(saved)));
        }
        if let Some(notice) = &self.notice {
            page = page.push(success_text(notice.as_str()));
        }
        if let Some(failure) = &self.failure {
            page = page.push(error_text(failure.as_str()));
        }
        page
    }
}

/// A scrolling column taking `portion` of the width.
fn pane(content: Element<'_, Message>, portion: u16) -> Element<'_, Message> {
    scrollable(container(content).padding(16))
        .height(Fill)
        .width(FillPortion(portion))
        .into()
}

/// From this window width (logical pixels) the lists stand beside the form instead of
/// under it, so a letter ready to hand over is in sight while typing.
const SIDE_BY_SIDE: f32 = 1180.0;

/// The lists under the form: waiting for the operator, returned for missing papers, and
/// ready to hand over (a signed letter or a slip), each oldest first.
type Lists = (Vec<Application>, Vec<Application>, Vec<Application>);

fn read_lists(store: &Store) -> crate::core::Result<Lists> {
    let conn = &store.register;
    let waiting = register::waiting(conn)?;
    let returned = register::returned(conn)?;
    let mut ready = Vec::new();
    for status in [Status::Ditandatangani, Status::SlipSaran] {
        ready.extend(register::list(
            conn,
            &RegisterFilter {
                status: Some(status),
                oldest_first: true,
                ..Default::default()
            },
        )?);
    }
    ready.sort_by(|a, b| (&a.created_at, a.id).cmp(&(&b.created_at, b.id)));
    Ok((waiting, returned, ready))
}
