//! The operator's decision on the current application: issuing the letter (a second one
//! for the NIK on the same day asks first) or recording "tidak terdaftar", and printing
//! the result again.

use iced::Task;

use super::{Action, Context, Current, Message, Outcome, State, Step, work};
use crate::ui::background::spawn;

impl State {
    /// Issues the letter (`registered`) or records "not registered", matching the answer.
    pub(super) fn decide(&mut self, registered: bool, ctx: &Context<'_>) -> Action<Message> {
        let target = self.printing.target();
        let Some(current) = &mut self.current else {
            return Action::None;
        };
        let (Step::Done(checked), Some(application)) = (&current.lookup, &current.application)
        else {
            return Action::None;
        };
        let open = matches!(current.outcome, Outcome::Open | Outcome::Failed(_));
        if checked.lookup.registered() != registered || !open {
            return Action::None;
        }
        // A second letter for the same NIK on one day is usually a double press or a
        // repeat visit: the first press only asks.
        if registered && !checked.issued_today.is_empty() && !current.confirming {
            current.confirming = true;
            return Action::None;
        }
        let target = match target {
            Ok(target) => target,
            Err(e) => {
                current.outcome = Outcome::Failed(e);
                return Action::None;
            }
        };
        current.outcome = Outcome::Working;
        let (dir, application, answer) = (
            self.dir.clone(),
            application.clone(),
            checked.lookup.clone(),
        );
        let (who, print, generation) = ((ctx.actor, ctx.today), ctx.print, self.generation);
        Action::Run(Task::perform(
            spawn(move || {
                if registered {
                    work::issue_and_print(&dir, &application, &answer, who, &target, print)
                } else {
                    work::record_not_registered(&dir, &application, &answer, who, &target, print)
                }
                .map(Box::new)
            }),
            move |result| Message::Finished(generation, result),
        ))
    }

    pub(super) fn reprint(&mut self, ctx: &Context<'_>) -> Action<Message> {
        let target = self.printing.target();
        let Some(Current {
            outcome:
                Outcome::Done {
                    finished,
                    reprinting,
                },
            ..
        }) = &mut self.current
        else {
            return Action::None;
        };
        if *reprinting {
            return Action::None;
        }
        let target = match target {
            Ok(target) => target,
            Err(e) => {
                finished.printed = Err(e);
                return Action::None;
            }
        };
        *reprinting = true;
        let (dir, id, file) = (
            self.dir.clone(),
            finished.certificate_id,
            finished.file.clone(),
        );
        let (actor, print) = (ctx.actor, ctx.print);
        Action::Run(Task::perform(
            spawn(move || work::reprint(&dir, id, &file, actor, &target, print)),
            Message::Reprinted,
        ))
    }
}
