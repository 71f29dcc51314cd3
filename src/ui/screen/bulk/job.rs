//! The background work of the bulk check screen: the check on its own thread, streaming
//! progress to the window.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use chrono::{DateTime, Local};
use iced::futures::Stream;
use iced::futures::channel::mpsc;

use crate::core::Store;
use crate::core::bulk::{self, BulkProgress, BulkSummary};
use crate::ui::background::{UiResult, shared, throttled_progress};

/// What a running check reports.
#[derive(Debug, Clone)]
pub enum Event {
    /// Rows done so far.
    Progress(BulkProgress),
    /// The check ended: its summary, or why it failed or was cancelled.
    Finished(UiResult<BulkSummary>),
}

/// One check to run.
#[derive(Debug, Clone)]
pub struct Request {
    /// The data dir (the thread opens its own store).
    pub dir: PathBuf,
    /// The list.
    pub input: PathBuf,
    /// The new result file.
    pub output: PathBuf,
    /// Who checks, for the audit log.
    pub actor: String,
    /// When, for the audit log.
    pub at: DateTime<Local>,
}

/// Starts the check on a new thread; setting `cancel` stops it at its next progress
/// report, before anything is written.
pub fn run(request: Request, cancel: Arc<AtomicBool>) -> impl Stream<Item = Event> {
    let (sender, receiver) = mpsc::unbounded();
    std::thread::spawn(move || {
        let progress_sender = sender.clone();
        let mut progress = throttled_progress(cancel, move |progress| {
            let _ = progress_sender.unbounded_send(Event::Progress(progress));
        });
        let result = Store::open(&request.dir).and_then(|store| {
            bulk::check_file(
                &store,
                &request.input,
                &request.output,
                &mut progress,
                &request.actor,
                request.at,
            )
        });
        let _ = sender.unbounded_send(Event::Finished(shared(result)));
    });
    receiver
}

/// The result file suggested for a list: beside it, named after it
/// (`siswa.xlsx` → `siswa-hasil-cek.xlsx`).
pub fn suggested_output(input: &str) -> String {
    let input = PathBuf::from(input.trim());
    let Some(stem) = input.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
        return String::new();
    };
    input
        .with_file_name(format!("{stem}-hasil-cek.xlsx"))
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_result_is_suggested_beside_the_list() {
        assert_eq!(
            suggested_output("/home/op/siswa.csv"),
            "/home/op/siswa-hasil-cek.xlsx"
        );
        assert_eq!(suggested_output(""), "");
    }
}
