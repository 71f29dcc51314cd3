//! Turning raw cells into clean values: NIK, dates, sex, flags, names.

mod dates;

pub use dates::{date, iso_date, period, period_in_file_name, place_and_date};

use crate::core::nik::Nik;
use crate::core::snapshot::reader::Cell;

/// Largest integer a spreadsheet's binary floating point stores exactly (2^53).
const EXACT_LIMIT: f64 = 9_007_199_254_740_992.0;

/// Reads a NIK from a cell, or says why it cannot be trusted.
pub fn nik(cell: &Cell) -> Result<Nik, String> {
    match cell {
        Cell::Number(n) if *n >= EXACT_LIMIT => Err(format!(
            "NIK tersimpan sebagai angka ({n:.0}) di atas 2^53 sehingga digit terakhirnya \
             tidak dapat dipercaya; simpan kolom NIK sebagai teks"
        )),
        Cell::Number(n) if n.fract() != 0.0 => Err(format!("NIK bukan bilangan bulat ({n})")),
        Cell::Date(_) => Err("NIK berformat tanggal".into()),
        other => Nik::parse(strip_export_wrapping(&other.as_text()))
            .map_err(|e| format!("NIK tidak valid: {e}")),
    }
}

/// Undoes what exports do to keep a NIK as text or what a float round trip adds:
/// `="3520…"` (Excel formula), `"3520…"`, and a trailing `.0` (`3520….0`).
fn strip_export_wrapping(text: &str) -> &str {
    let t = text.trim();
    let t = t.strip_prefix('=').unwrap_or(t);
    let t = t.trim_matches('"');
    match t.split_once('.') {
        Some((digits, zeros))
            if digits.len() == 16
                && digits.bytes().all(|b| b.is_ascii_digit())
                && !zeros.is_empty()
                && zeros.bytes().all(|b| b == b'0') =>
        {
            digits
        }
        _ => t,
    }
}

/// A DTSEN decile 1-10 from "3", "3.0" or "Desil 3"; anything else is no decile.
pub fn desil(text: &str) -> Option<i64> {
    let number = text
        .trim()
        .trim_start_matches(|c: char| c.is_alphabetic() || c.is_whitespace());
    // "3,0" from a spreadsheet with a decimal comma.
    number
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|d| (1.0..=10.0).contains(d) && d.fract() == 0.0)
        .map(|d| d as i64)
}

/// True for YA/Y/1/TRUE/V/✓ style flag values.
pub fn flag(cell: &Cell) -> bool {
    match cell {
        Cell::Number(n) => *n >= 1.0,
        other => {
            let text = other.as_text();
            text.parse::<f64>().is_ok_and(|n| n >= 1.0)
                || [
                    "YA", "Y", "TRUE", "V", "✓", "✔", "√", "X", "ADA", "PENERIMA",
                ]
                .iter()
                .any(|yes| text.eq_ignore_ascii_case(yes))
        }
    }
}

/// Splits a program list cell ("PKH, BPNT / PBI-JK") into clean names.
pub fn program_list(text: &str) -> Vec<String> {
    text.split([',', ';', '/', '+'])
        .map(|p| p.trim().to_uppercase().replace(['-', '_'], " "))
        .filter(|p| !p.is_empty() && p != "-" && p != "TIDAK ADA")
        .collect()
}

/// Name key for searching: lower case, apostrophes of any style removed, single spaces.
pub fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    let mut space = false;
    for c in name
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | '‘' | '`' | 'ʼ'))
    {
        let mut push = |c: char, alphanumeric: bool| {
            if alphanumeric {
                if space && !key.is_empty() {
                    key.push(' ');
                }
                space = false;
                key.push(c);
            } else {
                space = true;
            }
        };
        if c.is_ascii() {
            push(c.to_ascii_lowercase(), c.is_ascii_alphanumeric());
        } else {
            c.to_lowercase().for_each(|c| push(c, c.is_alphanumeric()));
        }
    }
    key
}

/// Cleans a display name: trims, collapses inner spaces, keeps apostrophes as written.
pub fn display_name(name: &str) -> String {
    let mut clean = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !clean.is_empty() {
            clean.push(' ');
        }
        clean.push_str(word);
    }
    clean
}

/// A totals row (JUMLAH/TOTAL) at the bottom of an export.
pub fn is_totals_row(cells: &[Cell]) -> bool {
    let Some(first) = cells.iter().find(|c| !c.is_blank()) else {
        return false;
    };
    let text = first.as_text();
    ["JUMLAH", "TOTAL", "GRAND TOTAL"].iter().any(|word| {
        text.get(..word.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(word))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nik_from_cells() {
        assert_eq!(
            nik(&Cell::Text("'3520011705850001".into()))
                .unwrap()
                .as_str(),
            "3520011705850001"
        );
        assert_eq!(
            nik(&Cell::Number(3520011705850001.0)).unwrap().as_str(),
            "3520011705850001"
        );
        assert!(
            nik(&Cell::Number(9_120_011_705_850_001.0))
                .unwrap_err()
                .contains("2^53")
        );
        assert!(
            nik(&Cell::Text("3.52011E+15".into()))
                .unwrap_err()
                .contains("notasi ilmiah")
        );
        assert!(nik(&Cell::Empty).unwrap_err().contains("kosong"));
        for wrapped in [
            "=\"3520011705850001\"",
            "\"3520011705850001\"",
            "3520011705850001.0",
        ] {
            assert_eq!(
                nik(&Cell::Text(wrapped.into())).unwrap().as_str(),
                "3520011705850001",
                "{wrapped}"
            );
        }
        assert!(nik(&Cell::Text("3520011705850001.5".into())).is_err());
    }

    #[test]
    fn desil_in_the_usual_shapes() {
        assert_eq!(desil("3"), Some(3));
        assert_eq!(desil("3.0"), Some(3));
        assert_eq!(desil("3,0"), Some(3));
        assert_eq!(desil("Desil 10"), Some(10));
        assert_eq!(desil("11"), None);
        assert_eq!(desil("-"), None);
    }

    #[test]
    fn name_key_ignores_case_space_and_apostrophe_style() {
        assert_eq!(name_key("  MA'RUF   Amin "), "maruf amin");
        assert_eq!(name_key("Ma’ruf amin"), "maruf amin");
        assert_eq!(display_name(" Ma’ruf   Amin"), "Ma’ruf Amin");
    }

    #[test]
    fn flags_lists_and_totals() {
        assert!(flag(&Cell::Text("Ya".into())));
        assert!(!flag(&Cell::Text("TIDAK".into())));
        assert!(flag(&Cell::Number(1.0)));
        assert!(flag(&Cell::Text("√".into())) && flag(&Cell::Text("1.0".into())));
        assert!(!flag(&Cell::Text("0".into())) && !flag(&Cell::Text("-".into())));
        assert_eq!(
            program_list("PKH, bpnt / PBI-JK"),
            vec!["PKH", "BPNT", "PBI JK"]
        );
        assert!(is_totals_row(&[Cell::Empty, Cell::Text("JUMLAH".into())]));
        assert!(!is_totals_row(&[Cell::Text("3520".into())]));
    }
}
