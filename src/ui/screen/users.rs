//! Admin → "Pengguna": the users of the counter PC, adding one with roles and a PIN,
//! resetting a PIN, deactivating and activating, and "Buka Kunci" for a user locked
//! after five wrong PINs ("terkunci s.d. 10:45"). While the office has no users, the form
//! creates the first Admin.

use chrono::{DateTime, Local};
use iced::widget::{button, checkbox, column, row, text, text_input};
use iced::{Element, Fill};

use super::{Action, Context};
use crate::core::users::{self, Account, NewUser, Role, User};
use crate::ui::widget::{error_text, labelled, muted, section, success_text};

/// Id of the new user's name field, the first field of the form.
pub const NAME_FIELD: &str = "pengguna-nama";

/// The "Pengguna" tab.
#[derive(Debug, Default)]
pub struct State {
    accounts: Vec<Account>,
    name: String,
    nip: String,
    roles: Vec<Role>,
    pin: String,
    result: Option<Result<String, String>>,
    /// When the list was read: who is still locked is judged against it.
    now: Option<DateTime<Local>>,
}

/// Messages of the "Pengguna" tab.
#[derive(Debug, Clone)]
pub enum Message {
    /// The new user's name was edited.
    NameChanged(String),
    /// The new user's NIP was edited.
    NipChanged(String),
    /// A role was ticked or unticked.
    RoleToggled(Role, bool),
    /// The PIN (new user, or reset) was edited.
    PinChanged(String),
    /// "Tambah Pengguna".
    Add,
    /// "Reset PIN" for this user, to the PIN typed.
    ResetPin(String),
    /// "Nonaktifkan" this user.
    Deactivate(String),
    /// "Aktifkan" this user again.
    Reactivate(String),
    /// "Buka Kunci": lift this user's lock-out after wrong PINs.
    Unlock(String),
}

impl State {
    /// The tab with the current list.
    pub fn new(ctx: &Context<'_>) -> State {
        let mut state = State::default();
        state.refresh(ctx);
        state
    }

    /// Re-reads the list.
    pub fn refresh(&mut self, ctx: &Context<'_>) {
        self.accounts = users::list(&ctx.store.register).unwrap_or_default();
        self.now = Some(ctx.at());
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, ctx: &Context<'_>) -> Action<Message> {
        let conn = &ctx.store.register;
        let outcome = match message {
            Message::NameChanged(v) => return self.edit(|s| s.name = v),
            Message::NipChanged(v) => return self.edit(|s| s.nip = v),
            Message::PinChanged(v) => {
                return self
                    .edit(|s| s.pin = v.chars().filter(char::is_ascii_digit).take(8).collect());
            }
            Message::RoleToggled(role, on) => {
                return self.edit(|s| {
                    s.roles.retain(|r| *r != role);
                    if on {
                        s.roles.push(role);
                    }
                });
            }
            Message::Add => self.add(ctx),
            Message::ResetPin(name) => self.admin(ctx).and_then(|admin| {
                users::set_pin(conn, &admin, &name, &self.pin, ctx.at())
                    .map(|()| format!("PIN {name} diganti."))
            }),
            Message::Deactivate(name) => self.admin(ctx).and_then(|admin| {
                users::deactivate(conn, &admin, &name, ctx.at())
                    .map(|()| format!("{name} dinonaktifkan."))
            }),
            Message::Reactivate(name) => self.admin(ctx).and_then(|admin| {
                users::reactivate(conn, &admin, &name, ctx.at())
                    .map(|()| format!("{name} aktif kembali."))
            }),
            Message::Unlock(name) => self.admin(ctx).and_then(|admin| {
                users::unlock(conn, &admin, &name, ctx.at())
                    .map(|()| format!("Kunci {name} dibuka; {name} dapat masuk lagi."))
            }),
        };
        if outcome.is_ok() {
            self.pin.clear();
        }
        self.result = Some(outcome.map_err(|e| e.to_string()));
        self.refresh(ctx);
        Action::None
    }

