//! The import form: kind of data, file, sheet, source or program, period, "Impor".

use std::fmt;

use iced::widget::{button, column, container, pick_list, row, text_input};
use iced::{Element, Fill};

use super::job::Mode;
use super::{Message, State};
use crate::core::settings::Source;
use crate::ui::file_dialog;
use crate::ui::widget::{bold, labelled, muted};

/// The sources offered in the pick list.
const SOURCES: [&str; 2] = ["DTKS", "DTSEN"];

/// Id of the "Lokasi berkas" field.
pub const PATH_FIELD: &str = "admin-lokasi-berkas";
/// Id of the period field.
pub const PERIOD_FIELD: &str = "admin-periode";
/// Id of the program name field (program mode).
pub const PROGRAM_FIELD: &str = "admin-program";

/// Which sheet of a spreadsheet to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetChoice {
    /// Every sheet with the layout of the first sheet that has a NIK column.
    Automatic,
    /// This sheet.
    Named(String),
}

impl SheetChoice {
    /// The sheet name to pass to the import (`None` for automatic).
    pub fn name(&self) -> Option<String> {
        match self {
            SheetChoice::Automatic => None,
            SheetChoice::Named(name) => Some(name.clone()),
        }
    }
}

impl fmt::Display for SheetChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SheetChoice::Automatic => f.write_str("Semua lembar NIK yang kolomnya sama"),
            SheetChoice::Named(name) => f.write_str(name),
        }
    }
}

impl State {
    /// The form; disabled while an import runs.
    pub(super) fn form(&self, running: bool) -> Element<'_, Message> {
        let enabled = |m: fn(String) -> Message| (!running).then_some(m);
        let path = text_input("/home/operator/Unduhan/dtks-2025-09.csv", &self.path)
            .id(PATH_FIELD)
            .padding(8)
            .on_input_maybe(enabled(Message::PathChanged))
            .on_submit(Message::Start);
        let period_hint = match self.mode {
            Mode::Snapshot => ("Periode (TTTT-BB)", "2025-09"),
            Mode::Program => ("Periode/tahap", "2025 tahap 3"),
        };
        let period = text_input(period_hint.1, &self.period)
            .id(PERIOD_FIELD)
            .padding(8)
            .on_input_maybe(enabled(Message::PeriodChanged))
            .on_submit(Message::Start);
        let kind = pick_list(Mode::ALL, Some(self.mode), Message::ModePicked)
            .padding(8)
            .width(Fill);
        let second: Element<'_, Message> = match self.mode {
            Mode::Snapshot => labelled(
                "Sumber",
                pick_list(SOURCES, Some(self.source.code()), |code: &str| {
                    Message::SourcePicked(Source::parse(code).unwrap_or_default())
                })
                .padding(8)
                .width(Fill),
                None,
            ),
            Mode::Program => labelled(
                "Nama program",
                text_input("PKH", &self.program)
                    .id(PROGRAM_FIELD)
                    .padding(8)
                    .on_input_maybe(enabled(Message::ProgramChanged))
                    .on_submit(Message::Start),
                None,
            ),
        };
        let mut form = column![
            row![
                container(labelled("Jenis data", kind, None)).width(260),
                labelled(
                    "Lokasi berkas",
                    path,
                    self.no_dialog.then_some(file_dialog::UNAVAILABLE)
                ),
                column![
                    muted(" "),
                    button("Pilih Berkas…")
                        .padding(8)
                        .style(button::secondary)
                        .on_press_maybe((!running).then_some(Message::Browse)),
                ]
                .spacing(4),
            ]
            .spacing(8),
        ]
        .spacing(12);
        let mut options = row![
            container(second).width(200),
            container(labelled(period_hint.0, period, None)).width(200),
        ]
        .spacing(16);
        if !self.sheets.is_empty() {
            let choices: Vec<SheetChoice> = std::iter::once(SheetChoice::Automatic)
                .chain(self.sheets.iter().cloned().map(SheetChoice::Named))
                .collect();
            options = options.push(
                container(labelled(
                    "Lembar",
                    pick_list(choices, Some(self.sheet.clone()), Message::SheetPicked)
                        .padding(8)
                        .width(Fill),
                    None,
                ))
                .width(360),
            );
        }
        let note = match self.mode {
            Mode::Snapshot => "Data yang sedang aktif tetap dipakai sampai impor selesai.",
            Mode::Program => "Penerima program ditambahkan ke data yang sedang aktif.",
        };
        form = form.push(options).push(
            row![
                button(bold("Impor"))
                    .padding([8, 24])
                    .on_press_maybe((!running).then_some(Message::Start)),
                muted(note),
            ]
            .spacing(12)
            .align_y(iced::Center),
        );
        form.into()
    }
}
