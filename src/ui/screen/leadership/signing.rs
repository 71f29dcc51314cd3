//! The Paraf & TTD tab's acts: a step button (or F8 on the selected letter) opens a
//! question, and only its answer (a click on "Ya, …" or Enter) records the step, signed
//! by the signed-in user; Esc closes it. The last paraf or TTD can be taken back with a
//! reason (Ctrl+Z). F9 hands a signed letter over in person. Arrow keys move the
//! selection.

use iced::Task;
use iced::widget::operation;

use super::{Message, State, Tab, confirm, handover};
use crate::core::register::Handover;
use crate::core::signoff::{self, SignOff, Step};
use crate::ui::screen::Context;

impl State {
    /// Handles the sign-off messages of the Paraf & TTD tab.
    pub(super) fn signing(&mut self, message: Message, ctx: &Context<'_>) -> Task<Message> {
        match message {
            Message::SignOff(id, step) => return self.open_step(id, step, ctx),
            Message::StepShortcut if self.tab == Tab::Surat => {
                if let Some((id, Some(step))) = self.selected.map(|id| (id, self.next_of(id))) {
                    return self.open_step(id, step, ctx);
                }
            }
            Message::Confirmed => self.confirm_step(ctx),
            Message::Enter if self.tab == Tab::Surat => {
                if self.confirm.is_some() {
                    self.confirm_step(ctx);
                } else if let Some(form) = &self.handover {
                    let id = form.letter;
                    self.hand_over(id, &Handover::in_person(), ctx);
                } else if self.undo.is_some() {
                    self.confirm_undo(ctx);
                }
            }
            Message::Cancel => self.close_questions(),
            Message::Move(delta) if self.tab == Tab::Surat => self.move_selection(delta),
            Message::UndoOpened(id) => return self.open_undo(id, ctx),
            Message::UndoShortcut if self.tab == Tab::Surat => {
                if let Some(id) = self.selected {
                    return self.open_undo(id, ctx);
                }
            }
            Message::UndoReason(reason) => {
                if let Some(undo) = &mut self.undo {
                    undo.reason = reason;
                }
            }
            Message::UndoConfirmed => self.confirm_undo(ctx),
            Message::HandOver(id, how) => self.hand_over(id, &how, ctx),
            Message::HandOverShortcut if self.tab == Tab::Surat => {
                if let Some(id) = self.selected
                    && self.next_of(id) == Some(Step::Diserahkan)
                {
                    self.close_questions();
                    self.hand_over(id, &Handover::in_person(), ctx);
                }
            }
            Message::HandoverChannel(channel) => {
                if let Some(form) = &mut self.handover {
                    form.channel = channel;
                }
            }
            Message::HandoverContact(contact) => {
                if let Some(form) = &mut self.handover {
                    form.contact = contact;
                }
            }
            _ => {}
        }
        Task::none()
    }

    /// The next step of listed letter `id` (`None`: handed over, voided or not listed).
    fn next_of(&self, id: i64) -> Option<Step> {
        self.today
            .iter()
            .chain(&self.earlier)
            .find(|(l, _)| l.id == id && l.status != "void")
            .and_then(|(_, step)| *step)
    }

    /// Keeps the selection on a letter still waiting for a step, else selects the first
    /// one waiting (today's first); called after the list is read again.
    pub(super) fn keep_selection(&mut self) {
        if self.selected.and_then(|id| self.next_of(id)).is_some() {
            return;
        }
        let listed = self.today.iter().chain(&self.earlier);
        let waiting = listed
            .filter(|(l, step)| step.is_some() && l.status != "void")
            .map(|(l, _)| l.id)
            .next();
        self.selected = waiting.or(self.selected.filter(|id| self.listed(*id)));
    }

    fn listed(&self, id: i64) -> bool {
        self.today
            .iter()
            .chain(&self.earlier)
            .any(|(l, _)| l.id == id)
    }

