//! The daily backup on the first start of the day: decided and written by the core
//! ([`crate::core::backup::daily`]) on a thread of its own, so the window opens at once;
//! the outcome is one line in the header.

use iced::Task;

use super::{App, Message};
use crate::core::Store;
use crate::core::backup::daily::{self, Daily};
use crate::ui::background::{UiResult, shared, spawn};
use crate::ui::screen::Context;

impl App {
    /// The background task making today's backup, when a folder is set (nothing
    /// otherwise, so tests and offices without a folder never write one).
    pub(super) fn daily_backup(&self) -> Task<Message> {
        let Ok(ready) = &self.state else {
            return Task::none();
        };
        if !matches!(daily::folder(&ready.store), Ok(Some(_))) {
            return Task::none();
        }
        let dir = self.data_dir.clone();
        let (today, at) = (self.today(), Context::at_of(self.now()));
        Task::perform(
            spawn(move || {
                shared(
                    Store::open(&dir).and_then(|store| daily::run(&store, today, daily::ACTOR, at)),
                )
            }),
            Message::DailyBackup,
        )
    }

    /// Keeps the line shown for the daily backup's outcome.
    pub(super) fn daily_backup_done(&mut self, result: UiResult<Daily>) {
        self.daily_note = match result {
            Ok(done) => done.message().map(Ok),
            Err(e) => Some(Err(e.to_string())),
        };
    }

    /// The daily backup's line, if any: `Ok` for a backup made or found, `Err` for why
    /// none could be made.
    pub fn daily_backup_note(&self) -> Option<&Result<String, String>> {
        self.daily_note.as_ref()
    }
}
