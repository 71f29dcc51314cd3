//! "Mungkin maksud Anda": for an application whose NIK is not in the snapshot, the
//! persons with the applicant's name, each with where its NIK differs from the one typed
//! at the desk, so a mistyped digit is found without reading the KTP twice.

use iced::widget::{column, row, text};
use iced::{Element, Fill};

use super::Message;
use crate::core::Store;
use crate::core::nik::{Nik, mask};
use crate::core::register::Application;
use crate::core::snapshot::SearchHit;
use crate::core::snapshot::search::{self, SearchQuery};
use crate::ui::widget::{bold, muted};

/// Most candidates shown.
const CANDIDATES: usize = 5;

/// Persons in the snapshot named like `application`'s applicant (the forgiving name
/// search, logged by `actor`), those born on the date `nik` gives first: the person the
/// NIK was probably meant for when a digit was mistyped.
pub fn find(
    store: &Store,
    application: &Application,
    nik: &Nik,
    actor: &str,
) -> crate::core::Result<Vec<SearchHit>> {
    if application.applicant_name.trim().is_empty() {
        return Ok(Vec::new());
    }
    let query = SearchQuery {
        text: application.applicant_name.clone(),
        birth_date: None,
        desa: None,
        limit: CANDIDATES * 4,
    };
    let born = nik.birth_date().to_string();
    let mut hits = search::find(store, &query, actor)?;
    // Stable: the name ranking stays within each group.
    hits.sort_by_key(|h| h.birth_date.as_deref() != Some(born.as_str()));
    hits.truncate(CANDIDATES);
    Ok(hits)
}

/// The 1-based positions where `found` differs from `typed` (digit by digit).
pub fn differing_digits(typed: &str, found: &str) -> Vec<usize> {
    let (a, b): (Vec<char>, Vec<char>) = (typed.chars().collect(), found.chars().collect());
    (0..a.len().max(b.len()))
        .filter(|&i| a.get(i) != b.get(i))
        .map(|i| i + 1)
        .collect()
}

/// "beda di digit ke-9, 10"; "beda 12 digit" when too many to be a typing slip.
fn difference(typed: &str, found: &str) -> String {
    let digits = differing_digits(typed, found);
    if digits.len() > 4 {
        return format!("beda {} digit", digits.len());
    }
    let list: Vec<String> = digits.iter().map(usize::to_string).collect();
    format!("beda di digit ke-{}", list.join(", "))
}

/// The candidates under the not-registered answer, each a button that offers to correct
/// the application's NIK to it, the one at `highlighted` (Alt+Down/Alt+Up) marked;
/// `None` when there are none.
pub fn view<'a>(
    typed: &'a str,
    candidates: &'a [SearchHit],
    highlighted: Option<usize>,
) -> Option<Element<'a, Message>> {
    if candidates.is_empty() {
        return None;
    }
    let title = column![
        bold("Mungkin maksud Anda"),
        muted("Alt+↓/↑: pilih  ·  Enter: koreksi NIK"),
    ]
    .spacing(2);
    let list = candidates
        .iter()
        .enumerate()
        .fold(column![title].spacing(6), |c, (i, hit)| {
            let optional = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
            let entry = column![
                row![bold(hit.name.as_str()), muted(optional(&hit.desa))].spacing(8),
                row![
                    text(mask(&hit.nik)).size(14),
                    muted(optional(&hit.birth_date)),
                    muted(difference(typed, &hit.nik)),
                ]
                .spacing(8),
            ]
            .spacing(2);
            c.push(
                iced::widget::button(entry)
                    .width(Fill)
                    .padding(6)
                    .style(crate::ui::theme::queue_row(highlighted == Some(i)))
                    .on_press(Message::Candidate(hit.nik.clone())),
            )
        });
    Some(list.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_differing_digits_are_counted_from_one() {
        assert_eq!(
            differing_digits("3520011705859999", "3520011705850001"),
            vec![13, 14, 15, 16]
        );
        assert_eq!(
            differing_digits("3520011705850001", "3520011705850001"),
            Vec::<usize>::new()
        );
        assert_eq!(
            difference("3520011705850001", "3520011507850001"),
            "beda di digit ke-8, 10"
        );
        assert_eq!(
            difference("1111111111111111", "3520011705850001"),
            "beda 13 digit"
        );
    }
}
