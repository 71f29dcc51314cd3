//! Cek Massal: checks a list of NIKs sent by a school, hospital or desa office against the
//! active snapshot and writes the answers to a new XLSX (see [`crate::core::bulk`]).
//!
//! The list comes from "Pilih Berkas…" (a system dialog; when none can open, the clerk is
//! told so under the field and the cursor put in it) or is typed; the result file is suggested beside the list and can be
//! typed or chosen with "Simpan ke…". The check runs in the background with a progress
//! bar and "Batal"; the summary gives the counts and where the file is.

pub mod job;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use iced::widget::{button, column, container, progress_bar, row, scrollable, text, text_input};
use iced::{Element, Fill, Task};

use super::{Action, Context};
use crate::core::bulk::{BulkProgress, BulkSummary};
use crate::ui::background::UiResult;
use crate::ui::file_dialog::{self, Chosen};
use crate::ui::widget::{bold, error_text, info_row, labelled, muted, section, success_text};

pub use job::Event;

/// Id of the "Berkas daftar" field.
pub const INPUT_FIELD: &str = "cek-massal-daftar";
/// Id of the "Simpan hasil ke" field.
pub const OUTPUT_FIELD: &str = "cek-massal-hasil";

/// The bulk check screen.
#[derive(Debug)]
pub struct State {
    input: String,
    output: String,
    /// The result path last suggested (replaced while the clerk has not edited it).
    suggested: String,
    check: Check,
    failure: Option<String>,
    /// The field whose dialog could not open (the notice is shown under it).
    no_dialog: Option<&'static str>,
}

/// Where the check stands.
#[derive(Debug)]
enum Check {
    Idle,
    Running {
        progress: Option<BulkProgress>,
        cancel: Arc<AtomicBool>,
    },
    Done(BulkSummary),
    Failed(String),
}

/// Messages of the bulk check screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// "Berkas daftar" was edited.
    InputChanged(String),
    /// "Pilih Berkas…" was pressed: open the system file dialog.
    BrowseInput,
    /// The file dialog closed: a file chosen, cancelled, or no dialog could open.
    InputChosen(Chosen),
    /// "Simpan hasil ke" was edited.
    OutputChanged(String),
    /// "Simpan ke…" was pressed: open the system save dialog.
    BrowseOutput,
    /// The save dialog closed: a file chosen, cancelled, or no dialog could open.
    OutputChosen(Chosen),
    /// "Periksa Daftar" was pressed (or Enter in a field).
    Start,
    /// The running check reported progress or finished.
    Checked(Event),
    /// "Batal" was pressed: stop the check; nothing is written.
    Cancel,
}

impl State {
    /// An empty form.
    pub fn new() -> State {
        State {
            input: String::new(),
            output: String::new(),
            suggested: String::new(),
            check: Check::Idle,
            failure: None,
            no_dialog: None,
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &Context<'_>) -> Action<Message> {
        self.failure = None;
        self.no_dialog = None;
        match message {
            Message::InputChanged(path) => self.set_input(path),
            Message::BrowseInput => {
                let dialog = rfd::AsyncFileDialog::new()
                    .set_title("Pilih daftar NIK yang akan dicek")
                    .add_filter("Daftar NIK", &["csv", "txt", "xlsx", "xls", "ods"]);
                return Action::Run(file_dialog::pick_file(dialog, Message::InputChosen));
            }
            Message::InputChosen(Chosen::Picked(path)) => {
                self.set_input(path.display().to_string())
            }
            Message::OutputChanged(path) => self.output = path,
            Message::BrowseOutput => {
                let dialog = rfd::AsyncFileDialog::new()
                    .set_title("Simpan hasil cek massal")
                    .set_file_name("hasil-cek.xlsx")
                    .add_filter("Excel", &["xlsx"]);
                return Action::Run(file_dialog::save_file(dialog, Message::OutputChosen));
            }
            Message::OutputChosen(Chosen::Picked(path)) => self.output = path.display().to_string(),
            Message::InputChosen(Chosen::Cancelled) | Message::OutputChosen(Chosen::Cancelled) => {}
            Message::InputChosen(Chosen::Unavailable) => return self.type_instead(INPUT_FIELD),
            Message::OutputChosen(Chosen::Unavailable) => return self.type_instead(OUTPUT_FIELD),
            Message::Start => return self.start(ctx),
            Message::Checked(Event::Progress(progress)) => {
                if let Check::Running {
                    progress: shown, ..
                } = &mut self.check
                {
                    *shown = Some(progress);
                }
            }
            Message::Checked(Event::Finished(result)) => self.finish(result),
            Message::Cancel => {
                if let Check::Running { cancel, .. } = &self.check {
                    cancel.store(true, Ordering::Relaxed);
                }
            }
        }
        Action::None
    }

    /// No dialog could open for `field`: say so under it and put the cursor there.
    fn type_instead(&mut self, field: &'static str) -> Action<Message> {
        self.no_dialog = Some(field);
        Action::Run(file_dialog::focus_typed_path(field))
    }

    /// A new list: the result file follows it until the clerk edits that field.
    fn set_input(&mut self, path: String) {
        if self.output.trim().is_empty() || self.output == self.suggested {
            self.suggested = job::suggested_output(&path);
            self.output = self.suggested.clone();
        }
        self.input = path;
    }

    fn start(&mut self, ctx: &Context<'_>) -> Action<Message> {
        if matches!(self.check, Check::Running { .. }) {
            return Action::None;
        }
        let (input, output) = (self.input.trim(), self.output.trim());
        if input.is_empty() || output.is_empty() {
            self.failure =
                Some("Pilih berkas daftar dan tempat menyimpan hasilnya terlebih dahulu.".into());
            return Action::None;
        }
        let cancel = Arc::new(AtomicBool::new(false));
        let request = job::Request {
            dir: ctx.store.dir().to_path_buf(),
            input: PathBuf::from(input),
            output: PathBuf::from(output),
            actor: ctx.actor.to_string(),
            at: ctx.at(),
        };
        self.check = Check::Running {
            progress: None,
            cancel: cancel.clone(),
        };
        Action::Run(Task::run(job::run(request, cancel), Message::Checked))
    }

    fn finish(&mut self, result: UiResult<BulkSummary>) {
        self.check = match result {
            Ok(summary) => {
                self.input.clear();
                self.output.clear();
                self.suggested.clear();
                Check::Done(summary)
            }
            Err(e) => Check::Failed(e.to_string()),
        };
    }

    /// The form, then the progress or the summary.
    pub fn view(&self) -> Element<'_, Message> {
        let running = matches!(self.check, Check::Running { .. });
        let mut page = column![section("Cek Massal", self.form(running))].spacing(16);
        if let Some(failure) = &self.failure {
            page = page.push(error_text(failure.as_str()));
        }
        match &self.check {
            Check::Idle => {}
            Check::Running { progress, cancel } => {
                page = page.push(section(
                    "Sedang Memeriksa",
                    progress_view(progress.as_ref(), cancel.load(Ordering::Relaxed)),
                ));
            }
            Check::Done(summary) => page = page.push(section("Hasil Cek Massal", done(summary))),
            Check::Failed(e) => page = page.push(section("Cek Gagal", error_text(e.as_str()))),
        }
        scrollable(container(page).padding(16)).height(Fill).into()
    }

