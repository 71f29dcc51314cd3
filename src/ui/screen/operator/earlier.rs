//! The NIK's earlier applications and letters, compact: date, register number, status
//! and letter number, newest first.

use iced::Element;
use iced::widget::{column, text};

use super::Message;
use crate::core::history::History;
use crate::ui::widget::muted;

/// The list under the check; `None` when the NIK has no earlier visit.
pub fn view(earlier: &History) -> Option<Element<'_, Message>> {
    if earlier.is_empty() {
        return None;
    }
    let mut list = column![muted(format!(
        "Permohonan dan surat sebelumnya untuk NIK ini ({} hari):",
        earlier.days
    ))]
    .spacing(2);
    for a in &earlier.applications {
        let letters: Vec<String> = earlier
            .letters
            .iter()
            .filter(|l| l.application_id == Some(a.id))
            .map(|l| l.label())
            .collect();
        let mut line = format!(
            "{}  {}  {}",
            a.created_at.get(..10).unwrap_or("-"),
            a.register_no,
            a.status.label()
        );
        if !letters.is_empty() {
            line.push_str(&format!("  {}", letters.join(", ")));
        }
        list = list.push(text(line).size(13));
    }
    for l in earlier.letters.iter().filter(|l| {
        !earlier
            .applications
            .iter()
            .any(|a| Some(a.id) == l.application_id)
    }) {
        let date = l.issued_at.get(..10).unwrap_or("-");
        list = list.push(text(format!("{date}  surat {}", l.label())).size(13));
    }
    Some(list.into())
}
