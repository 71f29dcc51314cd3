//! One letter in the Pimpinan's list: its sign-off buttons and what is on record.

use iced::Element;
use iced::widget::{button, column, container, row, text};

use super::{Message, handover};
use crate::core::archive::ArchivedLetter;
use crate::core::nik::mask;
use crate::core::service_time::Waiting;
use crate::core::signoff::{Step, StepDone};
use crate::ui::theme;
use crate::ui::widget::{badge, bold, muted, waiting};

/// What is on record for a letter, shown under its line.
pub struct Record<'a> {
    /// How long its application has taken; `None` without an application.
    pub wait: Option<Waiting>,
    /// The steps taken, with who and when.
    pub done: &'a [StepDone],
    /// Whether the Kabid signs on behalf of the Kepala Dinas.
    pub kabid_signs: bool,
    /// The handover question, when open for this letter.
    pub handover: Option<&'a handover::Form>,
}

/// What a step's button says; the TTD names the Kabid where the Kabid signs a.n. the
/// Kepala Dinas.
pub fn action(step: Step, kabid_signs: bool) -> &'static str {
    match step {
        Step::Ttd if kabid_signs => "TTD Kabid (a.n. Kepala Dinas)",
        step => step.action(),
    }
}

/// The word for a step done, in the record under a letter.
fn done_word(step: Step) -> &'static str {
    match step {
        Step::Paraf => "Diparaf",
        Step::Ttd => "Ditandatangani",
        Step::Diserahkan => "Diserahkan",
    }
}

/// One letter: number, name, masked NIK, status, printed count, and its next sign-off
/// step as a button (paraf by the Kabid, TTD by the Kepala Dinas, then handover), and
/// under it who took each step and when, how long its application has taken, and the
/// handover question when it is open for this letter.
pub fn view<'a>(
    letter: &'a ArchivedLetter,
    next: Option<Step>,
    record: Record<'a>,
) -> Element<'a, Message> {
    let status = if letter.status == "void" {
        badge("DIBATALKAN", theme::DANGER)
    } else {
        badge("BERLAKU", theme::SUCCESS)
    };
    let printed = match letter.printed {
        0 => "belum dicetak".to_string(),
        n => format!("dicetak {n}x"),
    };
    let done: Element<'_, Message> = match Step::ALL
        .into_iter()
        .take_while(|s| Some(*s) != next)
        .last()
    {
        Some(step) => badge(step.done_label(), theme::PRIMARY),
        None => text("").into(),
    };
    let action: Element<'_, Message> = match next {
        Some(step) if letter.status != "void" => button(text(action(step, record.kabid_signs)))
            .padding([4, 10])
            .on_press(Message::SignOff(letter.id, step))
            .into(),
        _ => text("").into(),
    };
    // The facts wrap on a narrow window; the next step's button has a line of its own
    // under them, so it is never pushed off screen.
    let row = row![
        container(bold(letter.number.clone().unwrap_or_default())).width(220),
        container(text(letter.name.as_str())).width(180),
        container(muted(mask(&letter.nik))).width(150),
        container(status).width(110),
        container(muted(printed)).width(100),
        container(done).width(140),
        muted(letter.issued_at.get(..16).unwrap_or("").replace('T', " ")),
    ]
    .spacing(8)
    .align_y(iced::Center)
    .wrap()
    .vertical_spacing(4);
    let done = record.done.iter().map(|s| {
        format!(
            "{} oleh {}, {}",
            done_word(s.step),
            s.actor,
            s.at.get(..16).unwrap_or("").replace('T', " ")
        )
    });
    let done = done.collect::<Vec<_>>().join("  ·  ");
    column![row, action]
        .extend((!done.is_empty()).then(|| muted(done).into()))
        .extend(record.wait.map(waiting))
        .extend(record.handover.map(handover::Form::view))
        .spacing(2)
        .into()
}
