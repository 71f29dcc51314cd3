//! Admin: imports a DTKS/DTSEN snapshot with live progress and a cancel button, shows the
//! summary with the first rejected rows, and lists the snapshots (the active one marked).
//!
//! The file comes from "Pilih Berkas…" (a system dialog, which returns nothing when
//! there is no desktop) or is typed into "Lokasi berkas"; both end in the same field.

mod import;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use iced::widget::{button, column, container, pick_list, row, scrollable, text, text_input};
use iced::{Element, Fill, Task};

use super::{Action, Context};
use crate::core::settings::Source;
use crate::core::snapshot::{ImportProgress, ImportSummary, SnapshotInfo, store as catalogue};
use crate::ui::background::UiResult;
use crate::ui::theme;
use crate::ui::widget::{badge, bold, error_text, labelled, muted, section};

pub use import::Event;

/// The sources offered in the pick list.
const SOURCES: [&str; 2] = ["DTKS", "DTSEN"];

/// Id of the "Lokasi berkas" field.
pub const PATH_FIELD: &str = "admin-lokasi-berkas";
/// Id of the period field.
pub const PERIOD_FIELD: &str = "admin-periode";

/// The admin screen.
#[derive(Debug)]
pub struct State {
    dir: PathBuf,
    path: String,
    source: Source,
    period: String,
    import: Import,
    snapshots: Vec<SnapshotInfo>,
    failure: Option<String>,
}

/// Where the import stands.
#[derive(Debug)]
enum Import {
    Idle,
    Running {
        progress: Option<ImportProgress>,
        cancel: Arc<AtomicBool>,
    },
    Done(Box<ImportSummary>),
    Failed(String),
}

/// Messages of the admin screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// "Lokasi berkas" was edited.
    PathChanged(String),
    /// "Pilih Berkas…" was pressed: open the system file dialog.
    Browse,
    /// The file dialog closed (nothing when cancelled or when there is no desktop).
    Browsed(Option<PathBuf>),
    /// A source (DTKS/DTSEN) was chosen.
    SourcePicked(Source),
    /// The period was edited.
    PeriodChanged(String),
    /// "Impor" was pressed (or Enter in a field).
    Import,
    /// The running import reported progress or finished.
    Imported(Event),
    /// "Batal" was pressed: stop the import, keeping the previous snapshot active.
    Cancel,
    /// "Jadikan Aktif" was pressed for a snapshot (its id).
    Activate(i64),
}

impl State {
    /// The screen, with the snapshot list read and the source from the settings.
    pub fn new(ctx: &Context<'_>) -> State {
        let mut state = State {
            dir: ctx.store.dir().to_path_buf(),
            path: String::new(),
            source: ctx.store.settings().map(|s| s.source).unwrap_or_default(),
            period: String::new(),
            import: Import::Idle,
            snapshots: Vec::new(),
            failure: None,
        };
        state.refresh(ctx);
        state
    }

