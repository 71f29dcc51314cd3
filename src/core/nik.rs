//! NIK (Nomor Induk Kependudukan): validation and the facts encoded in it.
//!
//! A NIK is 16 digits: province (2), regency (2), district (2), birth date as DDMMYY
//! (DD + 40 for women), and a 4-digit serial. The birth year is given with two digits;
//! the century is chosen so that the date is not in the future.

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// Why a text is not a valid NIK.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NikError {
    /// Nothing was given.
    #[error("NIK kosong")]
    Empty,
    /// A character other than a digit.
    #[error("NIK hanya boleh berisi angka (ditemukan \"{0}\")")]
    NotDigits(String),
    /// Written in scientific notation by a spreadsheet: the digits are lost.
    #[error("NIK rusak oleh Excel (notasi ilmiah \"{0}\"); ekspor ulang kolom NIK sebagai teks")]
    Scientific(String),
    /// Not 16 digits long.
    #[error("NIK harus 16 digit (ditemukan {0} digit)")]
    WrongLength(usize),
    /// Province code outside 11..=99.
    #[error("kode provinsi {0} tidak dikenal")]
    BadProvince(String),
    /// The DDMMYY part is not a date.
    #[error("tanggal lahir dalam NIK tidak valid ({0})")]
    BadDate(String),
}

/// Sex as recorded in civil registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Sex {
    /// Laki-laki.
    #[serde(rename = "L")]
    Male,
    /// Perempuan.
    #[serde(rename = "P")]
    Female,
}

impl Sex {
    /// One-letter code used in DTKS files and on letters ("L" / "P").
    pub fn code(self) -> &'static str {
        match self {
            Sex::Male => "L",
            Sex::Female => "P",
        }
    }

    /// Full Indonesian word, as printed on letters.
    pub fn label(self) -> &'static str {
        match self {
            Sex::Male => "Laki-laki",
            Sex::Female => "Perempuan",
        }
    }

    /// Parses the usual spellings: L/P, LAKI-LAKI/PEREMPUAN, 1/2, M/F.
    pub fn parse(text: &str) -> Option<Sex> {
        // Letters and digits only: "Laki - laki", "LAKI-LAKI" and "laki laki" are one.
        // Every accepted spelling is short ASCII, so a small buffer does (imports call
        // this for millions of rows).
        let mut buf = [0u8; 12];
        let mut len = 0;
        for c in text.chars().filter(|c| c.is_alphanumeric()) {
            if !c.is_ascii() || len == buf.len() {
                return None;
            }
            buf[len] = c.to_ascii_uppercase() as u8;
            len += 1;
        }
        match &buf[..len] {
            b"L" | b"LK" | b"LAKILAKI" | b"LAKI" | b"PRIA" | b"1" | b"M" | b"MALE" => {
                Some(Sex::Male)
            }
            b"P" | b"PR" | b"PEREMPUAN" | b"WANITA" | b"2" | b"F" | b"FEMALE" => Some(Sex::Female),
            _ => None,
        }
    }
}

/// A validated NIK.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Nik(String);

impl Nik {
    /// Parses a NIK typed by a person: spaces, dots, dashes and a leading apostrophe
    /// are ignored; anything else must be exactly 16 digits with a real birth date.
    pub fn parse(text: &str) -> Result<Nik, NikError> {
        let trimmed = text.trim().trim_start_matches(['\'', '’', '`']);
        if trimmed.is_empty() {
            return Err(NikError::Empty);
        }
        if looks_scientific(trimmed) {
            return Err(NikError::Scientific(trimmed.to_string()));
        }
        let digits: String = if trimmed.bytes().all(|b| b.is_ascii_digit()) {
            trimmed.to_string()
        } else {
            trimmed
                .chars()
                .filter(|c| !matches!(c, ' ' | '\u{a0}' | '.' | '-'))
                .collect()
        };
        if let Some(bad) = digits.chars().find(|c| !c.is_ascii_digit()) {
            return Err(NikError::NotDigits(bad.to_string()));
        }
        if digits.len() != 16 {
            return Err(NikError::WrongLength(digits.len()));
        }
        let province = &digits[0..2];
        if province < "11" {
            return Err(NikError::BadProvince(province.to_string()));
        }
        let nik = Nik(digits);
        nik.birth_date_in(today())?;
        Ok(nik)
    }

    /// The 16 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The NIK as a number (how snapshots store it; 16 digits always fit in an `i64`).
    pub fn number(&self) -> i64 {
        self.0.parse().unwrap_or_default()
    }

    /// Two-digit province code.
    pub fn province(&self) -> &str {
        &self.0[0..2]
    }

    /// Four-digit regency code (province + kabupaten/kota).
    pub fn regency(&self) -> &str {
        &self.0[0..4]
    }

    /// Sex encoded in the day of birth (day + 40 for women).
    pub fn sex(&self) -> Sex {
        if self.day_field() > 40 {
            Sex::Female
        } else {
            Sex::Male
        }
    }

