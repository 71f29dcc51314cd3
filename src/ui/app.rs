//! The application: opens the installation, holds one screen per role and routes
//! messages and tasks. Submodules: [`keys`] (keys to window messages), [`route`] (a
//! shortcut to the screen in front), [`gate`] (sign-in and idle lock), [`header`] (the
//! header and the error screen) and [`daily`] (the daily backup at start).

mod daily;
mod gate;
mod header;
mod keys;
mod route;

pub use keys::shortcut;

use std::path::PathBuf;
use std::time::Instant;

use chrono::{Local, NaiveDate, NaiveDateTime};
use iced::keyboard;
use iced::widget::{column, operation};
use iced::{Element, Subscription, Task, Theme};

use crate::core::settings::Settings;
use crate::core::snapshot::{SnapshotInfo, store as catalogue};
use crate::core::users::User;
use crate::core::{Store, demo};
use crate::ui::role::actor_name;
use crate::ui::screen::{self, Action, Context, PrintFn, admin, front_desk, leadership, operator};
use crate::ui::{Role, sign_in, theme};

/// How the application is set up; tests freeze the date and replace the printer.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The date shown and written on letters; `None` follows the clock (or `now`).
    pub today: Option<NaiveDate>,
    /// The moment waiting times are measured at; `None` follows the clock.
    pub now: Option<NaiveDateTime>,
    /// How letters are printed.
    pub print: PrintFn,
    /// How printers are listed (the operator's printer pick list).
    pub printers: crate::ui::screen::PrintersFn,
    /// Ask who is using the window (the first Admin, then name and PIN) before the
    /// screens; tests of the screens turn it off and act by role name as before.
    pub sign_in: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            today: None,
            now: None,
            print: crate::core::print::print_pdf,
            printers: operator::system_printers,
            sign_in: true,
        }
    }
}

/// The whole window's state.
pub struct App {
    data_dir: PathBuf,
    options: Options,
    role: Role,
    state: Result<Ready, String>,
    /// The signed-in user (`None` before sign-in, or with sign-in off).
    user: Option<User>,
    /// The sign-in panel covering the screens, when shown.
    gate: Option<sign_in::State>,
    /// The last key press or click, for the idle lock.
    last_activity: Instant,
    /// Minutes of no activity before the window locks (setting `idle_lock_minutes`).
    idle_minutes: u32,
    /// What the daily backup did at start (see [`App::daily_backup_note`]).
    daily_note: Option<Result<String, String>>,
}

/// The installation is open and every screen exists.
struct Ready {
    store: Store,
    snapshot: Option<SnapshotInfo>,
    front_desk: front_desk::State,
    operator: operator::State,
    leadership: leadership::State,
    admin: admin::State,
}

/// Messages of the window.
#[derive(Debug, Clone)]
pub enum Message {
    /// A role was chosen in the switcher (or with F1-F4).
    RoleSelected(Role),
    /// Tab: focus the next field.
    FocusNext,
    /// Shift+Tab: focus the previous field.
    FocusPrevious,
    /// Arrow up/down (-1/+1) outside a text field: move in the current list.
    Move(i32),
    /// Alt+Up/Alt+Down (-1/+1), in or outside a text field: move in the screen's second
    /// list (the operator's "Mungkin maksud Anda" candidates).
    MoveAlt(i32),
    /// Enter outside a text field: choose the highlighted entry.
    Enter,
    /// Ctrl+PageDown (+1) / Ctrl+PageUp (-1): the next or previous tab of the screen.
    SwitchTab(i32),
    /// Ctrl+P on the Operator screen: prints the letter, or the slip, the panel shows.
    PrintShortcut,
    /// A digit key 1-9 outside a text field (the survey's answers on the Pimpinan screen).
    Digit(u8),
    /// F5, F6, F7, … on the front desk: tick or untick paper 0, 1, 2, … (function keys,
    /// because a focused text field takes Alt+digit and Ctrl+1 as typed digits). On the
    /// Pimpinan screen F8 (paper 3) takes the selected letter's next step (it asks first).
    PaperShortcut(usize),
    /// Esc outside a text field: close the screen's open question without acting.
    Escape,
    /// Ctrl+Z on the Pimpinan screen: take back the selected letter's last paraf or TTD
    /// (asks for the reason first).
    UndoShortcut,
    /// F9 on the Pimpinan screen: hand the selected signed letter over in person.
    HandOverShortcut,
    /// "Coba Lagi" on the error screen: open the installation again.
    Retry,
    /// A message of the front desk screen.
    FrontDesk(front_desk::Message),
    /// A message of the operator screen.
    Operator(operator::Message),
    /// A message of the leadership screen.
    Leadership(leadership::Message),
    /// A message of the admin screen.
    Admin(admin::Message),
    /// A message of the sign-in panel.
    SignIn(sign_in::Message),
    /// "Ganti Pengguna" or F12: back to the sign-in panel, the screens kept.
    SwitchUser,
    /// The idle clock ticked (every few seconds while someone is signed in).
    Tick(Instant),
    /// A click or scroll anywhere: the user is still there.
    Activity,
    /// The daily backup made at start finished (in the background).
    DailyBackup(crate::ui::background::UiResult<crate::core::backup::daily::Daily>),
}

