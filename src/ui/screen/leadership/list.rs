//! The Paraf & TTD tab's list: the letters issued today and recently, read from the
//! archive with their sign-off steps, what is on record for each and how long their
//! applications have taken.

use std::collections::HashMap;

use iced::widget::{button, column, container, row, scrollable};
use iced::{Element, Fill};

use super::{Context, LIMIT, Message, State, line};
use crate::core::archive::{self as letters, ArchivedLetter};
use crate::core::service_time::ServiceClock;
use crate::core::signoff::{self, Step};
use crate::ui::widget::{bold, error_text, muted, section};

impl State {
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
                self.keep_selection();
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
            .and_then(|records| Ok((records, ctx.store.settings()?)));
        match records {
            Ok((records, settings)) => {
                self.records = records;
                self.kabid_signs = settings.signed_by_kabid;
                self.paraf = settings.workflow.paraf_step;
            }
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

    /// The Paraf & TTD tab: the letters issued today, then earlier ones.
    pub(super) fn letters_view(&self) -> Element<'_, Message> {
        let mut list = column![
            row![
                column![
                    muted("Surat yang terbit menunggu paraf Kabid dan TTD Kepala Dinas."),
                    muted(
                        "Panah atas/bawah: pilih surat  ·  F8: langkah berikutnya  ·  \
                         F9: serahkan langsung  ·  Ctrl+Z: batalkan langkah"
                    ),
                ]
                .width(Fill),
                button("Muat Ulang")
                    .style(button::secondary)
                    .on_press(Message::Refresh),
            ]
            .spacing(8)
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
                paraf: self.paraf,
                kabid_signs: self.kabid_signs,
                selected: self.selected == Some(letter.id),
                handover: self.handover.as_ref().filter(|f| f.letter == letter.id),
                confirm: self.confirm.as_ref().filter(|c| c.letter == letter.id),
                undo: self.undo.as_ref().filter(|u| u.letter == letter.id),
            },
        )
    }
}
