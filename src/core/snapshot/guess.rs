//! Finding the NIK (and name) column by what it holds when no header says so: a recipient
//! list may call its NIK column after the person's role ("NO PESERTA", "ID PENERIMA").
//! The column below a header row where nearly every cell is a valid 16-digit NIK is the
//! NIK column; the name column is the one of plain words that differ from row to row.
//! A guess is never silent: the CLI reports it, and the window asks the admin to confirm.

use std::collections::HashSet;

use crate::core::snapshot::columns::{Field, classify};
use crate::core::snapshot::header::ColumnOverride;
use crate::core::snapshot::normalize;
use crate::core::snapshot::reader::Cell;

/// Share of a column's filled cells that must be valid NIKs.
const NIK_SHARE: f64 = 0.9;
/// Fewest data rows a guess rests on.
const MIN_ROWS: usize = 3;
/// Data rows looked at below a candidate header row.
const SAMPLE_ROWS: usize = 40;

/// Columns told from their content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guess {
    /// Index of the header row in the rows given.
    pub header_row: usize,
    /// The NIK column.
    pub nik: usize,
    /// The name column, when it could be told.
    pub name: Option<usize>,
}

impl Guess {
    /// The guess as overrides naming the header texts of `header`.
    pub fn overrides(&self, header: &[String]) -> Vec<ColumnOverride> {
        let mut overrides = vec![ColumnOverride {
            field: Field::Nik,
            header: header[self.nik].clone(),
        }];
        if let Some(name) = self
            .name
            .filter(|&n| classify(&header[n]) != Some(Field::Name))
        {
            overrides.push(ColumnOverride {
                field: Field::Name,
                header: header[name].clone(),
            });
        }
        overrides
    }

    /// "kolom C \"NO PESERTA\" (NIK) dan kolom B \"NAMA KRT\" (nama)".
    pub fn describe(&self, header: &[String]) -> String {
        let one = |i: usize, what: &str| format!("kolom ke-{} \"{}\" ({what})", i + 1, header[i]);
        match self.name {
            Some(name) => format!("{} dan {}", one(self.nik, "NIK"), one(name, "nama")),
            None => one(self.nik, "NIK"),
        }
    }
}

/// Guesses the header row and the NIK and name columns of `rows` (texts of the first
/// rows of a file), or `None` when no column is plainly NIKs below a header.
pub fn guess(rows: &[Vec<String>]) -> Option<Guess> {
    let filled: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].iter().any(|t| !t.trim().is_empty()))
        .collect();
    for (k, &header_row) in filled.iter().enumerate() {
        let data: Vec<&Vec<String>> = filled[k + 1..]
            .iter()
            .take(SAMPLE_ROWS)
            .map(|&i| &rows[i])
            .collect();
        if data.len() < MIN_ROWS {
            return None;
        }
        let header = &rows[header_row];
        let is_nik = |t: &str| normalize::nik(&Cell::Text(t.to_string())).is_ok();
        let columns = header.len();
        let nik = (0..columns)
            .filter(|&c| !text_at(header, c).is_empty() && !is_nik(text_at(header, c)))
            .filter(|&c| classify(text_at(header, c)).is_none_or(|f| f == Field::Nik))
            .filter(|&c| share(&data, c, is_nik) >= NIK_SHARE)
            .max_by(|&a, &b| distinct(&data, a).cmp(&distinct(&data, b)).then(b.cmp(&a)));
        let Some(nik) = nik else { continue };
        let name = (0..columns)
            .filter(|&c| c != nik && !text_at(header, c).is_empty())
            .filter(|&c| classify(text_at(header, c)).is_none_or(|f| f == Field::Name))
            .filter(|&c| share(&data, c, looks_like_a_name) >= NIK_SHARE)
            .filter(|&c| distinct(&data, c) * 5 >= data.len() * 4)
            .max_by(|&a, &b| distinct(&data, a).cmp(&distinct(&data, b)).then(b.cmp(&a)));
        return Some(Guess {
            header_row,
            nik,
            name,
        });
    }
    None
}

/// The trimmed text of column `c` of `row` ("" past its end).
fn text_at(row: &[String], c: usize) -> &str {
    row.get(c).map_or("", |t| t.trim())
}

/// Share of the filled cells of column `c` for which `test` holds.
fn share(data: &[&Vec<String>], c: usize, test: impl Fn(&str) -> bool) -> f64 {
    let filled: Vec<&str> = data
        .iter()
        .filter_map(|row| row.get(c).map(|t| t.trim()))
        .filter(|t| !t.is_empty())
        .collect();
    if filled.len() < MIN_ROWS {
        return 0.0;
    }
    filled.iter().filter(|t| test(t)).count() as f64 / filled.len() as f64
}

/// Distinct filled values of column `c`.
fn distinct(data: &[&Vec<String>], c: usize) -> usize {
    data.iter()
        .filter_map(|row| row.get(c).map(|t| t.trim().to_lowercase()))
        .filter(|t| !t.is_empty())
        .collect::<HashSet<_>>()
        .len()
}

/// Letters, spaces and the punctuation of names (apostrophes, dots, commas, hyphens).
fn looks_like_a_name(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
        && text
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '\'' | '’' | '.' | ',' | '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&str]) -> Vec<Vec<String>> {
        lines
            .iter()
            .map(|l| l.split(';').map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn the_nik_and_name_columns_are_found_by_their_content() {
        let file = rows(&[
            "DAFTAR PENERIMA BST TAHAP 3",
            "",
            "NO;NO PESERTA;NAMA KRT;NO KELUARGA;DESA",
            "1;3520011705850001;Budi Santoso;3520010101010001;Sukamaju",
            "2;3520015708100002;Siti Aminah;3520010101010001;Sukamaju",
            "3;3520024203900003;Ni Luh Ma'ruf;3520010101010002;Sukamaju",
            "4;'3520010203900004;Ahmad Dahlan;3520010101010003;Sukamaju",
        ]);
        let guess = guess(&file).unwrap();
        assert_eq!(
            guess,
            Guess {
                header_row: 2,
                nik: 1,
                name: Some(2)
            }
        );
        let header = &file[2];
        assert_eq!(
            guess.describe(header),
            "kolom ke-2 \"NO PESERTA\" (NIK) dan kolom ke-3 \"NAMA KRT\" (nama)"
        );
        assert_eq!(guess.overrides(header).len(), 2);
    }

    #[test]
    fn no_guess_without_a_plain_nik_column() {
        let file = rows(&[
            "NO;IDENTITAS;NAMA",
            "1;3520011705850001;Budi",
            "2;35200157081;Siti",
            "3;abc;Ani",
            "4;3520024203900003;Ali",
        ]);
        assert_eq!(guess(&file), None);
        assert_eq!(guess(&rows(&["A;B", "3520011705850001;x"])), None);
    }
}
