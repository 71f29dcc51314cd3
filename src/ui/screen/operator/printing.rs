//! The print settings chosen at print time: printer (from the installed list) and copies.

use std::path::Path;

use iced::widget::{button, column, pick_list, row, text_input};
use iced::{Element, Fill, Task};

use super::work::{self, PrintTarget, PrinterSetup};
use crate::ui::background::{UiResult, spawn};
use crate::ui::screen::PrintersFn;
use crate::ui::widget::{error_text, labelled, muted};

/// Id of the copies field.
pub const COPIES_FIELD: &str = "operator-salinan";

/// Most copies accepted in one job.
const MAX_COPIES: u32 = 10;

/// Printer list and the operator's choice.
#[derive(Debug, Default)]
pub struct Printing {
    loading: bool,
    loaded: bool,
    names: Vec<String>,
    printer: Option<String>,
    copies: String,
    error: Option<String>,
}

/// Messages of the print settings.
#[derive(Debug, Clone)]
pub enum Message {
    /// The printer list (and the settings' choice) was read.
    Loaded(UiResult<PrinterSetup>),
    /// A printer was picked.
    PrinterPicked(String),
    /// The copies field was edited.
    CopiesChanged(String),
    /// "Muat Ulang Printer" was pressed.
    Reload,
}

impl Printing {
    /// Starts reading the printer list unless it is loaded or loading.
    pub fn ensure_loaded(&mut self, dir: &Path, list: PrintersFn) -> Task<Message> {
        if self.loading || self.loaded {
            return Task::none();
        }
        self.load(dir, list)
    }

    fn load(&mut self, dir: &Path, list: PrintersFn) -> Task<Message> {
        self.loading = true;
        let dir = dir.to_path_buf();
        Task::perform(spawn(move || work::printers(&dir, list)), Message::Loaded)
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message, dir: &Path, list: PrintersFn) -> Task<Message> {
        match message {
            Message::Loaded(result) => {
                self.loading = false;
                match result {
                    Ok(setup) => {
                        self.error = None;
                        self.loaded = true;
                        self.names = setup.names;
                        if self.printer.is_none() {
                            self.printer = setup.chosen;
                        }
                        if self.copies.trim().is_empty() {
                            self.copies = setup.copies.to_string();
                        }
                    }
                    Err(e) => self.error = Some(e.to_string()),
                }
            }
            Message::PrinterPicked(name) => self.printer = Some(name),
            Message::CopiesChanged(copies) => self.copies = copies,
            Message::Reload => return self.load(dir, list),
        }
        Task::none()
    }

    /// The printer and copies to print with, or why the copies are not acceptable.
    pub fn target(&self) -> Result<PrintTarget, String> {
        let copies = match self.copies.trim() {
            "" => 1,
            text => text
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=MAX_COPIES).contains(n))
                .ok_or_else(|| format!("Jumlah salinan harus angka 1 sampai {MAX_COPIES}."))?,
        };
        Ok(PrintTarget {
            printer: self.printer.clone(),
            copies,
        })
    }

    /// The pick list and the copies field.
    pub fn view(&self) -> Element<'_, Message> {
        let printers = pick_list(
            self.names.as_slice(),
            self.printer.as_ref(),
            Message::PrinterPicked,
        )
        .placeholder(if self.loading {
            "Membaca daftar printer…"
        } else {
            "Printer bawaan sistem"
        })
        .width(Fill);
        let copies = text_input("2", &self.copies)
            .id(COPIES_FIELD)
            .on_input(Message::CopiesChanged)
            .padding(6)
            .width(70);
        let mut content = column![
            row![
                labelled("Printer", printers, None),
                labelled("Salinan", copies, None),
            ]
            .spacing(10),
            row![
                muted("Standar: satu salinan untuk pemohon, satu untuk arsip.").width(Fill),
                button("Muat Ulang Printer")
                    .style(button::secondary)
                    .on_press_maybe((!self.loading).then_some(Message::Reload)),
            ]
            .spacing(8)
            .align_y(iced::Center),
        ]
        .spacing(6);
        if let Some(error) = &self.error {
            content = content.push(error_text(format!(
                "Daftar printer tidak dapat dibaca: {error}"
            )));
        } else if self.loaded && self.names.is_empty() {
            content = content.push(error_text(
                "Tidak ada printer yang terpasang; surat tetap diterbitkan dan diarsipkan, \
                 lalu dapat dicetak ulang.",
            ));
        }
        if let Err(e) = self.target() {
            content = content.push(error_text(e));
        }
        content.into()
    }
}
