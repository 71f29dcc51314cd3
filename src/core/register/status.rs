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
    /// Instagram direct message.
    Instagram,
    /// SP4N LAPOR! (national complaints and service portal).
    Lapor,
}

impl Channel {
    /// Every channel, in the order shown in forms.
    pub const ALL: [Channel; 7] = [
        Channel::Loket,
        Channel::WhatsApp,
        Channel::Email,
        Channel::Web,
        Channel::Telepon,
        Channel::Instagram,
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
            Channel::Instagram => "Instagram",
            Channel::Lapor => "SP4N LAPOR!",
        }
    }

    /// Short code typed on the command line (`loket`, `whatsapp`, `email`, `web`,
    /// `telepon`, `instagram`, `lapor`).
    pub fn code(self) -> &'static str {
        match self {
            Channel::Loket => "loket",
            Channel::WhatsApp => "whatsapp",
            Channel::Email => "email",
            Channel::Web => "web",
            Channel::Telepon => "telepon",
            Channel::Instagram => "instagram",
            Channel::Lapor => "lapor",
        }
    }

    /// Parses a code or a label, ignoring case; `langsung` (handed over in person) reads
    /// as [`Channel::Loket`].
    pub fn parse(text: &str) -> Option<Channel> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("langsung") {
            return Some(Channel::Loket);
        }
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

/// State of an application, in the order of the service standards:
///
/// ```text
/// diterima -> berkas lengkap | berkas tidak lengkap (returned; -> berkas lengkap later)
/// berkas lengkap -> terdaftar | tidak terdaftar            (the operator's check)
/// terdaftar -> surat dicetak -> diparaf -> ditandatangani -> diserahkan | dikirim online
/// tidak terdaftar -> slip saran -> selesai
/// any open state -> dibatalkan (with a reason)
/// ```
///
/// Which steps apply is an office setting ([`Workflow`](super::Workflow)); the legal
/// moves are [`Status::can_move_to`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    /// Written in the register by the front desk.
    Diterima,
    /// Papers checked and complete (or an exception recorded).
    BerkasLengkap,
    /// Papers incomplete: returned to the applicant, listing what is missing.
    BerkasTidakLengkap,
    /// The operator found the person in the active snapshot.
    Terdaftar,
    /// The operator did not find the person in the active snapshot.
    TidakTerdaftar,
    /// The numbered letter was issued and printed.
    SuratDicetak,
    /// Initialled by the Kabid.
    Diparaf,
    /// Signed (Kepala Dinas, or the Kabid where the office allows).
    Ditandatangani,
    /// Handed over in person.
    Diserahkan,
    /// Sent online (scan or photo) to the applicant's contact.
    DikirimOnline,
    /// The not-registered slip with advice was given.
    SlipSaran,
    /// Closed after the slip was handed over.
    Selesai,
    /// Cancelled, with a reason.
    Dibatalkan,
}

impl Status {
    /// Every state, in the order of the flow.
    pub const ALL: [Status; 13] = [
        Status::Diterima,
        Status::BerkasLengkap,
        Status::BerkasTidakLengkap,
        Status::Terdaftar,
        Status::TidakTerdaftar,
        Status::SuratDicetak,
        Status::Diparaf,
        Status::Ditandatangani,
        Status::Diserahkan,
        Status::DikirimOnline,
        Status::SlipSaran,
        Status::Selesai,
        Status::Dibatalkan,
    ];

    /// Stored code (also typed on the command line).
    pub fn code(self) -> &'static str {
        match self {
            Status::Diterima => "diterima",
            Status::BerkasLengkap => "berkas_lengkap",
            Status::BerkasTidakLengkap => "berkas_tidak_lengkap",
            Status::Terdaftar => "terdaftar",
            Status::TidakTerdaftar => "tidak_terdaftar",
            Status::SuratDicetak => "surat_dicetak",
            Status::Diparaf => "diparaf",
            Status::Ditandatangani => "ditandatangani",
            Status::Diserahkan => "diserahkan",
            Status::DikirimOnline => "dikirim_online",
            Status::SlipSaran => "slip_saran",
            Status::Selesai => "selesai",
            Status::Dibatalkan => "dibatalkan",
        }
    }

    /// Label shown to clerks.
    pub fn label(self) -> &'static str {
        match self {
            Status::Diterima => "Diterima",
            Status::BerkasLengkap => "Berkas lengkap",
            Status::BerkasTidakLengkap => "Berkas tidak lengkap",
            Status::Terdaftar => "Terdaftar",
            Status::TidakTerdaftar => "Tidak terdaftar",
            Status::SuratDicetak => "Surat dicetak",
            Status::Diparaf => "Diparaf",
            Status::Ditandatangani => "Ditandatangani",
            Status::Diserahkan => "Diserahkan",
            Status::DikirimOnline => "Dikirim online",
            Status::SlipSaran => "Slip saran",
            Status::Selesai => "Selesai",
            Status::Dibatalkan => "Dibatalkan",
        }
    }

    /// The state with stored code `code`, or `None` for an unknown code.
    pub fn parse(code: &str) -> Option<Status> {
        let code = code.trim();
        Status::ALL
            .into_iter()
            .find(|s| s.code().eq_ignore_ascii_case(code) || s.label().eq_ignore_ascii_case(code))
    }

    /// The state stored as `code`; codes written before the full flow existed
    /// (`menunggu`, `batal`) read as their successors, anything else as received.
    pub fn from_code(code: &str) -> Status {
        match code {
            "menunggu" => Status::Diterima,
            "batal" => Status::Dibatalkan,
            _ => Status::parse(code).unwrap_or(Status::Diterima),
        }
    }

    /// Whether nothing more happens to an application in this state.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Status::Diserahkan | Status::DikirimOnline | Status::Selesai | Status::Dibatalkan
        )
    }

    /// Whether the step into this state produced a numbered letter or a slip: such a
    /// step is never undone; the letter is voided instead.
    pub fn makes_a_document(self) -> bool {
        matches!(self, Status::SuratDicetak | Status::SlipSaran)
    }

    /// Whether this state belongs to a letter that exists (printed and not handed
    /// over yet, or handed over): voiding that letter returns the application to
    /// [`Status::Terdaftar`].
    pub fn has_letter(self) -> bool {
        matches!(
            self,
            Status::SuratDicetak
                | Status::Diparaf
                | Status::Ditandatangani
                | Status::Diserahkan
                | Status::DikirimOnline
        )
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}