    fn edit(&mut self, change: impl FnOnce(&mut State)) -> Action<Message> {
        change(self);
        self.result = None;
        Action::None
    }

    fn add(&mut self, ctx: &Context<'_>) -> crate::core::Result<String> {
        let conn = &ctx.store.register;
        let user = if users::any(conn)? {
            let new = NewUser {
                name: self.name.clone(),
                nip: self.nip.clone(),
                roles: Role::ALL
                    .into_iter()
                    .filter(|r| self.roles.contains(r))
                    .collect(),
                pin: self.pin.clone(),
            };
            users::add(conn, &self.admin(ctx)?, new, ctx.at())?
        } else {
            users::create_first_user(conn, &self.name, &self.nip, &self.pin, ctx.at())?
        };
        (self.name, self.nip, self.roles) = (String::new(), String::new(), Vec::new());
        Ok(format!("Pengguna {} ditambahkan.", user.name))
    }

    /// The signed-in Admin acting here.
    fn admin(&self, ctx: &Context<'_>) -> crate::core::Result<User> {
        users::find(&ctx.store.register, ctx.actor)?
            .map(|a| a.user)
            .ok_or_else(|| crate::core::Error::Invalid("Masuk sebagai Admin dahulu.".into()))
    }

    /// The list and the form.
    pub fn view(&self) -> Element<'_, Message> {
        let mut list = column![].spacing(6);
        if self.accounts.is_empty() {
            list = list.push(muted(
                "Belum ada pengguna: buat Admin pertama di bawah (peran diabaikan, selalu Admin).",
            ));
        }
        for account in &self.accounts {
            let name = account.user.name.clone();
            let locked = self.now.and_then(|now| account.locked_at(now));
            let state = match (account.active, locked) {
                (false, _) => "nonaktif".to_string(),
                (true, Some(until)) => format!("terkunci s.d. {}", until.format("%H:%M")),
                (true, None) => "aktif".to_string(),
            };
            let toggle = if account.active {
                button("Nonaktifkan").on_press(Message::Deactivate(name.clone()))
            } else {
                button("Aktifkan").on_press(Message::Reactivate(name.clone()))
            };
            let mut line = row![
                text(account.user.name.as_str()).width(Fill),
                text(account.user.nip.as_str()).width(160),
                text(Role::join(&account.user.roles)).width(220),
                muted(state).width(150),
            ]
            .spacing(12)
            .align_y(iced::Center);
            if locked.is_some() && account.active {
                line = line.push(button("Buka Kunci").on_press(Message::Unlock(name.clone())));
            }
            list = list.push(
                line.push(button("Reset PIN").on_press(Message::ResetPin(name)))
                    .push(toggle),
            );
        }
        let roles = Role::ALL.into_iter().fold(row![].spacing(16), |r, role| {
            r.push(
                checkbox(self.roles.contains(&role))
                    .label(role.code())
                    .on_toggle(move |on| Message::RoleToggled(role, on)),
            )
        });
        let form = column![
            row![
                labelled(
                    "Nama",
                    text_input("Nama", &self.name)
                        .id(NAME_FIELD)
                        .on_input(Message::NameChanged),
                    None
                ),
                labelled(
                    "NIP",
                    text_input("NIP", &self.nip).on_input(Message::NipChanged),
                    None
                ),
                labelled(
                    "PIN (4-8 angka; juga untuk Reset PIN)",
                    text_input("PIN", &self.pin)
                        .secure(true)
                        .on_input(Message::PinChanged),
                    None,
                ),
            ]
            .spacing(12),
            roles,
            button("Tambah Pengguna").on_press(Message::Add),
        ]
        .spacing(12);
        let mut content = column![section("Pengguna", list), section("Tambah Pengguna", form)]
            .spacing(16)
            .padding(16);
        match &self.result {
            Some(Ok(done)) => content = content.push(success_text(done.as_str())),
            Some(Err(e)) => content = content.push(error_text(e.as_str())),
            None => {}
        }
        content.into()
    }
}
