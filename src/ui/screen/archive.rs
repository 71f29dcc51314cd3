//! Arsip Surat: finds issued letters and slips by number, name or NIK and date; for the
//! selected one shows its details and archived files, reprints it, voids it (with a
//! reason), and attaches a scan of the signed letter. "Periksa Arsip" re-hashes every
//! archived file. Used by the Operator and Pimpinan.

mod view;
pub mod work;

use std::path::PathBuf;

use chrono::NaiveDate;
use iced::Task;

use super::Context;
use crate::core::archive::{ArchiveFile, ArchiveProblem, ArchivedLetter};
use crate::ui::background::{UiResult, spawn};
use crate::ui::file_dialog::{self, Chosen};

/// Id of the search field.
pub const QUERY_FIELD: &str = "arsip-cari";
/// Id of the date filter field.
pub const DATE_FIELD: &str = "arsip-tanggal";
/// Id of the void reason field.
pub const REASON_FIELD: &str = "arsip-alasan-batal";
/// Id of the scan path field.
pub const SCAN_FIELD: &str = "arsip-lokasi-pindaian";

/// The archive tab.
#[derive(Debug)]
pub struct State {
    dir: PathBuf,
    query: String,
    date: String,
    applied: (String, String),
    searching: bool,
    letters: Vec<ArchivedLetter>,
    failure: Option<String>,
    selected: Option<Selected>,
    check: Option<Result<Vec<ArchiveProblem>, String>>,
    checking: bool,
}

/// The letter shown on the right and what is being done to it.
#[derive(Debug)]
struct Selected {
    letter: ArchivedLetter,
    files: Vec<ArchiveFile>,
    reason: String,
    scan_path: String,
    busy: bool,
    notice: Option<Result<String, String>>,
}

/// Messages of the archive tab.
#[derive(Debug, Clone)]
pub enum Message {
    /// The search field was edited.
    QueryChanged(String),
    /// The date filter (YYYY-MM or YYYY-MM-DD) was edited.
    DateChanged(String),
    /// "Cari" was pressed (or Enter in a field).
    Search,
    /// The search finished.
    Found(UiResult<Vec<ArchivedLetter>>),
    /// A letter in the list was chosen (its id).
    Select(i64),
    /// The files of a letter (id) were read.
    FilesLoaded(i64, UiResult<Vec<ArchiveFile>>),
    /// The void reason was edited.
    ReasonChanged(String),
    /// "Batalkan Surat" was pressed.
    Void,
    /// "Cetak Ulang" was pressed.
    Reprint,
    /// "Pilih Berkas…" was pressed: open the system file dialog for a scan.
    BrowseScan,
    /// The file dialog closed: a file chosen, cancelled, or no dialog could open.
    ScanPicked(Chosen),
    /// The scan path field was edited.
    ScanPathChanged(String),
    /// "Lampirkan Pindaian" was pressed.
    AttachScan,
    /// Voiding, reprinting or attaching finished: what to tell the user.
    Done(Result<String, String>),
    /// "Periksa Arsip" was pressed.
    CheckArchive,
    /// The archive check finished.
    Checked(UiResult<Vec<ArchiveProblem>>),
}

/// `text` is empty, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn valid_date_prefix(text: &str) -> bool {
    let probe = match text.len() {
        0 => return true,
        4 => format!("{text}-01-01"),
        7 => format!("{text}-01"),
        10 => text.to_string(),
        _ => return false,
    };
    NaiveDate::parse_from_str(&probe, "%Y-%m-%d").is_ok()
}

impl State {
    /// The tab for the installation (nothing listed until it is opened).
    pub fn new(ctx: &Context<'_>) -> State {
        State {
            dir: ctx.store.dir().to_path_buf(),
            query: String::new(),
            date: String::new(),
            applied: (String::new(), String::new()),
            searching: false,
            letters: Vec::new(),
            failure: None,
            selected: None,
            check: None,
            checking: false,
        }
    }

    /// Called when the tab is shown: lists the letters matching the current filters.
    pub fn open(&mut self, ctx: &Context<'_>) -> Task<Message> {
        self.search(ctx)
    }

    fn search(&mut self, ctx: &Context<'_>) -> Task<Message> {
        let date = self.date.trim().to_string();
        if !valid_date_prefix(&date) {
            self.failure = Some("Tanggal ditulis TTTT-BB atau TTTT-BB-HH, mis. 2026-03.".into());
            return Task::none();
        }
        self.failure = None;
        self.applied = (self.query.clone(), date);
        self.rerun(ctx)
    }

    /// Runs the last accepted search again (after a letter changed).
    fn rerun(&mut self, ctx: &Context<'_>) -> Task<Message> {
        self.searching = true;
        let (dir, actor) = (self.dir.clone(), ctx.actor);
        let (text, date) = self.applied.clone();
        Task::perform(
            spawn(move || work::search(&dir, &text, &date, actor)),
            Message::Found,
        )
    }

