//! Operator: takes an application from the queue, checks the NIK in the active snapshot,
//! and either issues and prints the Surat Keterangan or records "tidak terdaftar".
//!
//! Lookups, issuing and printing run in background threads ([`work`]); the queue is
//! re-read from the register after each outcome.

mod panel;
pub mod work;

use std::path::PathBuf;

use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Element, Fill, Task};

use super::{Action, Context};
use crate::core::nik::mask;
use crate::core::register::{self, Application};
use crate::core::snapshot::Lookup;
use crate::ui::background::{UiResult, spawn};
use crate::ui::theme;
use crate::ui::widget::{bold, clock_time, error_text, muted, section};

pub use work::{Decision, Finished};

/// The operator screen.
#[derive(Debug)]
pub struct State {
    dir: PathBuf,
    queue: Vec<Application>,
    highlighted: usize,
    current: Option<Current>,
    failure: Option<String>,
}

/// The application being handled and how far it got.
#[derive(Debug)]
struct Current {
    application: Application,
    lookup: Step<Lookup>,
    outcome: Outcome,
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
    /// An application in the queue was clicked (its id).
    Choose(i64),
    /// Arrow key: move the highlight in the queue up (-1) or down (+1).
    Move(i32),
    /// Enter: choose the highlighted application.
    ChooseHighlighted,
    /// The lookup for an application (id) finished.
    Looked(i64, UiResult<Box<Lookup>>),
    /// "Cetak Surat Keterangan" was pressed.
    Issue,
    /// "Catat Tidak Terdaftar" was pressed.
    RecordNotRegistered,
    /// Issuing the letter or slip (and the first print) for an application (id) finished.
    Finished(i64, UiResult<Box<Finished>>),
    /// "Cetak Ulang" was pressed: print the letter or slip again.
    Reprint,
    /// A reprint finished: the job id, or why printing failed.
    Reprinted(UiResult<Result<String, String>>),
    /// "Muat Ulang" was pressed: re-read the queue.
    Refresh,
}

impl State {
    /// The screen for the installation in `dir`, with the queue read from the register.
    pub fn new(ctx: &Context<'_>) -> State {
        let mut state = State {
            dir: ctx.store.dir().to_path_buf(),
            queue: Vec::new(),
            highlighted: 0,
            current: None,
            failure: None,
        };
        state.refresh(ctx);
        state
    }

