//! The right-hand panel: the lookup answer, the operator's buttons and the outcome.

use iced::widget::{button, column, row, text};
use iced::{Element, Fill};

use super::{Decision, Message, Outcome, Step};
use crate::core::letter::wording::{indonesian_date_text, sex_text};
use crate::core::nik::mask;
use crate::core::register::Application;
use crate::core::snapshot::{Lookup, Person};
use crate::ui::theme;
use crate::ui::widget::{badge, bold, error_text, info_row, muted, section, success_text};

/// The panel for `application` given the lookup step and the outcome so far.
pub fn view<'a>(
    application: &'a Application,
    lookup: &'a Step<Lookup>,
    outcome: &'a Outcome,
) -> Element<'a, Message> {
    let applicant = column![
        info_row("Pemohon", application.applicant_name.clone()),
        info_row("Keperluan", application.purpose.clone()),
    ]
    .spacing(4);
    let body: Element<'a, Message> = match lookup {
        Step::Running => muted("Memeriksa data…").into(),
        Step::Failed(e) => error_text(e.as_str()).into(),
        Step::Done(answer) => match &answer.person {
            Some(person) => registered(answer, person, outcome),
            None => not_registered(answer, outcome),
        },
    };
    section("Pemeriksaan", column![applicant, body].spacing(16))
}

fn registered<'a>(
    answer: &'a Lookup,
    person: &'a Person,
    outcome: &'a Outcome,
) -> Element<'a, Message> {
    let optional = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let born = format!(
        "{}, {}",
        optional(&person.birth_place),
        person
            .birth_date
            .as_deref()
            .map(indonesian_date_text)
            .unwrap_or_else(|| "-".into())
    );
    let mut details = column![
        info_row("Nama", person.name.clone()),
        info_row("NIK", person.nik.clone()),
        info_row("No. KK", optional(&person.kk)),
        info_row("Tempat/tgl lahir", born),
        info_row("Jenis kelamin", sex_text(person.sex.as_deref()).to_string()),
        info_row("Alamat", optional(&person.address)),
        info_row("Desa/Kelurahan", optional(&person.desa)),
        info_row("Kecamatan", optional(&person.kec)),
        info_row("ID DTKS", optional(&person.id_dtks)),
    ]
    .spacing(6);
    if let Some(desil) = person.desil {
        details = details.push(info_row("Desil", desil.to_string()));
    }
    let programs: Element<'a, Message> = if answer.programs.is_empty() {
        muted("Tidak ada program bantuan sosial yang tercatat.").into()
    } else {
        answer
            .programs
            .iter()
            .fold(row![].spacing(6), |r, p| {
                r.push(badge(p.as_str(), theme::PRIMARY))
            })
            .into()
    };
    let action: Element<'a, Message> = match outcome {
        Outcome::Open => button(bold("Cetak Surat Keterangan"))
            .padding([10, 24])
            .style(button::success)
            .on_press(Message::Issue)
            .into(),
        _ => outcome_view(outcome),
    };
    column![
        row![badge("TERDAFTAR", theme::SUCCESS), source(answer)]
            .spacing(12)
            .align_y(iced::Center),
        details,
        column![muted("Program bantuan sosial"), programs].spacing(6),
        action,
    ]
    .spacing(16)
    .into()
}

fn not_registered<'a>(answer: &'a Lookup, outcome: &'a Outcome) -> Element<'a, Message> {
    let action: Element<'a, Message> = match outcome {
        Outcome::Open => button(bold("Catat Tidak Terdaftar"))
            .padding([10, 24])
            .style(button::danger)
            .on_press(Message::RecordNotRegistered)
            .into(),
        _ => outcome_view(outcome),
    };
    column![
        row![badge("TIDAK TERDAFTAR", theme::DANGER), source(answer)]
            .spacing(12)
            .align_y(iced::Center),
        text(format!(
            "NIK {} tidak ditemukan dalam data {}.",
            mask(&answer.nik),
            answer.snapshot.label()
        )),
        action,
    ]
    .spacing(16)
    .into()
}

fn source(answer: &Lookup) -> Element<'_, Message> {
    muted(format!("Sumber: {}", answer.snapshot.label())).into()
}

fn outcome_view(outcome: &Outcome) -> Element<'_, Message> {
    match outcome {
        Outcome::Open => column![].into(),
        Outcome::Working => muted("Menerbitkan dan mencetak…").into(),
        Outcome::Failed(e) => error_text(e.as_str()).into(),
        Outcome::Done {
            finished,
            reprinting,
        } => {
            let decision: Element<'_, Message> = match &finished.decision {
                Decision::Letter(number) => column![
                    success_text("Surat Keterangan terbit dan tersimpan di arsip."),
                    row![muted("Nomor surat"), bold(number.as_str())]
                        .spacing(8)
                        .align_y(iced::Center),
                ]
                .spacing(8)
                .into(),
                Decision::NotRegistered(advice) => column![
                    success_text("Keputusan tercatat: tidak terdaftar."),
                    muted("Saran untuk pemohon:"),
                    text(advice.as_str()).width(Fill),
                ]
                .spacing(6)
                .into(),
            };
            let printed: Element<'_, Message> = match &finished.printed {
                Ok(job) => success_text(format!("Dikirim ke printer (pekerjaan {job}).")).into(),
                Err(e) => error_text(e.as_str()).into(),
            };
            let reprint = button("Cetak Ulang")
                .style(button::secondary)
                .on_press_maybe((!reprinting).then_some(Message::Reprint));
            column![
                decision,
                row![muted("Berkas"), text(finished.shown_file.as_str())]
                    .spacing(8)
                    .align_y(iced::Center),
                printed,
                reprint,
            ]
            .spacing(8)
            .into()
        }
    }
}
