//! Keys no widget handled, as window messages: F1-F4 roles, F5-F8 papers (F8 also the
//! Pimpinan's next step, F9 the handover in person), F12 user switch, Tab/Shift+Tab fields, arrows
//! (Alt+arrows for a second list), Enter and Esc, Ctrl+P, Ctrl+Z, Ctrl+PageUp/PageDown, digits.

use iced::keyboard::{self, Key, key::Named};

use super::Message;
use crate::ui::Role;

/// The message for a key press no widget handled.
pub fn shortcut(event: keyboard::Event) -> Option<Message> {
    let keyboard::Event::KeyPressed { key, modifiers, .. } = event else {
        return None;
    };
    if let Key::Character(c) = &key
        && modifiers.control()
        && c.as_str().eq_ignore_ascii_case("p")
    {
        return Some(Message::PrintShortcut);
    }
    if let Key::Character(c) = &key
        && modifiers.control()
        && c.as_str().eq_ignore_ascii_case("z")
    {
        return Some(Message::UndoShortcut);
    }
    if let Key::Character(c) = &key
        && !modifiers.control()
        && !modifiers.alt()
        && let Some(digit) = c
            .as_str()
            .parse::<u8>()
            .ok()
            .filter(|d| (1..=9).contains(d))
    {
        return Some(Message::Digit(digit));
    }
    let Key::Named(named) = key else {
        return None;
    };
    Some(match named {
        Named::F1 => Message::RoleSelected(Role::PetugasLayanan),
        Named::F2 => Message::RoleSelected(Role::Operator),
        Named::F3 => Message::RoleSelected(Role::Pimpinan),
        Named::F4 => Message::RoleSelected(Role::Admin),
        Named::F9 => Message::HandOverShortcut,
        Named::F12 => Message::SwitchUser,
        Named::F5 => Message::PaperShortcut(0),
        Named::F6 => Message::PaperShortcut(1),
        Named::F7 => Message::PaperShortcut(2),
        Named::F8 => Message::PaperShortcut(3),
        Named::Tab if modifiers.shift() => Message::FocusPrevious,
        Named::PageDown if modifiers.control() => Message::SwitchTab(1),
        Named::PageUp if modifiers.control() => Message::SwitchTab(-1),
        Named::Tab => Message::FocusNext,
        Named::ArrowUp if modifiers.alt() => Message::MoveAlt(-1),
        Named::ArrowDown if modifiers.alt() => Message::MoveAlt(1),
        Named::ArrowUp => Message::Move(-1),
        Named::ArrowDown => Message::Move(1),
        Named::Enter => Message::Enter,
        Named::Escape => Message::Escape,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use iced::keyboard::key::{Code, Physical};
    use iced::keyboard::{Location, Modifiers};

    fn press(key: Key, modifiers: Modifiers) -> keyboard::Event {
        keyboard::Event::KeyPressed {
            modified_key: key.clone(),
            key,
            physical_key: Physical::Code(Code::Digit2),
            location: Location::Standard,
            modifiers,
            text: None,
            repeat: false,
        }
    }

    #[test]
    fn function_keys_tick_papers_and_other_keys_keep_their_meaning() {
        assert!(matches!(
            shortcut(press(Key::Named(Named::F6), Modifiers::empty())),
            Some(Message::PaperShortcut(1))
        ));
        assert!(shortcut(press(Key::Character("2".into()), Modifiers::CTRL)).is_none());
        assert!(matches!(
            shortcut(press(Key::Character("p".into()), Modifiers::CTRL)),
            Some(Message::PrintShortcut)
        ));
        assert!(matches!(
            shortcut(press(Key::Named(Named::F2), Modifiers::empty())),
            Some(Message::RoleSelected(Role::Operator))
        ));
        assert!(matches!(
            shortcut(press(Key::Character("z".into()), Modifiers::CTRL)),
            Some(Message::UndoShortcut)
        ));
        assert!(matches!(
            shortcut(press(Key::Named(Named::Escape), Modifiers::empty())),
            Some(Message::Escape)
        ));
        assert!(shortcut(press(Key::Character("z".into()), Modifiers::empty())).is_none());
        assert!(matches!(
            shortcut(press(Key::Named(Named::ArrowDown), Modifiers::ALT)),
            Some(Message::MoveAlt(1))
        ));
        assert!(matches!(
            shortcut(press(Key::Named(Named::ArrowUp), Modifiers::empty())),
            Some(Message::Move(-1))
        ));
    }

    #[test]
    fn digit_keys_answer_the_survey_without_modifiers() {
        assert!(matches!(
            shortcut(press(Key::Character("3".into()), Modifiers::empty())),
            Some(Message::Digit(3))
        ));
        assert!(shortcut(press(Key::Character("0".into()), Modifiers::empty())).is_none());
        assert!(shortcut(press(Key::Character("4".into()), Modifiers::ALT)).is_none());
    }
}
