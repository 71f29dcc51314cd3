//! Usulan DTKS: proposals for people who are not registered, filtered by stage and desa;
//! the selected one shows its history and the legal next stage(s), with a note. A tab
//! of the Pimpinan screen.

mod view;

use std::path::{Path, PathBuf};

use iced::Task;

use super::Context;
use crate::core::Store;
use crate::core::register::Application;
use crate::core::usulan::{self, Proposal, ProposalEvent, ProposalFilter, Stage};
use crate::ui::background::{UiResult, shared, spawn};

/// Id of the desa filter field.
pub const DESA_FIELD: &str = "usulan-desa";
/// Id of the note field of the selected proposal.
pub const NOTE_FIELD: &str = "usulan-catatan";

/// Which stages the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StageFilter {
    /// Proposals still under way (the work list).
    #[default]
    Berjalan,
    /// Every proposal.
    Semua,
    /// Proposals at one stage.
    Tahap(Stage),
}

impl StageFilter {
    /// Every choice, in the order of the pick list.
    pub fn all() -> Vec<StageFilter> {
        [StageFilter::Berjalan, StageFilter::Semua]
            .into_iter()
            .chain(Stage::ALL.into_iter().map(StageFilter::Tahap))
            .collect()
    }
}

impl std::fmt::Display for StageFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StageFilter::Berjalan => f.write_str("Masih berjalan"),
            StageFilter::Semua => f.write_str("Semua tahap"),
            StageFilter::Tahap(stage) => write!(f, "Tahap {}", stage.label()),
        }
    }
}

/// The Usulan DTKS tab.
#[derive(Debug)]
pub struct State {
    dir: PathBuf,
    filter: StageFilter,
    desa: String,
    loading: bool,
    proposals: Vec<Proposal>,
    /// Not-registered applicants given the slip and not proposed yet.
    candidates: Vec<Application>,
    /// The candidate being proposed (its application id), while the write runs.
    proposing: Option<i64>,
    failure: Option<String>,
    selected: Option<Selected>,
}

/// The proposal shown on the right and the step being written for it.
#[derive(Debug)]
struct Selected {
    proposal: Proposal,
    history: Vec<ProposalEvent>,
    note: String,
    busy: bool,
    notice: Option<Result<String, String>>,
}

/// Messages of the Usulan DTKS tab.
#[derive(Debug, Clone)]
pub enum Message {
    /// A stage filter was picked: list again.
    FilterPicked(StageFilter),
    /// The desa filter was edited.
    DesaChanged(String),
    /// "Tampilkan" was pressed (or Enter in the desa field): list again.
    Search,
    /// The list was read.
    Listed(UiResult<Vec<Proposal>>),
    /// A proposal in the list was chosen (its id).
    Select(i64),
    /// A proposal (id) and its history were read.
    Loaded(i64, UiResult<(Proposal, Vec<ProposalEvent>)>),
    /// The note for the next step was edited.
    NoteChanged(String),
    /// A next-stage button was pressed for the selected proposal.
    Advance(Stage),
    /// The step was stored (the proposal as it is now) or refused.
    Advanced(UiResult<Proposal>),
    /// The not-registered applicants without a proposal were read.
    CandidatesListed(UiResult<Vec<Application>>),
    /// "Usulkan" was pressed for a not-registered applicant (the application id).
    Propose(i64),
    /// The proposal was made from the application (and is shown), or refused.
    Proposed(UiResult<Proposal>),
}

impl State {
    /// The tab for the installation (nothing listed until it is opened).
    pub fn new(ctx: &Context<'_>) -> State {
        State {
            dir: ctx.store.dir().to_path_buf(),
            filter: StageFilter::default(),
            desa: String::new(),
            loading: false,
            proposals: Vec::new(),
            candidates: Vec::new(),
            proposing: None,
            failure: None,
            selected: None,
        }
    }

    /// Called when the tab is shown: lists the proposals matching the filters.
    pub fn open(&mut self) -> Task<Message> {
        self.search()
    }

    fn search(&mut self) -> Task<Message> {
        self.loading = true;
        let filter = ProposalFilter {
            stage: match self.filter {
                StageFilter::Tahap(stage) => Some(stage),
                _ => None,
            },
            desa: Some(self.desa.clone()),
            open_only: self.filter == StageFilter::Berjalan,
        };
        let dir = self.dir.clone();
        let again = self.dir.clone();
        Task::batch([
            Task::perform(spawn(move || list(&dir, &filter)), Message::Listed),
            Task::perform(spawn(move || candidates(&again)), Message::CandidatesListed),
        ])
    }

