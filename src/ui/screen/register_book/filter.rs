//! The register book's filter form: what the clerk typed and picked, checked and turned
//! into a [`RegisterFilter`] and a line describing it (printed on the register page).

use chrono::NaiveDate;

use crate::core::register::{Channel, RegisterFilter, Status};

/// A choice in the status list: one state, or every state ("Semua").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StatusChoice(pub Option<Status>);

impl StatusChoice {
    /// "Semua" and then every state in the order of the flow.
    pub fn all() -> Vec<StatusChoice> {
        std::iter::once(StatusChoice(None))
            .chain(Status::ALL.into_iter().map(|s| StatusChoice(Some(s))))
            .collect()
    }
}

impl std::fmt::Display for StatusChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.map_or("Semua status", Status::label))
    }
}

/// A choice in the channel list: one channel, or every channel ("Semua").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ChannelChoice(pub Option<Channel>);

impl ChannelChoice {
    /// "Semua" and then every channel.
    pub fn all() -> Vec<ChannelChoice> {
        std::iter::once(ChannelChoice(None))
            .chain(Channel::ALL.into_iter().map(|c| ChannelChoice(Some(c))))
            .collect()
    }
}

impl std::fmt::Display for ChannelChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.map_or("Semua kanal", Channel::label))
    }
}

/// What the clerk typed and picked above the list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FilterForm {
    /// From date, `YYYY-MM-DD` or empty.
    pub from: String,
    /// To date, `YYYY-MM-DD` or empty.
    pub to: String,
    /// The status chosen.
    pub status: StatusChoice,
    /// The channel chosen.
    pub channel: ChannelChoice,
    /// Part of the desa's name.
    pub desa: String,
    /// The user who wrote the application.
    pub petugas: String,
    /// Part of a name or NIK, or a whole register number.
    pub text: String,
}

fn date(text: &str, which: &str) -> Result<Option<NaiveDate>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| format!("Tanggal {which} ditulis TTTT-BB-HH, mis. 2026-03-02."))
}

fn optional(text: &str) -> Option<String> {
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

impl FilterForm {
    /// The filter the form stands for, or an Indonesian message saying what to fix.
    pub fn filter(&self) -> Result<RegisterFilter, String> {
        let from = date(&self.from, "dari")?;
        let to = date(&self.to, "sampai")?;
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            return Err("Tanggal \"dari\" sesudah tanggal \"sampai\"; tukar keduanya.".into());
        }
        Ok(RegisterFilter {
            status: self.status.0,
            from,
            to,
            channel: self.channel.0,
            desa: optional(&self.desa),
            written_by: optional(&self.petugas),
            text: optional(&self.text),
            ..Default::default()
        })
    }
}

/// One line naming what `filter` keeps ("Semua permohonan" when nothing is chosen).
pub fn describe(filter: &RegisterFilter) -> String {
    let mut parts = Vec::new();
    match (filter.from, filter.to) {
        (Some(f), Some(t)) => parts.push(format!("tanggal {f} s.d. {t}")),
        (Some(f), None) => parts.push(format!("sejak {f}")),
        (None, Some(t)) => parts.push(format!("sampai {t}")),
        (None, None) => {}
    }
    if let Some(s) = filter.status {
        parts.push(format!("status {}", s.label()));
    }
    if let Some(c) = filter.channel {
        parts.push(format!("kanal {}", c.label()));
    }
    if let Some(d) = &filter.desa {
        parts.push(format!("desa \"{d}\""));
    }
    if let Some(p) = &filter.written_by {
        parts.push(format!("petugas {p}"));
    }
    if let Some(t) = &filter.text {
        parts.push(format!("cari \"{t}\""));
    }
    if parts.is_empty() {
        "Semua permohonan".into()
    } else {
        format!("Permohonan dengan {}", parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_and_empty_fields_match_everything() {
        let form = FilterForm {
            from: "2026-03-01".into(),
            status: StatusChoice(Some(Status::Dibatalkan)),
            petugas: "  ".into(),
            ..Default::default()
        };
        let filter = form.filter().unwrap();
        assert_eq!(filter.from, NaiveDate::from_ymd_opt(2026, 3, 1));
        assert_eq!(filter.written_by, None);
        assert_eq!(
            describe(&filter),
            "Permohonan dengan sejak 2026-03-01, status Dibatalkan"
        );
        let bad = FilterForm {
            to: "02/03/2026".into(),
            ..Default::default()
        };
        assert!(bad.filter().unwrap_err().contains("sampai"));
        let swapped = FilterForm {
            from: "2026-03-02".into(),
            to: "2026-03-01".into(),
            ..Default::default()
        };
        assert!(swapped.filter().unwrap_err().contains("tukar"));
        assert_eq!(describe(&RegisterFilter::default()), "Semua permohonan");
    }
}
