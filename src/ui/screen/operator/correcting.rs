//! Correcting a mistyped NIK from "Mungkin maksud Anda", by mouse or by keyboard:
//! Alt+Down/Alt+Up move the highlight through the candidates, Enter (outside a field)
//! opens the correction for the highlighted one with the cursor in the reason, Enter in
//! the reason corrects and checks again, Esc closes the correction.

use iced::Element;
use iced::widget::{button, column, row, text, text_input};

use super::{Action, Context, Current, Message, Outcome, REASON_FIELD, State, Step};
use crate::core::nik::mask;
use crate::core::register;
use crate::core::snapshot::SearchHit;
use crate::ui::widget::{bold, error_text, esc_sends, muted};

/// A correction of the application's NIK being written.
#[derive(Debug, Default)]
pub(super) struct Correction {
    /// The NIK chosen from the candidates.
    pub(super) nik: String,
    /// The reason being typed (required by the register).
    pub(super) reason: String,
    /// Why the last try failed.
    pub(super) error: Option<String>,
}

impl Current {
    /// The candidates the panel shows: those of an application from the queue whose NIK
    /// is not registered, while it is undecided; none otherwise.
    pub(super) fn shown_candidates(&self) -> &[SearchHit] {
        match (&self.lookup, &self.application, &self.outcome) {
            (Step::Done(checked), Some(_), Outcome::Open | Outcome::Failed(_)) => {
                &checked.candidates
            }
            _ => &[],
        }
    }
}

impl State {
    /// Alt+Down/Alt+Up: the first press highlights the first candidate, the next ones
    /// move through them (staying in the list). Nothing while a correction is open.
    pub(super) fn move_candidate(&mut self, delta: i32) {
        let Some(current) = &mut self.current else {
            return;
        };
        let count = current.shown_candidates().len();
        if count == 0 || current.correcting.is_some() {
            return;
        }
        current.candidate = Some(match current.candidate {
            None => 0,
            Some(i) => i.saturating_add_signed(delta as isize).min(count - 1),
        });
        self.search.deactivate();
    }

    /// The NIK of the candidate the keyboard highlighted, while no correction is open.
    pub(super) fn highlighted_candidate(&self) -> Option<String> {
        let current = self.current.as_ref()?;
        if current.correcting.is_some() {
            return None;
        }
        let hit = current.shown_candidates().get(current.candidate?)?;
        Some(hit.nik.clone())
    }

    /// Whether a correction is being written.
    pub(super) fn correcting(&self) -> bool {
        self.current
            .as_ref()
            .is_some_and(|c| c.correcting.is_some())
    }

    /// A candidate was chosen: asks for the reason, the cursor in its field; the
    /// candidate stays highlighted for when the correction is closed.
    pub(super) fn open_correction(&mut self, nik: String) -> Action<Message> {
        let Some(current) = &mut self.current else {
            return Action::None;
        };
        current.candidate = current
            .shown_candidates()
            .iter()
            .position(|h| h.nik == nik)
            .or(current.candidate);
        current.correcting = Some(Correction {
            nik,
            ..Correction::default()
        });
        Action::Run(iced::widget::operation::focus(REASON_FIELD))
    }

    /// The reason was edited.
    pub(super) fn edit_reason(&mut self, reason: String) {
        if let Some(c) = self.current.as_mut().and_then(|c| c.correcting.as_mut()) {
            c.reason = reason;
        }
    }

    /// "Batal" or Esc: the correction is dropped, the candidates shown again.
    pub(super) fn cancel_correction(&mut self) {
        if let Some(current) = &mut self.current {
            current.correcting = None;
        }
    }

    /// Corrects the current application's NIK to the chosen candidate (the register
    /// undoes the check of the old NIK), then checks it again.
    pub(super) fn correct_nik(&mut self, ctx: &Context<'_>) -> Action<Message> {
        let Some(current) = &mut self.current else {
            return Action::None;
        };
        let (Some(application), Some(correction)) = (&current.application, &mut current.correcting)
        else {
            return Action::None;
        };
        match register::correct_nik(
            &ctx.store.register,
            application.id,
            &correction.nik,
            &correction.reason,
            ctx.actor,
            ctx.at(),
        ) {
            Ok(corrected) => {
                let nik = corrected.nik.clone();
                self.refresh(ctx);
                self.check(nik, Some(corrected), true, ctx)
            }
            Err(e) => {
                correction.error = Some(e.to_string());
                Action::None
            }
        }
    }
}

/// The reason for correcting the application's NIK to the chosen candidate, with the
/// keys of its two buttons.
pub(super) fn view(correction: &Correction) -> Element<'_, Message> {
    let keyed = |words, key| {
        row![words, text(key).size(12)]
            .spacing(6)
            .align_y(iced::Center)
    };
    column![
        row![muted("Koreksi NIK menjadi"), bold(mask(&correction.nik))].spacing(8),
        esc_sends(
            text_input("Alasan koreksi (wajib)", &correction.reason)
                .id(REASON_FIELD)
                .on_input(Message::CorrectionReasonChanged)
                .on_submit(Message::CorrectNik)
                .padding(6),
            Message::CancelCorrection,
        ),
        row![
            button(keyed(bold("Koreksi NIK & Periksa Ulang"), "(Enter)"))
                .padding([8, 16])
                .on_press(Message::CorrectNik),
            button(keyed(text("Batal"), "(Esc)"))
                .padding([8, 16])
                .style(button::secondary)
                .on_press(Message::CancelCorrection),
        ]
        .spacing(8),
    ]
    .extend(correction.error.as_deref().map(|e| error_text(e).into()))
    .spacing(6)
    .into()
}
