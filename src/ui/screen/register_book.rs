//! Buku Register: the office's register as a book. Filters (dates, status, channel,
//! desa, petugas, free text) list the applications newest first; the selected one shows
//! its whole history, letters and papers, and can be corrected, cancelled or have its
//! last step undone, each with a reason. The list chosen can be written to CSV, XLSX or
//! a printed PDF page, NIK and KK masked; a signed-in Admin may tick "NIK & KK lengkap"
//! for the CSV/XLSX. Shown as a tab of the Pimpinan screen.

pub mod correction;
pub mod filter;
mod view;
pub mod work;

use std::path::PathBuf;

use iced::Task;

use self::correction::Field;
use self::filter::{ChannelChoice, FilterForm, StatusChoice};
use self::work::{By, Details, Format};
use super::Context;
use crate::core::register::{Application, NewApplication, NikShown, RegisterFilter};
use crate::ui::background::{UiResult, spawn};
use crate::ui::file_dialog::{self, Chosen};

/// How many applications the list shows (the exports hold every match).
pub const LIST_LIMIT: u32 = 200;

/// Id of the free-text search field.
pub const TEXT_FIELD: &str = "register-cari";
/// Id of the "from" date field.
pub const FROM_FIELD: &str = "register-dari";
/// Id of the "to" date field.
pub const TO_FIELD: &str = "register-sampai";
/// Id of the desa field.
pub const DESA_FIELD: &str = "register-desa";
/// Id of the petugas field.
pub const PETUGAS_FIELD: &str = "register-petugas";
/// Id of the reason field of the selected application's actions.
pub const REASON_FIELD: &str = "register-alasan";
/// Id of the optional output file field of the exports.
pub const OUT_FIELD: &str = "register-berkas-keluaran";

/// The register book.
#[derive(Debug)]
pub struct State {
    dir: PathBuf,
    form: FilterForm,
    applied: RegisterFilter,
    searching: bool,
    results: Vec<Application>,
    failure: Option<String>,
    selected: Option<Selected>,
    out_path: String,
    exporting: bool,
    export_notice: Option<Result<String, String>>,
    /// The acting user holds the Admin role (may export full NIKs).
    admin: bool,
    /// "NIK & KK lengkap" is ticked (only while [`State::admin`]).
    full_nik: bool,
}

/// The application shown on the right and what is being done to it.
#[derive(Debug)]
struct Selected {
    id: i64,
    details: Option<Details>,
    reason: String,
    correction: Option<NewApplication>,
    busy: bool,
    notice: Option<Result<String, String>>,
}

/// Messages of the register book.
#[derive(Debug, Clone)]
pub enum Message {
    /// The "from" date was edited.
    FromChanged(String),
    /// The "to" date was edited.
    ToChanged(String),
    /// A status was picked.
    StatusPicked(StatusChoice),
    /// A channel was picked.
    ChannelPicked(ChannelChoice),
    /// The desa field was edited.
    DesaChanged(String),
    /// The petugas field was edited.
    PetugasChanged(String),
    /// The free-text field was edited.
    TextChanged(String),
    /// "Cari" was pressed (or Enter in a field).
    Search,
    /// The search finished.
    Found(UiResult<Vec<Application>>),
    /// An application in the list was chosen (its id).
    Select(i64),
    /// The details of application (id) were read.
    Loaded(i64, UiResult<Box<Details>>),
    /// The reason field was edited.
    ReasonChanged(String),
    /// "Koreksi" was pressed: show the correction form.
    OpenCorrection,
    /// A field of the correction form was edited.
    CorrectionEdited(Field, String),
    /// "Tutup" was pressed on the correction form.
    CloseCorrection,
    /// "Simpan Koreksi" was pressed.
    SaveCorrection,
    /// "Batalkan permohonan" was pressed.
    Cancel,
    /// "Urungkan langkah terakhir" was pressed.
    Undo,
    /// A correction, cancellation or undo finished: the confirmation or the refusal.
    Acted(Result<String, String>),
    /// The output file field was edited.
    OutPathChanged(String),
    /// "Ekspor CSV", "Ekspor XLSX" or "Cetak halaman (PDF)" was pressed.
    Export(Format),
    /// The save dialog closed: a path chosen, cancelled, or no dialog could open.
    PathChosen(Format, Chosen),
    /// The export finished: how many applications went to which file.
    Exported(UiResult<(usize, PathBuf)>),
    /// "NIK & KK lengkap" (shown to an Admin only) was ticked or unticked.
    FullNikToggled(bool),
}

