//! The stages of a proposal (Tanjungpinang's SOP for DTKS proposals) and the order they
//! must follow.

use serde::{Serialize, Serializer};

/// Where a proposal stands: the last step reached, each recorded with its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    /// Proposed by the citizen, RT/RW, kelurahan or another party (the first step).
    Usulan,
    /// Coordinated with the RT/RW, kelurahan staff and superiors.
    Koordinasi,
    /// Field visit and assessment: the next step says whether the person is eligible.
    Assessment,
    /// Eligible (layak): entered into SIKS-NG.
    InputSiksNg,
    /// Matched against the civil registry (Disdukcapil) in SIKS-NG.
    PemadananDukcapil,
    /// Finalised: nota dinas, the mayor's approval, uploaded to the ministry (terminal).
    Finalisasi,
    /// The assessment found the person not eligible (terminal).
    TidakLayak,
}

impl Stage {
    /// Every stage, in the order of the pipeline (the terminal `TidakLayak` last).
    pub const ALL: [Stage; 7] = [
        Stage::Usulan,
        Stage::Koordinasi,
        Stage::Assessment,
        Stage::InputSiksNg,
        Stage::PemadananDukcapil,
        Stage::Finalisasi,
        Stage::TidakLayak,
    ];

    /// The code stored and typed on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Stage::Usulan => "usulan",
            Stage::Koordinasi => "koordinasi",
            Stage::Assessment => "assessment",
            Stage::InputSiksNg => "input_siks_ng",
            Stage::PemadananDukcapil => "pemadanan_dukcapil",
            Stage::Finalisasi => "finalisasi",
            Stage::TidakLayak => "tidak_layak",
        }
    }

    /// The Indonesian label shown to the clerk.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Usulan => "Usulan",
            Stage::Koordinasi => "Koordinasi",
            Stage::Assessment => "Assessment",
            Stage::InputSiksNg => "Input SIKS-NG",
            Stage::PemadananDukcapil => "Pemadanan Dukcapil",
            Stage::Finalisasi => "Finalisasi",
            Stage::TidakLayak => "Tidak Layak",
        }
    }

    /// Parses a code or a label, ignoring case; `-` and spaces count as `_`.
    pub fn parse(text: &str) -> Option<Stage> {
        let wanted = text.trim().to_lowercase().replace(['-', ' '], "_");
        Stage::ALL.into_iter().find(|s| {
            s.code() == wanted || s.label().to_lowercase().replace(['-', ' '], "_") == wanted
        })
    }

    /// The stages a proposal here may move to: the next one in order, or after the
    /// assessment either `InputSiksNg` (layak) or `TidakLayak`. Empty when finished.
    pub fn next_stages(self) -> &'static [Stage] {
        match self {
            Stage::Usulan => &[Stage::Koordinasi],
            Stage::Koordinasi => &[Stage::Assessment],
            Stage::Assessment => &[Stage::InputSiksNg, Stage::TidakLayak],
            Stage::InputSiksNg => &[Stage::PemadananDukcapil],
            Stage::PemadananDukcapil => &[Stage::Finalisasi],
            Stage::Finalisasi | Stage::TidakLayak => &[],
        }
    }

    /// Whether a proposal at this stage may move to `next`.
    pub fn can_move_to(self, next: Stage) -> bool {
        self.next_stages().contains(&next)
    }

    /// Whether the proposal is still under way (not finalised, not refused).
    pub fn is_open(self) -> bool {
        !self.next_stages().is_empty()
    }

    /// The assessment result a move into this stage records, if it is one.
    pub fn outcome(self) -> Option<Outcome> {
        match self {
            Stage::InputSiksNg => Some(Outcome::Layak),
            Stage::TidakLayak => Some(Outcome::TidakLayak),
            _ => None,
        }
    }
}

impl Serialize for Stage {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

/// What the field assessment found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Eligible: the proposal goes on to SIKS-NG.
    Layak,
    /// Not eligible: the proposal ends.
    TidakLayak,
}

impl Outcome {
    /// The code stored (`layak`, `tidak_layak`).
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Layak => "layak",
            Outcome::TidakLayak => "tidak_layak",
        }
    }

    /// The Indonesian label.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Layak => "Layak",
            Outcome::TidakLayak => "Tidak layak",
        }
    }

    /// Reads a stored code.
    pub fn from_code(code: &str) -> Option<Outcome> {
        [Outcome::Layak, Outcome::TidakLayak]
            .into_iter()
            .find(|o| o.code() == code)
    }
}

impl Serialize for Outcome {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}
