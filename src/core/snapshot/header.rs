//! Finding the header row below title and blank rows, with the admin's own column
//! mapping for files whose headers we do not recognise. A mapping that worked is
//! remembered for the same header layout, so the next export of the same shape imports
//! without asking again.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::core::snapshot::columns::{ColumnMap, Field, classify, normalize_header};
use crate::core::snapshot::guess;
use crate::core::snapshot::reader::{self, Cell, Rows};
use crate::core::{Error, Result};

/// Rows searched for a header.
const HEADER_SEARCH_ROWS: usize = 50;

/// "This header names that field", given by the admin (CLI `--map NIK=NO_IDENTITAS`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnOverride {
    /// The field.
    pub field: Field,
    /// The header text as written in the file (compared without case and punctuation).
    pub header: String,
}

impl ColumnOverride {
    /// Parses `FIELD=HEADER`, where FIELD is any known header spelling (NIK, NAMA, NO_KK,
    /// TGL_LAHIR, JK, ALAMAT, DESA, KECAMATAN, IDDTKS, DESIL, PROGRAM, PKH, ...).
    pub fn parse(text: &str) -> Result<ColumnOverride> {
        let (key, header) = text.split_once('=').ok_or_else(|| {
            Error::Invalid(format!(
                "Pemetaan \"{text}\" harus berbentuk KOLOM=JUDUL, misalnya NIK=NO_IDENTITAS."
            ))
        })?;
        let field = classify(key).ok_or_else(|| {
            Error::Invalid(format!(
                "Kolom \"{key}\" tidak dikenal; gunakan NIK, NAMA, NO_KK, TGL_LAHIR, JK, ALAMAT, DESA, KECAMATAN, IDDTKS, DESIL atau PROGRAM."
            ))
        })?;
        Ok(ColumnOverride {
            field,
            header: header.trim().to_string(),
        })
    }
}

/// The header row found, and how its columns map.
pub struct Header {
    /// Which column holds which field.
    pub map: ColumnMap,
    /// The header layout key, for remembering a mapping.
    pub layout: String,
    /// The admin's overrides that applied (to be remembered on success).
    pub overrides: Vec<ColumnOverride>,
    /// How the columns were told from their content, when no header named them.
    pub guessed: Option<String>,
}

/// The layout key of a header row: its normalised headers joined.
fn layout_key(texts: &[String]) -> String {
    texts
        .iter()
        .map(|t| normalize_header(t))
        .collect::<Vec<_>>()
        .join("|")
}

/// Applies overrides to a row's synonym map; `None` unless every override's header is there.
fn apply(texts: &[String], overrides: &[ColumnOverride]) -> Option<ColumnMap> {
    let mut map = ColumnMap::from_headers(texts);
    for o in overrides {
        let wanted = normalize_header(&o.header);
        let index = texts.iter().position(|t| normalize_header(t) == wanted)?;
        map.columns.retain(|(i, f)| *f != o.field && *i != index);
        map.columns.insert(0, (index, o.field.clone()));
    }
    Some(map)
}

fn remembered(conn: &Connection, layout: &str) -> Result<Option<Vec<ColumnOverride>>> {
    let json: Option<String> = conn
        .query_row(
            "SELECT mapping FROM column_mapping WHERE layout = ?1",
            [layout],
            |r| r.get(0),
        )
        .optional()?;
    Ok(json.map(|j| serde_json::from_str(&j)).transpose()?)
}

/// Stores the overrides used for a header layout (call inside the import transaction).
pub fn remember(conn: &Connection, header: &Header) -> Result<()> {
    if header.overrides.is_empty() {
        return Ok(());
    }
    conn.execute(
        "INSERT INTO column_mapping(layout, mapping) VALUES (?1, ?2)
         ON CONFLICT(layout) DO UPDATE SET mapping = excluded.mapping",
        params![header.layout, serde_json::to_string(&header.overrides)?],
    )?;
    Ok(())
}