    /// Birth date encoded in the NIK, with the century chosen so it is not after today.
    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date_in(today())
            .expect("validated at parse time")
    }

    /// The NIK with the middle digits hidden, for screens and logs that do not need it whole.
    pub fn masked(&self) -> String {
        mask(&self.0)
    }

    fn day_field(&self) -> u32 {
        self.0[6..8].parse().unwrap_or(0)
    }

    fn birth_date_in(&self, today: NaiveDate) -> Result<NaiveDate, NikError> {
        let raw = &self.0[6..12];
        let bad = || NikError::BadDate(raw.to_string());
        let mut day = self.day_field();
        if day > 40 {
            day -= 40;
        }
        let month: u32 = self.0[8..10].parse().map_err(|_| bad())?;
        let yy: i32 = self.0[10..12].parse().map_err(|_| bad())?;
        let century = if 2000 + yy > today.year() { 1900 } else { 2000 };
        NaiveDate::from_ymd_opt(century + yy, month, day).ok_or_else(bad)
    }
}

impl fmt::Display for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Today's date, read from the clock once per process: asking the local time zone for
/// every NIK of a million-row import costs seconds, and the century rule only needs the
/// current year.
fn today() -> NaiveDate {
    static TODAY: std::sync::OnceLock<NaiveDate> = std::sync::OnceLock::new();
    *TODAY.get_or_init(|| chrono::Local::now().date_naive())
}

/// Masks any NIK-like text: keeps the first 6 and last 4 characters.
pub fn mask(nik: &str) -> String {
    let chars: Vec<char> = nik.chars().collect();
    if chars.len() <= 10 {
        return "*".repeat(chars.len());
    }
    let mut out: String = chars[..6].iter().collect();
    out.push_str(&"*".repeat(chars.len() - 10));
    out.extend(&chars[chars.len() - 4..]);
    out
}

fn looks_scientific(text: &str) -> bool {
    let has = |c: char| text.contains(c);
    let exponent = has('E') || has('e');
    exponent && (text.contains("E+") || text.contains("e+") || (has('.') && !has(' ')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_birth_date_and_sex_for_a_man() {
        let nik = Nik::parse("3520011705850001").unwrap();
        assert_eq!(
            nik.birth_date(),
            NaiveDate::from_ymd_opt(1985, 5, 17).unwrap()
        );
        assert_eq!(nik.sex(), Sex::Male);
        assert_eq!(nik.regency(), "3520");
        assert_eq!(nik.number(), 3_520_011_705_850_001);
    }

    #[test]
    fn day_plus_forty_means_a_woman() {
        let nik = Nik::parse("3520015708100002").unwrap();
        assert_eq!(nik.sex(), Sex::Female);
        assert_eq!(
            nik.birth_date(),
            NaiveDate::from_ymd_opt(2010, 8, 17).unwrap()
        );
    }

    #[test]
    fn century_is_chosen_so_the_date_is_not_in_the_future() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let old = Nik("3520010101300001".into());
        assert_eq!(old.birth_date_in(today).unwrap().year(), 1930);
        let young = Nik("3520010101250001".into());
        assert_eq!(young.birth_date_in(today).unwrap().year(), 2025);
    }

    #[test]
    fn cleans_apostrophe_and_spaces() {
        let nik = Nik::parse(" '3520 0117 0585 0001 ").unwrap();
        assert_eq!(nik.as_str(), "3520011705850001");
    }

    #[test]
    fn rejects_malformed_input_with_reasons() {
        assert_eq!(Nik::parse(""), Err(NikError::Empty));
        assert_eq!(Nik::parse("35200117058500"), Err(NikError::WrongLength(14)));
        assert_eq!(
            Nik::parse("35200117058500AB"),
            Err(NikError::NotDigits("A".into()))
        );
        assert!(matches!(
            Nik::parse("3.52011E+15"),
            Err(NikError::Scientific(_))
        ));
        assert!(matches!(
            Nik::parse("3520013205850001"),
            Err(NikError::BadDate(_))
        ));
        assert!(matches!(
            Nik::parse("0520011705850001"),
            Err(NikError::BadProvince(_))
        ));
        assert!(matches!(
            Nik::parse("3520013002850001"),
            Err(NikError::BadDate(_))
        ));
    }

    #[test]
    fn sex_accepts_common_spellings() {
        for t in ["L", "laki-laki", "1", "LK", "Laki - Laki", "LAKI LAKI"] {
            assert_eq!(Sex::parse(t), Some(Sex::Male), "{t}");
        }
        for t in ["P", "Perempuan", "2", "wanita"] {
            assert_eq!(Sex::parse(t), Some(Sex::Female), "{t}");
        }
        assert_eq!(Sex::parse("X"), None);
    }

    #[test]
    fn masks_the_middle() {
        assert_eq!(mask("3520011705850001"), "352001******0001");
    }
}
