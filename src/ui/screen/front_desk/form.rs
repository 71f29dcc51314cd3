//! The new-application form: its fields, the paper checklist with what this NIK must
//! bring, and the confirmation after a save.

use iced::widget::{
    button, checkbox, column, combo_box, container, operation, row, text, text_input,
};
use iced::{Element, Fill, FillPortion};

use super::{Action, Context, Message, Picked, State, quick};
use crate::core::nik::{Nik, NikError};
use crate::core::register::{self, Application, FieldError, PaperRule, Status};
use crate::ui::widget::{KeysWhen, error_text, labelled, muted, success_text};

/// Id of the first field, focused after a save so the next applicant can be typed at once.
pub const NAME_FIELD: &str = "front-desk-nama";
/// Id of the NIK field.
pub const NIK_FIELD: &str = "front-desk-nik";
/// Id of the KK field.
pub const KK_FIELD: &str = "front-desk-kk";
/// Id of the phone field.
pub const PHONE_FIELD: &str = "front-desk-telepon";
/// Id of the desa field.
pub const DESA_FIELD: &str = "front-desk-desa";
/// Id of the purpose field.
pub const PURPOSE_FIELD: &str = "front-desk-keperluan";
/// Id of the field for the reason to accept an application without a required paper.
pub const EXCEPTION_FIELD: &str = "front-desk-pengecualian";

/// The common purposes offered as one-click choices under the purpose field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// School fee relief.
    Sekolah,
    /// Medical treatment / PBI JK health insurance.
    Pengobatan,
    /// Registering for social assistance.
    Bansos,
}

impl Purpose {
    /// Every choice, in display order.
    pub const ALL: [Purpose; 3] = [Purpose::Sekolah, Purpose::Pengobatan, Purpose::Bansos];

    /// Label shown and written as the purpose.
    pub fn label(self) -> &'static str {
        match self {
            Purpose::Sekolah => "Keringanan biaya sekolah",
            Purpose::Pengobatan => "Pengobatan / PBI JK",
            Purpose::Bansos => "Pendaftaran bantuan sosial (PKH/BPNT)",
        }
    }
}

impl State {
    /// Applies an edit of a form field.
    pub(super) fn edit_form(&mut self, message: Message) {
        match message {
            Message::NameChanged(v) => self.form.applicant_name = v,
            Message::KkChanged(v) => self.form.kk = v,
            Message::PhoneChanged(v) => {
                // The phone is usually the WhatsApp number the result goes back to.
                if !self.contact_typed {
                    self.form.contact = v.clone();
                }
                self.form.phone = v;
            }
            Message::DesaChanged(v) => self.form.desa = v,
            Message::ContactChanged(v) => {
                self.contact_typed = !v.is_empty();
                self.form.contact = v;
            }
            Message::PurposeChanged(v) => self.form.purpose = v,
            Message::PurposePicked(p) => self.form.purpose = p.label().to_string(),
            Message::ChannelPicked(c) => self.form.channel = Some(c),
            Message::DesaLetterChanged(v) => self.form.desa_letter_no = v,
            Message::DesaLetterDateChanged(v) => self.form.desa_letter_date = v,
            Message::ExceptionChanged(v) => self.form.paper_exception = v,
            Message::PaperToggled(i, on) => toggle(&self.rules, &mut self.form.papers, i, on),
            _ => {}
        }
    }

    /// Writes the form into the register: the new application's id, or `None` when the
    /// form is refused (its errors shown, everything typed kept).
    pub(super) fn save(&mut self, ctx: &Context<'_>) -> Option<i64> {
        self.tried = true;
        self.saved = None;
        self.notice = None;
        self.failure = None;
        self.errors = self.form.validate();
        if !self.errors.is_empty() {
            return None;
        }
        match register::create(&ctx.store.register, &self.form, ctx.actor, ctx.at()) {
            Ok(application) => {
                let id = application.id;
                self.clear_form();
                self.picked = Some(Picked::new(application.clone(), ctx.store));
                self.saved = Some(application);
                self.refresh(ctx);
                Some(id)
            }
            Err(e) => {
                self.failure = Some(e.to_string());
                None
            }
        }
    }

    /// Checks the form as it is typed: everything once a save was tried, before that
    /// only a NIK that is wrong already.
    pub(super) fn check_live(&mut self) {
        self.errors = if self.tried {
            self.form.validate()
        } else {
            live_nik_error(&self.form.nik).into_iter().collect()
        };
    }

    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    /// The required papers not ticked in the form, once its NIK is valid.
    fn form_missing(&self) -> Option<Vec<&str>> {
        let nik = Nik::parse(&self.form.nik).ok()?;
        Some(register::missing_papers(
            &self.rules,
            &self.form.papers,
            &nik,
            self.today,
        ))
    }

