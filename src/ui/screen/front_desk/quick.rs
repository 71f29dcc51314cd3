//! The front desk's two quick keys for a complete walk-in: Ctrl+B ticks every paper the
//! office requires from this applicant, Ctrl+Enter saves and opens the check at once
//! (for a user who is also an operator; for anyone else it saves like Enter).
//!
//! Both are bound to the form itself ([`bind_keys`]), so they work with the cursor in
//! any of its fields (a text field would otherwise take Ctrl+Enter as a plain submit),
//! and to the page while no field has the cursor.

use iced::Element;
use iced::keyboard::{Key, Modifiers, key::Named};
use iced::widget::{button, row, text};

use super::{Message, State};
use crate::core::nik::Nik;
use crate::core::register;
use crate::ui::widget::{KeysWhen, bind_keys, bold};

impl State {
    /// Ticks the papers required from the holder of the NIK in the form today; nothing
    /// while the NIK is not valid (the age, hence the KTP, is not known yet).
    pub(super) fn tick_required(&mut self) {
        let Ok(nik) = Nik::parse(&self.form.nik) else {
            return;
        };
        let required = register::required_papers(&self.rules, &nik, self.today);
        for (i, paper) in self.rules.iter().enumerate() {
            if required.contains(&paper.name.as_str()) {
                super::form::toggle(&self.rules, &mut self.form.papers, i, true);
            }
        }
    }

    /// "Semua berkas wajib ada (Ctrl+B)", pressable once the NIK is valid.
    pub(super) fn all_papers_button(&self) -> Element<'_, Message> {
        let ready = Nik::parse(&self.form.nik).is_ok();
        button(text("Semua berkas wajib ada (Ctrl+B)").size(12))
            .padding([2, 8])
            .style(button::secondary)
            .on_press_maybe(ready.then_some(Message::AllRequiredPapers))
            .into()
    }
}

/// "Simpan", and "Simpan & periksa (Ctrl+Enter)" when `may_check`, with "Kosongkan".
pub(super) fn save_buttons<'a>(may_check: bool) -> Element<'a, Message> {
    let check = may_check.then(|| {
        button(bold("Simpan & periksa (Ctrl+Enter)"))
            .padding([8, 16])
            .on_press(Message::SaveAndCheck)
    });
    row![
        button(bold("Simpan"))
            .padding([8, 24])
            .on_press(Message::Save)
    ]
    .extend(check.map(Element::from))
    .push(
        button("Kosongkan")
            .padding([8, 16])
            .style(button::secondary)
            .on_press(Message::Clear),
    )
    .spacing(12)
    .into()
}

/// `part` with Ctrl+B (the required papers) and Ctrl+Enter ("Simpan & periksa" when
/// `may_check`, else "Simpan") taken `when` the focus is as said: the form takes them
/// from its fields, the page when no field has the cursor (a field of the picked
/// application keeps its own Enter).
pub(super) fn with_quick_keys<'a>(
    part: Element<'a, Message>,
    when: KeysWhen,
    may_check: bool,
) -> Element<'a, Message> {
    bind_keys(part, when, move |key, modifiers| {
        quick_key(key, modifiers, may_check)
    })
}

/// The message of a quick key, `None` for any other key.
fn quick_key(key: &Key, modifiers: Modifiers, may_check: bool) -> Option<Message> {
    if !modifiers.control() || modifiers.alt() {
        return None;
    }
    match key {
        Key::Named(Named::Enter) if may_check => Some(Message::SaveAndCheck),
        Key::Named(Named::Enter) => Some(Message::Save),
        Key::Character(c) if c.as_str().eq_ignore_ascii_case("b") => {
            Some(Message::AllRequiredPapers)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctrl_enter_checks_only_for_an_operator_and_ctrl_b_ticks_the_papers() {
        let enter = Key::Named(Named::Enter);
        assert!(matches!(
            quick_key(&enter, Modifiers::CTRL, true),
            Some(Message::SaveAndCheck)
        ));
        assert!(matches!(
            quick_key(&enter, Modifiers::CTRL, false),
            Some(Message::Save)
        ));
        assert!(quick_key(&enter, Modifiers::empty(), true).is_none());
        assert!(matches!(
            quick_key(&Key::Character("B".into()), Modifiers::CTRL, false),
            Some(Message::AllRequiredPapers)
        ));
        assert!(quick_key(&Key::Character("b".into()), Modifiers::empty(), true).is_none());
        assert!(
            quick_key(
                &Key::Character("b".into()),
                Modifiers::CTRL | Modifiers::ALT,
                true
            )
            .is_none()
        );
    }
}