    /// Re-reads the snapshot list.
    pub fn refresh(&mut self, ctx: &Context<'_>) {
        match catalogue::list(&ctx.store.snapshots) {
            Ok(list) => self.snapshots = list,
            Err(e) => self.failure = Some(e.to_string()),
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &Context<'_>) -> Action<Message> {
        self.failure = None;
        match message {
            Message::PathChanged(path) => self.path = path,
            Message::Browse => {
                let dialog = rfd::AsyncFileDialog::new()
                    .set_title("Pilih berkas data DTKS/DTSEN")
                    .add_filter("Data DTKS/DTSEN", &["csv", "txt", "xlsx", "xls", "ods"]);
                return Action::Run(Task::perform(
                    async move { dialog.pick_file().await.map(|f| f.path().to_path_buf()) },
                    Message::Browsed,
                ));
            }
            Message::Browsed(Some(path)) => self.path = path.to_string_lossy().into_owned(),
            Message::Browsed(None) => {}
            Message::SourcePicked(source) => self.source = source,
            Message::PeriodChanged(period) => self.period = period,
            Message::Import => return self.start(),
            Message::Imported(Event::Progress(progress)) => {
                if let Import::Running {
                    progress: shown, ..
                } = &mut self.import
                {
                    *shown = Some(progress);
                }
            }
            Message::Imported(Event::Finished(result)) => return self.finish(result, ctx),
            Message::Cancel => {
                if let Import::Running { cancel, .. } = &self.import {
                    cancel.store(true, Ordering::Relaxed);
                }
            }
            Message::Activate(id) => {
                if let Err(e) = catalogue::set_active(&ctx.store.snapshots, id) {
                    self.failure = Some(e.to_string());
                }
                self.refresh(ctx);
                return Action::SnapshotChanged;
            }
        }
        Action::None
    }

    fn start(&mut self) -> Action<Message> {
        if matches!(self.import, Import::Running { .. }) {
            return Action::None;
        }
        let file = PathBuf::from(self.path.trim());
        if self.path.trim().is_empty() {
            self.failure = Some("Pilih berkas atau tulis lokasinya terlebih dahulu.".into());
            return Action::None;
        }
        let cancel = Arc::new(AtomicBool::new(false));
        self.import = Import::Running {
            progress: None,
            cancel: cancel.clone(),
        };
        let period = Some(self.period.trim().to_string()).filter(|p| !p.is_empty());
        let stream = import::run(self.dir.clone(), file, self.source, period, cancel);
        Action::Run(Task::run(stream, Message::Imported))
    }

    fn finish(&mut self, result: UiResult<ImportSummary>, ctx: &Context<'_>) -> Action<Message> {
        self.import = match result {
            Ok(summary) => {
                self.path.clear();
                self.period.clear();
                Import::Done(Box::new(summary))
            }
            Err(e) => Import::Failed(e.to_string()),
        };
        self.refresh(ctx);
        Action::SnapshotChanged
    }

    /// The import form, its progress or summary, and the snapshot list.
    pub fn view(&self) -> Element<'_, Message> {
        let running = matches!(self.import, Import::Running { .. });
        let path = text_input("/home/operator/Unduhan/dtks-2025-09.csv", &self.path)
            .id(PATH_FIELD)
            .padding(8)
            .on_input_maybe((!running).then_some(Message::PathChanged))
            .on_submit(Message::Import);
        let period = text_input("2025-09", &self.period)
            .id(PERIOD_FIELD)
            .padding(8)
            .on_input_maybe((!running).then_some(Message::PeriodChanged))
            .on_submit(Message::Import);
        let form = column![
            row![
                labelled("Lokasi berkas", path, None),
                column![
                    muted(" "),
                    button("Pilih Berkas…")
                        .padding(8)
                        .style(button::secondary)
                        .on_press_maybe((!running).then_some(Message::Browse)),
                ]
                .spacing(4),
            ]
            .spacing(8),
            row![
                container(labelled(
                    "Sumber",
                    pick_list(SOURCES, Some(self.source.code()), |code: &str| {
                        Message::SourcePicked(Source::parse(code).unwrap_or_default())
                    })
                    .padding(8)
                    .width(Fill),
                    None,
                ))
                .width(200),
                container(labelled("Periode (TTTT-BB)", period, None)).width(200),
            ]
            .spacing(16),
            row![
                button(bold("Impor"))
                    .padding([8, 24])
                    .on_press_maybe((!running).then_some(Message::Import)),
                muted("Data yang sedang aktif tetap dipakai sampai impor selesai."),
            ]
            .spacing(12)
            .align_y(iced::Center),
        ]
        .spacing(12);
        let mut page = column![section("Impor Data DTKS/DTSEN", form)].spacing(16);
        if let Some(failure) = &self.failure {
            page = page.push(error_text(failure.as_str()));
        }
        match &self.import {
            Import::Idle => {}
            Import::Running { progress, cancel } => {
                page = page.push(section(
                    "Sedang Mengimpor",
                    import::progress_view(progress.as_ref(), cancel.load(Ordering::Relaxed)),
                ));
            }
            Import::Done(summary) => {
                page = page.push(section("Hasil Impor", import::summary_view(summary)))
            }
            Import::Failed(e) => page = page.push(section("Impor Gagal", error_text(e.as_str()))),
        }
        page = page.push(section("Data Tersimpan", self.snapshot_list()));
        scrollable(container(page).padding(16)).height(Fill).into()
    }

    fn snapshot_list(&self) -> Element<'_, Message> {
        if self.snapshots.is_empty() {
            return muted("Belum ada data yang diimpor.").into();
        }
        self.snapshots
            .iter()
            .fold(column![].spacing(6), |col, s| {
                let state: Element<'_, Message> = if s.active {
                    badge("AKTIF", theme::SUCCESS)
                } else {
                    button("Jadikan Aktif")
                        .style(button::secondary)
                        .on_press(Message::Activate(s.id))
                        .into()
                };
                col.push(
                    row![
                        container(state).width(130),
                        container(bold(s.label())).width(320),
                        container(muted(s.file_name.as_str())).width(260),
                        text(format!("{} orang, {} ditolak", s.rows, s.rejected)),
                    ]
                    .spacing(8)
                    .align_y(iced::Center),
                )
            })
            .into()
    }
}
