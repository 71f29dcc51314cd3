//! Letter numbers from the office's template, e.g. `400.9/{nomor:03}/Dinsos/{bulan_romawi}/{tahun}`.

use chrono::{Datelike, NaiveDate};

use super::wording::roman_month;
use crate::core::{Error, Result};

/// Formats the letter number for sequence `seq` issued on `date`.
///
/// Placeholders: `{nomor}` (the yearly sequence), `{nomor:03}` (zero-padded to the given
/// width), `{bulan_romawi}` (XI), `{bulan}` (11, two digits), `{tahun}` (2026). A template
/// without a `{nomor...}` placeholder, or with an unknown placeholder, is refused with
/// [`Error::Invalid`] so that two letters can never share a number.
pub fn format_number(template: &str, seq: u32, date: NaiveDate) -> Result<String> {
    let mut out = String::with_capacity(template.len() + 8);
    let mut has_seq = false;
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let end = after.find('}').ok_or_else(|| {
            Error::Invalid(format!(
                "Format nomor surat \"{template}\" tidak valid: kurung kurawal tidak ditutup."
            ))
        })?;
        let key = &after[..end];
        match key {
            "nomor" => {
                has_seq = true;
                out.push_str(&seq.to_string());
            }
            "bulan_romawi" => out.push_str(roman_month(date.month())),
            "bulan" => out.push_str(&format!("{:02}", date.month())),
            "tahun" => out.push_str(&date.year().to_string()),
            _ => match key.strip_prefix("nomor:").and_then(pad_width) {
                Some(width) => {
                    has_seq = true;
                    out.push_str(&format!("{seq:0width$}"));
                }
                None => {
                    return Err(Error::Invalid(format!(
                        "Format nomor surat \"{template}\" memuat isian tidak dikenal {{{key}}}. \
                         Gunakan {{nomor}}, {{nomor:03}}, {{bulan_romawi}}, {{bulan}} atau {{tahun}}."
                    )));
                }
            },
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    if !has_seq {
        return Err(Error::Invalid(format!(
            "Format nomor surat \"{template}\" tidak memuat {{nomor}}; \
             tambahkan misalnya {{nomor:03}} di Pengaturan agar setiap surat bernomor unik."
        )));
    }
    Ok(out)
}

/// Parses the width of `{nomor:03}` ("03" or "3"), 1 to 9 digits wide.
fn pad_width(spec: &str) -> Option<usize> {
    if spec.is_empty() || !spec.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    spec.parse::<usize>().ok().filter(|w| (1..=9).contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    #[test]
    fn formats_the_default_template() {
        let n = format_number("400.9/{nomor:03}/Dinsos/{bulan_romawi}/{tahun}", 7, day()).unwrap();
        assert_eq!(n, "400.9/007/Dinsos/XI/2026");
        let n = format_number("{nomor:03}", 1234, day()).unwrap();
        assert_eq!(n, "1234");
    }

    #[test]
    fn plain_number_and_month() {
        let n = format_number("SK-{nomor}/{bulan}.{tahun}", 42, day()).unwrap();
        assert_eq!(n, "SK-42/11.2026");
    }

    #[test]
    fn refuses_templates_without_a_sequence() {
        for bad in [
            "400.9/Dinsos/{tahun}",
            "{nomer}/{tahun}",
            "{nomor:x}",
            "{nomor",
            "",
        ] {
            let err = format_number(bad, 1, day()).unwrap_err();
            assert!(matches!(err, Error::Invalid(_)), "{bad}: {err}");
        }
    }
}
