//! A new application started from elsewhere (the operator's name search): the person's
//! name, NIK, KK and desa written into the form, the cursor on the first field still
//! empty.

use iced::widget::operation;

use super::form::{DESA_FIELD, KK_FIELD, NAME_FIELD, NIK_FIELD, PHONE_FIELD, PURPOSE_FIELD};
use super::{Action, Context, Message, State};
use crate::core::register::NewApplication;

/// The person to register, as found in the snapshot.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prefill {
    /// Name as in the snapshot.
    pub name: String,
    /// NIK, 16 digits.
    pub nik: String,
    /// Family card number (may be empty).
    pub kk: String,
    /// Desa/kelurahan (may be empty).
    pub desa: String,
}

impl State {
    /// Starts a new application for `person` (the form emptied first, the picked
    /// application closed) and puts the cursor on the first field still empty; the NIK's
    /// earlier visits are read as when it is typed.
    pub fn prefill(&mut self, person: Prefill, ctx: &Context<'_>) -> Action<Message> {
        self.clear_form();
        self.tabs.tab = super::DeskTab::Pendaftaran;
        self.form.applicant_name = person.name;
        self.form.nik = person.nik;
        self.form.kk = person.kk;
        self.form.desa = person.desa;
        self.check_live();
        let focus = operation::focus(first_empty(&self.form));
        match self.load_history(ctx) {
            Action::Run(task) => Action::Run(iced::Task::batch([task, focus])),
            _ => Action::Run(focus),
        }
    }
}

/// The id of the first field of the form's top rows still empty (the purpose when all
/// are filled): where the clerk goes on typing.
pub(super) fn first_empty(form: &NewApplication) -> &'static str {
    [
        (NAME_FIELD, &form.applicant_name),
        (NIK_FIELD, &form.nik),
        (KK_FIELD, &form.kk),
        (PHONE_FIELD, &form.phone),
        (DESA_FIELD, &form.desa),
        (PURPOSE_FIELD, &form.purpose),
    ]
    .into_iter()
    .find(|(_, value)| value.trim().is_empty())
    .map_or(PURPOSE_FIELD, |(id, _)| id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_goes_to_the_first_empty_field() {
        let mut form = NewApplication {
            applicant_name: "Budi Santoso".into(),
            nik: "3520011705850001".into(),
            kk: "3520017497438404".into(),
            desa: "Sukamaju".into(),
            ..NewApplication::default()
        };
        assert_eq!(first_empty(&form), PHONE_FIELD);
        form.kk.clear();
        assert_eq!(first_empty(&form), KK_FIELD, "no KK in the snapshot");
        form.kk = "3520017497438404".into();
        form.phone = "0812".into();
        assert_eq!(first_empty(&form), PURPOSE_FIELD, "the desa is filled");
    }
}
