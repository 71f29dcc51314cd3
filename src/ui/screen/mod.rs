//! One module per role screen, each with its own state, messages and [`Action`].

pub mod admin;
pub mod archive;
pub mod audit_log;
pub mod bulk;
pub mod complaints;
pub mod front_desk;
pub mod leadership;
pub mod operator;
pub mod register_book;
pub mod reports;
pub mod settings;
pub mod survey;
pub mod users;
pub mod usulan;
pub mod verify;

use std::path::Path;

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime};
use iced::Task;
use iced::widget::{Id, operation};

use crate::core::Store;
use crate::ui::Role;

/// Sends a PDF to a printer: `(file, printer, copies) -> job id`.
///
/// The window uses [`crate::core::print::print_pdf`]; tests inject a stand-in so that
/// no real printer is needed and the screen shows the same text on every machine.
pub type PrintFn = fn(&Path, Option<&str>, u32) -> crate::core::Result<String>;

/// Lists the installed printers and the system default: `() -> (names, default)`.
///
/// The window uses [`operator::system_printers`]; tests inject a fixed list so that the
/// screen looks the same on every machine.
pub type PrintersFn = fn() -> crate::core::Result<(Vec<String>, Option<String>)>;

/// What a screen may use while handling a message.
pub struct Context<'a> {
    /// The installation, for quick reads and small writes (a few milliseconds).
    pub store: &'a Store,
    /// The role tab open in the window.
    pub role: Role,
    /// Who is acting, as written in the register and the audit log: the signed-in
    /// user's name, or the role's name while the office has no users
    /// ([`crate::core::users`]). `'static` because background tasks carry it
    /// ([`crate::ui::role::actor_name`]).
    pub actor: &'static str,
    /// Today's date (frozen in tests).
    pub today: NaiveDate,
    /// Now, for waiting times (frozen in tests).
    pub now: NaiveDateTime,
    /// How letters are printed.
    pub print: PrintFn,
    /// How the printers are listed.
    pub printers: PrintersFn,
}

impl Context<'_> {
    /// The time written on the steps a user takes: [`Context::now`] in the local zone.
    pub fn at(&self) -> DateTime<Local> {
        Context::at_of(self.now)
    }

    /// `now` in the local zone (the clock's time in the hour a DST change repeats).
    pub fn at_of(now: NaiveDateTime) -> DateTime<Local> {
        now.and_local_timezone(Local)
            .earliest()
            .unwrap_or_else(Local::now)
    }
}

/// What a screen asks its parent to do after an update.
pub enum Action<Message> {
    /// Nothing more.
    None,
    /// Run a task (background work or a widget operation) and route its messages back.
    Run(Task<Message>),
    /// The active snapshot changed: refresh the header.
    SnapshotChanged,
    /// Open the front desk with a new application for this person (the operator's name
    /// search: "Daftarkan di loket").
    Register(front_desk::Prefill),
    /// Application `.0` was just saved by a user who may also check it: open the
    /// operator's screen with it chosen, as the operator's Enter on it does.
    Check(i64),
}

/// Puts the cursor in the text field `field`, or, with `None`, takes it out of every
/// field (no widget carries a fresh unique id), so the tab's own keys (arrows, Enter,
/// digits) reach the window even where the new view keeps a field of the old one (the
/// widget state of a field in the same place of the layout survives a switch).
pub fn focus<M>(field: Option<&'static str>) -> Task<M> {
    operation::focus(field.map_or_else(Id::unique, Id::new))
}
