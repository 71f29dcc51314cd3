//! The operator's tabs, and where the cursor goes on each.

use crate::ui::screen::{archive, verify};

/// The operator's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    /// The queue, name search, check, preview and printing.
    #[default]
    Antrean,
    /// Verifikasi Surat.
    Verifikasi,
    /// Arsip Surat.
    Arsip,
}

impl Tab {
    /// The tabs in order, with their labels.
    pub const LABELS: [(Tab, &'static str); 3] = [
        (Tab::Antrean, "Antrean & Pemeriksaan"),
        (Tab::Verifikasi, "Verifikasi Surat"),
        (Tab::Arsip, "Arsip Surat"),
    ];

    /// The field the operator types into first on the tab, where the cursor goes when
    /// the tab or the role is switched to: none on the queue (arrows and Enter work it
    /// outside any field), the code on Verifikasi, the search on Arsip.
    pub fn first_field(self) -> Option<&'static str> {
        match self {
            Tab::Antrean => None,
            Tab::Verifikasi => Some(verify::CODE_FIELD),
            Tab::Arsip => Some(archive::QUERY_FIELD),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Tab, archive, verify};

    #[test]
    fn the_queue_keeps_its_keys_and_the_other_tabs_start_in_their_field() {
        // Arrows and Enter reach the queue only while no field has the cursor.
        assert_eq!(Tab::Antrean.first_field(), None);
        assert_eq!(Tab::Verifikasi.first_field(), Some(verify::CODE_FIELD));
        assert_eq!(Tab::Arsip.first_field(), Some(archive::QUERY_FIELD));
    }
}