impl State {
    /// The book for the installation (nothing listed until it is opened).
    pub fn new(ctx: &Context<'_>) -> State {
        State {
            dir: ctx.store.dir().to_path_buf(),
            form: FilterForm::default(),
            applied: RegisterFilter::default(),
            searching: false,
            results: Vec::new(),
            failure: None,
            selected: None,
            out_path: String::new(),
            exporting: false,
            export_notice: None,
            admin: work::holds_admin(ctx.store, ctx.actor),
            full_nik: false,
        }
    }

    /// Called when the book is shown: lists the applications matching the filters.
    pub fn open(&mut self) -> Task<Message> {
        self.search()
    }

    fn search(&mut self) -> Task<Message> {
        match self.form.filter() {
            Ok(filter) => {
                self.failure = None;
                self.applied = filter;
                self.rerun()
            }
            Err(message) => {
                self.failure = Some(message);
                Task::none()
            }
        }
    }

    /// Runs the last accepted search again (after an application changed).
    fn rerun(&mut self) -> Task<Message> {
        self.searching = true;
        let dir = self.dir.clone();
        let filter = RegisterFilter {
            limit: Some(LIST_LIMIT),
            ..self.applied.clone()
        };
        Task::perform(spawn(move || work::search(&dir, &filter)), Message::Found)
    }

    fn load(&self, id: i64) -> Task<Message> {
        let dir = self.dir.clone();
        Task::perform(spawn(move || work::details(&dir, id)), move |result| {
            Message::Loaded(id, result)
        })
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &Context<'_>) -> Task<Message> {
        let by = By {
            actor: ctx.actor,
            at: ctx.at(),
        };
        self.admin = work::holds_admin(ctx.store, ctx.actor);
        self.full_nik &= self.admin;
        match message {
            Message::FullNikToggled(on) => self.full_nik = on && self.admin,
            Message::FromChanged(text) => self.form.from = text,
            Message::ToChanged(text) => self.form.to = text,
            Message::StatusPicked(choice) => self.form.status = choice,
            Message::ChannelPicked(choice) => self.form.channel = choice,
            Message::DesaChanged(text) => self.form.desa = text,
            Message::PetugasChanged(text) => self.form.petugas = text,
            Message::TextChanged(text) => self.form.text = text,
            Message::Search => return self.search(),
            Message::Found(result) => {
                self.searching = false;
                match result {
                    Ok(found) => self.results = found,
                    Err(e) => self.failure = Some(e.to_string()),
                }
            }
            Message::Select(id) => {
                self.selected = Some(Selected {
                    id,
                    details: None,
                    reason: String::new(),
                    correction: None,
                    busy: false,
                    notice: None,
                });
                return self.load(id);
            }
            Message::Loaded(id, result) => {
                if let Some(selected) = self.selected.as_mut().filter(|s| s.id == id) {
                    match result {
                        Ok(details) => selected.details = Some(*details),
                        Err(e) => selected.notice = Some(Err(e.to_string())),
                    }
                }
            }
            Message::ReasonChanged(text) => self.with_selected(|s| s.reason = text),
            Message::OpenCorrection => self.with_selected(|s| {
                s.correction = s.details.as_ref().map(|d| correction::form_of(&d.app));
            }),
            Message::CorrectionEdited(field, value) => self.with_selected(|s| {
                if let Some(form) = &mut s.correction {
                    field.set(form, value);
                }
            }),
            Message::CloseCorrection => self.with_selected(|s| s.correction = None),
            Message::SaveCorrection => {
                let fixed = self.selected.as_ref().and_then(|s| s.correction.clone());
                let Some(fixed) = fixed else {
                    return Task::none();
                };
                return self.act("koreksi; data tidak diubah", move |dir, id, reason| {
                    work::correct(dir, id, &fixed, reason, by)
                });
            }
            Message::Cancel => {
                return self.act(
                    "pembatalan; permohonan tidak dibatalkan",
                    move |dir, id, r| work::cancel(dir, id, r, by),
                );
            }
            Message::Undo => {
                return self.act(
                    "pengurungan; langkah tidak diurungkan",
                    move |dir, id, r| work::undo(dir, id, r, by),
                );
            }
            Message::Acted(outcome) => {
                let Some(selected) = &mut self.selected else {
                    return Task::none();
                };
                selected.busy = false;
                if outcome.is_ok() {
                    selected.reason.clear();
                    selected.correction = None;
                }
                selected.notice = Some(outcome);
                let id = selected.id;
                return Task::batch([self.rerun(), self.load(id)]);
            }
            Message::OutPathChanged(text) => self.out_path = text,
            Message::Export(format) => return self.export(format, by),
            Message::PathChosen(format, Chosen::Picked(path)) => {
                return self.write(format, path, by);
            }
            Message::PathChosen(_, Chosen::Cancelled) => {}
            Message::PathChosen(_, Chosen::Unavailable) => {
                self.export_notice = Some(Err(file_dialog::UNAVAILABLE.into()));
                return file_dialog::focus_typed_path(OUT_FIELD);
            }
            Message::Exported(result) => {
                self.exporting = false;
                self.export_notice = Some(
                    result
                        .map(|(rows, path)| {
                            format!("{rows} permohonan ditulis ke {}.", path.display())
                        })
                        .map_err(|e| e.to_string()),
                );
            }
        }
        Task::none()
    }