    /// [`file_dialog::UNAVAILABLE`] when `field`'s dialog could not open.
    fn dialog_notice(&self, field: &'static str) -> Option<&'static str> {
        (self.no_dialog == Some(field)).then_some(file_dialog::UNAVAILABLE)
    }

    fn form(&self, running: bool) -> Element<'_, Message> {
        let enabled = |m: fn(String) -> Message| (!running).then_some(m);
        let input = text_input("/home/operator/Unduhan/daftar-siswa.xlsx", &self.input)
            .id(INPUT_FIELD)
            .padding(8)
            .on_input_maybe(enabled(Message::InputChanged))
            .on_submit(Message::Start);
        let output = text_input("/home/operator/Dokumen/hasil-cek.xlsx", &self.output)
            .id(OUTPUT_FIELD)
            .padding(8)
            .on_input_maybe(enabled(Message::OutputChanged))
            .on_submit(Message::Start);
        let browse = |label, message| {
            column![
                muted(" "),
                button(label)
                    .padding(8)
                    .style(button::secondary)
                    .on_press_maybe((!running).then_some(message)),
            ]
            .spacing(4)
        };
        column![
            muted(
                "Daftar dari sekolah, rumah sakit atau desa (CSV, XLSX, XLS, ODS) dengan kolom \
                 NIK; baris tanpa NIK dicocokkan dengan NAMA dan TGL_LAHIR bila ada."
            ),
            row![
                labelled("Berkas daftar", input, self.dialog_notice(INPUT_FIELD)),
                browse("Pilih Berkas…", Message::BrowseInput),
            ]
            .spacing(8),
            row![
                labelled(
                    "Simpan hasil ke (berkas .xlsx baru)",
                    output,
                    self.dialog_notice(OUTPUT_FIELD)
                ),
                browse("Simpan ke…", Message::BrowseOutput),
            ]
            .spacing(8),
            button(bold("Periksa Daftar"))
                .padding([8, 24])
                .on_press_maybe((!running).then_some(Message::Start)),
        ]
        .spacing(12)
        .into()
    }
}

impl Default for State {
    fn default() -> State {
        State::new()
    }
}

/// The progress bar with the rows done, and "Batal".
fn progress_view(progress: Option<&BulkProgress>, cancelling: bool) -> Element<'_, Message> {
    let (fraction, line) = match progress {
        None => (0.0, "Membuka berkas…".to_string()),
        Some(p) if p.fraction < 0.5 => (p.fraction, format!("{} baris dibaca…", p.rows)),
        Some(p) => (p.fraction, format!("{} baris diperiksa…", p.rows)),
    };
    let cancel = if cancelling {
        button("Membatalkan…").style(button::secondary)
    } else {
        button("Batal")
            .style(button::danger)
            .on_press(Message::Cancel)
    };
    column![
        progress_bar(0.0..=1.0, fraction),
        row![text(line).width(Fill), cancel].align_y(iced::Center),
    ]
    .spacing(10)
    .into()
}

/// The counts, the notes and where the result is.
fn done(summary: &BulkSummary) -> Element<'_, Message> {
    let mut content = column![
        success_text(format!(
            "{} baris diperiksa; hasilnya tersimpan.",
            summary.rows
        )),
        info_row("Terdaftar", summary.registered.to_string()),
        info_row("Tidak terdaftar", summary.not_registered.to_string()),
        info_row("Tidak dapat dicek", summary.invalid.to_string()),
        info_row("Berkas hasil", summary.file.display().to_string()),
    ]
    .spacing(6);
    for note in &summary.notes {
        content = content.push(muted(format!("Catatan: {note}")));
    }
    content.into()
}
