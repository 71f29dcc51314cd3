//! The progress of a running import and the summary of a finished one, with its table of
//! rejected rows and "Simpan Daftar Ditolak (CSV)".

use std::path::PathBuf;
use std::sync::Arc;

use iced::Task;
use iced::widget::{button, column, container, progress_bar, row, scrollable, text, text_input};
use iced::{Element, Fill};

use super::Message;
use super::job::{self, Mode};
use crate::core::numbers;
use crate::core::snapshot::{ImportProgress, ImportSummary};
use crate::ui::background::UiResult;
use crate::ui::file_dialog;
use crate::ui::screen::Action;
use crate::ui::widget::{bold, error_text, info_row, muted, success_text};

/// How many rejected rows the table lists.
pub const REJECTS_SHOWN: usize = 200;

/// How many repaired rows are listed (each is also counted).
const REPAIRS_SHOWN: usize = 5;

/// Id of the field holding where the reject list is saved.
pub const REJECTS_PATH_FIELD: &str = "admin-lokasi-ditolak";

/// A finished import as the screen shows it.
#[derive(Debug)]
pub struct Finished {
    /// The core's summary (shared with the job that saves the reject list).
    pub summary: Arc<ImportSummary>,
    /// Snapshot or program list.
    pub mode: Mode,
    /// Program name (program mode).
    pub program: String,
    /// Where to save the reject list (typed, or given by the save dialog).
    pub rejects_path: String,
    /// The outcome of the last save: the path written, or why it failed.
    pub saved: Option<Result<String, String>>,
    /// A save is under way.
    pub saving: bool,
}

/// The progress bar with rows, speed and time left, and the cancel button (gone once every
/// row is read: the indexes are then built and the import can no longer stop halfway).
pub fn progress_view(progress: Option<&ImportProgress>, cancelling: bool) -> Element<'_, Message> {
    let (fraction, line) = match progress {
        None => (0.0, "Membuka berkas…".to_string()),
        Some(p) if p.fraction >= 1.0 => (
            1.0,
            format!(
                "{} baris terbaca  ·  menyusun indeks NIK dan nama, sebentar lagi selesai…",
                p.rows
            ),
        ),
        Some(p) => {
            let left = p
                .remaining()
                .map(|d| format!("sisa sekitar {} detik", d.as_secs() + 1))
                .unwrap_or_else(|| "menghitung sisa waktu…".into());
            (
                p.fraction,
                format!(
                    "{} baris dibaca  ·  {} baris/detik  ·  {left}",
                    numbers::thousands(p.rows),
                    numbers::thousands(p.rows_per_second().max(0.0) as u64)
                ),
            )
        }
    };
    let cancel = if fraction >= 1.0 {
        None
    } else if cancelling {
        Some(button("Membatalkan…").style(button::secondary))
    } else {
        Some(
            button("Batal")
                .style(button::danger)
                .on_press(Message::Cancel),
        )
    };
    column![
        progress_bar(0.0..=1.0, fraction),
        row![text(line).width(Fill)]
            .push(cancel)
            .align_y(iced::Center),
    ]
    .spacing(10)
    .into()
}

impl Finished {
    /// "Simpan Daftar Ditolak (CSV)": writes to the typed location in the background,
    /// or asks for one with the save dialog when none is typed.
    pub fn save(&mut self) -> Action<Message> {
        if self.saving {
            return Action::None;
        }
        let path = self.rejects_path.trim();
        if path.is_empty() {
            let dialog = rfd::AsyncFileDialog::new()
                .set_title("Simpan daftar baris ditolak")
                .set_file_name("ditolak.csv")
                .add_filter("CSV", &["csv"]);
            return Action::Run(file_dialog::save_file(dialog, Message::RejectsPathChosen));
        }
        self.saving = true;
        self.saved = None;
        Action::Run(Task::perform(
            job::save_rejects(self.summary.clone(), PathBuf::from(path)),
            Message::RejectsSaved,
        ))
    }

