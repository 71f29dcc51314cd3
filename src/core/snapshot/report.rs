//! The reject report: every refused row with its reason, as a CSV the admin can save and
//! hand back to the data team.

use std::path::Path;

use crate::core::files::write_atomically;
use crate::core::register::neutralise_cell;
use crate::core::snapshot::ImportSummary;
use crate::core::{Error, Result};

/// Writes `baris;alasan` rows for each reject of `summary` to `path` (UTF-8 with BOM so
/// Excel opens it with the right characters), through a temporary file renamed into
/// place; a reason quoting a hostile cell is neutralised ([`neutralise_cell`]).
pub fn write_rejects_csv(summary: &ImportSummary, path: &Path) -> Result<()> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(b"\xef\xbb\xbf".to_vec());
    let csv_err = |e: csv::Error| Error::io(path, std::io::Error::other(e));
    writer.write_record(["baris", "alasan"]).map_err(csv_err)?;
    for reject in &summary.rejects {
        writer
            .write_record([reject.row.to_string(), neutralise_cell(&reject.reason)])
            .map_err(csv_err)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| Error::io(path, std::io::Error::other(e.to_string())))?;
    write_atomically(path, &bytes)
}