    fn load(&self, id: i64) -> Task<Message> {
        let dir = self.dir.clone();
        Task::perform(spawn(move || load(&dir, id)), move |result| {
            Message::Loaded(id, result)
        })
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &Context<'_>) -> Task<Message> {
        match message {
            Message::FilterPicked(filter) => {
                self.filter = filter;
                return self.search();
            }
            Message::DesaChanged(text) => self.desa = text,
            Message::Search => return self.search(),
            Message::Listed(result) => {
                self.loading = false;
                match result {
                    Ok(proposals) => {
                        self.proposals = proposals;
                        self.failure = None;
                    }
                    Err(e) => self.failure = Some(e.to_string()),
                }
            }
            Message::Select(id) => {
                let Some(proposal) = self.proposals.iter().find(|p| p.id == id) else {
                    return Task::none();
                };
                self.selected = Some(Selected {
                    proposal: proposal.clone(),
                    history: Vec::new(),
                    note: String::new(),
                    busy: false,
                    notice: None,
                });
                return self.load(id);
            }
            Message::Loaded(id, result) => {
                if let Some(selected) = self.selected.as_mut().filter(|s| s.proposal.id == id) {
                    match result {
                        Ok((proposal, history)) => {
                            (selected.proposal, selected.history) = (proposal, history);
                        }
                        Err(e) => selected.notice = Some(Err(e.to_string())),
                    }
                }
            }
            Message::NoteChanged(text) => {
                if let Some(selected) = &mut self.selected {
                    selected.note = text;
                }
            }
            Message::Advance(stage) => {
                let Some(selected) = self.selected.as_mut().filter(|s| !s.busy) else {
                    return Task::none();
                };
                selected.busy = true;
                selected.notice = None;
                let (dir, id, actor) = (self.dir.clone(), selected.proposal.id, ctx.actor);
                let note = selected.note.clone();
                let at = ctx.at();
                return Task::perform(
                    spawn(move || {
                        let store = shared(Store::open(&dir))?;
                        shared(usulan::advance(
                            &store.register,
                            id,
                            stage,
                            &note,
                            actor,
                            at,
                        ))
                    }),
                    Message::Advanced,
                );
            }
            Message::CandidatesListed(result) => match result {
                Ok(list) => self.candidates = list,
                Err(e) => self.failure = Some(e.to_string()),
            },
            Message::Propose(id) if self.proposing.is_none() => {
                self.proposing = Some(id);
                let (dir, actor, at) = (self.dir.clone(), ctx.actor, ctx.at());
                return Task::perform(
                    spawn(move || {
                        let store = shared(Store::open(&dir))?;
                        shared(usulan::propose_application(&store.register, id, actor, at))
                    }),
                    Message::Proposed,
                );
            }
            Message::Propose(_) => {}
            Message::Proposed(result) => {
                self.proposing = None;
                match result {
                    Ok(proposal) => {
                        let id = proposal.id;
                        self.proposals.push(proposal);
                        let select = self.update(Message::Select(id), ctx);
                        if let Some(selected) = &mut self.selected {
                            selected.notice = Some(Ok(format!("Usulan #{id} dicatat.")));
                        }
                        return Task::batch([select, self.search()]);
                    }
                    Err(e) => self.failure = Some(e.to_string()),
                }
            }
            Message::Advanced(result) => {
                let Some(selected) = &mut self.selected else {
                    return Task::none();
                };
                selected.busy = false;
                let id = selected.proposal.id;
                selected.notice = Some(match result {
                    Ok(p) => {
                        selected.note.clear();
                        Ok(format!(
                            "Usulan #{} pindah ke tahap {}.",
                            p.id,
                            p.stage.label()
                        ))
                    }
                    Err(e) => Err(e.to_string()),
                });
                return Task::batch([self.search(), self.load(id)]);
            }
        }
        Task::none()
    }
}

/// The proposals matching `filter` (a background job).
fn list(dir: &Path, filter: &ProposalFilter) -> UiResult<Vec<Proposal>> {
    let store = shared(Store::open(dir))?;
    shared(usulan::list(&store.register, filter))
}

/// The not-registered applicants to propose (a background job).
fn candidates(dir: &Path) -> UiResult<Vec<Application>> {
    let store = shared(Store::open(dir))?;
    shared(usulan::candidates(&store.register))
}

/// Proposal `id` and its history (a background job).
fn load(dir: &Path, id: i64) -> UiResult<(Proposal, Vec<ProposalEvent>)> {
    let store = shared(Store::open(dir))?;
    let proposal = shared(usulan::get(&store.register, id))?;
    let history = shared(usulan::history(&store.register, id))?;
    Ok((proposal, history))
}
