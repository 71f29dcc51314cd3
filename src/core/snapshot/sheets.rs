//! Which sheets of a workbook an import reads. Offices often keep one sheet per kecamatan
//! with the same columns: reading only the first would make everyone on the others "not
//! registered". So, unless the admin names a sheet, every sheet whose header maps to the
//! same columns is read; sheets without a NIK column (a "Rekap" sheet) are left out and
//! named; a sheet with NIK data in another layout stops the import, naming it, so that the
//! admin imports sheet by sheet.

use std::path::Path;

use rusqlite::Connection;

use crate::core::snapshot::header::{self, ColumnOverride, Header};
use crate::core::snapshot::preview;
use crate::core::snapshot::reading::SheetRows;
use crate::core::{Error, Result};

/// What to read, and how the header was found.
pub struct Chosen {
    /// The sources, in workbook order.
    pub sources: Vec<SheetRows>,
    /// The header of the first source (its mapping is remembered on success).
    pub header: Header,
    /// Sheets left out, and why.
    pub notes: Vec<String>,
}

/// How to find each sheet's header.
pub struct HeaderRules<'a> {
    /// The snapshot catalogue (remembered mappings).
    pub conn: &'a Connection,
    /// The admin's column mapping.
    pub overrides: &'a [ColumnOverride],
    /// Whether a NAMA column is required.
    pub require_name: bool,
    /// Whether columns told from their content are taken without confirmation.
    pub accept_guess: bool,
}

/// Opens the sheets of `file` to import: `sheet` alone when given, else every sheet with
/// the first NIK sheet's layout (a text file is its own single source).
pub fn choose(file: &Path, sheet: Option<&str>, rules: &HeaderRules<'_>) -> Result<Chosen> {
    let open = |sheet: Option<&str>| {
        header::open(
            file,
            sheet,
            rules.conn,
            rules.overrides,
            rules.require_name,
            rules.accept_guess,
        )
    };
    let names = match sheet {
        Some(_) => Vec::new(),
        None => preview::sheet_names(file)?,
    };
    if names.len() <= 1 {
        let (rows, header) = open(sheet)?;
        let sources = vec![SheetRows {
            sheet: None,
            rows,
            map: header.map.clone(),
        }];
        return Ok(Chosen {
            sources,
            header,
            notes: Vec::new(),
        });
    }
    let mut first: Option<Header> = None;
    let mut first_refusal = None;
    let (mut sources, mut notes, mut other_layout) = (Vec::new(), Vec::new(), Vec::new());
    for name in &names {
        match open(Some(name)) {
            Ok((rows, header)) if first.as_ref().is_none_or(|f| f.map == header.map) => {
                sources.push(SheetRows {
                    sheet: Some(name.clone()),
                    rows,
                    map: header.map.clone(),
                });
                first.get_or_insert(header);
            }
            Ok(_) => other_layout.push(format!("\"{name}\"")),
            Err(Error::Import { reason, .. }) if reason.contains("menurut isinya") => match first {
                Some(_) => other_layout.push(format!("\"{name}\"")),
                None => return Err(Error::import(file, reason)),
            },
            Err(e @ Error::Import { .. }) if is_missing_header(&e) => {
                notes.push(format!(
                    "lembar \"{name}\" dilewati: tidak ada kolom NIK/NAMA"
                ));
                first_refusal.get_or_insert(e);
            }
            Err(e) => return Err(e),
        }
    }
    let Some(header) = first else {
        return Err(first_refusal.unwrap_or_else(|| Error::import(file, "tidak ada lembar")));
    };
    if !other_layout.is_empty() {
        return Err(Error::import(
            file,
            format!(
                "lembar {} juga berisi data NIK tetapi susunan kolomnya berbeda dari lembar \
                 \"{}\"; impor lembar demi lembar (pilih lembarnya, atau --sheet NAMA)",
                other_layout.join(", "),
                sources[0].sheet.as_deref().unwrap_or_default()
            ),
        ));
    }
    Ok(Chosen {
        sources,
        header,
        notes,
    })
}

/// True for the refusal of a sheet without a NIK or NAMA header.
fn is_missing_header(error: &Error) -> bool {
    matches!(error, Error::Import { reason, .. }
        if reason.contains("kolom NIK tidak ditemukan") || reason.contains("kolom NAMA tidak ditemukan"))
}
