//! Pimpinan (Kabid/Kadis): the letters issued today and recently, each with the next
//! sign-off step (paraf by the Kabid, TTD by the Kepala Dinas, then handover), plus the
//! Verifikasi Surat, Arsip Surat, Usulan DTKS, Buku Register, Survei SKM, Buku
//! Pengaduan and Laporan tabs. A letter issued for an
//! application shows how long that application has taken (to the handover, or until
//! now) against the office's time standard.

mod confirm;
mod handover;
mod line;
mod list;
mod signing;

use std::collections::HashMap;

use iced::widget::column;
use iced::{Element, Task};

use super::{
    Action, Context, archive, complaints, focus, register_book, reports, survey, usulan, verify,
};
use crate::core::archive::ArchivedLetter;
use crate::core::register::{Channel, Handover};
use crate::core::service_time::Waiting;
use crate::core::signoff::{Step, StepDone};
use crate::ui::widget::{cycle, tab_bar};

pub use confirm::UNDO_REASON_FIELD;
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

    /// The field the Pimpinan types into first on the tab, where the cursor goes when
    /// the tab or the role is switched to. None on the letters (F8, arrows, Enter and
    /// Ctrl+Z work them outside any field) and on the survey (its answers are digit
    /// keys); the code, the search, the desa filter, the register's free-text search,
    /// the name of a new complaint and the report's first date on the others.
    pub fn first_field(self) -> Option<&'static str> {
        match self {
            Tab::Surat | Tab::Survei => None,
            Tab::Verifikasi => Some(verify::CODE_FIELD),
            Tab::Arsip => Some(archive::QUERY_FIELD),
            Tab::Usulan => Some(usulan::DESA_FIELD),
            Tab::Register => Some(register_book::TEXT_FIELD),
            Tab::Pengaduan => Some(complaints::NAME_FIELD),
            Tab::Laporan => Some(reports::FROM_FIELD),
        }
    }
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
    /// Whether the office uses the Kabid's paraf (the office's workflow).
    paraf: bool,
    /// The letter the keys act on (F8, Ctrl+Z, arrows): the first one waiting for a
    /// step unless the Pimpinan moved.
    selected: Option<i64>,
    /// The open handover question, if any.
    handover: Option<handover::Form>,
    /// The open "paraf/TTD this letter?" question, if any.
    confirm: Option<confirm::Confirm>,
    /// The open "take back the last step?" question, if any.
    undo: Option<confirm::Undo>,
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
    /// A sign-off step button was pressed for a letter: the step it showed. Paraf and
    /// TTD open the question "record it?" (nothing is recorded yet); the handover opens
    /// the question how.
    SignOff(i64, Step),
    /// F8: the selected letter's next step, as if its button was pressed.
    StepShortcut,
    /// "Ya, paraf" / "Ya, tanda tangani" answered the open question: the step is
    /// recorded, signed by the signed-in user.
    Confirmed,
    /// Enter outside a text field: answers the open question ("Ya, …", "Serahkan
    /// langsung", "Batalkan langkah").
    Enter,
    /// Esc or "Batal"/"Tutup": closes the open question, nothing recorded.
    Cancel,
    /// Arrow up/down (-1/+1): select the previous or next letter.
    Move(i32),
    /// "Batalkan langkah terakhir" was pressed for a letter: ask for the reason.
    UndoOpened(i64),
    /// Ctrl+Z: "Batalkan langkah terakhir" for the selected letter.
    UndoShortcut,
    /// The reason in the undo question was edited.
    UndoReason(String),
    /// "Batalkan langkah" (or Enter in the reason) answered the undo question.
    UndoConfirmed,
    /// F9: the selected letter, signed, is handed over in person at once (the physical
    /// handover at the counter; a mistaken one is undone in the Buku Register).
    HandOverShortcut,
    /// "Serahkan langsung" or "Kirim online" was pressed for a letter.
    HandOver(i64, Handover),
    /// A channel was picked in the handover question.
    HandoverChannel(Channel),
    /// The contact in the handover question was edited.
    HandoverContact(String),
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
            paraf: true,
            selected: None,
            handover: None,
            confirm: None,
            undo: None,
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

    /// The field the cursor goes to when the Pimpinan's screen or tab is switched to:
    /// the reason of an undo question left open on the sign-off tab, else the tab's
    /// [`Tab::first_field`].
    pub fn first_field(&self) -> Option<&'static str> {
        if self.tab == Tab::Surat && self.undo.is_some() {
            return Some(confirm::UNDO_REASON_FIELD);
        }
        self.tab.first_field()
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
                let opened = match tab {
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
                };
                Task::batch([opened, focus(self.first_field())])
            }
            Message::SignOff(..)
            | Message::StepShortcut
            | Message::Confirmed
            | Message::Enter
            | Message::Cancel
            | Message::Move(_)
            | Message::UndoOpened(_)
            | Message::UndoShortcut
            | Message::UndoReason(_)
            | Message::UndoConfirmed
            | Message::HandOver(..)
            | Message::HandOverShortcut
            | Message::HandoverChannel(_)
            | Message::HandoverContact(_) => self.signing(message, ctx),
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
}

#[cfg(test)]
mod tests {
    use super::Tab;

    #[test]
    fn the_keyed_tabs_keep_their_keys_and_the_others_start_in_a_field_of_their_own() {
        // F8, arrows and Enter (letters) and digits (survey) reach the screen only while
        // no field has the cursor.
        assert_eq!(Tab::Surat.first_field(), None);
        assert_eq!(Tab::Survei.first_field(), None);
        let fields: Vec<_> = Tab::LABELS
            .iter()
            .filter_map(|(tab, _)| tab.first_field())
            .collect();
        assert_eq!(
            fields.len(),
            Tab::LABELS.len() - 2,
            "every other tab has one"
        );
        let mut distinct = fields.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), fields.len(), "each tab its own field");
    }
}
