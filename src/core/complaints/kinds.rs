//! The vocabulary of the complaints book: where an entry came in, what it is, and
//! where its handling stands.

use serde::Serialize;

/// Where a complaint, suggestion or guest came in. The standards list a suggestion box
/// and guest book, SP4N LAPOR!, WhatsApp, telephone, e-mail and social media (seeds
/// 003 and 004).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintChannel {
    /// Said in person at the office (also the guest book).
    Langsung,
    /// A note in the suggestion box.
    KotakSaran,
    /// SP4N LAPOR! (the national complaints portal).
    Lapor,
    /// WhatsApp.
    WhatsApp,
    /// E-mail.
    Email,
    /// Telephone.
    Telepon,
    /// Facebook or Instagram.
    MediaSosial,
}

impl ComplaintChannel {
    /// Every channel, in the order of the form.
    pub const ALL: [ComplaintChannel; 7] = [
        ComplaintChannel::Langsung,
        ComplaintChannel::KotakSaran,
        ComplaintChannel::Lapor,
        ComplaintChannel::WhatsApp,
        ComplaintChannel::Email,
        ComplaintChannel::Telepon,
        ComplaintChannel::MediaSosial,
    ];

    /// The stored and typed code.
    pub fn code(self) -> &'static str {
        match self {
            ComplaintChannel::Langsung => "langsung",
            ComplaintChannel::KotakSaran => "kotak_saran",
            ComplaintChannel::Lapor => "lapor",
            ComplaintChannel::WhatsApp => "whatsapp",
            ComplaintChannel::Email => "email",
            ComplaintChannel::Telepon => "telepon",
            ComplaintChannel::MediaSosial => "media_sosial",
        }
    }

    /// The label shown.
    pub fn label(self) -> &'static str {
        match self {
            ComplaintChannel::Langsung => "Langsung",
            ComplaintChannel::KotakSaran => "Kotak Saran",
            ComplaintChannel::Lapor => "SP4N LAPOR!",
            ComplaintChannel::WhatsApp => "WhatsApp",
            ComplaintChannel::Email => "E-mail",
            ComplaintChannel::Telepon => "Telepon",
            ComplaintChannel::MediaSosial => "Media Sosial",
        }
    }

    /// Reads a code or a label, ignoring case, spaces, dashes and "!" (`kotak saran`,
    /// `SP4N LAPOR!`, `e-mail`, `wa`).
    pub fn parse(text: &str) -> Option<ComplaintChannel> {
        let key = squash(text);
        match key.as_str() {
            "wa" => return Some(ComplaintChannel::WhatsApp),
            "sp4n" => return Some(ComplaintChannel::Lapor),
            _ => {}
        }
        Self::ALL
            .into_iter()
            .find(|c| squash(c.code()) == key || squash(c.label()) == key)
    }
}

impl std::fmt::Display for ComplaintChannel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// What an entry in the book is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintKind {
    /// A complaint (pengaduan): something went wrong and needs an answer.
    Pengaduan,
    /// A suggestion (saran/masukan).
    Saran,
    /// A guest book entry (buku tamu): who came and why.
    Tamu,
}

impl ComplaintKind {
    /// Every kind, in the order of the form.
    pub const ALL: [ComplaintKind; 3] = [
        ComplaintKind::Pengaduan,
        ComplaintKind::Saran,
        ComplaintKind::Tamu,
    ];

    /// The stored and typed code.
    pub fn code(self) -> &'static str {
        match self {
            ComplaintKind::Pengaduan => "pengaduan",
            ComplaintKind::Saran => "saran",
            ComplaintKind::Tamu => "tamu",
        }
    }

    /// The label shown.
    pub fn label(self) -> &'static str {
        match self {
            ComplaintKind::Pengaduan => "Pengaduan",
            ComplaintKind::Saran => "Saran",
            ComplaintKind::Tamu => "Buku Tamu",
        }
    }

    /// Reads a code or a label, ignoring case and spaces (`buku tamu` is `tamu`).
    pub fn parse(text: &str) -> Option<ComplaintKind> {
        let key = squash(text);
        Self::ALL
            .into_iter()
            .find(|k| squash(k.code()) == key || squash(k.label()) == key)
    }
}

impl std::fmt::Display for ComplaintKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// Where the handling of an entry stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintStatus {
    /// Recorded, not answered yet.
    Baru,
    /// Answered or acted on, not closed.
    Ditindaklanjuti,
    /// Closed.
    Selesai,
}

impl ComplaintStatus {
    /// Every status, in order.
    pub const ALL: [ComplaintStatus; 3] = [
        ComplaintStatus::Baru,
        ComplaintStatus::Ditindaklanjuti,
        ComplaintStatus::Selesai,
    ];

    /// The stored and typed code.
    pub fn code(self) -> &'static str {
        match self {
            ComplaintStatus::Baru => "baru",
            ComplaintStatus::Ditindaklanjuti => "ditindaklanjuti",
            ComplaintStatus::Selesai => "selesai",
        }
    }

    /// The label shown.
    pub fn label(self) -> &'static str {
        match self {
            ComplaintStatus::Baru => "Baru",
            ComplaintStatus::Ditindaklanjuti => "Ditindaklanjuti",
            ComplaintStatus::Selesai => "Selesai",
        }
    }

    /// Reads a code, ignoring case and spaces.
    pub fn parse(text: &str) -> Option<ComplaintStatus> {
        let key = squash(text);
        Self::ALL.into_iter().find(|s| s.code() == key)
    }
}

impl std::fmt::Display for ComplaintStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// Lowercase letters and digits only.
fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_labels_read_back() {
        for c in ComplaintChannel::ALL {
            assert_eq!(ComplaintChannel::parse(c.code()), Some(c));
            assert_eq!(ComplaintChannel::parse(c.label()), Some(c));
        }
        for k in ComplaintKind::ALL {
            assert_eq!(ComplaintKind::parse(k.code()), Some(k));
            assert_eq!(ComplaintKind::parse(k.label()), Some(k));
        }
        for s in ComplaintStatus::ALL {
            assert_eq!(ComplaintStatus::parse(s.code()), Some(s));
        }
        assert_eq!(
            ComplaintChannel::parse("kotak saran"),
            Some(ComplaintChannel::KotakSaran)
        );
        assert_eq!(
            ComplaintChannel::parse("WA"),
            Some(ComplaintChannel::WhatsApp)
        );
        assert_eq!(
            ComplaintChannel::parse("sp4n"),
            Some(ComplaintChannel::Lapor)
        );
        assert_eq!(
            ComplaintChannel::parse("e-mail"),
            Some(ComplaintChannel::Email)
        );
        assert_eq!(ComplaintChannel::parse("pos"), None);
        assert_eq!(ComplaintKind::parse("buku tamu"), Some(ComplaintKind::Tamu));
    }
}
