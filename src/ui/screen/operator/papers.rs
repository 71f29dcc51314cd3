//! The chosen application at the top of the check: who asks and why, the channel it came
//! through with the contact to answer, its status, each required paper seen or missing,
//! and the reason it went on without one.

use chrono::NaiveDate;
use iced::widget::{column, row, text};
use iced::{Element, Fill};

use super::Message;
use crate::core::nik::Nik;
use crate::core::register::{Application, PaperRule, required_papers};
use crate::ui::theme;
use crate::ui::widget::{badge, bold, muted, status_badge};

/// One required paper and whether the front desk saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paper {
    /// The paper's name in the office's checklist.
    pub name: String,
    /// Whether it is among the application's papers.
    pub seen: bool,
}

/// The papers of the office's checklist `rules` required of `application`'s applicant
/// on `on` (the KTP from 17), each marked seen or missing; empty when its NIK cannot be
/// read.
pub fn required(rules: &[PaperRule], application: &Application, on: NaiveDate) -> Vec<Paper> {
    let Ok(nik) = Nik::parse(&application.nik) else {
        return Vec::new();
    };
    required_papers(rules, &nik, on)
        .into_iter()
        .map(|name| Paper {
            name: name.to_string(),
            seen: application.papers.iter().any(|p| p == name),
        })
        .collect()
}

/// The application in a few wrapped lines: applicant, purpose, channel and contact, its
/// status, and each required paper seen (green) or missing (red, "kurang"); the
/// exception (if any) under them. `papers` is empty until the check has finished.
pub fn view<'a>(application: &'a Application, papers: &'a [Paper]) -> Element<'a, Message> {
    let contact = [application.contact.as_str(), application.phone.as_str()]
        .into_iter()
        .find(|c| !c.trim().is_empty())
        .unwrap_or("-");
    let listed = papers
        .iter()
        .fold(row![muted("Berkas")].spacing(6), |r, p| {
            r.push(if p.seen {
                badge(p.name.as_str(), theme::SUCCESS)
            } else {
                badge(format!("{} kurang", p.name), theme::DANGER)
            })
        });
    let line = row![
        group(
            "Pemohon",
            bold(application.applicant_name.as_str()).size(15)
        ),
        group("Keperluan", bold(application.purpose.as_str()).size(15)),
        group(
            "Kanal",
            text(format!("{}, kontak {contact}", application.channel)).size(15)
        ),
        group("Status", status_badge(application.status)),
    ]
    .extend((!papers.is_empty()).then(|| listed.align_y(iced::Center).into()))
    .spacing(20)
    .align_y(iced::Center)
    .wrap()
    .vertical_spacing(4);
    let exception = application.paper_exception.trim();
    column![line]
        .extend((!exception.is_empty()).then(|| {
            row![muted("Pengecualian"), text(exception).width(Fill)]
                .spacing(8)
                .into()
        }))
        .spacing(6)
        .into()
}

/// A muted label with its value, kept together when the line wraps.
fn group<'a>(label: &'a str, value: impl Into<Element<'a, Message>>) -> Element<'a, Message> {
    row![muted(label), value.into()]
        .spacing(8)
        .align_y(iced::Center)
        .into()
}
