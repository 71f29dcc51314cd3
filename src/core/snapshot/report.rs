//! The reject report: every refused row with its reason, as a CSV the admin can save and
//! hand back to the data team.

use std::path::Path;

use crate::core::snapshot::ImportSummary;
use crate::core::{Error, Result};

/// Writes `baris,alasan` rows for each reject of `summary` to `path` (UTF-8 with BOM so
/// Excel opens it with the right characters).
pub fn write_rejects_csv(summary: &ImportSummary, path: &Path) -> Result<()> {
    let io = |e: std::io::Error| Error::io(path, e);
    let file = std::fs::File::create(path).map_err(io)?;
    let mut out = std::io::BufWriter::new(file);
    std::io::Write::write_all(&mut out, "\u{feff}".as_bytes()).map_err(io)?;
    let mut writer = csv::WriterBuilder::new().delimiter(b';').from_writer(out);
    let csv_err = |e: csv::Error| Error::io(path, std::io::Error::other(e));
    writer.write_record(["baris", "alasan"]).map_err(csv_err)?;
    for reject in &summary.rejects {
        writer
            .write_record([reject.row.to_string(), reject.reason.clone()])
            .map_err(csv_err)?;
    }
    writer.flush().map_err(io)
}