/// Opens `file` and reads rows until its header: the first row where NIK (and, when
/// `require_name`, NAMA) can be mapped by synonyms, the given overrides, or a remembered
/// mapping. Failing that, the columns are told from their content ([`guess`]): used
/// when `accept_guess` (the command line reports it), refused otherwise so that the
/// window can ask the admin to confirm. The rows come back positioned after the header.
pub fn open(
    file: &Path,
    sheet: Option<&str>,
    conn: &Connection,
    overrides: &[ColumnOverride],
    require_name: bool,
    accept_guess: bool,
) -> Result<(Rows, Header)> {
    let mut rows = reader::open(file, sheet, &has_nik_header)?;
    let mut seen: Vec<(u64, Vec<String>)> = Vec::new();
    let mut nik_without_name = false;
    while seen.len() < HEADER_SEARCH_ROWS {
        let Some(row) = rows.next_row() else { break };
        let (line, cells) = row?;
        let texts: Vec<String> = cells.iter().map(Cell::text).collect();
        if texts.iter().all(String::is_empty) {
            continue;
        }
        let layout = layout_key(&texts);
        let used = match remembered(conn, &layout)? {
            Some(saved) if overrides.is_empty() => saved,
            _ => overrides.to_vec(),
        };
        if let Some(map) = apply(&texts, &used)
            && map.index(&Field::Nik).is_some()
        {
            if map.index(&Field::Name).is_some() || !require_name {
                let header = Header {
                    map,
                    layout,
                    overrides: used,
                    guessed: None,
                };
                return Ok((rows, header));
            }
            nik_without_name = true;
        }
        seen.push((line, texts));
    }
    let texts: Vec<Vec<String>> = seen.iter().map(|(_, t)| t.clone()).collect();
    let Some(guess) = guess::guess(&texts).filter(|_| !nik_without_name) else {
        return Err(Error::import(file, not_found_reason(nik_without_name)));
    };
    let (line, header_texts) = &seen[guess.header_row];
    let described = guess.describe(header_texts);
    let overrides = guess.overrides(header_texts);
    let map = apply(header_texts, &overrides).unwrap_or_default();
    if require_name && map.index(&Field::Name).is_none() {
        return Err(Error::import(file, not_found_reason(true)));
    }
    if !accept_guess {
        return Err(Error::import(
            file,
            format!(
                "kolom NIK tidak dikenali dari judulnya; menurut isinya {described}: periksa \
                 dan setujui pemetaannya"
            ),
        ));
    }
    let rows = reopen_after(file, sheet, *line)?;
    let header = Header {
        map,
        layout: layout_key(header_texts),
        overrides,
        guessed: Some(described),
    };
    Ok((rows, header))
}

/// The file opened again and read up to and including line `header_line`.
fn reopen_after(file: &Path, sheet: Option<&str>, header_line: u64) -> Result<Rows> {
    let mut rows = reader::open(file, sheet, &has_nik_header)?;
    while let Some(row) = rows.next_row() {
        if row?.0 >= header_line {
            rows.take_issues();
            return Ok(rows);
        }
    }
    Err(Error::import(file, "berkas berubah saat dibaca"))
}

fn not_found_reason(nik_without_name: bool) -> &'static str {
    if nik_without_name {
        "kolom NAMA tidak ditemukan di baris judul; tentukan kolomnya dengan pemetaan \
         (misalnya --map NAMA=NAMA_KRT)"
    } else {
        "kolom NIK tidak ditemukan di 50 baris pertama; pastikan berkas memiliki baris judul \
         dengan kolom NIK dan NAMA, atau tentukan kolomnya dengan pemetaan (misalnya \
         --map NIK=NO_IDENTITAS)"
    }
}

/// True when a row has a header we recognise as NIK (used to pick a spreadsheet's sheet).
pub fn has_nik_header(cells: &[Cell]) -> bool {
    cells
        .iter()
        .any(|c| matches!(classify(&c.text()), Some(Field::Nik)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_overrides() {
        let o = ColumnOverride::parse("NIK=No Identitas").unwrap();
        assert_eq!((o.field, o.header.as_str()), (Field::Nik, "No Identitas"));
        assert!(ColumnOverride::parse("NIK").is_err());
        assert!(ColumnOverride::parse("WARNA=X").is_err());
    }

    #[test]
    fn override_replaces_a_synonym_column() {
        let row = texts(&["NO IDENTITAS", "NAMA", "NIK IBU"]);
        let o = vec![ColumnOverride::parse("NIK=no identitas").unwrap()];
        let map = apply(&row, &o).unwrap();
        assert_eq!(map.index(&Field::Nik), Some(0));
        assert_eq!(map.index(&Field::Name), Some(1));
        assert!(apply(&texts(&["A", "B"]), &o).is_none());
    }
}
