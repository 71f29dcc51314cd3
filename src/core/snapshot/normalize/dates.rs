//! Dates as exports write them: spreadsheet dates and serials, ISO, d/m/y, Indonesian
//! month names; data periods; a place and date of birth in one cell.

use chrono::{Duration, NaiveDate};

use crate::core::snapshot::reader::Cell;

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

/// Month names and abbreviations, Indonesian and English, lower case.
const MONTHS: [(&str, u32); 31] = [
    ("jan", 1),
    ("januari", 1),
    ("january", 1),
    ("feb", 2),
    ("februari", 2),
    ("pebruari", 2),
    ("february", 2),
    ("mar", 3),
    ("maret", 3),
    ("march", 3),
    ("apr", 4),
    ("april", 4),
    ("mei", 5),
    ("may", 5),
    ("jun", 6),
    ("juni", 6),
    ("june", 6),
    ("jul", 7),
    ("juli", 7),
    ("july", 7),
    ("agu", 8),
    ("agt", 8),
    ("agustus", 8),
    ("aug", 8),
    ("august", 8),
    ("sep", 9),
    ("okt", 10),
    ("oct", 10),
    ("nov", 11),
    ("des", 12),
    ("dec", 12),
];

fn month(part: &str) -> Option<u32> {
    if let Ok(n) = part.parse::<u32>() {
        return (1..=12).contains(&n).then_some(n);
    }
    let lower = part.to_lowercase();
    let name = lower.trim_end_matches('.');
    MONTHS
        .iter()
        .find(|(m, _)| *m == name)
        .or_else(|| {
            // Full names not listed above ("september", "oktober", "desember", ...).
            (name.len() > 3)
                .then(|| {
                    MONTHS
                        .iter()
                        .find(|(m, _)| m.len() == 3 && name.starts_with(m))
                })
                .flatten()
        })
        .map(|(_, n)| *n)
}

