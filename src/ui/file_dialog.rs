//! The system file dialogs ("Pilih Berkas…", "Simpan ke…"), telling a cancelled dialog
//! from one that could not open.
//!
//! rfd 0.17 with the `xdg-portal` feature asks the desktop's file-chooser portal over
//! D-Bus and answers `None` both when the clerk cancels and when there is no portal (it
//! only logs the error). Many office PCs run a bare window manager, so every screen with a
//! dialog also has a field to type the path in, and on [`Chosen::Unavailable`] it says so
//! ([`UNAVAILABLE`]) and puts the cursor in that field ([`focus_typed_path`]).
//!
//! "Unavailable" is decided pragmatically, as nothing better is exposed:
//! - no `DBUS_SESSION_BUS_ADDRESS` in the environment: there is no session bus to reach a
//!   portal, so the dialog is not even tried;
//! - or the dialog answered `None` in less than [`FASTEST_CANCEL`]: no person opens a
//!   dialog, reads it and cancels that quickly, so it never showed.

use std::future::Future;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use iced::Task;
use iced::widget::operation;

/// What the clerk tells a screen whose dialog could not open.
pub const UNAVAILABLE: &str =
    "Dialog berkas tidak tersedia di komputer ini; ketik jalurnya di kolom ini.";

/// A `None` faster than this means the dialog never showed.
pub const FASTEST_CANCEL: Duration = Duration::from_millis(300);

/// How a file dialog ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chosen {
    /// A file was chosen.
    Picked(PathBuf),
    /// The clerk closed the dialog without choosing.
    Cancelled,
    /// No dialog could be shown on this computer.
    Unavailable,
}

/// Whether a session bus is there to reach the desktop's portal.
fn session_bus() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty())
}

/// Runs `show` (an rfd dialog) and tells how it ended.
async fn ask<F>(show: impl FnOnce() -> F) -> Chosen
where
    F: Future<Output = Option<rfd::FileHandle>>,
{
    let chosen = ask_on(session_bus(), || async {
        show().await.map(|file| file.path().to_path_buf())
    });
    chosen.await
}

/// [`ask`] with the session bus there or not (`bus`), and `show` answering a path.
async fn ask_on<F>(bus: bool, show: impl FnOnce() -> F) -> Chosen
where
    F: Future<Output = Option<PathBuf>>,
{
    if !bus {
        return Chosen::Unavailable;
    }
    let opened = Instant::now();
    match show().await {
        Some(path) => Chosen::Picked(path),
        None if opened.elapsed() < FASTEST_CANCEL => Chosen::Unavailable,
        None => Chosen::Cancelled,
    }
}

/// Opens `dialog` to choose an existing file; `done` turns the answer into a message.
pub fn pick_file<M: Send + 'static>(
    dialog: rfd::AsyncFileDialog,
    done: impl Fn(Chosen) -> M + Send + 'static,
) -> Task<M> {
    Task::perform(ask(move || dialog.pick_file()), done)
}

/// Opens `dialog` to choose where to save; `done` turns the answer into a message.
pub fn save_file<M: Send + 'static>(
    dialog: rfd::AsyncFileDialog,
    done: impl Fn(Chosen) -> M + Send + 'static,
) -> Task<M> {
    Task::perform(ask(move || dialog.save_file()), done)
}

/// Puts the cursor in the typed-path field `id` (after [`Chosen::Unavailable`]).
pub fn focus_typed_path<M: Send + 'static>(id: &'static str) -> Task<M> {
    operation::focus(id)
}

#[cfg(test)]
mod tests {
    use iced::futures::executor::block_on;

    use super::*;

    #[test]
    fn without_a_session_bus_no_dialog_is_tried() {
        let mut tried = false;
        let chosen = block_on(ask_on(false, || {
            tried = true;
            async { Some(PathBuf::from("/tmp/x.csv")) }
        }));
        assert_eq!(chosen, Chosen::Unavailable);
        assert!(!tried);
    }

    #[test]
    fn an_instant_none_never_showed_and_a_slow_one_was_cancelled() {
        assert_eq!(
            block_on(ask_on(true, || async { None })),
            Chosen::Unavailable
        );
        let slow = ask_on(true, || async {
            std::thread::sleep(FASTEST_CANCEL + Duration::from_millis(20));
            None
        });
        assert_eq!(block_on(slow), Chosen::Cancelled);
        let picked = ask_on(true, || async { Some(PathBuf::from("/tmp/x.csv")) });
        assert_eq!(block_on(picked), Chosen::Picked("/tmp/x.csv".into()));
    }
}
