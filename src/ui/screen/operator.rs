//! Operator: takes an application from the queue (or finds a person by name), checks the
//! NIK in the active snapshot, previews the letter, and either issues and prints the Surat
//! Keterangan or records "tidak terdaftar". Two more tabs verify letters and search the
//! archive.
//!
//! Lookups, searches, issuing and printing run in background threads ([`work`]); the
//! queue is re-read from the register after each outcome.

mod candidates;
mod correcting;
mod decide;
mod earlier;
mod panel;
mod papers;
mod pick;
mod preview;
pub mod printing;
mod queue;
pub mod search;
mod tab;
mod view;
pub mod work;

use std::path::PathBuf;

use iced::Task;

use super::{Action, Context, archive, focus, verify};
use crate::core::register::{self, Application};
use crate::core::service_time::ServiceClock;
use crate::ui::background::{UiResult, spawn};
use crate::ui::widget::cycle;

pub use tab::Tab;
pub use work::{Checked, Decision, Finished, system_printers};

/// The operator screen.
#[derive(Debug)]
pub struct State {
    dir: PathBuf,
    tab: Tab,
    queue: Vec<Application>,
    /// The office's hours and standard at the last refresh, for the queue's waiting
    /// times (`None` when the settings cannot be read).
    clock: Option<ServiceClock>,
    highlighted: usize,
    current: Option<Current>,
    generation: u64,
    failure: Option<String>,
    search: search::Search,
    printing: printing::Printing,
    verify: verify::State,
    archive: archive::State,
}

/// The person being checked (from the queue or the name search) and how far it got.
#[derive(Debug)]
struct Current {
    application: Option<Application>,
    generation: u64,
    lookup: Step<Checked>,
    outcome: Outcome,
    /// Set by the first "Cetak" when a letter for the NIK was already issued today;
    /// the next press issues.
    confirming: bool,
    /// The NIK chosen from "Mungkin maksud Anda" and the reason being typed for
    /// correcting the application to it; the error of the last try.
    correcting: Option<correcting::Correction>,
    /// The candidate highlighted with Alt+Down/Alt+Up (Enter chooses it); `None` until
    /// those keys are used, and again after a plain arrow key moved the queue.
    candidate: Option<usize>,
}

/// A background step: running, done or failed.
#[derive(Debug)]
enum Step<T> {
    Running,
    Done(T),
    Failed(String),
}

/// What the operator decided for the current application.
#[derive(Debug)]
enum Outcome {
    Open,
    Working,
    Done {
        finished: Finished,
        reprinting: bool,
    },
    Failed(String),
}

/// Messages of the operator screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// A tab was chosen.
    TabSelected(Tab),
    /// Ctrl+PageDown (+1) / Ctrl+PageUp (-1): the next or previous tab.
    CycleTab(i32),
    /// An application in the queue was clicked (its id).
    Choose(i64),
    /// Arrow key: move the highlight up (-1) or down (+1) in the name search's results
    /// after a search, else in the queue.
    Move(i32),
    /// Enter: choose the highlighted result or application.
    ChooseHighlighted,
    /// "Daftarkan di loket": the person found by name goes to the front desk's form.
    RegisterAtDesk,
    /// A message of the name search.
    Search(search::Message),
    /// A message of the print settings (printer, copies).
    Printing(printing::Message),
    /// The lookup started as check number `.0` finished.
    Looked(u64, UiResult<Box<Checked>>),
    /// "Cetak Surat Keterangan" was pressed, or Ctrl+P: prints what the panel shows,
    /// the letter for a registered NIK or the slip for one that is not.
    Issue,
    /// "Cetak Slip" was pressed: records "tidak terdaftar" and prints the slip.
    RecordNotRegistered,
    /// Issuing the letter or slip (and the first print) of check number `.0` finished.
    Finished(u64, UiResult<Box<Finished>>),
    /// "Cetak Ulang" was pressed: print the letter or slip again.
    Reprint,
    /// A reprint finished: the job id, or why printing failed.
    Reprinted(UiResult<Result<String, String>>),
    /// A "Mungkin maksud Anda" candidate was chosen (its NIK): asks for the reason to
    /// correct the application's NIK to it.
    Candidate(String),
    /// Alt+Down (+1) / Alt+Up (-1): move the highlight through the candidates.
    MoveCandidate(i32),
    /// The reason for the NIK correction was edited.
    CorrectionReasonChanged(String),
    /// "Koreksi NIK & Periksa Ulang" (or Enter in the reason): corrects the NIK through
    /// the register and checks the application again.
    CorrectNik,
    /// "Batal" or Esc: the correction is dropped.
    CancelCorrection,
    /// "Muat Ulang" was pressed: re-read the queue.
    Refresh,
    /// A message of the Verifikasi Surat tab.
    Verify(verify::Message),
    /// A message of the Arsip Surat tab.
    Archive(archive::Message),
}

