//! Admin → "Log Akses": the access log filtered by date, actor and action (newest
//! first), its integrity check ("Periksa keutuhan", run in the background) and its
//! export to CSV.

use std::path::PathBuf;

use chrono::NaiveDate;
use iced::widget::{button, column, pick_list, row, scrollable, text, text_input};
use iced::{Element, Length, Task};

use super::{Action, Context};
use crate::core::audit::{self, AuditEntry, AuditFilter, Problem};
use crate::core::{Store, files};
use crate::ui::file_dialog::{self, Chosen};

/// Most entries the list shows (the export writes all that match).
pub const SHOWN: i64 = 500;

/// Id of the "Dari" date filter, the first field of the tab.
pub const FROM_FIELD: &str = "log-akses-dari";

/// Id of the export path field.
pub const EXPORT_FIELD: &str = "log-akses-ekspor";

/// Pick-list entry for "any action".
const ANY_ACTION: &str = "(semua aksi)";

/// Width of the two date fields: their hints, "Sampai (TTTT-BB-HH)" the longer, shown
/// whole (the filter row still fits a 1024-pixel window).
const DATE_FIELD_WIDTH: f32 = 190.0;

/// The "Log Akses" tab.
#[derive(Debug, Default)]
pub struct State {
    from: String,
    to: String,
    actor: String,
    action: Option<String>,
    actions: Vec<String>,
    entries: Vec<AuditEntry>,
    check: Option<Result<Vec<Problem>, String>>,
    checking: bool,
    export_path: String,
    notice: Option<String>,
}

/// Messages of the "Log Akses" tab.
#[derive(Debug, Clone)]
pub enum Message {
    /// The "from" date was edited (YYYY-MM-DD).
    FromChanged(String),
    /// The "to" date was edited (YYYY-MM-DD).
    ToChanged(String),
    /// The actor text was edited.
    ActorChanged(String),
    /// An action was picked ([`ANY_ACTION`] for all).
    ActionPicked(String),
    /// "Tampilkan": the list is read again with the filters.
    Apply,
    /// "Periksa keutuhan": the chain check starts in the background.
    Verify,
    /// The check finished: its problems, or why it could not run.
    Verified(Result<Vec<Problem>, String>),
    /// The export path was edited.
    ExportPathChanged(String),
    /// "Pilih…": the save dialog opens.
    BrowseExport,
    /// The save dialog closed: a path chosen, cancelled, or no dialog could open.
    ExportChosen(Chosen),
    /// "Ekspor CSV": the filtered log is written to the export path.
    Export,
}

impl State {
    /// Reads the action codes and the newest entries.
    pub fn refresh(&mut self, ctx: &Context<'_>) {
        self.actions = audit::action_codes(&ctx.store.register).unwrap_or_default();
        self.load(ctx);
    }

