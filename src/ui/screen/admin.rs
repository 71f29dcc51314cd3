//! Admin: sub-screens behind tabs, "Impor Data" (snapshots and program lists, see
//! [`import`]), "Pengaturan" (office settings, see [`settings`](super::settings)) and
//! "Cek Massal" (a list of NIKs checked at once, see [`bulk`](super::bulk); kept here
//! until the operator's screen has room for it), "Laporan" (the period report, see
//! [`reports`](super::reports)), "Log Akses" (the access log and its integrity, see
//! [`audit_log`](super::audit_log)) and "Pengguna" (users, see [`users`](super::users)).
//! Ctrl+PageDown / Ctrl+PageUp switch tabs from the keyboard.

pub mod import;

use iced::widget::column;
use iced::{Element, Task};

use super::{Action, Context, audit_log, bulk, focus, reports, settings, users};
use crate::ui::widget::{cycle, tab_bar};

pub use import::{PATH_FIELD, PERIOD_FIELD};

/// The admin's sub-screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    /// Importing snapshots and program lists; the snapshot list.
    #[default]
    Impor,
    /// Office settings.
    Pengaturan,
    /// Checking a list of NIKs at once.
    CekMassal,
    /// The access log: filters, integrity check, export.
    LogAkses,
    /// The period report.
    Laporan,
    /// The users of the counter PC.
    Pengguna,
}

impl Tab {
    /// The tabs, left to right.
    pub const ALL: [Tab; 6] = [
        Tab::Impor,
        Tab::Pengaturan,
        Tab::CekMassal,
        Tab::Laporan,
        Tab::LogAkses,
        Tab::Pengguna,
    ];

    /// The tab's label.
    pub fn label(self) -> &'static str {
        match self {
            Tab::Impor => "Impor Data",
            Tab::CekMassal => "Cek Massal",
            Tab::Pengaturan => "Pengaturan",
            Tab::LogAkses => "Log Akses",
            Tab::Laporan => "Laporan",
            Tab::Pengguna => "Pengguna",
        }
    }

    /// The field the admin types into first on the tab, where the cursor goes when the
    /// tab or the role is switched to: the file to import, the list to check, the
    /// report's and the log's first date, the new user's name. None on Pengaturan: the
    /// admin comes to change one setting among many, and a stray key typed into the
    /// office's name (printed on every letter) would do more harm than a lost one.
    pub fn first_field(self) -> Option<&'static str> {
        match self {
            Tab::Impor => Some(PATH_FIELD),
            Tab::Pengaturan => None,
            Tab::CekMassal => Some(bulk::INPUT_FIELD),
            Tab::Laporan => Some(reports::FROM_FIELD),
            Tab::LogAkses => Some(audit_log::FROM_FIELD),
            Tab::Pengguna => Some(users::NAME_FIELD),
        }
    }
}

/// The admin screen.
#[derive(Debug)]
pub struct State {
    tab: Tab,
    import: import::State,
    bulk: bulk::State,
    settings: settings::State,
    audit_log: audit_log::State,
    reports: reports::State,
    users: users::State,
}

/// Messages of the admin screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// A tab was chosen.
    TabSelected(Tab),
    /// Ctrl+PageDown (+1) / Ctrl+PageUp (-1): the next or previous tab.
    CycleTab(i32),
    /// A message of the "Impor Data" tab.
    Import(import::Message),
    /// A message of the "Cek Massal" tab.
    Bulk(bulk::Message),
    /// A message of the "Pengaturan" tab.
    Settings(settings::Message),
    /// A message of the "Log Akses" tab.
    AuditLog(audit_log::Message),
    /// A message of the "Laporan" tab.
    Reports(reports::Message),
    /// A message of the "Pengguna" tab.
    Users(users::Message),
}

impl State {
    /// The screen, on "Impor Data".
    pub fn new(ctx: &Context<'_>) -> State {
        State {
            tab: Tab::Impor,
            import: import::State::new(ctx),
            bulk: bulk::State::new(),
            settings: settings::State::new(ctx),
            audit_log: audit_log::State::default(),
            reports: reports::State::new(ctx),
            users: users::State::new(ctx),
        }
    }