    fn load_files(&self, id: i64) -> Task<Message> {
        let dir = self.dir.clone();
        Task::perform(spawn(move || work::files(&dir, id)), move |result| {
            Message::FilesLoaded(id, result)
        })
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &Context<'_>) -> Task<Message> {
        let (dir, actor) = (self.dir.clone(), ctx.actor);
        match message {
            Message::QueryChanged(text) => self.query = text,
            Message::DateChanged(text) => self.date = text,
            Message::Search => return self.search(ctx),
            Message::Found(result) => {
                self.searching = false;
                match result {
                    Ok(letters) => {
                        if let Some(selected) = &mut self.selected
                            && let Some(fresh) = letters.iter().find(|l| l.id == selected.letter.id)
                        {
                            selected.letter = fresh.clone();
                        }
                        self.letters = letters;
                    }
                    Err(e) => self.failure = Some(e.to_string()),
                }
            }
            Message::Select(id) => {
                let Some(letter) = self.letters.iter().find(|l| l.id == id) else {
                    return Task::none();
                };
                self.selected = Some(Selected {
                    letter: letter.clone(),
                    files: Vec::new(),
                    reason: String::new(),
                    scan_path: String::new(),
                    busy: false,
                    notice: None,
                });
                return self.load_files(id);
            }
            Message::FilesLoaded(id, result) => {
                if let Some(selected) = self.selected.as_mut().filter(|s| s.letter.id == id) {
                    match result {
                        Ok(files) => selected.files = files,
                        Err(e) => selected.notice = Some(Err(e.to_string())),
                    }
                }
            }
            Message::ReasonChanged(text) => self.with_selected(|s| s.reason = text),
            Message::ScanPathChanged(text) => self.with_selected(|s| s.scan_path = text),
            Message::ScanPicked(Chosen::Picked(path)) => {
                self.with_selected(|s| s.scan_path = path.to_string_lossy().into_owned())
            }
            Message::ScanPicked(Chosen::Cancelled) => {}
            Message::ScanPicked(Chosen::Unavailable) => {
                self.with_selected(|s| s.notice = Some(Err(file_dialog::UNAVAILABLE.into())));
                return file_dialog::focus_typed_path(SCAN_FIELD);
            }
            Message::BrowseScan => {
                let dialog = rfd::AsyncFileDialog::new()
                    .set_title("Pilih pindaian surat yang sudah ditandatangani")
                    .add_filter("Pindaian (PDF, JPG, PNG)", &["pdf", "jpg", "jpeg", "png"]);
                return file_dialog::pick_file(dialog, Message::ScanPicked);
            }
            Message::Void => return self.void(dir, actor),
            Message::Reprint => {
                let print = ctx.print;
                return self.start(|letter, _| {
                    let (id, file) = (letter.id, letter.file.clone());
                    Box::new(move || {
                        work::reprint(&dir, id, &file, actor, print).map(|printed| {
                            printed.map(|job| format!("Dikirim ke printer (pekerjaan {job})."))
                        })
                    })
                });
            }
            Message::AttachScan => return self.attach(dir, actor),
            Message::Done(notice) => {
                let mut tasks = vec![self.rerun(ctx)];
                if let Some(selected) = &mut self.selected {
                    selected.busy = false;
                    if notice.is_ok() {
                        selected.reason.clear();
                        selected.scan_path.clear();
                    }
                    selected.notice = Some(notice);
                    let id = selected.letter.id;
                    tasks.push(self.load_files(id));
                }
                return Task::batch(tasks);
            }
            Message::CheckArchive => {
                self.checking = true;
                return Task::perform(spawn(move || work::check(&dir, actor)), Message::Checked);
            }
            Message::Checked(result) => {
                self.checking = false;
                self.check = Some(result.map_err(|e| e.to_string()));
            }
        }
        Task::none()
    }

    fn with_selected(&mut self, f: impl FnOnce(&mut Selected)) {
        if let Some(selected) = &mut self.selected {
            f(selected);
        }
    }

    fn void(&mut self, dir: PathBuf, actor: &'static str) -> Task<Message> {
        let Some(selected) = &mut self.selected else {
            return Task::none();
        };
        if selected.reason.trim().is_empty() {
            selected.notice = Some(Err(
                "Tulis alasan pembatalan dulu; surat tidak dibatalkan.".into()
            ));
            return Task::none();
        }
        self.start(|letter, reason| {
            let number = letter.number.clone().unwrap_or_default();
            let reason = reason.to_string();
            Box::new(move || {
                work::void(&dir, &number, &reason, actor)
                    .map(|()| Ok(format!("Surat {number} dibatalkan.")))
            })
        })
    }

    fn attach(&mut self, dir: PathBuf, actor: &'static str) -> Task<Message> {
        let Some(selected) = &mut self.selected else {
            return Task::none();
        };
        if selected.scan_path.trim().is_empty() {
            selected.notice = Some(Err(
                "Pilih berkas pindaian atau ketik lokasinya dulu.".into()
            ));
            return Task::none();
        }
        let source = PathBuf::from(selected.scan_path.trim());
        self.start(|letter, _| {
            let id = letter.id;
            Box::new(move || {
                work::attach(&dir, id, &source, actor)
                    .map(|copy| Ok(format!("Pindaian tersimpan sebagai {copy}.")))
            })
        })
    }

    /// Runs a job on the selected letter (one at a time); its outcome comes back as
    /// [`Message::Done`].
    fn start(&mut self, job: impl FnOnce(&ArchivedLetter, &str) -> Job) -> Task<Message> {
        let Some(selected) = self.selected.as_mut().filter(|s| !s.busy) else {
            return Task::none();
        };
        selected.busy = true;
        selected.notice = None;
        let work = job(&selected.letter, &selected.reason);
        Task::perform(spawn(work), |result| {
            Message::Done(result.unwrap_or_else(|e| Err(e.to_string())))
        })
    }
}

/// A blocking job on one letter: a message to show, or why it failed.
type Job = Box<dyn FnOnce() -> UiResult<Result<String, String>> + Send>;
