//! Turning raw cells into clean values: NIK, dates, sex, flags, names.

use chrono::{Duration, NaiveDate};

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
        other => Nik::parse(&other.text()).map_err(|e| format!("NIK tidak valid: {e}")),
    }
}

/// Reads a date: spreadsheet dates and serials, ISO, dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy.
pub fn date(cell: &Cell) -> Option<NaiveDate> {
    match cell {
        Cell::Date(d) => Some(*d),
        Cell::Number(n) => excel_serial(*n),
        Cell::Text(t) => date_text(t.trim()),
        Cell::Empty => None,
    }
}

fn excel_serial(n: f64) -> Option<NaiveDate> {
    if !(1.0..=80_000.0).contains(&n) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(Duration::days(n.trunc() as i64))
}

fn date_text(t: &str) -> Option<NaiveDate> {
    if t.is_empty() {
        return None;
    }
    let t = t.split([' ', 'T']).next().unwrap_or(t);
    for fmt in ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(t, fmt) {
            return Some(d);
        }
    }
    if t.len() <= 5 && t.chars().all(|c| c.is_ascii_digit()) {
        return excel_serial(t.parse().ok()?);
    }
    None
}

/// `YYYY-MM-DD`, written directly (chrono's format machinery is slow in a hot loop).
pub fn iso_date(date: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// True for YA/Y/1/TRUE/V/✓ style flag values.
pub fn flag(cell: &Cell) -> bool {
    match cell {
        Cell::Number(n) => *n >= 1.0,
        other => matches!(
            other.text().to_uppercase().as_str(),
            "YA" | "Y" | "1" | "TRUE" | "V" | "✓" | "X" | "ADA" | "PENERIMA"
        ),
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
    name.chars()
        .filter(|c| !matches!(c, '\'' | '’' | '‘' | '`' | 'ʼ'))
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Cleans a display name: trims, collapses inner spaces, keeps apostrophes as written.
pub fn display_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A totals row (JUMLAH/TOTAL) at the bottom of an export.
pub fn is_totals_row(cells: &[Cell]) -> bool {
    cells
        .iter()
        .map(Cell::text)
        .find(|t| !t.is_empty())
        .map(|t| {
            let u = t.to_uppercase();
            u.starts_with("JUMLAH") || u.starts_with("TOTAL") || u.starts_with("GRAND TOTAL")
        })
        .unwrap_or(false)
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
    }

    #[test]
    fn iso_date_pads() {
        assert_eq!(
            iso_date(NaiveDate::from_ymd_opt(985, 5, 7).unwrap()),
            "0985-05-07"
        );
    }

    #[test]
    fn dates_in_the_usual_shapes() {
        let d = NaiveDate::from_ymd_opt(1985, 5, 17).unwrap();
        for t in [
            "1985-05-17",
            "17/05/1985",
            "17-05-1985",
            "17.05.1985",
            "31184",
        ] {
            assert_eq!(date(&Cell::Text(t.into())), Some(d), "{t}");
        }
        assert_eq!(date(&Cell::Number(31184.0)), Some(d));
        assert_eq!(date(&Cell::Text("kemarin".into())), None);
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
        assert_eq!(
            program_list("PKH, bpnt / PBI-JK"),
            vec!["PKH", "BPNT", "PBI JK"]
        );
        assert!(is_totals_row(&[Cell::Empty, Cell::Text("JUMLAH".into())]));
        assert!(!is_totals_row(&[Cell::Text("3520".into())]));
    }
}
