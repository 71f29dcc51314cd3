//! Running blocking core work off the UI thread.
//!
//! Each job gets its own thread (and opens its own `Store`: a connection is not shared
//! between threads); the UI awaits the answer as a future inside a `Task`.

use std::sync::Arc;

use iced::futures::channel::oneshot;

use crate::core::Error;

/// A core error that can travel inside a `Clone` message.
pub type UiError = Arc<Error>;

/// The result type of background jobs.
pub type UiResult<T> = Result<T, UiError>;

/// Runs `work` on a new thread; the returned future resolves with its result.
///
/// A job that panics resolves to an error instead of taking the window down.
pub fn spawn<T: Send + 'static>(
    work: impl FnOnce() -> UiResult<T> + Send + 'static,
) -> impl Future<Output = UiResult<T>> + Send + 'static {
    let (sender, receiver) = oneshot::channel();
    std::thread::spawn(move || {
        let _ = sender.send(work());
    });
    async move {
        receiver.await.unwrap_or_else(|_| {
            Err(Arc::new(Error::Invalid(
                "Proses latar belakang berhenti tiba-tiba; coba ulangi.".into(),
            )))
        })
    }
}

/// Converts a core result into one that fits in a message.
pub fn shared<T>(result: crate::core::Result<T>) -> UiResult<T> {
    result.map_err(Arc::new)
}

/// How often a long job's progress is sent to the window at most.
const PROGRESS_EVERY: std::time::Duration = std::time::Duration::from_millis(100);

/// The progress callback a long core job (import, bulk check) is given: each report is
/// passed to `send` (at most every [`PROGRESS_EVERY`], so the window is not flooded),
/// and the answer is whether to go on: `false` once `cancel` is set.
pub fn throttled_progress<P>(
    cancel: Arc<std::sync::atomic::AtomicBool>,
    mut send: impl FnMut(P),
) -> impl FnMut(P) -> bool {
    let mut last_sent: Option<std::time::Instant> = None;
    move |progress| {
        if last_sent.is_none_or(|t| t.elapsed() >= PROGRESS_EVERY) {
            last_sent = Some(std::time::Instant::now());
            send(progress);
        }
        !cancel.load(std::sync::atomic::Ordering::Relaxed)
    }
}
