//! The office logo panel of the settings screen: choose a PNG/JPG (file dialog or a
//! typed path), see whether one is in use, remove it. The file is read, checked and
//! stored in the background ([`crate::core::logo::save`]); it takes effect at once.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local};
use iced::widget::{button, column, row, text_input};
use iced::{Element, Task};

use crate::core::{Error, Store, logo};
use crate::ui::background::{UiResult, shared, spawn};
use crate::ui::file_dialog::{self, Chosen};
use crate::ui::widget::{error_text, muted, success_text};

/// Id of the typed-path field (focused when no file dialog can open).
pub const PATH_FIELD: &str = "pengaturan-logo-path";

/// The panel's state.
#[derive(Debug, Default)]
pub struct LogoPanel {
    /// Whether the office has a logo stored.
    pub in_use: bool,
    path: String,
    busy: bool,
    notice: Option<Result<String, String>>,
}

/// Messages of the logo panel.
#[derive(Debug, Clone)]
pub enum Message {
    /// The typed path was edited.
    PathEdited(String),
    /// "Pilih Logo…": open the file dialog.
    Browse,
    /// The file dialog closed: a file chosen, cancelled, or no dialog could open.
    Browsed(Chosen),
    /// "Pakai Logo" (or Enter in the path field): read and store the typed file.
    Use,
    /// "Hapus Logo": letters go out with a text-only letterhead.
    Remove,
    /// Storing or removing finished: whether a logo is now in use.
    Done(UiResult<bool>),
}

impl LogoPanel {
    /// The panel for an office that has (`in_use`) or has no logo.
    pub fn new(in_use: bool) -> LogoPanel {
        LogoPanel {
            in_use,
            ..LogoPanel::default()
        }
    }

    /// Handles a message; `dir` is the data dir, `actor` who changes the logo and `at`
    /// when.
    pub fn update(
        &mut self,
        message: Message,
        dir: &Path,
        actor: &str,
        at: DateTime<Local>,
    ) -> Task<Message> {
        match message {
            Message::PathEdited(path) => self.path = path,
            Message::Browse => {
                let dialog = rfd::AsyncFileDialog::new()
                    .set_title("Pilih logo kantor")
                    .add_filter("Gambar (PNG, JPG)", &["png", "jpg", "jpeg"]);
                return file_dialog::pick_file(dialog, Message::Browsed);
            }
            Message::Browsed(Chosen::Picked(path)) => {
                self.path = path.display().to_string();
                return self.update(Message::Use, dir, actor, at);
            }
            Message::Browsed(Chosen::Cancelled) => {}
            Message::Browsed(Chosen::Unavailable) => {
                self.notice = Some(Err(file_dialog::UNAVAILABLE.into()));
                return file_dialog::focus_typed_path(PATH_FIELD);
            }
            Message::Use if !self.busy && !self.path.trim().is_empty() => {
                self.busy = true;
                let (dir, actor) = (dir.to_path_buf(), actor.to_string());
                let file = PathBuf::from(self.path.trim());
                return Task::perform(
                    spawn(move || {
                        let bytes = std::fs::read(&file).map_err(|e| Error::io(&file, e));
                        let store = shared(Store::open(&dir))?;
                        let saved = shared(bytes).and_then(|b| {
                            shared(logo::save(
                                &store.register,
                                &b,
                                &actor,
                                chrono::Local::now(),
                            ))
                        });
                        saved.map(|_| true)
                    }),
                    Message::Done,
                );
            }
            Message::Use => {}
            Message::Remove if !self.busy => {
                self.busy = true;
                let (dir, actor) = (dir.to_path_buf(), actor.to_string());
                return Task::perform(
                    spawn(move || {
                        let store = shared(Store::open(&dir))?;
                        shared(logo::remove(&store.register, &actor, at)).map(|_| false)
                    }),
                    Message::Done,
                );
            }
            Message::Remove => {}
            Message::Done(result) => {
                self.busy = false;
                self.notice = Some(match result {
                    Ok(true) => {
                        self.in_use = true;
                        self.path.clear();
                        Ok("Logo disimpan; surat berikutnya memakai logo ini.".into())
                    }
                    Ok(false) => {
                        self.in_use = false;
                        Ok("Logo dihapus; kop surat tanpa logo.".into())
                    }
                    Err(e) => Err(e.to_string()),
                });
            }
        }
        Task::none()
    }

    /// The panel: state, path field and buttons.
    pub fn view(&self) -> Element<'_, Message> {
        let state = if self.in_use {
            muted("Logo kantor dipakai di kop surat.")
        } else {
            muted("Belum ada logo: kop surat hanya berisi teks.")
        };
        let path = text_input(
            "Lokasi berkas PNG/JPG, mis. /home/admin/logo.png",
            &self.path,
        )
        .id(PATH_FIELD)
        .on_input(Message::PathEdited)
        .on_submit(Message::Use);
        let mut buttons = row![
            button("Pilih Logo…")
                .style(button::secondary)
                .on_press_maybe((!self.busy).then_some(Message::Browse)),
            button("Pakai Logo").on_press_maybe(
                (!self.busy && !self.path.trim().is_empty()).then_some(Message::Use)
            ),
        ]
        .spacing(8);
        if self.in_use {
            buttons = buttons.push(
                button("Hapus Logo")
                    .style(button::danger)
                    .on_press_maybe((!self.busy).then_some(Message::Remove)),
            );
        }
        let mut panel = column![state, path, buttons].spacing(8);
        match &self.notice {
            Some(Ok(ok)) => panel = panel.push(success_text(ok.as_str())),
            Some(Err(e)) => panel = panel.push(error_text(e.as_str())),
            None => {}
        }
        panel.into()
    }
}