    fn with_selected(&mut self, f: impl FnOnce(&mut Selected)) {
        if let Some(selected) = &mut self.selected {
            f(selected);
        }
    }

    /// Runs an action on the selected application with the typed reason (refused here
    /// when it is empty, naming `what` it was for); the outcome comes back as
    /// [`Message::Acted`].
    fn act(
        &mut self,
        what: &str,
        job: impl FnOnce(&std::path::Path, i64, &str) -> UiResult<String> + Send + 'static,
    ) -> Task<Message> {
        let Some(selected) = self.selected.as_mut().filter(|s| !s.busy) else {
            return Task::none();
        };
        let reason = selected.reason.trim().to_string();
        if reason.is_empty() {
            selected.notice = Some(Err(format!("Tulis alasan {what}.")));
            return Task::none();
        }
        selected.busy = true;
        selected.notice = None;
        let (dir, id) = (self.dir.clone(), selected.id);
        Task::perform(spawn(move || job(&dir, id, &reason)), |result| {
            Message::Acted(result.map_err(|e| e.to_string()))
        })
    }

    /// Writes to the typed file, or asks for one with the save dialog when none is typed.
    fn export(&mut self, format: Format, by: By) -> Task<Message> {
        if self.exporting {
            return Task::none();
        }
        let typed = self.out_path.trim();
        if !typed.is_empty() {
            return self.write(format, PathBuf::from(typed), by);
        }
        let dialog = rfd::AsyncFileDialog::new()
            .set_title("Simpan buku register")
            .set_file_name(format.file_name())
            .add_filter(format.extension().to_uppercase(), &[format.extension()]);
        file_dialog::save_file(dialog, move |chosen| Message::PathChosen(format, chosen))
    }

    fn write(&mut self, format: Format, out: PathBuf, by: By) -> Task<Message> {
        self.exporting = true;
        self.export_notice = None;
        let dir = self.dir.clone();
        let filter = self.applied.clone();
        let description = filter::describe(&filter);
        let shown = if self.full_nik {
            NikShown::Full
        } else {
            NikShown::Masked
        };
        Task::perform(
            spawn(move || work::export(&dir, format, &filter, &description, shown, out, by)),
            Message::Exported,
        )
    }
}
