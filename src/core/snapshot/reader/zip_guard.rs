//! XLSX and ODS are zip archives: before calamine opens one, every XML part is inflated
//! here once, as a stream, counting what actually comes out (the sizes an entry declares
//! may lie) against the bounds, and scanned by [`XmlScan`]. Inflating to the end also
//! checks each entry's CRC, which calamine never reaches when it stops at `</sheetData>`:
//! a bit flip inside a sheet would otherwise import as garbled or missing rows.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use zip::ZipArchive;

use super::bounds::{
    MAX_OTHER_XML, MAX_RATIO, MAX_SHARED_STRINGS, MAX_SHEET_XML, MAX_TOTAL_XML, MAX_WHOLE_XML,
    MAX_ZIP_ENTRIES, number, size,
};
use super::ods_count::OdsCount;
use super::sheet::SpreadsheetKind;
use super::xml_scan::{CountStrings, Plain, Watcher, XmlScan};
use crate::core::{Error, Result};

/// Entries smaller than this inflate at any ratio (tiny parts compress very well).
const RATIO_FROM: u64 = 1 << 20;

/// Checks the zip workbook at `path` (XLSX or ODS) against the bounds.
pub(super) fn check(path: &Path, kind: SpreadsheetKind) -> Result<()> {
    let refuse = |reason: String| Error::import(path, reason);
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut archive = ZipArchive::new(BufReader::new(file))
        .map_err(|e| refuse(format!("lembar kerja rusak atau terpotong ({e})")))?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(refuse(format!(
            "arsip lembar kerja berisi {} bagian; batasnya {}",
            number(archive.len() as u64),
            number(MAX_ZIP_ENTRIES as u64)
        )));
    }
    let mut total = 0u64;
    let mut buffer = vec![0u8; 64 * 1024];
    for index in 0..archive.len() {
        let mut entry = archive
            .by_index(index)
            .map_err(|e| refuse(format!("lembar kerja rusak ({e})")))?;
        let name = entry.name().to_string();
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let limit = limit_of(kind, &name);
        let packed = entry.compressed_size().max(1);
        let past = |what: String| refuse(format!("bagian \"{name}\" {what}"));
        if entry.size() > limit {
            return Err(past(too_big(entry.size(), limit)));
        }
        let mut watcher = watcher_of(kind, &name);
        let mut scan = XmlScan::new();
        let mut inflated = 0u64;
        loop {
            let n = entry.read(&mut buffer).map_err(|e| {
                refuse(format!(
                    "lembar kerja rusak atau terpotong: bagian \"{name}\" tidak utuh ({e})"
                ))
            })?;
            if n == 0 {
                break;
            }
            inflated += n as u64;
            total += n as u64;
            if inflated > limit {
                return Err(past(too_big(inflated, limit)));
            }
            if inflated > RATIO_FROM && inflated / packed > MAX_RATIO {
                return Err(past(format!(
                    "mengembang lebih dari {}× ukuran mampatnya; batasnya {}× \
                     (kemungkinan \"bom zip\")",
                    number(inflated / packed),
                    number(MAX_RATIO)
                )));
            }
            if total > MAX_TOTAL_XML {
                return Err(refuse(format!(
                    "isi lembar kerja mengembang melebihi {}; batasnya {}",
                    size(total),
                    size(MAX_TOTAL_XML)
                )));
            }
            scan.feed(&buffer[..n], watcher.as_mut()).map_err(&past)?;
        }
        scan.finish().map_err(&past)?;
        watcher.finish().map_err(&past)?;
    }
    Ok(())
}

fn too_big(bytes: u64, limit: u64) -> String {
    format!(
        "berukuran {} setelah dibuka; batasnya {}",
        size(bytes),
        size(limit)
    )
}

/// The inflated size allowed for part `name`.
fn limit_of(kind: SpreadsheetKind, name: &str) -> u64 {
    match (kind, name) {
        (SpreadsheetKind::Xlsx, n) if n.starts_with("xl/worksheets/") => MAX_SHEET_XML,
        (SpreadsheetKind::Xlsx, "xl/sharedStrings.xml") => MAX_WHOLE_XML,
        (SpreadsheetKind::Ods, "content.xml") => MAX_WHOLE_XML,
        _ => MAX_OTHER_XML,
    }
}

/// A scan watcher that can also judge the part once it is read to its end.
trait Part: Watcher {
    fn finish(&mut self) -> std::result::Result<(), String>;
}

impl Part for Plain {
    fn finish(&mut self) -> std::result::Result<(), String> {
        Ok(())
    }
}

impl Part for OdsCount {
    fn finish(&mut self) -> std::result::Result<(), String> {
        self.check()
    }
}

impl Part for CountStrings {
    fn finish(&mut self) -> std::result::Result<(), String> {
        if self.count > MAX_SHARED_STRINGS {
            return Err(format!(
                "berisi {} teks bersama; batasnya {}",
                number(self.count),
                number(MAX_SHARED_STRINGS)
            ));
        }
        Ok(())
    }
}

fn watcher_of(kind: SpreadsheetKind, name: &str) -> Box<dyn Part> {
    match (kind, name) {
        (SpreadsheetKind::Xlsx, "xl/sharedStrings.xml") => Box::new(CountStrings::default()),
        (SpreadsheetKind::Ods, "content.xml") => Box::new(OdsCount::default()),
        _ => Box::new(Plain),
    }
}
