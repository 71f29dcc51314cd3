//! Laporan: the period report on screen (Admin and Pimpinan). The clerk picks a period
//! (typed dates, or "Bulan ini", "Bulan lalu", "Triwulan ini"), the report is computed
//! in the background a month at a time with its progress shown (a new "Hitung" replaces
//! the one running), then shown as tables and bar charts, and exported as PDF, XLSX or
//! CSV to a typed path or one chosen in the save dialog (when no dialog can open, the
//! clerk is told so and the cursor is put in the path field).

mod chart;
mod charts;
pub mod job;
mod view;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime};
use iced::Task;

use super::Context;
use crate::core::Store;
use crate::core::files::check_output_path;
use crate::core::report::{self, Period, PeriodReport, ReportFormat};
use crate::ui::background::{UiResult, shared, spawn};
use crate::ui::file_dialog::{self, Chosen};

pub use job::Event;

/// Id of the "from" date field.
pub const FROM_FIELD: &str = "laporan-dari";
/// Id of the "to" date field.
pub const TO_FIELD: &str = "laporan-sampai";
/// Id of the export path field.
pub const PATH_FIELD: &str = "laporan-berkas";

/// The period shortcuts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// The current month.
    BulanIni,
    /// The previous month.
    BulanLalu,
    /// The current quarter.
    TriwulanIni,
}

impl Preset {
    /// The shortcuts with their button labels.
    pub const ALL: [(Preset, &'static str); 3] = [
        (Preset::BulanIni, "Bulan ini"),
        (Preset::BulanLalu, "Bulan lalu"),
        (Preset::TriwulanIni, "Triwulan ini"),
    ];

    /// The period of the shortcut seen from `today`.
    pub fn period(self, today: NaiveDate) -> Period {
        match self {
            Preset::BulanIni => Period::this_month(today),
            Preset::BulanLalu => Period::last_month(today),
            Preset::TriwulanIni => Period::this_quarter(today),
        }
    }
}

/// The Laporan tab.
#[derive(Debug)]
pub struct State {
    dir: PathBuf,
    from: String,
    to: String,
    /// Computations started so far: the number of the latest, whose messages are the only
    /// ones heeded.
    runs: u64,
    computing: Option<Computing>,
    report: Option<Box<PeriodReport>>,
    failure: Option<String>,
    out_path: String,
    exporting: bool,
    notice: Option<Result<String, String>>,
}

/// The computation running.
#[derive(Debug)]
struct Computing {
    /// Months counted and months in the period, once the first month is done.
    progress: Option<(usize, usize)>,
    /// Set to stop it (a newer one replaced it).
    stop: Arc<AtomicBool>,
}

/// Messages of the Laporan tab.
#[derive(Debug, Clone)]
pub enum Message {
    /// The "from" date was edited.
    FromChanged(String),
    /// The "to" date was edited.
    ToChanged(String),
    /// A period shortcut was pressed: fill both dates and compute.
    Preset(Preset),
    /// "Hitung" was pressed (or Enter in a date field).
    Compute,
    /// The computation numbered by the first field counted a month, or finished.
    Computed(u64, Event),
    /// The export path field was edited.
    OutPathChanged(String),
    /// An export button was pressed.
    Export(ReportFormat),
    /// The save dialog closed: a path chosen, cancelled, or no dialog could open.
    PathChosen(ReportFormat, Chosen),
    /// The export finished: the file written, or why not.
    Exported(UiResult<PathBuf>),
}

impl State {
    /// The tab for the installation, set to this month (nothing computed until opened).
    pub fn new(ctx: &Context<'_>) -> State {
        let this_month = Period::this_month(ctx.today);
        State {
            dir: ctx.store.dir().to_path_buf(),
            from: this_month.from.to_string(),
            to: this_month.to.to_string(),
            runs: 0,
            computing: None,
            report: None,
            failure: None,
            out_path: String::new(),
            exporting: false,
            notice: None,
        }
    }

    /// Called when the tab is shown: computes the chosen period.
    pub fn open(&mut self, ctx: &Context<'_>) -> Task<Message> {
        self.compute(ctx.now)
    }

    /// The report shown, if computed.
    pub fn report(&self) -> Option<&PeriodReport> {
        self.report.as_deref()
    }

