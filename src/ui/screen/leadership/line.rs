//! One letter in the Pimpinan's list: its facts, its sign-off steps in fixed columns on
//! the right (the next step's button never appears where the previous one was), what is
//! on record, and the question open for it.

use iced::widget::{button, column, container, row, text};
use iced::{Element, Fill};

use super::{Message, confirm, handover};
use crate::core::archive::ArchivedLetter;
use crate::core::nik::mask;
use crate::core::service_time::Waiting;
use crate::core::signoff::{Step, StepDone};
use crate::ui::theme;
use crate::ui::widget::{badge, bold, muted, waiting};

/// Width of one step's column.
const STEP_WIDTH: f32 = 178.0;

/// What is on record for a letter and what is open for it.
pub struct Record<'a> {
    /// How long its application has taken; `None` without an application.
    pub wait: Option<Waiting>,
    /// The steps taken, with who and when.
    pub done: &'a [StepDone],
    /// Whether the office uses the Kabid's paraf.
    pub paraf: bool,
    /// Whether the Kabid signs on behalf of the Kepala Dinas.
    pub kabid_signs: bool,
    /// Whether this letter is the one the keys act on.
    pub selected: bool,
    /// The handover question, when open for this letter.
    pub handover: Option<&'a handover::Form>,
    /// The sign-off question, when open for this letter.
    pub confirm: Option<&'a confirm::Confirm>,
    /// The undo question, when open for this letter.
    pub undo: Option<&'a confirm::Undo>,
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

/// One letter: number, name, masked NIK, status, printed count and issue time; under
/// them who took each step and when, how long its application has taken, and the three
/// step columns (paraf, TTD, handover): a step done shows its badge, the next step its
/// button (with F8 on the selected letter), a later step stays empty. The open question
/// comes last, its answer on the left.
pub fn view<'a>(
    letter: &'a ArchivedLetter,
    next: Option<Step>,
    record: Record<'a>,
) -> Element<'a, Message> {
    let void = letter.status == "void";
    let status = if void {
        badge("DIBATALKAN", theme::DANGER)
    } else {
        badge("BERLAKU", theme::SUCCESS)
    };
    let printed = match letter.printed {
        0 => "belum dicetak".to_string(),
        n => format!("dicetak {n}x"),
    };
    let facts = row![
        container(bold(letter.number.clone().unwrap_or_default())).width(220),
        container(text(letter.name.as_str())).width(180),
        container(muted(mask(&letter.nik))).width(150),
        container(status).width(110),
        container(muted(printed)).width(100),
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
    let last = record.done.last().map(|s| s.step);
    let undoable = !void && matches!(last, Some(Step::Paraf | Step::Ttd));
    let undo_button = undoable.then(|| {
        button(confirm::keyed(
            "Batalkan langkah terakhir",
            record.selected.then_some("Ctrl+Z"),
        ))
        .style(button::secondary)
        .padding([2, 8])
        .on_press(Message::UndoOpened(letter.id))
        .into()
    });
    let notes = column![]
        .extend((!done.is_empty()).then(|| muted(done).into()))
        .extend(record.wait.map(waiting))
        .extend(undo_button)
        .spacing(4)
        .width(Fill);
    let steps = Step::ALL.into_iter().map(|step| {
        let cell: Element<'_, Message> = if record.done.iter().any(|s| s.step == step) {
            badge(step.done_label(), theme::PRIMARY)
        } else if Some(step) == next && !void {
            let key = match step {
                Step::Diserahkan => "F8 · F9 langsung",
                _ => "F8",
            };
            button(confirm::keyed(
                action(step, record.kabid_signs),
                record.selected.then_some(key),
            ))
            .padding([4, 10])
            .on_press(Message::SignOff(letter.id, step))
            .into()
        } else if step == Step::Paraf && !record.paraf {
            muted("tanpa paraf").into()
        } else {
            text("").into()
        };
        container(cell).width(STEP_WIDTH).into()
    });
    let under = row![notes].extend(steps).spacing(8).align_y(iced::Center);
    let action_of = |step| action(step, record.kabid_signs);
    let question = record
        .confirm
        .map(|c| c.view(letter, action_of(c.step)))
        .or(record.undo.map(|u| u.view(letter, action_of(u.step))))
        .or(record.handover.map(handover::Form::view));
    let content = column![facts, under].extend(question).spacing(4);
    container(content)
        .padding(6)
        .width(Fill)
        .style(if record.selected {
            theme::card_selected
        } else {
            theme::card
        })
        .into()
}