    /// The reject list was written, or could not be.
    pub fn saved(&mut self, result: UiResult<PathBuf>) {
        self.saving = false;
        self.saved = Some(
            result
                .map(|p| p.display().to_string())
                .map_err(|e| e.to_string()),
        );
    }

    /// The counts, the rejected rows and the save row.
    pub fn view(&self) -> Element<'_, Message> {
        let s = &*self.summary;
        let headline = match self.mode {
            Mode::Snapshot => format!(
                "Data {} periode {} aktif.",
                s.snapshot.source, s.snapshot.period
            ),
            Mode::Program => format!(
                "Penerima program {} ditambahkan ke data {} periode {}.",
                self.program.trim().to_uppercase(),
                s.snapshot.source,
                s.snapshot.period
            ),
        };
        let mut content = column![
            success_text(headline),
            info_row("Baris dibaca", numbers::thousands(s.rows_read)),
            info_row("Diimpor", numbers::thousands(s.imported)),
            info_row("Ditolak", numbers::thousands(s.rejected)),
            info_row("Duplikat", numbers::thousands(s.duplicates)),
            info_row("Format", s.format.clone()),
        ]
        .spacing(6);
        for sheet in &s.sheets {
            content = content.push(info_row(
                sheet.sheet.as_str(),
                format!("{} baris (lembar)", numbers::thousands(sheet.rows_read)),
            ));
        }
        if !s.repairs.is_empty() {
            content = content.push(info_row("Diperbaiki", numbers::count(s.repairs.len())));
        }
        for note in &s.notes {
            content = content.push(muted(format!("Catatan: {note}.")));
        }
        for repair in s.repairs.iter().take(REPAIRS_SHOWN) {
            content = content.push(muted(format!(
                "Baris {} diperbaiki: {}",
                repair.row, repair.reason
            )));
        }
        if !s.rejects.is_empty() {
            content = content.push(self.rejects_view());
        }
        content.into()
    }

    fn rejects_view(&self) -> Element<'_, Message> {
        let rejects = &self.summary.rejects;
        let mut table =
            column![row![container(bold("Baris")).width(80), bold("Alasan")]].spacing(4);
        for reject in rejects.iter().take(REJECTS_SHOWN) {
            table = table.push(row![
                container(text(reject.row.to_string())).width(80),
                text(reject.reason.as_str()).width(Fill),
            ]);
        }
        let rest = rejects.len().saturating_sub(REJECTS_SHOWN);
        let title = if rest > 0 {
            format!(
                "Baris yang ditolak ({REJECTS_SHOWN} pertama, {rest} lainnya ada di berkas CSV):"
            )
        } else {
            format!("Baris yang ditolak ({}):", rejects.len())
        };
        let path = text_input(
            "Lokasi berkas CSV, misalnya /home/operator/ditolak.csv",
            &self.rejects_path,
        )
        .id(REJECTS_PATH_FIELD)
        .padding(8)
        .on_input_maybe((!self.saving).then_some(Message::RejectsPathChanged))
        .on_submit(Message::SaveRejects);
        let save = button("Simpan Daftar Ditolak (CSV)")
            .padding(8)
            .style(button::secondary)
            .on_press_maybe((!self.saving).then_some(Message::SaveRejects));
        let mut content = column![
            muted(title),
            container(scrollable(table).height(iced::Shrink)).max_height(320),
            row![path, save].spacing(8).align_y(iced::Center),
            muted("Kosongkan lokasi untuk memilihnya lewat jendela simpan."),
        ]
        .spacing(8);
        match &self.saved {
            Some(Ok(path)) => {
                content = content.push(success_text(format!("Daftar ditolak disimpan: {path}")))
            }
            Some(Err(e)) => content = content.push(error_text(e.as_str())),
            None => {}
        }
        content.into()
    }
}
