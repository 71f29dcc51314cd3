//! The panel in front of the screens: "Buat Admin pertama" on a data dir without users,
//! otherwise the sign-in (pick your name, type the PIN, Enter). It covers the screens
//! without touching them, so switching user or unlocking after idle keeps typed work.

use chrono::{DateTime, Local};
use iced::widget::{button, column, container, row, text, text_input};
use iced::{Element, Fill};
use rusqlite::Connection;

use crate::core::Result;
use crate::core::users::{self, User};
use crate::ui::theme;
use crate::ui::widget::{error_text, heading, labelled, muted};

/// The PIN field (focused once a name is picked).
pub const PIN_FIELD: &str = "masuk-pin";
/// The name field of the first Admin (focused on a fresh installation).
pub const NAME_FIELD: &str = "masuk-nama";

/// What the panel asks for.
#[derive(Debug)]
enum Panel {
    /// No user exists yet: the first Admin.
    FirstAdmin {
        name: String,
        nip: String,
        pin: String,
        again: String,
    },
    /// Pick a name and type the PIN.
    SignIn {
        names: Vec<String>,
        picked: Option<String>,
        pin: String,
    },
}

/// The sign-in panel.
#[derive(Debug)]
pub struct State {
    panel: Panel,
    error: Option<String>,
}

/// Messages of the sign-in panel.
#[derive(Debug, Clone)]
pub enum Message {
    /// The first Admin's name was edited.
    NameChanged(String),
    /// The first Admin's NIP was edited.
    NipChanged(String),
    /// The PIN was edited.
    PinChanged(String),
    /// The repeated PIN (first Admin) was edited.
    AgainChanged(String),
    /// A name was picked from the list.
    Picked(String),
    /// "Masuk" / "Buat Admin", or Enter in the PIN field.
    Submit,
}

impl State {
    /// The panel for the data dir behind `conn`; `picked` preselects a name (unlocking
    /// after idle asks only for the PIN).
    pub fn open(conn: &Connection, picked: Option<&str>) -> Result<State> {
        let accounts = users::list(conn)?;
        let panel = if accounts.is_empty() {
            Panel::FirstAdmin {
                name: String::new(),
                nip: String::new(),
                pin: String::new(),
                again: String::new(),
            }
        } else {
            let names: Vec<String> = accounts
                .into_iter()
                .filter(|a| a.active)
                .map(|a| a.user.name)
                .collect();
            let picked = picked.filter(|p| names.iter().any(|n| n == p));
            Panel::SignIn {
                picked: picked.map(str::to_owned),
                names,
                pin: String::new(),
            }
        };
        Ok(State { panel, error: None })
    }

    /// Handles a message; returns the user once signed in (or the first Admin made).
    pub fn update(
        &mut self,
        message: Message,
        conn: &Connection,
        at: DateTime<Local>,
    ) -> Option<User> {
        match (&mut self.panel, message) {
            (Panel::FirstAdmin { name, .. }, Message::NameChanged(v)) => *name = v,
            (Panel::FirstAdmin { nip, .. }, Message::NipChanged(v)) => *nip = v,
            (Panel::FirstAdmin { pin, .. } | Panel::SignIn { pin, .. }, Message::PinChanged(v)) => {
                *pin = v.chars().filter(char::is_ascii_digit).take(8).collect();
            }
            (Panel::FirstAdmin { again, .. }, Message::AgainChanged(v)) => {
                *again = v.chars().filter(char::is_ascii_digit).take(8).collect();
            }
            (Panel::SignIn { picked, pin, .. }, Message::Picked(name)) => {
                *picked = Some(name);
                pin.clear();
                self.error = None;
            }
            (
                Panel::FirstAdmin {
                    name,
                    nip,
                    pin,
                    again,
                },
                Message::Submit,
            ) => {
                if pin != again {
                    self.error = Some("Kedua PIN tidak sama.".into());
                    return None;
                }
                let made = users::create_first_user(conn, name, nip, pin, at);
                return self.settle(made);
            }
            (Panel::SignIn { picked, pin, .. }, Message::Submit) => {
                let Some(name) = picked.clone() else {
                    self.error = Some("Pilih nama Anda dahulu.".into());
                    return None;
                };
                let entered = std::mem::take(pin);
                return self.settle(users::authenticate(conn, &name, &entered, at));
            }
            _ => {}
        }
        None
    }

    fn settle(&mut self, outcome: Result<User>) -> Option<User> {
        match outcome {
            Ok(user) => Some(user),
            Err(e) => {
                self.error = Some(e.to_string());
                None
            }
        }
    }

    /// The panel.
    pub fn view(&self) -> Element<'_, Message> {
        let form: Element<'_, Message> = match &self.panel {
            Panel::FirstAdmin {
                name,
                nip,
                pin,
                again,
            } => column![
                heading("Buat Admin pertama"),
                muted(
                    "Belum ada pengguna. Admin pertama menambah pengguna lain di Admin → Pengguna."
                ),
                labelled(
                    "Nama",
                    text_input("Nama lengkap", name)
                        .id(NAME_FIELD)
                        .on_input(Message::NameChanged),
                    None
                ),
                labelled(
                    "NIP",
                    text_input("NIP (boleh kosong)", nip).on_input(Message::NipChanged),
                    None
                ),
                labelled("PIN (4-8 angka)", pin_input(pin), None),
                labelled(
                    "Ulangi PIN",
                    text_input("PIN", again)
                        .secure(true)
                        .on_input(Message::AgainChanged)
                        .on_submit(Message::Submit),
                    None,
                ),
                button("Buat Admin")
                    .padding([8, 16])
                    .on_press(Message::Submit),
            ]
            .spacing(12)
            .into(),
            Panel::SignIn { names, picked, pin } => {
                let buttons = names.iter().fold(row![].spacing(8), |r, name| {
                    let chosen = picked.as_deref() == Some(name.as_str());
                    r.push(
                        button(text(name.as_str()).size(18))
                            .padding([12, 20])
                            // The chosen name solid, the others light: it reads on the
                            // white card (the header's role style does not).
                            .style(move |t, status| {
                                if chosen {
                                    button::primary(t, status)
                                } else {
                                    theme::queue_row(false)(t, status)
                                }
                            })
                            .on_press(Message::Picked(name.clone())),
                    )
                });
                column![
                    heading("Masuk"),
                    muted("Pilih nama Anda, ketik PIN, lalu Enter."),
                    buttons.wrap(),
                    labelled("PIN", pin_input(pin), None),
                    button("Masuk").padding([8, 16]).on_press(Message::Submit),
                ]
                .spacing(12)
                .into()
            }
        };
        let mut content = column![form].spacing(12).max_width(640);
        if let Some(error) = &self.error {
            content = content.push(error_text(error.as_str()));
        }
        // Scrolls when many names (or a long error) pass a 600-pixel-high screen.
        iced::widget::scrollable(
            container(container(content).padding(24).style(theme::card))
                .padding(32)
                .width(Fill)
                .center_x(Fill),
        )
        .into()
    }
}

impl State {
    /// The field to type in first: the name of the first Admin, else the PIN.
    pub fn first_field(&self) -> &'static str {
        match self.panel {
            Panel::FirstAdmin { .. } => NAME_FIELD,
            Panel::SignIn { .. } => PIN_FIELD,
        }
    }
}

fn pin_input(pin: &str) -> text_input::TextInput<'_, Message> {
    text_input("PIN", pin)
        .id(PIN_FIELD)
        .secure(true)
        .on_input(Message::PinChanged)
        .on_submit(Message::Submit)
}
