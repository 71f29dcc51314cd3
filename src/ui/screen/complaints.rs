//! Buku Pengaduan: the complaints and guest/suggestion book. A form records a
//! complaint, suggestion or guest with its channel; the list shows each entry's status
//! and response time; the selected entry is followed up with a text, optionally closing
//! it. A tab of the Pimpinan screen.

mod view;

use std::path::{Path, PathBuf};

use iced::Task;

use super::Context;
use crate::core::Store;
use crate::core::complaints::{
    self, Complaint, ComplaintChannel, ComplaintFilter, ComplaintKind, ComplaintStatus,
    NewComplaint,
};
use crate::ui::background::{UiResult, shared, spawn};

/// Id of the name field of the form.
pub const NAME_FIELD: &str = "pengaduan-nama";
/// Id of the contact field of the form.
pub const CONTACT_FIELD: &str = "pengaduan-kontak";
/// Id of the text field of the form.
pub const TEXT_FIELD: &str = "pengaduan-isi";
/// Id of the follow-up field of the selected entry.
pub const FOLLOW_UP_FIELD: &str = "pengaduan-tindak-lanjut";

/// Which entries the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    /// Entries not closed yet (the work list).
    #[default]
    Terbuka,
    /// Every entry.
    Semua,
    /// Entries in one state.
    Status(ComplaintStatus),
}

impl StatusFilter {
    /// Every choice, in the order of the pick list.
    pub fn all() -> Vec<StatusFilter> {
        [StatusFilter::Terbuka, StatusFilter::Semua]
            .into_iter()
            .chain(ComplaintStatus::ALL.into_iter().map(StatusFilter::Status))
            .collect()
    }

    /// Whether `c` is shown under this filter.
    fn shows(self, c: &Complaint) -> bool {
        match self {
            StatusFilter::Terbuka => c.status != ComplaintStatus::Selesai,
            StatusFilter::Semua => true,
            StatusFilter::Status(status) => c.status == status,
        }
    }
}

impl std::fmt::Display for StatusFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StatusFilter::Terbuka => f.write_str("Belum selesai"),
            StatusFilter::Semua => f.write_str("Semua status"),
            StatusFilter::Status(status) => write!(f, "Status {}", status.label()),
        }
    }
}

/// The form of a new entry.
#[derive(Debug, Clone)]
struct Form {
    kind: ComplaintKind,
    channel: ComplaintChannel,
    name: String,
    contact: String,
    text: String,
}

impl Default for Form {
    fn default() -> Form {
        Form {
            kind: ComplaintKind::Pengaduan,
            channel: ComplaintChannel::Langsung,
            name: String::new(),
            contact: String::new(),
            text: String::new(),
        }
    }
}

/// The Buku Pengaduan tab.
#[derive(Debug)]
pub struct State {
    dir: PathBuf,
    form: Form,
    filter: StatusFilter,
    entries: Vec<Complaint>,
    selected: Option<i64>,
    follow_up: String,
    busy: bool,
    notice: Option<Result<String, String>>,
}

/// Messages of the Buku Pengaduan tab.
#[derive(Debug, Clone)]
pub enum Message {
    /// The kind of the new entry was picked.
    KindPicked(ComplaintKind),
    /// The channel of the new entry was picked.
    ChannelPicked(ComplaintChannel),
    /// The name field was edited.
    NameChanged(String),
    /// The contact field was edited.
    ContactChanged(String),
    /// The text field was edited.
    TextChanged(String),
    /// "Simpan" was pressed: record the new entry.
    Add,
    /// A status filter was picked.
    FilterPicked(StatusFilter),
    /// The book was read.
    Listed(UiResult<Vec<Complaint>>),
    /// An entry in the list was chosen (its id).
    Select(i64),
    /// The follow-up field was edited.
    FollowUpChanged(String),
    /// A follow-up button was pressed; `true` also closes the entry.
    FollowUp(bool),
    /// The new entry was stored or refused.
    Added(UiResult<Complaint>),
    /// The follow-up was stored (the entry as it is now) or refused.
    FollowedUp(UiResult<Complaint>),
}