    /// The confirmation of a save: the register number and the state it reached.
    pub(super) fn saved_view<'a>(&self, saved: &'a Application) -> Element<'a, Message> {
        let written = success_text(format!(
            "Permohonan atas nama {} tercatat dengan nomor register {}.",
            saved.applicant_name, saved.register_no
        ));
        let outcome: Element<'a, Message> = if saved.status == Status::BerkasTidakLengkap {
            let missing = Nik::parse(&saved.nik)
                .map(|nik| register::missing_papers(&self.rules, &saved.papers, &nik, self.today))
                .unwrap_or_default();
            error_text(format!(
                "Berkas tidak lengkap: dikembalikan, kurang: {}.",
                missing.join(", ")
            ))
            .into()
        } else if !saved.paper_exception.is_empty() {
            success_text(format!(
                "Berkas diterima dengan pengecualian ({}): diteruskan ke operator.",
                saved.paper_exception
            ))
            .into()
        } else {
            success_text("Berkas lengkap: diteruskan ke operator.").into()
        };
        column![written, outcome].spacing(4).into()
    }

    /// The form fields, the paper checklist and the buttons ("Simpan & periksa" too
    /// when `may_check`), with the form's quick keys.
    pub(super) fn form_view<'a>(&'a self, may_check: bool) -> Element<'a, Message> {
        let input = |id: &'static str, placeholder: &str, value: &str| {
            text_input(placeholder, value)
                .id(id)
                .padding(6)
                .on_submit(Message::Save)
        };
        let name = labelled(
            "Nama pemohon",
            input(NAME_FIELD, "Nama lengkap", &self.form.applicant_name)
                .on_input(Message::NameChanged),
            self.error("nama"),
        );
        let nik_input =
            input(NIK_FIELD, "3520xxxxxxxxxxxx", &self.form.nik).on_input(Message::NikChanged);
        let earlier: Option<Element<'_, Message>> = match &self.history {
            Some((_, Ok(Some(summary)))) => Some(error_text(summary.as_str()).into()),
            Some((_, Err(e))) => Some(muted(e.as_str()).into()),
            _ => None,
        };
        let nik = labelled(
            "NIK (16 digit)",
            column![nik_input].extend(earlier).spacing(4),
            self.error("nik"),
        );
        let kk = labelled(
            "No. KK",
            input(KK_FIELD, "16 digit (boleh kosong)", &self.form.kk).on_input(Message::KkChanged),
            self.error("kk"),
        );
        let phone = labelled(
            "Telepon / WA",
            input(PHONE_FIELD, "08xx", &self.form.phone).on_input(Message::PhoneChanged),
            None,
        );
        let desa = labelled(
            "Desa/kelurahan",
            input(DESA_FIELD, "Nama desa/kelurahan", &self.form.desa)
                .on_input(Message::DesaChanged),
            None,
        );
        let contact = labelled(
            "Kontak untuk hasil (WA/e-mail/akun)",
            input(
                "front-desk-kontak",
                "Nomor WA, e-mail atau akun",
                &self.form.contact,
            )
            .on_input(Message::ContactChanged),
            None,
        );
        // A text field (reachable with Tab, unlike iced's lists) with one-click choices.
        let choices = Purpose::ALL.iter().fold(row![].spacing(6), |r, p| {
            r.push(
                button(text(p.label()).size(12))
                    .padding([2, 8])
                    .style(button::secondary)
                    .on_press(Message::PurposePicked(*p)),
            )
        });
        let purpose = labelled(
            "Keperluan",
            column![
                input(PURPOSE_FIELD, "Ketik keperluan", &self.form.purpose)
                    .on_input(Message::PurposeChanged),
                choices
            ]
            .spacing(4),
            self.error("keperluan"),
        );
        let channel = labelled(
            "Kanal",
            combo_box(
                &self.channels,
                "Pilih kanal",
                self.form.channel.as_ref(),
                Message::ChannelPicked,
            )
            .padding(6)
            .width(Fill),
            None,
        );
        let letter = row![
            container(labelled(
                "No. surat pengantar desa/kelurahan",
                input(
                    "front-desk-pengantar",
                    "Nomor surat",
                    &self.form.desa_letter_no,
                )
                .on_input(Message::DesaLetterChanged),
                None,
            ))
            .width(FillPortion(3)),
            container(labelled(
                "Tanggal surat",
                input(
                    "front-desk-tgl-pengantar",
                    "HH-BB-TTTT",
                    &self.form.desa_letter_date,
                )
                .on_input(Message::DesaLetterDateChanged),
                self.error("tanggal_pengantar"),
            ))
            .width(FillPortion(2)),
        ]
        .spacing(8)
        .into();
        let keys = muted(format!(
            "Tab: pindah isian  ·  F5–F{}: centang berkas  ·  Ctrl+B: semua berkas wajib  ·  \
             Enter: simpan",
            self.rules.len().min(SHORTCUT_KEYS) + 4
        ));
        let part = |e: Element<'a, Message>, n| container(e).width(FillPortion(n));
        let form = column![
            row![name, nik, kk].spacing(16),
            row![phone, contact, desa].spacing(16),
            row![part(purpose, 2), part(channel, 1)].spacing(16),
            row![part(letter, 1), part(self.papers_view(), 2)].spacing(16),
            quick::save_buttons(may_check),
            keys,
        ]
        .spacing(10);
        quick::with_quick_keys(form.into(), KeysWhen::FocusInside, may_check)
    }

    /// The checklist with F-keys, what this NIK must bring, and the warning with the
    /// exception field when a required paper is not ticked.
    fn papers_view(&self) -> Element<'_, Message> {
        let boxes = self
            .rules
            .iter()
            .enumerate()
            .fold(row![].spacing(12), |r, (i, paper)| {
                let checked = self.form.papers.contains(&paper.name);
                let label = if i < SHORTCUT_KEYS {
                    format!("{}  (F{})", paper.name, i + 5)
                } else {
                    paper.name.clone()
                };
                r.push(
                    checkbox(checked)
                        .label(label)
                        .text_size(13)
                        .on_toggle(move |on| Message::PaperToggled(i, on)),
                )
            })
            .wrap();
        let title = row![muted("Berkas yang diperiksa"), self.all_papers_button()]
            .spacing(12)
            .align_y(iced::Center);
        let mut col = column![title, boxes].spacing(6);
        if let Ok(nik) = Nik::parse(&self.form.nik) {
            let (required, ktp) = required_note(&self.rules, &nik, self.today);
            col = col
                .push(muted(required))
                .extend(ktp.map(|k| muted(k).into()));
        }
        if let Some(missing) = self.form_missing().filter(|m| !m.is_empty()) {
            let exception = self.form.paper_exception.trim();
            col = col.push(error_text(format!(
                "Berkas kurang: {}; permohonan akan dikembalikan{}",
                missing.join(", "),
                if exception.is_empty() {
                    "."
                } else {
                    ", kecuali dengan alasan pengecualian di bawah."
                }
            )));
            col = col.push(
                text_input(
                    "Alasan pengecualian (boleh kosong)",
                    &self.form.paper_exception,
                )
                .id(EXCEPTION_FIELD)
                .padding(6)
                .on_input(Message::ExceptionChanged)
                .on_submit(Message::Save),
            );
            if !exception.is_empty() {
                col = col.push(success_text(
                    "Dengan alasan pengecualian, permohonan diteruskan ke operator.",
                ));
            }
        }
        col.width(Fill).into()
    }
}

