//! Pimpinan (Kabid/Kadis): the letters issued today and recently, each with the next
//! sign-off step (paraf by the Kabid, TTD by the Kepala Dinas, then handover), plus the
//! Verifikasi Surat, Arsip Surat, Usulan DTKS, Buku Register, Survei SKM, Buku
//! Pengaduan and Laporan tabs. A letter issued for an
//! application shows how long that application has taken (to the handover, or until
//! now) against the office's time standard.

mod handover;
mod line;

use std::collections::HashMap;

use iced::widget::{button, column, container, row, scrollable};
use iced::{Element, Fill, Task};

use super::{Action, Context, archive, complaints, register_book, reports, survey, usulan, verify};
use crate::core::archive::{self as letters, ArchivedLetter};
use crate::core::register::{Channel, Handover};
use crate::core::service_time::{ServiceClock, Waiting};
use crate::core::signoff::{self, SignOff, Step, StepDone};
use crate::ui::widget::{bold, cycle, error_text, muted, section, tab_bar};

pub use handover::CONTACT_FIELD;

/// How many recent letters are listed.
const LIMIT: usize = 50;

/// The leadership screen's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    /// Letters issued today and recently.
    #[default]
    Surat,
    /// Verifikasi Surat.
    Verifikasi,
    /// Arsip Surat.
    Arsip,
    /// Usulan DTKS for people who are not registered.
    Usulan,
    /// The register book: search, history, corrections, exports.
    Register,
    /// The satisfaction survey a citizen fills after handover.
    Survei,
    /// The complaints and guest/suggestion book.
    Pengaduan,
    /// The period report.
    Laporan,
}

impl Tab {
    /// The tabs in order, with their labels.
    pub const LABELS: [(Tab, &'static str); 8] = [
        (Tab::Surat, "Paraf & TTD"),
        (Tab::Verifikasi, "Verifikasi Surat"),
        (Tab::Arsip, "Arsip Surat"),
        (Tab::Usulan, "Usulan DTKS"),
        (Tab::Register, "Buku Register"),
        (Tab::Survei, "Survei SKM"),
        (Tab::Pengaduan, "Pengaduan"),
        (Tab::Laporan, "Laporan"),
    ];
}

/// The leadership screen.
#[derive(Debug)]
pub struct State {
    tab: Tab,
    /// Letters issued today, each with its next sign-off step (`None`: handed over).
    today: Vec<(ArchivedLetter, Option<Step>)>,
    /// Earlier letters, likewise.
    earlier: Vec<(ArchivedLetter, Option<Step>)>,
    /// The waiting of each listed letter's application, by letter id (letters issued
    /// without an application have none).
    waits: HashMap<i64, Waiting>,
    /// The office's time standard, shown above the list.
    standard: Option<String>,
    /// The sign-off steps on record of each listed letter, by letter id.
    records: HashMap<i64, Vec<StepDone>>,
    /// Whether the Kabid signs on behalf of the Kepala Dinas (the office's setting).
    kabid_signs: bool,
    /// The open handover question, if any.
    handover: Option<handover::Form>,
    failure: Option<String>,
    verify: verify::State,
    archive: archive::State,
    usulan: usulan::State,
    register_book: register_book::State,
    survey: survey::State,
    complaints: complaints::State,
    reports: reports::State,
}

/// Messages of the leadership screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// A tab was chosen.
    TabSelected(Tab),
    /// Ctrl+PageDown (+1) / Ctrl+PageUp (-1): the next or previous tab.
    CycleTab(i32),
    /// "Muat Ulang" was pressed: re-read the list.
    Refresh,
    /// A sign-off step button was pressed for a letter: the step it showed (paraf or
    /// TTD is recorded; the handover opens the question how). A second click of a
    /// step already taken is refused by the core, never taken as the next step.
    SignOff(i64, Step),
    /// "Serahkan langsung" or "Kirim online" was pressed for a letter.
    HandOver(i64, Handover),
    /// A channel was picked in the handover question.
    HandoverChannel(Channel),
    /// The contact in the handover question was edited.
    HandoverContact(String),
    /// "Batal" closed the handover question.
    HandoverCancelled,
    /// A message of the Verifikasi Surat tab.
    Verify(verify::Message),
    /// A message of the Arsip Surat tab.
    Archive(archive::Message),
    /// A message of the Usulan DTKS tab.
    Usulan(usulan::Message),
    /// A message of the Buku Register tab.
    RegisterBook(register_book::Message),
    /// A message of the Survei SKM tab.
    Survey(survey::Message),
    /// A message of the Buku Pengaduan tab.
    Complaints(complaints::Message),
    /// A message of the Laporan tab.
    Reports(reports::Message),
    /// A digit key pressed outside a text field (answers on the Survei SKM tab).
    Digit(u8),
}

