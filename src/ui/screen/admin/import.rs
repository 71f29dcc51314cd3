//! Admin → Impor Data: imports a DTKS/DTSEN snapshot or a program's recipient list with
//! live progress and a cancel button, asks for the columns when the file's headers are
//! not recognised, shows the summary with the rejected rows (savable as CSV), and lists
//! the snapshots with "Jadikan Aktif".
//!
//! The file comes from "Pilih Berkas…" (a system dialog, which returns nothing when
//! there is no desktop) or is typed into "Lokasi berkas"; both end in the same field.
//! The same holds for where the reject list is saved.

mod form;
pub mod job;
mod mapping;
mod snapshots;
mod summary;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use iced::widget::{column, container, scrollable};
use iced::{Element, Fill, Task};

use super::super::{Action, Context};
use crate::core::settings::Source;
use crate::core::snapshot::columns::Field;
use crate::core::snapshot::header::ColumnOverride;
use crate::core::snapshot::preview::PreviewRow;
use crate::core::snapshot::{
    ImportProgress, ImportSummary, SnapshotInfo, normalize, store as catalogue,
};
use crate::ui::background::UiResult;
use crate::ui::file_dialog::{self, Chosen};
use crate::ui::widget::{error_text, section};

pub use form::{PATH_FIELD, PERIOD_FIELD, PROGRAM_FIELD, SheetChoice};
pub use job::{Event, Mode};
pub use summary::REJECTS_PATH_FIELD;

use mapping::Mapping;
use summary::Finished;

/// The import sub-screen.
#[derive(Debug)]
pub struct State {
    dir: PathBuf,
    mode: Mode,
    path: String,
    sheets: Vec<String>,
    sheet: SheetChoice,
    source: Source,
    period: String,
    /// The period last filled in from the file's name (until the admin edits the field).
    named_period: Option<String>,
    program: String,
    import: Import,
    snapshots: Vec<SnapshotInfo>,
    /// The snapshot whose "Hapus" awaits confirmation.
    deleting: Option<i64>,
    failure: Option<String>,
    /// The file dialog could not open: say so under the path field.
    no_dialog: bool,
}

/// Where the import stands.
#[derive(Debug)]
enum Import {
    Idle,
    Running {
        progress: Option<ImportProgress>,
        cancel: Arc<AtomicBool>,
    },
    Mapping(Box<Mapping>),
    Done(Box<Finished>),
    Failed(String),
}

/// Messages of the import sub-screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// The kind of file was chosen (snapshot or program recipient list).
    ModePicked(Mode),
    /// "Lokasi berkas" was edited.
    PathChanged(String),
    /// "Pilih Berkas…" was pressed: open the system file dialog.
    Browse,
    /// The file dialog closed: a file chosen, cancelled, or no dialog could open.
    Browsed(Chosen),
    /// The sheet names of the file at this path were read (empty for a text file).
    SheetsRead(String, UiResult<Vec<String>>),
    /// A sheet (or automatic choice) was picked.
    SheetPicked(SheetChoice),
    /// A source (DTKS/DTSEN) was chosen.
    SourcePicked(Source),
    /// The period was edited.
    PeriodChanged(String),
    /// The program name was edited (program mode).
    ProgramChanged(String),
    /// "Impor" was pressed (or Enter in a field).
    Start,
    /// The running import reported progress or finished.
    Imported(Event),
    /// "Batal" was pressed: stop the import, keeping the previous snapshot active.
    Cancel,
    /// The first rows of the file were read for the mapping step.
    Previewed(UiResult<Vec<PreviewRow>>),
    /// The header row (its line number) was picked in the mapping step.
    HeaderRowPicked(u64),
    /// A column (its index) was picked for a field, or cleared.
    ColumnPicked(Field, Option<usize>),
    /// "Impor dengan Pemetaan Ini": import again with the chosen columns.
    ImportMapped,
    /// "Batal" in the mapping step: leave it.
    CloseMapping,
    /// The reject list's save location was edited.
    RejectsPathChanged(String),
    /// "Simpan Daftar Ditolak (CSV)": save to the typed location, or ask for one.
    SaveRejects,
    /// The save dialog closed: a path chosen, cancelled, or no dialog could open.
    RejectsPathChosen(Chosen),
    /// The reject list was written (the path) or could not be.
    RejectsSaved(UiResult<PathBuf>),
    /// "Jadikan Aktif" was pressed for a snapshot (its id).
    Activate(i64),
    /// "Hapus" was pressed for an old snapshot (its id): ask for confirmation.
    Delete(i64),
    /// "Ya, Hapus" confirmed deleting the snapshot (its id).
    ConfirmDelete(i64),
    /// "Batal" kept the snapshot after all.
    KeepSnapshot,
}

