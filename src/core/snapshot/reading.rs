//! Reading and parsing a file's rows on a background thread, so that reading and
//! normalising (one core) overlap with writing to SQLite (the other core). A workbook may
//! give several sheets of the same layout (one per kecamatan): they are read in turn.

use std::panic::AssertUnwindSafe;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use serde::Serialize;

use crate::core::snapshot::columns::ColumnMap;
use crate::core::snapshot::evidence::Evidence;
use crate::core::snapshot::import::Reject;
use crate::core::snapshot::normalize;
use crate::core::snapshot::parse::{Columns, Parsed};
use crate::core::snapshot::reader::{Cell, Rows};
use crate::core::{Error, Result};

/// Rows sent to the writer at a time.
const BATCH: usize = 4096;

/// One source of rows: a text file, or one sheet of a workbook, positioned after its
/// header, with the header's column map.
pub struct SheetRows {
    /// The sheet's name (`None` for a text file or a single chosen sheet).
    pub sheet: Option<String>,
    /// Its rows.
    pub rows: Rows,
    /// Which column holds which field.
    pub map: ColumnMap,
}

/// Data rows read from one sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SheetCount {
    /// The sheet's name.
    pub sheet: String,
    /// Data rows read (blank and totals rows excluded).
    pub rows_read: u64,
}

/// What the reader knows once it reached the end of every sheet.
#[derive(Debug, Clone, Default)]
pub struct End {
    /// What the whole file showed about its columns.
    pub evidence: Evidence,
    /// Rows read per named sheet.
    pub sheets: Vec<SheetCount>,
}

/// A batch of parsed rows with the reader's position.
pub struct Batch {
    /// Parsed rows, in file order.
    pub items: Vec<Parsed>,
    /// Data rows read so far (blank and totals rows excluded).
    pub rows_read: u64,
    /// Fraction of the file read.
    pub fraction: f32,
    /// The data's period from the file's PERIODE column (its first value), if any.
    pub period: Option<String>,
    /// Lines the reader repaired (read in another encoding), with what was done.
    pub repairs: Vec<Reject>,
    /// Set on the last batch only, once the reader reached the end of every sheet. A
    /// stream that stops without it was cut short.
    pub end: Option<End>,
}

/// Reads and parses the sources in turn on a new thread; batches arrive on the receiver,
/// the last one carrying [`Batch::end`]. A reader error, or a panic anywhere in reading,
/// arrives as an error instead. Dropping the receiver stops the thread at its next batch.
pub fn spawn(sources: Vec<SheetRows>) -> Receiver<Result<Batch>> {
    let (send, receive) = sync_channel(4);
    std::thread::spawn(move || {
        let mut last_line = 0;
        let read = std::panic::catch_unwind(AssertUnwindSafe(|| {
            read_all(sources, &send, &mut last_line)
        }));
        let failure = match read {
            Ok(Ok(())) => return,
            Ok(Err(e)) => e,
            Err(_) => Error::Invalid(format!(
                "pembacaan berkas berhenti karena isi yang tidak terduga sesudah baris \
                 {last_line}; tidak ada yang diimpor"
            )),
        };
        let _ = send.send(Err(failure));
    });
    receive
}

/// The reading loop of [`spawn`]; `Ok` also when the receiver went away.
fn read_all(
    sources: Vec<SheetRows>,
    send: &SyncSender<Result<Batch>>,
    last_line: &mut u64,
) -> Result<()> {
    let mut rows_read = 0u64;
    let mut end = End::default();
    let mut batch = Batch::default();
    let mut cells = Vec::new();
    let count = sources.len();
    for (index, source) in sources.into_iter().enumerate() {
        let SheetRows {
            sheet,
            mut rows,
            map,
        } = source;
        let columns = Columns::new(&map);
        let before = rows_read;
        // Rejects name their sheet when several are read.
        let label = sheet.as_ref().filter(|_| count > 1);
        while let Some(row) = rows.next_row_into(&mut cells) {
            let line = row?;
            *last_line = line;
            rows_read += batch.take_issues(&mut rows, label);
            if cells.iter().all(Cell::is_blank)
                || normalize::is_totals_row(&cells)
                || columns.is_repeated_header(&cells)
            {
                continue;
            }
            rows_read += 1;
            if batch.period.is_none() {
                batch.period = columns.period(&cells);
            }
            let parsed = match columns.parse(line, &cells, &mut end.evidence) {
                Parsed::Reject(reject) => Parsed::Reject(in_sheet(reject, label)),
                person => person,
            };
            batch.items.push(parsed);
            if batch.items.len() >= BATCH {
                let next = Batch {
                    period: batch.period.clone(),
                    ..Batch::default()
                };
                let full = Batch {
                    rows_read,
                    fraction: (index as f32 + rows.fraction()) / count as f32,
                    ..std::mem::replace(&mut batch, next)
                };
                if send.send(Ok(full)).is_err() {
                    return Ok(());
                }
            }
        }
        rows_read += batch.take_issues(&mut rows, label);
        if let Some(sheet) = sheet {
            end.sheets.push(SheetCount {
                sheet,
                rows_read: rows_read - before,
            });
        }
    }
    let _ = send.send(Ok(Batch {
        rows_read,
        fraction: 1.0,
        end: Some(end),
        ..batch
    }));
    Ok(())
}

/// The reject with the sheet named in its reason, when there is one to name.
fn in_sheet(reject: Reject, sheet: Option<&String>) -> Reject {
    match sheet {
        Some(sheet) => Reject {
            reason: format!("lembar \"{sheet}\": {}", reject.reason),
            ..reject
        },
        None => reject,
    }
}

impl Batch {
    /// Moves the reader's rejected and repaired lines into the batch; returns how many
    /// lines were rejected (they count as rows read).
    fn take_issues(&mut self, rows: &mut Rows, sheet: Option<&String>) -> u64 {
        let mut rejected = 0;
        for issue in rows.take_issues() {
            let note = in_sheet(
                Reject {
                    row: issue.line,
                    reason: issue.reason,
                },
                sheet,
            );
            match issue.rejected {
                true => {
                    rejected += 1;
                    self.items.push(Parsed::Reject(note));
                }
                false => self.repairs.push(note),
            }
        }
        rejected
    }
}

impl Default for Batch {
    fn default() -> Batch {
        Batch {
            items: Vec::with_capacity(BATCH),
            rows_read: 0,
            fraction: 0.0,
            period: None,
            repairs: Vec::new(),
            end: None,
        }
    }
}