impl State {
    /// The tab for the installation (nothing listed until it is opened).
    pub fn new(ctx: &Context<'_>) -> State {
        State {
            dir: ctx.store.dir().to_path_buf(),
            form: Form::default(),
            filter: StatusFilter::default(),
            entries: Vec::new(),
            selected: None,
            follow_up: String::new(),
            busy: false,
            notice: None,
        }
    }

    /// Called when the tab is shown: reads the book.
    pub fn open(&mut self) -> Task<Message> {
        let dir = self.dir.clone();
        Task::perform(spawn(move || list(&dir)), Message::Listed)
    }

    /// The entries the filter shows.
    fn shown(&self) -> impl Iterator<Item = &Complaint> {
        self.entries.iter().filter(|c| self.filter.shows(c))
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &Context<'_>) -> Task<Message> {
        match message {
            Message::KindPicked(kind) => self.form.kind = kind,
            Message::ChannelPicked(channel) => self.form.channel = channel,
            Message::NameChanged(text) => self.form.name = text,
            Message::ContactChanged(text) => self.form.contact = text,
            Message::TextChanged(text) => self.form.text = text,
            Message::FilterPicked(filter) => self.filter = filter,
            Message::FollowUpChanged(text) => self.follow_up = text,
            Message::Listed(result) => match result {
                Ok(entries) => self.entries = entries,
                Err(e) => self.notice = Some(Err(e.to_string())),
            },
            Message::Select(id) => {
                if self.selected != Some(id) {
                    self.follow_up.clear();
                }
                self.selected = Some(id);
            }
            Message::Add => {
                if self.busy {
                    return Task::none();
                }
                let new = NewComplaint {
                    channel: self.form.channel,
                    kind: self.form.kind,
                    name: self.form.name.clone(),
                    contact: self.form.contact.clone(),
                    text: self.form.text.clone(),
                    application_id: None,
                };
                return self.save(ctx, Message::Added, move |store, actor, at| {
                    complaints::add(&store.register, new, actor, at)
                });
            }
            Message::FollowUp(close) => {
                let Some(id) = self.selected.filter(|_| !self.busy) else {
                    return Task::none();
                };
                let text = self.follow_up.clone();
                return self.save(ctx, Message::FollowedUp, move |store, actor, at| {
                    complaints::follow_up(&store.register, id, &text, close, actor, at)
                });
            }
            Message::Added(result) => {
                return self.saved(result, |state, saved| {
                    state.form = Form::default();
                    format!("{} #{} dicatat.", saved.kind.label(), saved.id)
                });
            }
            Message::FollowedUp(result) => {
                return self.saved(result, |state, saved| {
                    state.follow_up.clear();
                    format!(
                        "Tindak lanjut #{} dicatat; status {}.",
                        saved.id,
                        saved.status.label().to_lowercase()
                    )
                });
            }
        }
        Task::none()
    }

    /// After a write: on success `done` clears its field and gives the notice, the
    /// entry is selected and the book read again; on failure the error is shown.
    fn saved(
        &mut self,
        result: UiResult<Complaint>,
        done: impl FnOnce(&mut State, &Complaint) -> String,
    ) -> Task<Message> {
        self.busy = false;
        match result {
            Ok(saved) => {
                self.notice = Some(Ok(done(self, &saved)));
                self.selected = Some(saved.id);
                self.open()
            }
            Err(e) => {
                self.notice = Some(Err(e.to_string()));
                Task::none()
            }
        }
    }

    /// Runs one write in the background with the user and the screen's clock.
    fn save(
        &mut self,
        ctx: &Context<'_>,
        into: fn(UiResult<Complaint>) -> Message,
        write: impl FnOnce(
            &Store,
            &str,
            chrono::DateTime<chrono::Local>,
        ) -> crate::core::Result<Complaint>
        + Send
        + 'static,
    ) -> Task<Message> {
        self.busy = true;
        self.notice = None;
        let (dir, actor, at) = (self.dir.clone(), ctx.actor, ctx.at());
        Task::perform(
            spawn(move || {
                let store = shared(Store::open(&dir))?;
                shared(write(&store, actor, at))
            }),
            into,
        )
    }
}

/// The whole book, newest first (a background job).
fn list(dir: &Path) -> UiResult<Vec<Complaint>> {
    let store = shared(Store::open(dir))?;
    shared(complaints::list(
        &store.register,
        &ComplaintFilter::default(),
    ))
}
