//! Where an application came from, the papers checked, and the states it goes through.

use serde::{Deserialize, Serialize};

/// Where a request came from (Magetan's standard lists the online channels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Channel {
    /// In person at the counter.
    Loket,
    /// WhatsApp.
    WhatsApp,
    /// E-mail.
    Email,
    /// The office website.
    Web,
    /// Telephone.
    Telepon,
    /// SP4N LAPOR! (national complaints and service portal).
    Lapor,
}

impl Channel {
    /// Every channel, in the order shown in forms.
    pub const ALL: [Channel; 6] = [
        Channel::Loket,
        Channel::WhatsApp,
        Channel::Email,
        Channel::Web,
        Channel::Telepon,
        Channel::Lapor,
    ];

    /// Label shown and stored.
    pub fn label(self) -> &'static str {
        match self {
            Channel::Loket => "Loket",
            Channel::WhatsApp => "WhatsApp",
            Channel::Email => "E-mail",
            Channel::Web => "Web",
            Channel::Telepon => "Telepon",
            Channel::Lapor => "SP4N LAPOR!",
        }
    }

    /// Short code typed on the command line (`loket`, `whatsapp`, `email`, `web`,
    /// `telepon`, `lapor`).
    pub fn code(self) -> &'static str {
        match self {
            Channel::Loket => "loket",
            Channel::WhatsApp => "whatsapp",
            Channel::Email => "email",
            Channel::Web => "web",
            Channel::Telepon => "telepon",
            Channel::Lapor => "lapor",
        }
    }

    /// Parses a code or a label, ignoring case.
    pub fn parse(text: &str) -> Option<Channel> {
        let text = text.trim();
        Channel::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(text) || c.label().eq_ignore_ascii_case(text))
    }

    /// Parses a stored label.
    pub fn from_label(text: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.label() == text)
    }
}

impl std::fmt::Display for Channel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

/// Papers the front desk checks (Luwu Timur and Karangasem standards).
pub const PAPERS: [&str; 3] = ["KTP", "Kartu Keluarga", "Surat pengantar desa/kelurahan"];

/// State of an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Waiting for the operator.
    Menunggu,
    /// Letter issued.
    Selesai,
    /// Not registered; advice given.
    TidakTerdaftar,
    /// Cancelled.
    Batal,
}

impl Status {
    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            Status::Menunggu => "menunggu",
            Status::Selesai => "selesai",
            Status::TidakTerdaftar => "tidak_terdaftar",
            Status::Batal => "batal",
        }
    }

    /// Label shown to clerks.
    pub fn label(self) -> &'static str {
        match self {
            Status::Menunggu => "Menunggu",
            Status::Selesai => "Selesai",
            Status::TidakTerdaftar => "Tidak terdaftar",
            Status::Batal => "Batal",
        }
    }

    /// Whether an application in this state may move to `next`: only a waiting one
    /// moves, to a letter, a not-registered result, or a cancellation.
    pub fn can_move_to(self, next: Status) -> bool {
        self == Status::Menunggu && next != Status::Menunggu
    }

    /// The state with stored code `code`, or `None` for an unknown code.
    pub fn parse(code: &str) -> Option<Status> {
        [
            Status::Menunggu,
            Status::Selesai,
            Status::TidakTerdaftar,
            Status::Batal,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }

    /// The state stored as `code` (unknown codes read as waiting).
    pub fn from_code(code: &str) -> Status {
        match code {
            "selesai" => Status::Selesai,
            "tidak_terdaftar" => Status::TidakTerdaftar,
            "batal" => Status::Batal,
            _ => Status::Menunggu,
        }
    }
}