    /// Re-reads the queue of waiting applications.
    pub fn refresh(&mut self, ctx: &Context<'_>) {
        match register::waiting(&ctx.store.register) {
            Ok(queue) => {
                self.queue = queue;
                self.highlighted = self.highlighted.min(self.queue.len().saturating_sub(1));
                self.failure = None;
            }
            Err(e) => self.failure = Some(e.to_string()),
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &Context<'_>) -> Action<Message> {
        match message {
            Message::Choose(id) => self.choose(id, ctx),
            Message::Move(delta) => {
                let last = self.queue.len().saturating_sub(1);
                self.highlighted = self
                    .highlighted
                    .saturating_add_signed(delta as isize)
                    .min(last);
                Action::None
            }
            Message::ChooseHighlighted => match self.queue.get(self.highlighted) {
                Some(a) => self.choose(a.id, ctx),
                None => Action::None,
            },
            Message::Looked(id, result) => {
                if let Some(current) = self.current_for(id) {
                    current.lookup = match result {
                        Ok(answer) => Step::Done(*answer),
                        Err(e) => Step::Failed(e.to_string()),
                    };
                }
                Action::None
            }
            Message::Issue => self.decide(true, ctx),
            Message::RecordNotRegistered => self.decide(false, ctx),
            Message::Finished(id, result) => {
                if let Some(current) = self.current_for(id) {
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
        }
    }

    fn current_for(&mut self, id: i64) -> Option<&mut Current> {
        self.current.as_mut().filter(|c| c.application.id == id)
    }

    fn choose(&mut self, id: i64, ctx: &Context<'_>) -> Action<Message> {
        let Some(index) = self.queue.iter().position(|a| a.id == id) else {
            return Action::None;
        };
        self.highlighted = index;
        let application = self.queue[index].clone();
        let (dir, nik, actor) = (self.dir.clone(), application.nik.clone(), ctx.role.actor());
        self.current = Some(Current {
            application,
            lookup: Step::Running,
            outcome: Outcome::Open,
        });
        Action::Run(Task::perform(
            spawn(move || work::lookup(&dir, &nik, actor).map(Box::new)),
            move |result| Message::Looked(id, result),
        ))
    }

    /// Issues the letter (`registered`) or records "not registered", matching the answer.
    fn decide(&mut self, registered: bool, ctx: &Context<'_>) -> Action<Message> {
        let Some(current) = &mut self.current else {
            return Action::None;
        };
        let Step::Done(answer) = &current.lookup else {
            return Action::None;
        };
        let open = matches!(current.outcome, Outcome::Open | Outcome::Failed(_));
        if answer.registered() != registered || !open {
            return Action::None;
        }
        current.outcome = Outcome::Working;
        let (dir, application, answer) = (
            self.dir.clone(),
            current.application.clone(),
            answer.clone(),
        );
        let (actor, date, print, id) = (ctx.role.actor(), ctx.today, ctx.print, application.id);
        Action::Run(Task::perform(
            spawn(move || {
                if registered {
                    work::issue_and_print(&dir, &application, &answer, actor, date, print)
                } else {
                    work::record_not_registered(&dir, &application, &answer, actor, date, print)
                }
                .map(Box::new)
            }),
            move |result| Message::Finished(id, result),
        ))
    }

    fn reprint(&mut self, ctx: &Context<'_>) -> Action<Message> {
        let Some(Current {
            outcome:
                Outcome::Done {
                    finished,
                    reprinting,
                },
            ..
        }) = &mut self.current
        else {
            return Action::None;
        };
        if *reprinting {
            return Action::None;
        }
        *reprinting = true;
        let (dir, id, file) = (
            self.dir.clone(),
            finished.certificate_id,
            finished.file.clone(),
        );
        let (actor, print) = (ctx.role.actor(), ctx.print);
        Action::Run(Task::perform(
            spawn(move || work::reprint(&dir, id, &file, actor, print)),
            Message::Reprinted,
        ))
    }

    /// The queue on the left, the current application on the right.
    pub fn view(&self) -> Element<'_, Message> {
        let queue = container(section("Antrean", self.queue_view())).width(430);
        let detail = match &self.current {
            Some(current) => panel::view(&current.application, &current.lookup, &current.outcome),
            None => section(
                "Pemeriksaan",
                muted("Pilih permohonan di antrean (klik, atau panah atas/bawah lalu Enter)."),
            ),
        };
        scrollable(container(row![queue, detail].spacing(16)).padding(16))
            .height(Fill)
            .into()
    }

    fn queue_view(&self) -> Element<'_, Message> {
        let mut list = column![
            row![
                muted(format!("{} permohonan menunggu", self.queue.len())),
                iced::widget::space::horizontal(),
                button("Muat Ulang")
                    .style(button::secondary)
                    .on_press(Message::Refresh),
            ]
            .align_y(iced::Center)
        ]
        .spacing(8);
        if let Some(failure) = &self.failure {
            list = list.push(error_text(failure.as_str()));
        }
        if self.queue.is_empty() {
            list = list.push(muted("Antrean kosong."));
        }
        for (i, a) in self.queue.iter().enumerate() {
            let entry = column![
                row![
                    bold(a.register_no.as_str()),
                    muted(clock_time(&a.created_at)),
                    iced::widget::space::horizontal(),
                    muted(a.channel.as_str()),
                ]
                .spacing(8),
                row![text(a.applicant_name.as_str()), muted(mask(&a.nik))].spacing(8),
                muted(a.purpose.as_str()),
            ]
            .spacing(2);
            list = list.push(
                button(entry)
                    .width(Fill)
                    .padding(8)
                    .style(theme::queue_row(i == self.highlighted))
                    .on_press(Message::Choose(a.id)),
            );
        }
        list.into()
    }
}