impl App {
    /// Opens the installation in `data_dir` (loading the demo data when it has none).
    pub fn new(data_dir: PathBuf) -> (App, Task<Message>) {
        App::with_options(data_dir, Options::default())
    }

    /// Like [`App::new`], with explicit [`Options`].
    pub fn with_options(data_dir: PathBuf, options: Options) -> (App, Task<Message>) {
        let mut app = App {
            data_dir,
            options,
            role: Role::default(),
            state: Err(String::new()),
            user: None,
            gate: None,
            last_activity: Instant::now(),
            idle_minutes: 10,
            daily_note: None,
        };
        app.open();
        let daily = app.daily_backup();
        if let Some(gate) = &app.gate {
            let first = gate.first_field();
            return (app, Task::batch([operation::focus(first), daily]));
        }
        (
            app,
            Task::batch([operation::focus(front_desk::NAME_FIELD), daily]),
        )
    }

    fn open(&mut self) {
        let (today, now) = (self.today(), self.now());
        self.state = Store::open(&self.data_dir)
            .and_then(|store| demo::ensure_demo(&store).map(|_| store))
            .map(|store| {
                let ctx = Context {
                    store: &store,
                    role: self.role,
                    actor: self.role.actor(),
                    today,
                    now,
                    print: self.options.print,
                    printers: self.options.printers,
                };
                let (front_desk, operator) =
                    (front_desk::State::new(&ctx), operator::State::new(&ctx));
                let (leadership, admin) = (leadership::State::new(&ctx), admin::State::new(&ctx));
                let snapshot = catalogue::active(&store.snapshots).ok().flatten();
                if let Ok(settings) = Settings::load(&store.register) {
                    self.idle_minutes = settings.idle_lock_minutes;
                }
                if self.options.sign_in && self.user.is_none() {
                    self.gate = sign_in::State::open(&store.register, None).ok();
                }
                Ready {
                    store,
                    snapshot,
                    front_desk,
                    operator,
                    leadership,
                    admin,
                }
            })
            .map_err(|e| e.to_string());
    }

    /// The date shown in the header and written on letters.
    pub fn today(&self) -> NaiveDate {
        self.options
            .today
            .or(self.options.now.map(|now| now.date()))
            .unwrap_or_else(|| Local::now().date_naive())
    }

    /// The moment waiting times are measured at (the office's wall clock).
    pub fn now(&self) -> NaiveDateTime {
        self.options
            .now
            .unwrap_or_else(|| Local::now().naive_local())
    }

    /// The role using the window.
    pub fn role(&self) -> Role {
        self.role
    }

    /// The signed-in user, if any.
    pub fn user(&self) -> Option<&User> {
        self.user.as_ref()
    }

    /// True while the sign-in panel covers the screens.
    pub fn signing_in(&self) -> bool {
        self.gate.is_some()
    }