impl State {
    /// The screen with the list read from the register.
    pub fn new(ctx: &Context<'_>) -> State {
        let mut state = State {
            tab: Tab::default(),
            today: Vec::new(),
            earlier: Vec::new(),
            waits: HashMap::new(),
            standard: None,
            records: HashMap::new(),
            kabid_signs: false,
            handover: None,
            failure: None,
            verify: verify::State::default(),
            archive: archive::State::new(ctx),
            usulan: usulan::State::new(ctx),
            register_book: register_book::State::new(ctx),
            survey: survey::State::new(ctx),
            complaints: complaints::State::new(ctx),
            reports: reports::State::new(ctx),
        };
        state.refresh(ctx);
        state
    }

    /// Re-reads the latest letters (slips are left out: they are not signed).
    pub fn refresh(&mut self, ctx: &Context<'_>) {
        match letters::search(ctx.store, "") {
            Ok(list) => {
                let day = ctx.today.format("%Y-%m-%d").to_string();
                let with_steps = list
                    .into_iter()
                    .filter(|l| l.kind == "surat")
                    .take(LIMIT)
                    .map(|l| Ok((signoff::next(&ctx.store.register, l.id)?, l)))
                    .collect::<crate::core::Result<Vec<_>>>();
                let with_steps = match with_steps {
                    Ok(list) => list,
                    Err(e) => {
                        self.failure = Some(e.to_string());
                        return;
                    }
                };
                let (today, earlier): (Vec<_>, Vec<_>) = with_steps
                    .into_iter()
                    .map(|(step, l)| (l, step))
                    .partition(|(l, _)| l.issued_at.starts_with(&day));
                (self.today, self.earlier) = (today, earlier);
                self.failure = None;
                self.read_records(ctx);
                self.measure(ctx);
            }
            Err(e) => self.failure = Some(e.to_string()),
        }
    }

    /// Reads who took each listed letter's steps, and who signs.
    fn read_records(&mut self, ctx: &Context<'_>) {
        let listed = self.today.iter().chain(&self.earlier);
        let records = listed
            .map(|(l, _)| Ok((l.id, signoff::record_of(&ctx.store.register, l.id)?)))
            .collect::<crate::core::Result<HashMap<_, _>>>()
            .and_then(|records| Ok((records, ctx.store.settings()?.signed_by_kabid)));
        match records {
            Ok((records, kabid_signs)) => (self.records, self.kabid_signs) = (records, kabid_signs),
            Err(e) => self.failure = Some(e.to_string()),
        }
    }

    /// Measures the listed letters' applications against the office's hours and
    /// standard, at `ctx.now`.
    fn measure(&mut self, ctx: &Context<'_>) {
        let clock = ctx.store.settings().map(|s| ServiceClock::new(&s, ctx.now));
        let clock = match clock {
            Ok(clock) => clock,
            Err(e) => {
                self.failure = Some(e.to_string());
                return;
            }
        };
        self.standard = Some(clock.standard.to_string());
        let mut waits = HashMap::new();
        // A voided letter ends nothing: its application is not timed here.
        let valid = self.today.iter().chain(&self.earlier);
        for (letter, _) in valid.filter(|(l, _)| l.status != "void") {
            match signoff::service_span(&ctx.store.register, letter.id) {
                Ok(Some((received, handed_over))) => {
                    if let Some(w) = clock.waiting(&received, handed_over.as_deref()) {
                        waits.insert(letter.id, w);
                    }
                }
                Ok(None) => {}
                Err(e) => self.failure = Some(e.to_string()),
            }
        }
        self.waits = waits;
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &Context<'_>) -> Action<Message> {
        let task = match message {
            Message::CycleTab(delta) => {
                let tabs = Tab::LABELS.map(|(tab, _)| tab);
                return self.update(Message::TabSelected(cycle(&tabs, self.tab, delta)), ctx);
            }
            Message::TabSelected(tab) => {
                self.tab = tab;
                match tab {
                    Tab::Surat => {
                        self.refresh(ctx);
                        Task::none()
                    }
                    Tab::Verifikasi => Task::none(),
                    Tab::Arsip => self.archive.open(ctx).map(Message::Archive),
                    Tab::Usulan => self.usulan.open().map(Message::Usulan),
                    Tab::Register => self.register_book.open().map(Message::RegisterBook),
                    Tab::Survei => Task::none(),
                    Tab::Pengaduan => self.complaints.open().map(Message::Complaints),
                    Tab::Laporan => self.reports.open(ctx).map(Message::Reports),
                }
            }
            Message::SignOff(id, Step::Diserahkan) => {
                match signoff::suggested_handover(&ctx.store.register, id) {
                    Ok(suggested) => self.handover = Some(handover::Form::new(id, suggested)),
                    Err(e) => self.failure = Some(e.to_string()),
                }
                Task::none()
            }
            Message::SignOff(id, step) => {
                self.sign_off(id, step, None, ctx);
                Task::none()
            }
            Message::HandOver(id, how) => {
                if self.sign_off(id, Step::Diserahkan, Some(&how), ctx) {
                    self.handover = None;
                }
                Task::none()
            }
            Message::HandoverChannel(channel) => {
                if let Some(form) = &mut self.handover {
                    form.channel = channel;
                }
                Task::none()
            }
            Message::HandoverContact(contact) => {
                if let Some(form) = &mut self.handover {
                    form.contact = contact;
                }
                Task::none()
            }
            Message::HandoverCancelled => {
                self.handover = None;
                Task::none()
            }
            Message::Refresh => {
                self.refresh(ctx);
                Task::none()
            }
            Message::Verify(m) => self.verify.update(m, ctx).map(Message::Verify),
            Message::Archive(m) => self.archive.update(m, ctx).map(Message::Archive),
            Message::Usulan(m) => self.usulan.update(m, ctx).map(Message::Usulan),
            Message::RegisterBook(m) => {
                self.register_book.update(m, ctx).map(Message::RegisterBook)
            }
            Message::Survey(m) => self.survey.update(m, ctx).map(Message::Survey),
            Message::Complaints(m) => self.complaints.update(m, ctx).map(Message::Complaints),
            Message::Reports(m) => self.reports.update(m, ctx).map(Message::Reports),
            Message::Digit(digit) if self.tab == Tab::Survei => self
                .survey
                .update(survey::Message::Key(digit), ctx)
                .map(Message::Survey),
            Message::Digit(_) => Task::none(),
        };
        Action::Run(task)
    }

