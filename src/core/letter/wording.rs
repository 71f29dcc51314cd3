//! Small helpers for the wording of letters: placeholder filling and Indonesian dates.

use chrono::{Datelike, NaiveDate};

/// Indonesian month names, January first.
const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// Roman numerals for months, as used in letter numbers (`.../XI/2026`).
const ROMAN: [&str; 12] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];

/// Replaces every `{key}` in `template` with its value.
///
/// Unknown placeholders are left as they are, so a typo in the settings stays visible
/// in the preview instead of silently disappearing.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        match after.find('}') {
            Some(end) => {
                let key = &after[1..end];
                match values.iter().find(|(k, _)| *k == key) {
                    Some((_, value)) => out.push_str(value),
                    None => out.push_str(&after[..=end]),
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Indonesian month name for `month` 1-12 ("November"); empty for anything else.
pub fn month_name(month: u32) -> &'static str {
    month
        .checked_sub(1)
        .and_then(|i| MONTHS.get(i as usize))
        .copied()
        .unwrap_or("")
}

/// A date written the Indonesian way: "27 November 2026".
pub fn indonesian_date(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        month_name(date.month()),
        date.year()
    )
}

/// Roman numeral of a month 1-12 ("XI"); empty for anything else.
pub fn roman_month(month: u32) -> &'static str {
    month
        .checked_sub(1)
        .and_then(|i| ROMAN.get(i as usize))
        .copied()
        .unwrap_or("")
}

/// A `YYYY-MM-DD` date written the Indonesian way; other text is returned unchanged.
pub fn indonesian_date_text(text: &str) -> String {
    match NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
        Ok(date) => indonesian_date(date),
        Err(_) => text.to_string(),
    }
}

/// A snapshot period such as `2025-09` written as "September 2025"; a quarter or any
/// other text is returned unchanged.
pub fn period_text(period: &str) -> String {
    let mut parts = period.trim().splitn(2, '-');
    let year = parts.next().and_then(|y| y.parse::<i32>().ok());
    let month = parts.next().and_then(|m| m.parse::<u32>().ok());
    match (year, month) {
        (Some(y), Some(m)) if (1..=12).contains(&m) => format!("{} {y}", month_name(m)),
        _ => period.to_string(),
    }
}

/// Full name of a data source code as written in letters ("DTKS" -> "Data Terpadu
/// Kesejahteraan Sosial (DTKS)"); an unknown code is returned as it is.
pub fn source_full_name(code: &str) -> String {
    match crate::core::settings::Source::parse(code) {
        Some(source) => source.full_name().to_string(),
        None => code.to_string(),
    }
}

/// "Laki-laki" or "Perempuan" for a stored `L`/`P`; "-" when unknown.
pub fn sex_text(sex: Option<&str>) -> &'static str {
    match sex.map(|s| s.trim().to_uppercase()) {
        Some(s) if s == "L" || s.starts_with("LAKI") => "Laki-laki",
        Some(s) if s == "P" || s.starts_with("PEREMPUAN") => "Perempuan",
        _ => "-",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_known_and_keeps_unknown_placeholders() {
        let text = fill(
            "terdaftar dalam {sumber} periode {periode} {lain}",
            &[("sumber", "DTKS"), ("periode", "September 2025")],
        );
        assert_eq!(text, "terdaftar dalam DTKS periode September 2025 {lain}");
        assert_eq!(fill("tanpa { tutup", &[]), "tanpa { tutup");
        assert_eq!(fill("{a}{a}", &[("a", "x")]), "xx");
    }

    #[test]
    fn writes_indonesian_dates() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert_eq!(indonesian_date(date), "27 November 2026");
        assert_eq!(indonesian_date_text("1980-05-01"), "1 Mei 1980");
        assert_eq!(indonesian_date_text("kosong"), "kosong");
        assert_eq!(period_text("2025-09"), "September 2025");
        assert_eq!(period_text("2025-Q3"), "2025-Q3");
    }

    #[test]
    fn roman_months() {
        assert_eq!(roman_month(1), "I");
        assert_eq!(roman_month(9), "IX");
        assert_eq!(roman_month(11), "XI");
        assert_eq!(roman_month(12), "XII");
        assert_eq!(roman_month(0), "");
        assert_eq!(roman_month(13), "");
    }

    #[test]
    fn names_sources_and_sexes() {
        assert!(source_full_name("dtsen").starts_with("Data Tunggal Sosial"));
        assert_eq!(source_full_name("LAIN"), "LAIN");
        assert_eq!(sex_text(Some("P")), "Perempuan");
        assert_eq!(sex_text(Some("l")), "Laki-laki");
        assert_eq!(sex_text(None), "-");
    }
}
