//! The import job (a thread streaming progress) and its progress and summary views.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use iced::futures::Stream;
use iced::futures::channel::mpsc;
use iced::widget::{button, column, container, progress_bar, row, text};
use iced::{Element, Fill};

use super::Message;
use crate::core::settings::Source;
use crate::core::snapshot::{ImportOptions, ImportProgress, ImportSummary, import};
use crate::ui::background::{UiResult, shared};
use crate::ui::widget::{bold, info_row, muted, success_text};

/// How often progress is sent to the window.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// How many rejected rows the summary lists.
const REJECTS_SHOWN: usize = 20;

/// What a running import reports.
#[derive(Debug, Clone)]
pub enum Event {
    /// Rows read so far, speed and estimate.
    Progress(ImportProgress),
    /// The import ended: its summary, or why it failed or was cancelled.
    Finished(UiResult<ImportSummary>),
}

/// Starts importing `file` into the installation in `dir` on a new thread.
///
/// Setting `cancel` makes the import stop at the next progress report; the previous
/// snapshot then stays active.
pub fn run(
    dir: PathBuf,
    file: PathBuf,
    source: Source,
    period: Option<String>,
    cancel: Arc<AtomicBool>,
) -> impl Stream<Item = Event> {
    let (sender, receiver) = mpsc::unbounded();
    std::thread::spawn(move || {
        let options = ImportOptions {
            source,
            period,
            ..ImportOptions::default()
        };
        let mut last_sent: Option<Instant> = None;
        let result = import::import_snapshot(&dir, &file, &options, &mut |progress| {
            if last_sent.is_none_or(|t| t.elapsed() >= PROGRESS_EVERY) {
                last_sent = Some(Instant::now());
                let _ = sender.unbounded_send(Event::Progress(progress));
            }
            !cancel.load(Ordering::Relaxed)
        });
        let _ = sender.unbounded_send(Event::Finished(shared(result)));
    });
    receiver
}

/// The progress bar with rows, speed and time left, and the cancel button.
pub fn progress_view(progress: Option<&ImportProgress>, cancelling: bool) -> Element<'_, Message> {
    let (fraction, line) = match progress {
        None => (0.0, "Membuka berkas…".to_string()),
        Some(p) => {
            let left = p
                .remaining()
                .map(|d| format!("sisa sekitar {} detik", d.as_secs() + 1))
                .unwrap_or_else(|| "menghitung sisa waktu…".into());
            (
                p.fraction,
                format!(
                    "{} baris dibaca  ·  {:.0} baris/detik  ·  {left}",
                    p.rows,
                    p.rows_per_second()
                ),
            )
        }
    };
    let cancel = if cancelling {
        button("Membatalkan…").style(button::secondary)
    } else {
        button("Batal")
            .style(button::danger)
            .on_press(Message::Cancel)
    };
    column![
        progress_bar(0.0..=1.0, fraction),
        row![text(line).width(Fill), cancel].align_y(iced::Center),
    ]
    .spacing(10)
    .into()
}

/// The counts of a finished import and its first rejected rows.
pub fn summary_view(summary: &ImportSummary) -> Element<'_, Message> {
    let mut content = column![
        success_text(format!(
            "Data {} periode {} aktif.",
            summary.snapshot.source, summary.snapshot.period
        )),
        info_row("Baris dibaca", summary.rows_read.to_string()),
        info_row("Diimpor", summary.imported.to_string()),
        info_row("Ditolak", summary.rejected.to_string()),
        info_row("Duplikat", summary.duplicates.to_string()),
        info_row("Format", summary.format.clone()),
    ]
    .spacing(6);
    if !summary.rejects.is_empty() {
        content = content.push(muted(format!(
            "Baris yang ditolak ({} pertama):",
            summary.rejects.len().min(REJECTS_SHOWN)
        )));
        content = content.push(row![container(bold("Baris")).width(80), bold("Alasan")]);
        for reject in summary.rejects.iter().take(REJECTS_SHOWN) {
            content = content.push(row![
                container(text(reject.row.to_string())).width(80),
                text(reject.reason.as_str()).width(Fill),
            ]);
        }
    }
    content.into()
}
