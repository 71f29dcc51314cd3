//! The correction form of the selected application: its written fields, editable.

use iced::Element;
use iced::widget::{button, column, row, text_input};

use super::Message;
use crate::core::register::{Application, NewApplication};
use crate::ui::widget::{labelled, muted};

/// A field of the correction form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Applicant's name.
    Nama,
    /// NIK.
    Nik,
    /// Family card number.
    Kk,
    /// Phone.
    Telepon,
    /// Where the result is sent back.
    Kontak,
    /// Purpose.
    Keperluan,
    /// Desa/kelurahan.
    Desa,
    /// Number of the desa's cover letter.
    NoPengantar,
}

impl Field {
    /// Every field with its label, in form order.
    pub const ALL: [(Field, &'static str); 8] = [
        (Field::Nama, "Nama pemohon"),
        (Field::Nik, "NIK"),
        (Field::Kk, "No. KK"),
        (Field::Telepon, "Telepon"),
        (Field::Kontak, "Kontak (e-mail/akun)"),
        (Field::Keperluan, "Keperluan"),
        (Field::Desa, "Desa/kelurahan"),
        (Field::NoPengantar, "No. surat pengantar desa"),
    ];

    fn slot(self, form: &mut NewApplication) -> &mut String {
        match self {
            Field::Nama => &mut form.applicant_name,
            Field::Nik => &mut form.nik,
            Field::Kk => &mut form.kk,
            Field::Telepon => &mut form.phone,
            Field::Kontak => &mut form.contact,
            Field::Keperluan => &mut form.purpose,
            Field::Desa => &mut form.desa,
            Field::NoPengantar => &mut form.desa_letter_no,
        }
    }

    /// Writes `value` into this field of `form`.
    pub fn set(self, form: &mut NewApplication, value: String) {
        *self.slot(form) = value;
    }

    /// This field's value in `form`.
    pub fn get(self, form: &NewApplication) -> &str {
        match self {
            Field::Nama => &form.applicant_name,
            Field::Nik => &form.nik,
            Field::Kk => &form.kk,
            Field::Telepon => &form.phone,
            Field::Kontak => &form.contact,
            Field::Keperluan => &form.purpose,
            Field::Desa => &form.desa,
            Field::NoPengantar => &form.desa_letter_no,
        }
    }

    /// Id of this field's text input.
    pub fn id(self) -> &'static str {
        match self {
            Field::Nama => "koreksi-nama",
            Field::Nik => "koreksi-nik",
            Field::Kk => "koreksi-kk",
            Field::Telepon => "koreksi-telepon",
            Field::Kontak => "koreksi-kontak",
            Field::Keperluan => "koreksi-keperluan",
            Field::Desa => "koreksi-desa",
            Field::NoPengantar => "koreksi-pengantar",
        }
    }
}

/// The correction form filled with what `app` holds now.
pub fn form_of(app: &Application) -> NewApplication {
    NewApplication {
        applicant_name: app.applicant_name.clone(),
        nik: app.nik.clone(),
        kk: app.kk.clone(),
        phone: app.phone.clone(),
        contact: app.contact.clone(),
        purpose: app.purpose.clone(),
        desa: app.desa.clone(),
        desa_letter_no: app.desa_letter_no.clone(),
        desa_letter_date: app.desa_letter_date.clone(),
        ..Default::default()
    }
}

/// The form: two fields a row, then "Simpan Koreksi" and "Tutup".
pub fn view(form: &NewApplication, busy: bool) -> Element<'_, Message> {
    let mut content = column![muted(
        "Ubah yang keliru, tulis alasannya di kolom alasan, lalu Simpan Koreksi."
    )]
    .spacing(8);
    for pair in Field::ALL.chunks(2) {
        let mut line = row![].spacing(8);
        for (field, label) in pair {
            let field = *field;
            line = line.push(labelled(
                label,
                text_input(label, field.get(form))
                    .id(field.id())
                    .on_input(move |v| Message::CorrectionEdited(field, v))
                    .padding(6),
                None,
            ));
        }
        content = content.push(line);
    }
    content
        .push(
            row![
                button("Simpan Koreksi").on_press_maybe((!busy).then_some(Message::SaveCorrection)),
                button("Tutup")
                    .style(button::secondary)
                    .on_press(Message::CloseCorrection),
            ]
            .spacing(8),
        )
        .into()
}