    /// Re-reads the snapshot list (the role was selected).
    pub fn refresh(&mut self, ctx: &Context<'_>) {
        self.import.refresh(ctx);
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &Context<'_>) -> Action<Message> {
        match message {
            Message::TabSelected(tab) => self.open(tab, ctx),
            Message::CycleTab(delta) => self.open(cycle(&Tab::ALL, self.tab, delta), ctx),
            Message::Import(m) => lift(self.import.update(m, ctx), Message::Import),
            Message::Bulk(m) => lift(self.bulk.update(m, ctx), Message::Bulk),
            Message::Settings(m) => lift(self.settings.update(m, ctx), Message::Settings),
            Message::AuditLog(m) => lift(self.audit_log.update(m, ctx), Message::AuditLog),
            Message::Reports(m) => Action::Run(self.reports.update(m, ctx).map(Message::Reports)),
            Message::Users(m) => lift(self.users.update(m, ctx), Message::Users),
        }
    }

    /// The field the cursor goes to when the admin's screen is switched to (its tab's
    /// [`Tab::first_field`]).
    pub fn first_field(&self) -> Option<&'static str> {
        self.tab.first_field()
    }

    /// Shows `tab`, re-reading what it lists, with the cursor in its first field.
    fn open(&mut self, tab: Tab, ctx: &Context<'_>) -> Action<Message> {
        self.tab = tab;
        let focus = focus(tab.first_field());
        let opened = match tab {
            Tab::Impor => {
                self.import.refresh(ctx);
                Action::None
            }
            Tab::CekMassal => Action::None,
            Tab::Pengaturan => lift(self.settings.refresh(ctx), Message::Settings),
            Tab::LogAkses => {
                self.audit_log.refresh(ctx);
                Action::None
            }
            Tab::Laporan => Action::Run(self.reports.open(ctx).map(Message::Reports)),
            Tab::Pengguna => {
                self.users.refresh(ctx);
                Action::None
            }
        };
        match opened {
            Action::None => Action::Run(focus),
            Action::Run(task) => Action::Run(Task::batch([task, focus])),
            other => other,
        }
    }

    /// The tab bar and the current tab.
    pub fn view(&self) -> Element<'_, Message> {
        let tabs: Vec<(Tab, &str)> = Tab::ALL.iter().map(|t| (*t, t.label())).collect();
        let bar = tab_bar(&tabs, self.tab, Message::TabSelected);
        let body = match self.tab {
            Tab::Impor => self.import.view().map(Message::Import),
            Tab::CekMassal => self.bulk.view().map(Message::Bulk),
            Tab::Pengaturan => self.settings.view().map(Message::Settings),
            Tab::LogAkses => self.audit_log.view().map(Message::AuditLog),
            Tab::Laporan => self.reports.view().map(Message::Reports),
            Tab::Pengguna => self.users.view().map(Message::Users),
        };
        column![bar, body].into()
    }
}

/// Lifts a sub-screen's action into the admin screen's messages.
fn lift<M: Send + 'static>(action: Action<M>, f: fn(M) -> Message) -> Action<Message> {
    match action {
        Action::None => Action::None,
        Action::Run(task) => Action::Run(task.map(f)),
        Action::SnapshotChanged => Action::SnapshotChanged,
        Action::Register(person) => Action::Register(person),
        Action::Check(id) => Action::Check(id),
    }
}

#[cfg(test)]
mod tests {
    use super::Tab;

    #[test]
    fn every_tab_but_the_settings_starts_in_a_field_of_its_own() {
        assert_eq!(Tab::Pengaturan.first_field(), None);
        let fields: Vec<_> = Tab::ALL.iter().filter_map(|t| t.first_field()).collect();
        assert_eq!(fields.len(), Tab::ALL.len() - 1);
        let mut distinct = fields.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), fields.len(), "each tab its own field");
    }
}