    /// Records `step` (with `how` for the handover) on letter `id` and re-reads the
    /// list; false, with the refusal shown, when the core refused it.
    fn sign_off(&mut self, id: i64, step: Step, how: Option<&Handover>, ctx: &Context<'_>) -> bool {
        let by = SignOff {
            actor: ctx.actor,
            at: ctx.at(),
            note: "",
            handover: how,
        };
        let done = signoff::record(ctx.store, id, step, &by);
        self.refresh(ctx);
        match done {
            Ok(()) => true,
            Err(e) => {
                self.failure = Some(e.to_string());
                false
            }
        }
    }

    /// The tab bar and the current tab.
    pub fn view(&self) -> Element<'_, Message> {
        let tabs = tab_bar(&Tab::LABELS, self.tab, Message::TabSelected);
        let body: Element<'_, Message> = match self.tab {
            Tab::Surat => self.letters_view(),
            Tab::Verifikasi => self.verify.view().map(Message::Verify),
            Tab::Arsip => self.archive.view().map(Message::Archive),
            Tab::Usulan => self.usulan.view().map(Message::Usulan),
            Tab::Register => self.register_book.view().map(Message::RegisterBook),
            Tab::Survei => self.survey.view().map(Message::Survey),
            Tab::Pengaduan => self.complaints.view().map(Message::Complaints),
            Tab::Laporan => self.reports.view().map(Message::Reports),
        };
        column![tabs, body].into()
    }

    fn letters_view(&self) -> Element<'_, Message> {
        let mut list = column![
            row![
                muted("Surat keterangan yang terbit menunggu paraf Kabid dan tanda tangan Kepala Dinas."),
                iced::widget::space::horizontal(),
                button("Muat Ulang").style(button::secondary).on_press(Message::Refresh),
            ]
            .align_y(iced::Center)
        ]
        .spacing(8)
        .extend(self.standard.as_deref().map(|s| muted(s).into()));
        if let Some(failure) = &self.failure {
            list = list.push(error_text(failure.as_str()));
        }
        list = list.push(bold(format!("Hari ini ({} surat)", self.today.len())));
        if self.today.is_empty() {
            list = list.push(muted("Belum ada surat terbit hari ini."));
        }
        list = self
            .today
            .iter()
            .fold(list, |l, (letter, step)| l.push(self.line(letter, *step)));
        if !self.earlier.is_empty() {
            list = list.push(bold("Sebelumnya"));
            list = self
                .earlier
                .iter()
                .fold(list, |l, (letter, step)| l.push(self.line(letter, *step)));
        }
        scrollable(container(section("Surat Terbaru", list)).padding([0, 16]))
            .height(Fill)
            .into()
    }

    /// One letter's line with what is on record for it.
    fn line<'a>(&'a self, letter: &'a ArchivedLetter, next: Option<Step>) -> Element<'a, Message> {
        line::view(
            letter,
            next,
            line::Record {
                wait: self.waits.get(&letter.id).copied(),
                done: self.records.get(&letter.id).map_or(&[], Vec::as_slice),
                kabid_signs: self.kabid_signs,
                handover: self.handover.as_ref().filter(|f| f.letter == letter.id),
            },
        )
    }
}