/// Reads dates as clerks write them: ISO, `17/05/1985`, `17-5-1985`, `17.05.1985`,
/// `17 Mei 1985`, `17-Agu-1985`, a date-time (`1985-05-17 00:00:00`), or an Excel serial.
fn date_text(t: &str) -> Option<NaiveDate> {
    if t.is_empty() {
        return None;
    }
    // Drop a time part: "1985-05-17T00:00:00" or "17/05/1985 00:00".
    let t = match t.find(':') {
        Some(colon) => t[..colon].rsplit_once([' ', 'T']).map_or(t, |(d, _)| d),
        None => t,
    }
    .trim();
    if t.len() <= 5 && t.chars().all(|c| c.is_ascii_digit()) {
        return excel_serial(t.parse().ok()?);
    }
    let mut parts = t.split(['-', '/', '.', ' ', ',']).filter(|p| !p.is_empty());
    let (Some(a), Some(b), Some(c), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let (year, month, day) = if a.len() == 4 { (a, b, c) } else { (c, b, a) };
    let year: i32 = year.parse().ok().filter(|_| year.len() == 4)?;
    NaiveDate::from_ymd_opt(year, self::month(month)?, day.parse().ok()?)
}

/// A data period as `YYYY-MM` from "2025-09", "202509", "09/2025", "September 2025" or a
/// date; other text ("2025 tahap 3") is kept as written; empty is `None`.
pub fn period(cell: &Cell) -> Option<String> {
    if let Cell::Date(d) = cell {
        return Some(iso_date(*d)[..7].to_string());
    }
    let text = cell.as_text();
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let parts: Vec<&str> = text
        .split(['-', '/', '.', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let year_month = match parts[..] {
        [ym] if ym.len() == 6 && ym.bytes().all(|b| b.is_ascii_digit()) => {
            Some((&ym[..4], month(&ym[4..])))
        }
        [a, b] if a.len() == 4 && a.bytes().all(|c| c.is_ascii_digit()) => Some((a, month(b))),
        [a, b] if b.len() == 4 && b.bytes().all(|c| c.is_ascii_digit()) => Some((b, month(a))),
        _ => None,
    };
    Some(match year_month {
        Some((year, Some(m))) => format!("{year}-{m:02}"),
        _ => text.to_string(),
    })
}

/// The data period a file's name states ("DTKS_2025-09.csv", "dtsen 202509.xlsx",
/// "DTKS September 2025.xlsx", "data_sep2025.csv"), when it states exactly one.
pub fn period_in_file_name(name: &str) -> Option<String> {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    // Runs of letters and runs of digits: "Sep2025" is two words.
    let mut words: Vec<String> = Vec::new();
    let mut last_kind = None;
    for c in stem.chars() {
        let kind = if c.is_ascii_digit() {
            Some(true)
        } else if c.is_alphabetic() {
            Some(false)
        } else {
            None
        };
        match (kind, words.last_mut()) {
            (Some(k), Some(word)) if last_kind == Some(k) => word.push(c),
            (Some(_), _) => words.push(c.to_string()),
            (None, _) => words.push(String::new()),
        }
        last_kind = kind;
    }
    words.retain(|w| !w.is_empty());
    let year = |w: &str| {
        (w.len() == 4 && w.starts_with("20") && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.to_string())
    };
    let mut found: Vec<String> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        if word.len() == 6
            && let (Some(y), Some(m)) = (year(&word[..4]), month(&word[4..]))
        {
            found.push(format!("{y}-{m:02}"));
        }
        if let Some(next) = words.get(i + 1) {
            match (year(word), year(next)) {
                (Some(y), None) => found.extend(month(next).map(|m| format!("{y}-{m:02}"))),
                (None, Some(y)) => found.extend(month(word).map(|m| format!("{y}-{m:02}"))),
                _ => {}
            }
        }
    }
    found.dedup();
    match found.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// Splits a place-and-date-of-birth cell ("MAGETAN, 17-05-1985", "Magetan 17 Mei 1985",
/// "Magetan / 17/05/1985"): the place is what comes before the first digit.
pub fn place_and_date(text: &str) -> (Option<String>, Option<NaiveDate>) {
    let text = text.trim();
    let at = text
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(text.len());
    let place =
        text[..at].trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '-' | ';'));
    let place = (!place.is_empty()).then(|| place.to_string());
    (place, date_text(text[at..].trim()))
}

/// `YYYY-MM-DD`, written digit by digit (any formatting machinery is slow in a hot loop).
pub fn iso_date(date: NaiveDate) -> String {
    use chrono::Datelike;
    let mut text = String::with_capacity(10);
    push_digits(&mut text, date.year().clamp(0, 9999) as u32, 4);
    text.push('-');
    push_digits(&mut text, date.month(), 2);
    text.push('-');
    push_digits(&mut text, date.day(), 2);
    text
}

fn push_digits(text: &mut String, n: u32, width: u32) {
    for place in (0..width).rev() {
        text.push(char::from(b'0' + (n / 10u32.pow(place) % 10) as u8));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_is_read_from_a_file_name_only_when_it_is_clear() {
        let cases = [
            ("DTKS_2025-09.csv", Some("2025-09")),
            ("dtsen 202509.xlsx", Some("2025-09")),
            ("DTKS September 2025.xlsx", Some("2025-09")),
            ("data_sep2025_kec_a.csv", Some("2025-09")),
            ("Data DTKS 12-2024.xls", Some("2024-12")),
            ("DTKS_352001_final.csv", None),
            ("data dtks.csv", None),
            ("DTKS 2025.csv", None),
            ("DTKS_2025-09_vs_2025-12.csv", None),
        ];
        for (name, expected) in cases {
            assert_eq!(period_in_file_name(name).as_deref(), expected, "{name}");
        }
    }

    #[test]
    fn periods_as_offices_write_them() {
        let p = |t: &str| period(&Cell::Text(t.into()));
        for text in [
            "2025-09",
            "202509",
            "09/2025",
            "September 2025",
            "Sep-2025",
            "2025 09",
        ] {
            assert_eq!(p(text).as_deref(), Some("2025-09"), "{text}");
        }
        assert_eq!(p("2025 tahap 3").as_deref(), Some("2025 tahap 3"));
        assert_eq!(p("  "), None);
        let date = Cell::Date(NaiveDate::from_ymd_opt(2025, 9, 1).unwrap());
        assert_eq!(period(&date).as_deref(), Some("2025-09"));
    }

    #[test]
    fn place_and_date_in_one_cell() {
        let may_17 = NaiveDate::from_ymd_opt(1985, 5, 17);
        for text in [
            "MAGETAN, 17-05-1985",
            "Magetan 17 Mei 1985",
            "Magetan / 17/05/1985",
            " MAGETAN,17-05-1985 ",
        ] {
            let (place, date) = place_and_date(text);
            assert_eq!(
                place.as_deref().map(str::to_uppercase).as_deref(),
                Some("MAGETAN"),
                "{text}"
            );
            assert_eq!(date, may_17, "{text}");
        }
        assert_eq!(place_and_date("17-05-1985"), (None, may_17));
        assert_eq!(place_and_date("Magetan"), (Some("Magetan".into()), None));
        assert_eq!(place_and_date(""), (None, None));
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
        assert_eq!(date(&Cell::Text("31/02/1985".into())), None);
        assert_eq!(
            date(&Cell::Text("5 Agustus 2010".into())),
            NaiveDate::from_ymd_opt(2010, 8, 5)
        );
        assert_eq!(
            date(&Cell::Text("1 Desember 1950".into())),
            NaiveDate::from_ymd_opt(1950, 12, 1)
        );
    }
}
