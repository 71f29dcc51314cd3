//! Computing the report on its own thread, a month at a time, streaming how far it got
//! to the window (the same shape as the bulk check's and the import's jobs).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDateTime;
use iced::futures::Stream;
use iced::futures::channel::mpsc;

use crate::core::Store;
use crate::core::report::{self, Period, PeriodReport};
use crate::ui::background::{UiResult, shared};

/// What a running computation reports.
#[derive(Debug, Clone)]
pub enum Event {
    /// `done` of `total` months counted.
    Progress {
        /// Months counted so far.
        done: usize,
        /// Months the period touches.
        total: usize,
    },
    /// The report, or why it could not be made.
    Finished(UiResult<Box<PeriodReport>>),
}

/// Computes the report of `period` measured at `now` from the data dir `dir` on a new
/// thread. Setting `stop` ends the work after the month being counted; the stream then
/// ends without a result.
pub fn run(
    dir: PathBuf,
    period: Period,
    now: NaiveDateTime,
    stop: Arc<AtomicBool>,
) -> impl Stream<Item = Event> {
    let (sender, receiver) = mpsc::unbounded();
    std::thread::spawn(move || {
        let mut progress = |done, total| {
            let _ = sender.unbounded_send(Event::Progress { done, total });
            !stop.load(Ordering::Relaxed)
        };
        let result = Store::open(&dir).and_then(|store| {
            report::period_by_month(&store.register, period.from, period.to, now, &mut progress)
        });
        match shared(result) {
            Ok(None) => {}
            Ok(Some(report)) => {
                let _ = sender.unbounded_send(Event::Finished(Ok(Box::new(report))));
            }
            Err(e) => {
                let _ = sender.unbounded_send(Event::Finished(Err(e)));
            }
        }
    });
    receiver
}