/// Puts the cursor in the name field, for the next applicant.
pub(super) fn focus_name() -> Action<Message> {
    Action::Run(operation::focus(NAME_FIELD))
}

/// How many papers have a function key (F5-F8).
const SHORTCUT_KEYS: usize = 4;

/// Ticks (`on`) or unticks paper `i` of the office's checklist `rules` in `papers`,
/// kept in checklist order.
pub(super) fn toggle(rules: &[PaperRule], papers: &mut Vec<String>, i: usize, on: bool) {
    let Some(paper) = rules.get(i) else {
        return;
    };
    papers.retain(|p| *p != paper.name);
    if on {
        papers.push(paper.name.clone());
    }
    papers.sort_by_key(|p| rules.iter().position(|q| q.name == *p));
}

/// Which papers the holder of `nik` must bring on `today`, and which are waived by age
/// ("KTP tidak wajib: usia di bawah 17 tahun").
pub(super) fn required_note(
    rules: &[PaperRule],
    nik: &Nik,
    today: chrono::NaiveDate,
) -> (String, Option<String>) {
    let required = register::required_papers(rules, nik, today);
    let note = format!("Wajib untuk NIK ini: {}.", required.join(", "));
    let waived: Vec<String> = register::waived_by_age(rules, nik, today)
        .into_iter()
        .map(|(name, age)| format!("{name} tidak wajib: usia di bawah {age} tahun."))
        .collect();
    (note, (!waived.is_empty()).then(|| waived.join(" ")))
}

/// The NIK message shown while typing: everything except "too short" before a save.
fn live_nik_error(nik: &str) -> Option<FieldError> {
    match Nik::parse(nik) {
        Ok(_) | Err(NikError::Empty) => None,
        Err(NikError::WrongLength(n)) if n < 16 => None,
        Err(e) => Some(FieldError {
            field: "nik",
            message: format!("NIK tidak valid: {e}."),
        }),
    }
}