impl State {
    /// The sub-screen, with the snapshot list read and the source from the settings.
    pub fn new(ctx: &Context<'_>) -> State {
        let mut state = State {
            dir: ctx.store.dir().to_path_buf(),
            mode: Mode::Snapshot,
            path: String::new(),
            sheets: Vec::new(),
            sheet: SheetChoice::Automatic,
            source: ctx.store.settings().map(|s| s.source).unwrap_or_default(),
            period: String::new(),
            named_period: None,
            program: String::new(),
            import: Import::Idle,
            snapshots: Vec::new(),
            deleting: None,
            failure: None,
            no_dialog: false,
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
        self.no_dialog = false;
        match message {
            Message::ModePicked(mode) => {
                self.mode = mode;
                self.leave_mapping();
            }
            Message::PathChanged(path) => return self.set_path(path),
            Message::Browse => {
                let dialog = rfd::AsyncFileDialog::new()
                    .set_title("Pilih berkas data DTKS/DTSEN")
                    .add_filter("Data DTKS/DTSEN", &["csv", "txt", "xlsx", "xls", "ods"]);
                return Action::Run(file_dialog::pick_file(dialog, Message::Browsed));
            }
            Message::Browsed(Chosen::Picked(path)) => {
                return self.set_path(path.display().to_string());
            }
            Message::Browsed(Chosen::Cancelled) => {}
            Message::Browsed(Chosen::Unavailable) => {
                self.no_dialog = true;
                return Action::Run(file_dialog::focus_typed_path(PATH_FIELD));
            }
            Message::SheetsRead(path, sheets) if path == self.path => {
                self.sheets = sheets.unwrap_or_default();
            }
            Message::SheetsRead(..) => {}
            Message::SheetPicked(sheet) => {
                self.sheet = sheet;
                self.leave_mapping();
            }
            Message::SourcePicked(source) => self.source = source,
            Message::PeriodChanged(period) => {
                self.period = period;
                self.named_period = None;
            }
            Message::ProgramChanged(program) => self.program = program,
            Message::Start => return self.start(Vec::new(), ctx.actor),
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
            Message::Previewed(rows) => {
                if let Import::Mapping(mapping) = &mut self.import {
                    mapping.previewed(rows.map_err(|e| e.to_string()));
                }
            }
            Message::HeaderRowPicked(line) => {
                if let Import::Mapping(mapping) = &mut self.import {
                    mapping.pick_header(line);
                }
            }
            Message::ColumnPicked(field, column) => {
                if let Import::Mapping(mapping) = &mut self.import {
                    mapping.pick_column(field, column);
                }
            }
            Message::ImportMapped => {
                if let Import::Mapping(mapping) = &mut self.import {
                    match mapping.overrides(self.mode) {
                        Ok(columns) => return self.start(columns, ctx.actor),
                        Err(problem) => mapping.problem = Some(problem),
                    }
                }
            }
            Message::CloseMapping => self.import = Import::Idle,
            Message::RejectsPathChanged(path) => {
                if let Import::Done(done) = &mut self.import {
                    done.rejects_path = path;
                }
            }
            Message::SaveRejects => {
                if let Import::Done(done) = &mut self.import {
                    return done.save();
                }
            }
            Message::RejectsPathChosen(Chosen::Picked(path)) => {
                if let Import::Done(done) = &mut self.import {
                    done.rejects_path = path.display().to_string();
                    return done.save();
                }
            }
            Message::RejectsPathChosen(Chosen::Cancelled) => {}
            Message::RejectsPathChosen(Chosen::Unavailable) => {
                if let Import::Done(done) = &mut self.import {
                    done.saved = Some(Err(file_dialog::UNAVAILABLE.into()));
                }
                return Action::Run(file_dialog::focus_typed_path(REJECTS_PATH_FIELD));
            }
            Message::RejectsSaved(result) => {
                if let Import::Done(done) = &mut self.import {
                    done.saved(result);
                }
            }
            Message::Activate(id) => return self.activate(id, ctx),
            Message::Delete(id) => self.deleting = Some(id),
            Message::ConfirmDelete(id) => self.delete(id, ctx),
            Message::KeepSnapshot => self.deleting = None,
        }
        Action::None
    }

    /// The mapping step belongs to one file, sheet and mode: a change closes it.
    fn leave_mapping(&mut self) {
        if matches!(self.import, Import::Mapping(_)) {
            self.import = Import::Idle;
        }
    }

    /// A new file: forget the old sheets and read the new file's in the background.
    fn set_path(&mut self, path: String) -> Action<Message> {
        self.leave_mapping();
        self.path = path.clone();
        self.sheets.clear();
        self.sheet = SheetChoice::Automatic;
        let file = PathBuf::from(path.trim());
        // A period in the file's name is offered in the (required) field to confirm. It
        // follows the name while the path is typed ("..._2025-1" is January until the "2"
        // comes), but never replaces a period the admin typed.
        if self.period.trim().is_empty() || self.named_period.as_ref() == Some(&self.period) {
            self.named_period = file
                .file_name()
                .and_then(|n| normalize::period_in_file_name(&n.to_string_lossy()));
            self.period = self.named_period.clone().unwrap_or_default();
        }
        Action::Run(Task::perform(job::sheets(file), move |sheets| {
            Message::SheetsRead(path.clone(), sheets)
        }))
    }

    fn request(&self, columns: Vec<ColumnOverride>, actor: &str) -> job::Request {
        job::Request {
            actor: actor.to_string(),
            mode: self.mode,
            source: self.source,
            period: Some(self.period.trim())
                .filter(|p| !p.is_empty())
                .map(str::to_string),
            program: self.program.clone(),
            sheet: self.sheet.name(),
            columns,
        }
    }

    fn start(&mut self, columns: Vec<ColumnOverride>, actor: &str) -> Action<Message> {
        if matches!(self.import, Import::Running { .. }) {
            return Action::None;
        }
        let request = self.request(columns, actor);
        let file = match job::check(&self.path, &request) {
            Ok(file) => file,
            Err(e) => {
                self.failure = Some(e.to_string());
                return Action::None;
            }
        };
        let cancel = Arc::new(AtomicBool::new(false));
        self.import = Import::Running {
            progress: None,
            cancel: cancel.clone(),
        };
        let stream = job::run(self.dir.clone(), file, request, cancel);
        Action::Run(Task::run(stream, Message::Imported))
    }

    fn finish(&mut self, result: UiResult<ImportSummary>, ctx: &Context<'_>) -> Action<Message> {
        let summary = match result {
            Ok(summary) => summary,
            Err(e) if job::needs_mapping(&e) => {
                let text = e.to_string();
                let reason = if text.contains("menurut isinya") {
                    "Kolom NIK tidak dikenali dari judulnya; pilihan di bawah ditebak dari isi \
                     kolomnya. Periksa, lalu impor."
                } else if text.contains("kolom NAMA") {
                    "Kolom NAMA tidak ditemukan di baris judul berkas ini."
                } else {
                    "Kolom NIK tidak ditemukan di 50 baris pertama berkas ini."
                };
                self.import = Import::Mapping(Box::new(Mapping::new(reason.into())));
                let file = PathBuf::from(self.path.trim());
                return Action::Run(Task::perform(
                    job::preview(file, self.sheet.name()),
                    Message::Previewed,
                ));
            }
            Err(e) => {
                self.import = Import::Failed(e.to_string());
                return Action::None;
            }
        };
        self.import = Import::Done(Box::new(Finished {
            summary: Arc::new(summary),
            mode: self.mode,
            program: self.program.clone(),
            rejects_path: String::new(),
            saved: None,
            saving: false,
        }));
        self.path.clear();
        self.period.clear();
        self.program.clear();
        self.sheets.clear();
        self.sheet = SheetChoice::Automatic;
        self.refresh(ctx);
        Action::SnapshotChanged
    }

    /// The import form, its progress, mapping step or summary, and the snapshot list.
    pub fn view(&self) -> Element<'_, Message> {
        let running = matches!(self.import, Import::Running { .. });
        let mut page = column![section("Impor Data", self.form(running))].spacing(16);
        if let Some(failure) = &self.failure {
            page = page.push(error_text(failure.as_str()));
        }
        match &self.import {
            Import::Idle => {}
            Import::Running { progress, cancel } => {
                page = page.push(section(
                    "Sedang Mengimpor",
                    summary::progress_view(progress.as_ref(), cancel.load(Ordering::Relaxed)),
                ));
            }
            Import::Mapping(mapping) => {
                page = page.push(section("Pemetaan Kolom", mapping.view(self.mode)))
            }
            Import::Done(done) => page = page.push(section("Hasil Impor", done.view())),
            Import::Failed(e) => page = page.push(section("Impor Gagal", error_text(e.as_str()))),
        }
        page = page.push(section(
            "Data Tersimpan",
            snapshots::view(&self.snapshots, self.deleting),
        ));
        scrollable(container(page).padding(16)).height(Fill).into()
    }
}