impl State {
    /// The screen for the installation, with the queue read from the register.
    pub fn new(ctx: &Context<'_>) -> State {
        let mut state = State {
            dir: ctx.store.dir().to_path_buf(),
            tab: Tab::default(),
            queue: Vec::new(),
            clock: None,
            highlighted: 0,
            current: None,
            generation: 0,
            failure: None,
            search: search::Search::default(),
            printing: printing::Printing::default(),
            verify: verify::State::default(),
            archive: archive::State::new(ctx),
        };
        state.refresh(ctx);
        state
    }

    /// Re-reads the queue of waiting applications, and the settings their waiting times
    /// are measured by.
    pub fn refresh(&mut self, ctx: &Context<'_>) {
        self.clock = ctx
            .store
            .settings()
            .ok()
            .map(|s| ServiceClock::new(&s, ctx.now));
        match register::waiting(&ctx.store.register) {
            Ok(queue) => {
                self.queue = queue;
                self.highlighted = self.highlighted.min(self.queue.len().saturating_sub(1));
                self.failure = None;
            }
            Err(e) => self.failure = Some(e.to_string()),
        }
    }

    /// The field the cursor goes to when the operator's screen or tab is switched to:
    /// the reason of a NIK correction left open on the queue's tab, else the tab's
    /// [`Tab::first_field`].
    pub fn first_field(&self) -> Option<&'static str> {
        if self.tab == Tab::Antrean && self.correcting() {
            return Some(REASON_FIELD);
        }
        self.tab.first_field()
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &Context<'_>) -> Action<Message> {
        let actor = ctx.actor;
        match message {
            Message::CycleTab(delta) => {
                let tabs = Tab::LABELS.map(|(tab, _)| tab);
                self.update(Message::TabSelected(cycle(&tabs, self.tab, delta)), ctx)
            }
            Message::TabSelected(tab) => {
                self.tab = tab;
                let opened = match tab {
                    Tab::Arsip => self.archive.open(ctx).map(Message::Archive),
                    Tab::Antrean | Tab::Verifikasi => Task::none(),
                };
                Action::Run(Task::batch([opened, focus(self.first_field())]))
            }
            Message::Choose(id) => self.choose(id, ctx),
            Message::Move(delta) if self.tab == Tab::Antrean => {
                self.move_highlight(delta);
                Action::None
            }
            Message::ChooseHighlighted if self.tab == Tab::Antrean => self.choose_highlighted(ctx),
            Message::Move(_) | Message::ChooseHighlighted => Action::None,
            Message::Search(search::Message::Choose(nik)) => self.choose_hit(nik, ctx),
            Message::RegisterAtDesk => self.register_at_desk(),
            Message::Search(m) => run(self.search.update(m, &self.dir, actor), Message::Search),
            Message::Printing(m) => run(
                self.printing.update(m, &self.dir, ctx.printers),
                Message::Printing,
            ),
            Message::Looked(generation, result) => {
                if let Some(current) = self.current_for(generation) {
                    current.lookup = match result {
                        Ok(answer) => {
                            // The check is on record: show the application as it now stands.
                            if let Some(after) = &answer.application {
                                current.application = Some(after.clone());
                            }
                            Step::Done(*answer)
                        }
                        Err(e) => Step::Failed(e.to_string()),
                    };
                }
                Action::None
            }
            Message::Issue => {
                let registered = match self.current.as_ref().map(|c| &c.lookup) {
                    Some(Step::Done(checked)) => checked.lookup.registered(),
                    _ => return Action::None,
                };
                self.decide(registered, ctx)
            }
            Message::RecordNotRegistered => self.decide(false, ctx),
            Message::Finished(generation, result) => {
                let store = ctx.store;
                if let Some(current) = self.current_for(generation) {
                    // The letter or slip moved the application on: show where it stands.
                    if let Some(a) = &mut current.application
                        && let Ok(after) = register::get(&store.register, a.id)
                    {
                        *a = after;
                    }
                    current.outcome = match result {
                        Ok(finished) => Outcome::Done {
                            finished: *finished,
                            reprinting: false,
                        },
                        Err(e) => Outcome::Failed(e.to_string()),
                    };
                }
                self.refresh(ctx);
                Action::None
            }
            Message::Candidate(nik) => self.open_correction(nik),
            Message::MoveCandidate(delta) => {
                self.move_candidate(delta);
                Action::None
            }
            Message::CorrectionReasonChanged(reason) => {
                self.edit_reason(reason);
                Action::None
            }
            Message::CancelCorrection => {
                self.cancel_correction();
                Action::None
            }
            Message::CorrectNik => self.correct_nik(ctx),
            Message::Reprint => self.reprint(ctx),
            Message::Reprinted(result) => {
                if let Some(Current {
                    outcome:
                        Outcome::Done {
                            finished,
                            reprinting,
                        },
                    ..
                }) = &mut self.current
                {
                    *reprinting = false;
                    finished.printed = result.unwrap_or_else(|e| Err(e.to_string()));
                }
                Action::None
            }
            Message::Refresh => {
                self.refresh(ctx);
                Action::None
            }
            Message::Verify(m) => run(self.verify.update(m, ctx), Message::Verify),
            Message::Archive(m) => run(self.archive.update(m, ctx), Message::Archive),
        }
    }

    fn current_for(&mut self, generation: u64) -> Option<&mut Current> {
        self.current.as_mut().filter(|c| c.generation == generation)
    }

    fn choose(&mut self, id: i64, ctx: &Context<'_>) -> Action<Message> {
        let Some(index) = self.queue.iter().position(|a| a.id == id) else {
            return Action::None;
        };
        self.highlighted = index;
        self.search.deactivate();
        let application = self.queue[index].clone();
        self.check(application.nik.clone(), Some(application), true, ctx)
    }

    /// Starts the lookup of `nik` (for `application`, when chosen from the queue), and
    /// the printer list when `printing` may follow.
    fn check(
        &mut self,
        nik: String,
        application: Option<Application>,
        printing: bool,
        ctx: &Context<'_>,
    ) -> Action<Message> {
        self.generation += 1;
        let generation = self.generation;
        self.current = Some(Current {
            application: application.clone(),
            generation,
            lookup: Step::Running,
            outcome: Outcome::Open,
            confirming: false,
            correcting: None,
            candidate: None,
        });
        let (dir, who, date) = (self.dir.clone(), (ctx.actor, ctx.at()), ctx.today);
        // From the queue the check is recorded in the register; a name search only looks.
        let lookup = Task::perform(
            spawn(move || {
                match &application {
                    Some(a) => work::check_application(&dir, a, date, who),
                    None => work::lookup(&dir, &nik, None, date, who.0),
                }
                .map(Box::new)
            }),
            move |result| Message::Looked(generation, result),
        );
        let printers = if printing {
            self.printing
                .ensure_loaded(&self.dir, ctx.printers)
                .map(Message::Printing)
        } else {
            Task::none()
        };
        Action::Run(Task::batch([lookup, printers]))
    }
}

/// Id of the field for the reason of a NIK correction.
pub const REASON_FIELD: &str = "operator-alasan-koreksi";

/// Wraps a sub-view's task as an action of this screen.
fn run<M: Send + 'static>(task: Task<M>, f: fn(M) -> Message) -> Action<Message> {
    Action::Run(task.map(f))
}
