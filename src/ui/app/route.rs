//! Window shortcuts handed to the screen in front: the same key means "move in the
//! list" on the operator's queue and on the Pimpinan's letters, "next tab" on every
//! screen, and so on. A shortcut the screen in front does not take is left as it is
//! (and then does nothing).

use super::Message;
use crate::ui::Role;
use crate::ui::screen::{admin, front_desk, leadership, operator};

/// `message` as the message of `role`'s screen when it is a shortcut that screen takes;
/// any other message unchanged.
pub(super) fn to_screen(message: Message, role: Role) -> Message {
    use Message as M;
    match (role, message) {
        (Role::Operator, M::Move(delta)) => M::Operator(operator::Message::Move(delta)),
        (Role::Operator, M::Enter) => M::Operator(operator::Message::ChooseHighlighted),
        (Role::Operator, M::MoveAlt(delta)) => M::Operator(operator::Message::MoveCandidate(delta)),
        (Role::Operator, M::Escape) => M::Operator(operator::Message::CancelCorrection),
        (Role::Operator, M::PrintShortcut) => M::Operator(operator::Message::Issue),
        (Role::Operator, M::SwitchTab(delta)) => M::Operator(operator::Message::CycleTab(delta)),
        (Role::Pimpinan, M::PaperShortcut(3)) => M::Leadership(leadership::Message::StepShortcut),
        (Role::Pimpinan, M::Move(delta)) => M::Leadership(leadership::Message::Move(delta)),
        (Role::Pimpinan, M::Enter) => M::Leadership(leadership::Message::Enter),
        (Role::Pimpinan, M::Escape) => M::Leadership(leadership::Message::Cancel),
        (Role::Pimpinan, M::HandOverShortcut) => {
            M::Leadership(leadership::Message::HandOverShortcut)
        }
        (Role::Pimpinan, M::UndoShortcut) => M::Leadership(leadership::Message::UndoShortcut),
        (Role::Pimpinan, M::SwitchTab(delta)) => {
            M::Leadership(leadership::Message::CycleTab(delta))
        }
        (Role::Pimpinan, M::Digit(digit)) => M::Leadership(leadership::Message::Digit(digit)),
        (Role::PetugasLayanan, M::PaperShortcut(i)) => {
            M::FrontDesk(front_desk::Message::PaperShortcut(i))
        }
        (Role::PetugasLayanan, M::SwitchTab(delta)) => {
            M::FrontDesk(front_desk::Message::CycleTab(delta))
        }
        (Role::PetugasLayanan, M::Digit(digit)) => M::FrontDesk(front_desk::Message::Digit(digit)),
        (Role::Admin, M::SwitchTab(delta)) => M::Admin(admin::Message::CycleTab(delta)),
        (_, message) => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_key_means_the_screen_in_fronts_own_action() {
        let enter = |role| format!("{:?}", to_screen(Message::Enter, role));
        assert!(enter(Role::Operator).contains("ChooseHighlighted"));
        assert!(enter(Role::Pimpinan).contains("Leadership(Enter)"));
        assert_eq!(enter(Role::Admin), "Enter", "not taken: left as it is");
        let f8 = |role| format!("{:?}", to_screen(Message::PaperShortcut(3), role));
        assert!(f8(Role::Pimpinan).contains("StepShortcut"));
        assert!(f8(Role::PetugasLayanan).contains("PaperShortcut(3)"));
        assert!(f8(Role::PetugasLayanan).starts_with("FrontDesk"));
        assert!(matches!(
            to_screen(Message::SwitchTab(1), Role::Admin),
            Message::Admin(admin::Message::CycleTab(1))
        ));
    }
}