    fn filter(&self) -> Result<AuditFilter, String> {
        let date = |s: &str, what: &str| {
            let s = s.trim();
            (!s.is_empty())
                .then(|| {
                    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
                        format!("Tanggal {what} harus TTTT-BB-HH, misalnya 2026-03-01.")
                    })
                })
                .transpose()
        };
        Ok(AuditFilter {
            from: date(&self.from, "awal")?,
            to: date(&self.to, "akhir")?,
            actor: self.actor.clone(),
            action: self.action.clone(),
            limit: Some(SHOWN),
        })
    }

    fn load(&mut self, ctx: &Context<'_>) {
        match self.filter() {
            Ok(filter) => match audit::list(&ctx.store.register, &filter) {
                Ok(entries) => self.entries = entries,
                Err(e) => self.notice = Some(e.to_string()),
            },
            Err(e) => self.notice = Some(e),
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &Context<'_>) -> Action<Message> {
        match message {
            Message::FromChanged(s) => self.from = s,
            Message::ToChanged(s) => self.to = s,
            Message::ActorChanged(s) => self.actor = s,
            Message::ActionPicked(code) => {
                self.action = (code != ANY_ACTION).then_some(code);
                self.notice = None;
                self.load(ctx);
            }
            Message::Apply => {
                self.notice = None;
                self.load(ctx);
            }
            Message::Verify => {
                self.checking = true;
                let dir = ctx.store.dir().to_path_buf();
                return Action::Run(Task::perform(
                    async move {
                        Store::open(&dir)
                            .and_then(|store| audit::check(&store.register))
                            .map(|report| report.problems)
                            .map_err(|e| e.to_string())
                    },
                    Message::Verified,
                ));
            }
            Message::Verified(result) => {
                self.checking = false;
                self.check = Some(result);
            }
            Message::ExportPathChanged(s) => self.export_path = s,
            Message::BrowseExport => {
                let dialog = rfd::AsyncFileDialog::new()
                    .set_title("Simpan log akses")
                    .set_file_name("log-akses.csv")
                    .add_filter("CSV", &["csv"]);
                return Action::Run(file_dialog::save_file(dialog, Message::ExportChosen));
            }
            Message::ExportChosen(Chosen::Picked(path)) => {
                self.export_path = path.display().to_string()
            }
            Message::ExportChosen(Chosen::Cancelled) => {}
            Message::ExportChosen(Chosen::Unavailable) => {
                self.notice = Some(file_dialog::UNAVAILABLE.into());
                return Action::Run(file_dialog::focus_typed_path(EXPORT_FIELD));
            }
            Message::Export => self.notice = Some(self.export(ctx)),
        }
        Action::None
    }

    fn export(&self, ctx: &Context<'_>) -> String {
        let out = PathBuf::from(self.export_path.trim());
        if self.export_path.trim().is_empty() {
            return "Isi nama berkas CSV lebih dulu.".into();
        }
        let written = self.filter().and_then(|filter| {
            files::check_output_path(ctx.store.dir(), &out, false)
                .and_then(|()| {
                    audit::export_csv_file(ctx.store, &filter, &out, ctx.actor, ctx.at())
                })
                .map_err(|e| e.to_string())
        });
        match written {
            Ok(n) => format!("{n} entri diekspor ke {}.", out.display()),
            Err(e) => e,
        }
    }

    /// Filters, the integrity result, the export row and the list.
    pub fn view(&self) -> Element<'_, Message> {
        let mut options = vec![ANY_ACTION.to_string()];
        options.extend(self.actions.iter().cloned());
        let picked = Some(self.action.clone().unwrap_or_else(|| ANY_ACTION.into()));
        let filters = row![
            text_input("Dari (TTTT-BB-HH)", &self.from)
                .id(FROM_FIELD)
                .on_input(Message::FromChanged)
                .on_submit(Message::Apply)
                .width(DATE_FIELD_WIDTH),
            text_input("Sampai (TTTT-BB-HH)", &self.to)
                .on_input(Message::ToChanged)
                .on_submit(Message::Apply)
                .width(DATE_FIELD_WIDTH),
            text_input("Pelaku", &self.actor)
                .on_input(Message::ActorChanged)
                .on_submit(Message::Apply)
                .width(160),
            pick_list(options, picked, Message::ActionPicked),
            button("Tampilkan").on_press(Message::Apply),
        ]
        .spacing(8);
        let verify = button(if self.checking {
            "Memeriksa…"
        } else {
            "Periksa keutuhan"
        })
        .on_press_maybe((!self.checking).then_some(Message::Verify));
        let result: Element<'_, Message> = match &self.check {
            None => text("").into(),
            Some(Ok(problems)) if problems.is_empty() => {
                text("Log akses utuh: tidak ada entri yang diubah atau hilang.").into()
            }
            Some(Ok(problems)) => column(
                std::iter::once(text("Log akses TIDAK utuh:").into()).chain(
                    problems
                        .iter()
                        .map(|p| text(format!("• {}", p.detail)).into()),
                ),
            )
            .into(),
            Some(Err(e)) => text(format!("Pemeriksaan gagal: {e}")).into(),
        };
        let export = row![
            text_input("/home/admin/Dokumen/log-akses.csv", &self.export_path)
                .id(EXPORT_FIELD)
                .on_input(Message::ExportPathChanged)
                .on_submit(Message::Export)
                .width(Length::Fill),
            button("Pilih…").on_press(Message::BrowseExport),
            button("Ekspor CSV").on_press(Message::Export),
        ]
        .spacing(8);
        let rows = column(self.entries.iter().map(|e| {
            let at = e.at.get(..19).unwrap_or(&e.at).replace('T', " ");
            text(format!(
                "{at}  {}  {}  {}  {}",
                e.actor, e.action, e.subject, e.detail
            ))
            .size(13)
            .into()
        }))
        .spacing(2);
        column![
            filters,
            row![verify].spacing(8),
            result,
            export,
            text(self.notice.clone().unwrap_or_default()),
            text(format!("{} entri (terbaru di atas)", self.entries.len())),
            scrollable(rows).height(Length::Fill),
        ]
        .spacing(10)
        .padding(16)
        .into()
    }
}