    /// Who acts: the signed-in user's name, else the role's name (no users, or sign-in
    /// off).
    fn actor(&self) -> &'static str {
        match &self.user {
            Some(user) => actor_name(&user.name),
            None => self.role.actor(),
        }
    }

    /// True when the signed-in user may open `role`'s tab (anyone without sign-in).
    fn allowed(&self, role: Role) -> bool {
        self.user.as_ref().is_none_or(|user| user.has(role.needs()))
    }

    /// Puts the cursor where the work of the current role's screen starts (the first
    /// field of the tab it shows, none where the tab is worked by keys), so typing right
    /// after a role switch or a sign-in is never lost.
    fn first_field(&self) -> Task<Message> {
        let Ok(ready) = &self.state else {
            return Task::none();
        };
        screen::focus(match self.role {
            Role::PetugasLayanan => ready.front_desk.first_field(),
            Role::Operator => ready.operator.first_field(),
            Role::Pimpinan => ready.leadership.first_field(),
            Role::Admin => ready.admin.first_field(),
        })
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        if let Message::Retry = message {
            self.open();
            return self.daily_backup();
        }
        if let Message::DailyBackup(result) = message {
            self.daily_backup_done(result);
            return Task::none();
        }
        if let Some(task) = self.gatekeep(&message) {
            return task;
        }
        let (role, today, now, print) = (self.role, self.today(), self.now(), self.options.print);
        let (printers, actor) = (self.options.printers, self.actor());
        let may_check = self.allowed(Role::Operator);
        if let Message::RoleSelected(role) = message
            && !self.allowed(role)
        {
            return Task::none();
        }
        let Ok(ready) = &mut self.state else {
            return Task::none();
        };
        let Ready {
            store,
            snapshot,
            front_desk,
            operator,
            leadership,
            admin,
        } = ready;
        let ctx = Context {
            store,
            role,
            actor,
            today,
            now,
            print,
            printers,
        };
        let action = match route::to_screen(message, role) {
            Message::RoleSelected(role) => {
                self.role = role;
                let ctx = Context { role, ..ctx };
                match role {
                    Role::PetugasLayanan => front_desk.refresh(&ctx),
                    Role::Operator => operator.refresh(&ctx),
                    Role::Pimpinan => leadership.refresh(&ctx),
                    Role::Admin => admin.refresh(&ctx),
                }
                return self.first_field();
            }
            Message::FocusNext => return operation::focus_next(),
            Message::FocusPrevious => return operation::focus_previous(),
            Message::Move(_)
            | Message::MoveAlt(_)
            | Message::Enter
            | Message::SwitchTab(_)
            | Message::PrintShortcut
            | Message::PaperShortcut(_)
            | Message::Escape
            | Message::UndoShortcut
            | Message::HandOverShortcut
            | Message::Digit(_)
            | Message::Retry
            | Message::SignIn(_)
            | Message::SwitchUser
            | Message::Tick(_)
            | Message::DailyBackup(_)
            | Message::Activity => Action::None,
            // Only a user who may check is offered "Simpan & periksa"; for anyone else
            // it is "Simpan".
            Message::FrontDesk(front_desk::Message::SaveAndCheck) if !may_check => map(
                front_desk.update(front_desk::Message::Save, &ctx),
                Message::FrontDesk,
            ),
            Message::FrontDesk(m) => map(front_desk.update(m, &ctx), Message::FrontDesk),
            Message::Operator(m) => map(operator.update(m, &ctx), Message::Operator),
            Message::Leadership(m) => map(leadership.update(m, &ctx), Message::Leadership),
            Message::Admin(m) => map(admin.update(m, &ctx), Message::Admin),
        };
        match action {
            Action::None => Task::none(),
            Action::Run(task) => task,
            Action::SnapshotChanged => {
                *snapshot = catalogue::active(&store.snapshots).ok().flatten();
                Task::none()
            }
            Action::Register(person) => {
                let desk = Role::PetugasLayanan;
                if !self.user.as_ref().is_none_or(|user| user.has(desk.needs())) {
                    return Task::none();
                }
                self.role = desk;
                let ctx = Context { role: desk, ..ctx };
                front_desk.refresh(&ctx);
                match front_desk.prefill(person, &ctx) {
                    Action::Run(task) => task.map(Message::FrontDesk),
                    _ => Task::none(),
                }
            }
            Action::Check(id) if may_check => {
                // As the operator's own Enter on it: the queue's tab, this application
                // chosen and its NIK looked up (the check recorded by the core).
                self.role = Role::Operator;
                let ctx = Context {
                    role: Role::Operator,
                    ..ctx
                };
                operator.refresh(&ctx);
                let opened = [
                    operator::Message::TabSelected(operator::Tab::Antrean),
                    operator::Message::Choose(id),
                ]
                .map(|m| match map(operator.update(m, &ctx), Message::Operator) {
                    Action::Run(task) => task,
                    _ => Task::none(),
                });
                Task::batch(opened)
            }
            Action::Check(_) => Task::none(),
        }
    }

    /// The header with the role switcher, and the current role's screen.
    pub fn view(&self) -> Element<'_, Message> {
        let body: Element<'_, Message> = match &self.state {
            Err(e) => self.error_view(e),
            Ok(_) if self.gate.is_some() => match &self.gate {
                Some(gate) => gate.view().map(Message::SignIn),
                None => self.error_view(""),
            },
            Ok(ready) => match self.role {
                Role::PetugasLayanan => ready
                    .front_desk
                    .view(self.allowed(Role::Operator))
                    .map(Message::FrontDesk),
                Role::Operator => ready.operator.view().map(Message::Operator),
                Role::Pimpinan => ready.leadership.view().map(Message::Leadership),
                Role::Admin => ready.admin.view().map(Message::Admin),
            },
        };
        column![self.header(), body].into()
    }

    /// The window's theme.
    pub fn theme(&self) -> Theme {
        theme::theme()
    }

    /// Keyboard shortcuts that no widget took.
    pub fn subscription(&self) -> Subscription<Message> {
        let keys = keyboard::listen().filter_map(keys::shortcut);
        if self.user.is_none() || self.gate.is_some() {
            return keys;
        }
        let clicks = iced::event::listen_with(|event, _, _| match event {
            iced::Event::Mouse(
                iced::mouse::Event::ButtonPressed(_) | iced::mouse::Event::WheelScrolled { .. },
            ) => Some(Message::Activity),
            _ => None,
        });
        let clock = Subscription::run(gate::idle_clock);
        Subscription::batch([keys, clicks, clock])
    }
}

/// Lifts a screen's action into the window's messages.
fn map<M: Send + 'static, N: Send + 'static>(action: Action<M>, f: fn(M) -> N) -> Action<N> {
    match action {
        Action::None => Action::None,
        Action::Run(task) => Action::Run(task.map(f)),
        Action::SnapshotChanged => Action::SnapshotChanged,
        Action::Register(person) => Action::Register(person),
        Action::Check(id) => Action::Check(id),
    }
}