    fn compute(&mut self, now: NaiveDateTime) -> Task<Message> {
        let period = report::parse_date(&self.from, "Tanggal awal")
            .and_then(|from| Period::new(from, report::parse_date(&self.to, "Tanggal akhir")?));
        let period = match period {
            Ok(period) => period,
            Err(e) => {
                self.failure = Some(e.to_string());
                return Task::none();
            }
        };
        if let Some(running) = self.computing.take() {
            running.stop.store(true, Ordering::Relaxed);
        }
        let stop = Arc::new(AtomicBool::new(false));
        self.runs += 1;
        self.computing = Some(Computing {
            progress: None,
            stop: stop.clone(),
        });
        self.failure = None;
        let run = self.runs;
        Task::run(
            job::run(self.dir.clone(), period, now, stop),
            move |event| Message::Computed(run, event),
        )
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &Context<'_>) -> Task<Message> {
        match message {
            Message::FromChanged(text) => self.from = text,
            Message::ToChanged(text) => self.to = text,
            Message::Preset(preset) => {
                let period = preset.period(ctx.today);
                (self.from, self.to) = (period.from.to_string(), period.to.to_string());
                return self.compute(ctx.now);
            }
            Message::Compute => return self.compute(ctx.now),
            Message::Computed(run, _) if run != self.runs => {}
            Message::Computed(_, Event::Progress { done, total }) => {
                if let Some(running) = &mut self.computing {
                    running.progress = Some((done, total));
                }
            }
            Message::Computed(_, Event::Finished(result)) => {
                self.computing = None;
                match result {
                    Ok(report) => self.report = Some(report),
                    Err(e) => self.failure = Some(e.to_string()),
                }
            }
            Message::OutPathChanged(text) => self.out_path = text,
            Message::Export(format) => return self.export(format, ctx),
            Message::PathChosen(format, Chosen::Picked(path)) => {
                return self.write(format, path, ctx);
            }
            Message::PathChosen(_, Chosen::Cancelled) => {}
            Message::PathChosen(_, Chosen::Unavailable) => {
                self.notice = Some(Err(file_dialog::UNAVAILABLE.into()));
                return file_dialog::focus_typed_path(PATH_FIELD);
            }
            Message::Exported(result) => {
                self.exporting = false;
                self.notice = Some(
                    result
                        .map(|path| format!("Laporan ditulis ke {}.", path.display()))
                        .map_err(|e| e.to_string()),
                );
            }
        }
        Task::none()
    }

    /// Writes to the typed path, or asks for one with the save dialog when none is typed.
    fn export(&mut self, format: ReportFormat, ctx: &Context<'_>) -> Task<Message> {
        let Some(report) = self.report.as_deref() else {
            return Task::none();
        };
        if self.exporting {
            return Task::none();
        }
        let typed = self.out_path.trim();
        if !typed.is_empty() {
            return self.write(format, PathBuf::from(typed), ctx);
        }
        let dialog = rfd::AsyncFileDialog::new()
            .set_title("Simpan laporan")
            .set_file_name(format.file_name(report))
            .add_filter(format.extension().to_uppercase(), &[format.extension()]);
        file_dialog::save_file(dialog, move |chosen| Message::PathChosen(format, chosen))
    }

    fn write(&mut self, format: ReportFormat, out: PathBuf, ctx: &Context<'_>) -> Task<Message> {
        let Some(report) = self.report.clone() else {
            return Task::none();
        };
        self.exporting = true;
        self.notice = None;
        let (dir, actor, at) = (self.dir.clone(), ctx.actor, ctx.at());
        Task::perform(
            spawn(move || export(&dir, &report, format, out, actor, at)),
            Message::Exported,
        )
    }
}

/// Checks `out`, writes `report` to it as `format` and logs it (a background job).
fn export(
    dir: &Path,
    report: &PeriodReport,
    format: ReportFormat,
    out: PathBuf,
    actor: &str,
    at: DateTime<Local>,
) -> UiResult<PathBuf> {
    let store = shared(Store::open(dir))?;
    shared(check_output_path(store.dir(), &out, false))?;
    shared(report::write_report(
        &store.register,
        report,
        format,
        &out,
        actor,
        at,
    ))?;
    Ok(out)
}