    /// Moves the selection `delta` letters down (up when negative) the list.
    fn move_selection(&mut self, delta: i32) {
        let ids: Vec<i64> = self
            .today
            .iter()
            .chain(&self.earlier)
            .map(|(l, _)| l.id)
            .collect();
        let Some(last) = ids.len().checked_sub(1) else {
            return;
        };
        let at = self
            .selected
            .and_then(|id| ids.iter().position(|i| *i == id));
        let to = match at {
            Some(at) => at.saturating_add_signed(delta as isize).min(last),
            None => 0,
        };
        if self.selected != Some(ids[to]) {
            self.close_questions();
        }
        self.selected = Some(ids[to]);
    }

    fn close_questions(&mut self) {
        (self.confirm, self.undo, self.handover) = (None, None, None);
    }

    /// Opens the question for `step` of letter `id`: "record it?" for paraf and TTD,
    /// "how?" for the handover. Nothing is recorded here.
    fn open_step(&mut self, id: i64, step: Step, ctx: &Context<'_>) -> Task<Message> {
        self.close_questions();
        self.selected = Some(id);
        if step == Step::Diserahkan {
            match signoff::suggested_handover(&ctx.store.register, id) {
                Ok(suggested) => self.handover = Some(handover::Form::new(id, suggested)),
                Err(e) => self.failure = Some(e.to_string()),
            }
        } else {
            self.confirm = Some(confirm::Confirm {
                letter: id,
                step,
                signer: ctx.actor.to_string(),
            });
        }
        Task::none()
    }

    /// Records the step of the open question, if any, and closes it.
    fn confirm_step(&mut self, ctx: &Context<'_>) {
        if let Some(question) = self.confirm.take() {
            self.sign_off(question.letter, question.step, None, ctx);
        }
    }

    /// Hands letter `id` over (`how`); the question closes when it was recorded.
    fn hand_over(&mut self, id: i64, how: &Handover, ctx: &Context<'_>) {
        if self.sign_off(id, Step::Diserahkan, Some(how), ctx) {
            self.handover = None;
        }
    }

    /// Opens the undo question for letter `id`'s last paraf or TTD, with the cursor in
    /// the reason field; a letter with nothing to take back says so.
    fn open_undo(&mut self, id: i64, ctx: &Context<'_>) -> Task<Message> {
        self.close_questions();
        self.selected = Some(id);
        match signoff::undoable(&ctx.store.register, id) {
            Ok(Some(step)) => {
                self.undo = Some(confirm::Undo {
                    letter: id,
                    step,
                    reason: String::new(),
                });
                return operation::focus(confirm::UNDO_REASON_FIELD);
            }
            Ok(None) => {
                self.failure = Some("Surat ini tidak punya paraf/TTD yang dapat dibatalkan.".into())
            }
            Err(e) => self.failure = Some(e.to_string()),
        }
        Task::none()
    }

    /// Takes back the step of the open undo question with its reason; the question
    /// stays open with the refusal shown when the core refuses.
    fn confirm_undo(&mut self, ctx: &Context<'_>) {
        let Some(undo) = &self.undo else {
            return;
        };
        let done = signoff::undo_last(ctx.store, undo.letter, &undo.reason, ctx.actor, ctx.at());
        self.refresh(ctx);
        match done {
            Ok(_) => self.undo = None,
            Err(e) => self.failure = Some(e.to_string()),
        }
    }

    /// Records `step` (with `how` for the handover) on letter `id` and re-reads the
    /// list; false, with the refusal shown, when the core refused it.
    fn sign_off(&mut self, id: i64, step: Step, how: Option<&Handover>, ctx: &Context<'_>) -> bool {
        let by = SignOff {
            actor: ctx.actor,
            at: ctx.at(),
            note: "",
            handover: how,
        };
        let done = signoff::record(ctx.store, id, step, &by);
        self.refresh(ctx);
        match done {
            Ok(()) => true,
            Err(e) => {
                self.failure = Some(e.to_string());
                false
            }
        }
    }
}
