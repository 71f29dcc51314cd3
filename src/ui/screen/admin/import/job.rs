//! The background work of the import screen: the import itself (a thread streaming
//! progress), the file's sheets and first rows, and saving the reject list.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use iced::futures::Stream;
use iced::futures::channel::mpsc;

use crate::core::settings::Source;
use crate::core::snapshot::header::ColumnOverride;
use crate::core::snapshot::preview::{self, PreviewRow};
use crate::core::snapshot::program::ProgramList;
use crate::core::snapshot::{ImportOptions, ImportSummary, logged, report};
use crate::core::snapshot::{ImportProgress, columns::Field};
use crate::core::{Error, Result};
use crate::ui::background::{UiResult, shared, spawn, throttled_progress};

/// How many rows the column-mapping step shows.
pub const PREVIEW_ROWS: usize = 6;

/// What kind of file is imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// A whole DTKS/DTSEN snapshot that replaces the active one.
    #[default]
    Snapshot,
    /// A program's recipient list that adds coverage to the active snapshot.
    Program,
}

impl Mode {
    /// Both modes, in the order of the pick list.
    pub const ALL: [Mode; 2] = [Mode::Snapshot, Mode::Program];
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Mode::Snapshot => "Snapshot DTKS/DTSEN",
            Mode::Program => "Daftar penerima program",
        })
    }
}

/// Everything an import needs besides the file.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// Who imports (the role's actor name), for the audit log.
    pub actor: String,
    /// Snapshot or program list.
    pub mode: Mode,
    /// Source label of a new snapshot.
    pub source: Source,
    /// Period ("2025-09", or "2025 tahap 3" for a program); `None` when left empty.
    pub period: Option<String>,
    /// Program name (program mode).
    pub program: String,
    /// Spreadsheet sheet; `None` picks the first with a NIK column.
    pub sheet: Option<String>,
    /// The admin's column mapping.
    pub columns: Vec<ColumnOverride>,
}

/// What a running import reports.
#[derive(Debug, Clone)]
pub enum Event {
    /// Rows read so far, speed and estimate.
    Progress(ImportProgress),
    /// The import ended: its summary, or why it failed or was cancelled.
    Finished(UiResult<ImportSummary>),
}

/// Starts importing `file` into the installation in `dir` on a new thread.
///
/// Setting `cancel` makes the import stop at the next progress report; the previous
/// snapshot then stays active.
pub fn run(
    dir: PathBuf,
    file: PathBuf,
    request: Request,
    cancel: Arc<AtomicBool>,
) -> impl Stream<Item = Event> {
    let (sender, receiver) = mpsc::unbounded();
    std::thread::spawn(move || {
        let progress_sender = sender.clone();
        let mut progress = throttled_progress(cancel, move |progress| {
            let _ = progress_sender.unbounded_send(Event::Progress(progress));
        });
        let result = match request.mode {
            Mode::Snapshot => {
                let options = ImportOptions {
                    source: request.source,
                    period: request.period,
                    sheet: request.sheet,
                    demo: false,
                    columns: request.columns,
                    // A guessed mapping goes to the mapping step to be confirmed.
                    accept_guess: false,
                };
                logged::import_snapshot(&dir, &file, &options, &mut progress, &request.actor)
            }
            Mode::Program => {
                let list = ProgramList {
                    program: request.program,
                    period: request.period,
                    sheet: request.sheet,
                    columns: request.columns,
                    accept_guess: false,
                };
                logged::import_program(&dir, &file, &list, &mut progress, &request.actor)
            }
        };
        let _ = sender.unbounded_send(Event::Finished(shared(result)));
    });
    receiver
}

/// True when an import was refused only because its NIK or NAMA column was not found:
/// the admin can then map the columns by hand.
pub fn needs_mapping(error: &Error) -> bool {
    matches!(error, Error::Import { reason, .. }
        if reason.contains("kolom NIK") || reason.contains("kolom NAMA"))
}

/// The sheet names of `file` (empty for a text file, or when it cannot be read yet).
pub async fn sheets(file: PathBuf) -> UiResult<Vec<String>> {
    spawn(move || shared(preview::sheet_names(&file))).await
}

/// The first rows of `file` for the mapping step.
pub async fn preview(file: PathBuf, sheet: Option<String>) -> UiResult<Vec<PreviewRow>> {
    spawn(move || shared(preview::preview_rows(&file, sheet.as_deref(), PREVIEW_ROWS))).await
}

/// Writes the rejects of `summary` to `path` as CSV; answers with the path written.
pub async fn save_rejects(summary: Arc<ImportSummary>, path: PathBuf) -> UiResult<PathBuf> {
    spawn(move || shared(report::write_rejects_csv(&summary, &path).map(|()| path))).await
}

/// The fields the mapping step offers, in order, with their labels; the first two are
/// the ones an import cannot do without.
pub fn mappable_fields() -> [(Field, &'static str); 11] {
    [
        (Field::Nik, "NIK"),
        (Field::Name, "Nama"),
        (Field::Kk, "No. KK"),
        (Field::BirthDate, "Tanggal lahir"),
        (Field::Sex, "Jenis kelamin"),
        (Field::Address, "Alamat"),
        (Field::Desa, "Desa/Kelurahan"),
        (Field::Kec, "Kecamatan"),
        (Field::IdDtks, "ID DTKS"),
        (Field::Desil, "Desil"),
        (Field::Programs, "Program bansos"),
    ]
}

/// Checks an import can start: `Err` holds the message to show.
pub fn check(path: &str, request: &Request) -> Result<PathBuf> {
    if path.trim().is_empty() {
        return Err(Error::Invalid(
            "Pilih berkas atau tulis lokasinya terlebih dahulu.".into(),
        ));
    }
    if request.mode == Mode::Snapshot && request.period.is_none() {
        return Err(Error::Invalid(
            "Isi periode data (misalnya 2025-09): periode itu tercetak di setiap surat.".into(),
        ));
    }
    if request.mode == Mode::Program && request.program.trim().is_empty() {
        return Err(Error::Invalid(
            "Tulis nama programnya (misalnya PKH) terlebih dahulu.".into(),
        ));
    }
    Ok(PathBuf::from(path.trim()))
}
