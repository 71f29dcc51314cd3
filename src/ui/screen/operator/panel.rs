//! The right-hand panel: the lookup answer, the print settings and buttons, the outcome,
//! and the letter preview.

use iced::widget::{button, column, container, row, text};
use iced::{Element, Fill};

use super::preview::{self, Shown};
use super::printing::Printing;
use super::{
    Checked, Current, Decision, Message, Outcome, Step, candidates, correcting, earlier, papers,
};
use crate::core::letter::wording::{indonesian_date_text, sex_text};
use crate::core::nik::mask;
use crate::core::register::Application;
use crate::core::snapshot::Person;
use crate::ui::theme;
use crate::ui::widget::{badge, bold, error_text, muted, section, success_text};

/// The panel for the person being checked.
pub fn view<'a>(
    current: &'a Current,
    queue: &'a [Application],
    printing: &'a Printing,
) -> Element<'a, Message> {
    let header: Element<'a, Message> = match &current.application {
        Some(application) => papers::view(
            application,
            match &current.lookup {
                Step::Done(checked) => &checked.papers,
                _ => &[],
            },
        ),
        None => muted("Hasil pencarian nama (tanpa permohonan).").into(),
    };
    let (body, letter): (Element<'a, Message>, _) = match &current.lookup {
        Step::Running => (muted("Memeriksa data…").into(), None),
        Step::Failed(e) => (error_text(e.as_str()).into(), None),
        Step::Done(checked) => {
            let answer = &checked.lookup;
            let body = match (&answer.person, &current.application) {
                (Some(person), Some(_)) => {
                    let action = match &current.outcome {
                        Outcome::Open | Outcome::Failed(_) => column![
                            printing.view().map(Message::Printing),
                            row![
                                button(bold("Cetak Surat Keterangan"))
                                    .padding([10, 24])
                                    .style(button::success)
                                    .on_press(Message::Issue),
                                muted("Ctrl+P"),
                            ]
                            .spacing(12)
                            .align_y(iced::Center),
                        ]
                        .spacing(10)
                        .extend(confirmation(current, checked))
                        .push(outcome_view(&current.outcome))
                        .into(),
                        outcome @ Outcome::Done { finished, .. } if finished.printed.is_err() => {
                            column![
                                outcome_view(outcome),
                                printing.view().map(Message::Printing)
                            ]
                            .spacing(10)
                            .into()
                        }
                        outcome => outcome_view(outcome),
                    };
                    registered(checked, person, action)
                }
                (Some(person), None) => registered(checked, person, from_search(person, queue)),
                (None, _) => not_registered(checked, current, printing),
            };

            let body = column![body]
                .extend(earlier::view(&checked.earlier))
                .spacing(14)
                .into();
            let letter = match &current.outcome {
                Outcome::Done { finished, .. } => finished.letter.as_deref(),
                _ => checked.preview.as_deref(),
            };
            let shown = letter
                .map(Shown::Letter)
                .or(checked.slip.as_deref().map(Shown::Slip));
            (body, shown)
        }
    };
    // The application's lines span the panel, above the check and the preview, so
    // they stay readable on a narrow window. The check keeps a readable width and the
    // preview goes under it when both do not fit side by side (1024 px windows).
    let content: Element<'a, Message> = match letter {
        Some(shown) => row![column![body].width(CHECK_WIDTH), preview::view(shown)]
            .spacing(16)
            .wrap()
            .vertical_spacing(16)
            .into(),
        None => column![body].width(Fill).into(),
    };
    section("Pemeriksaan", column![header, content].spacing(12))
}

/// Width of the check's column beside the preview (logical pixels).
const CHECK_WIDTH: f32 = 360.0;

/// The question asked by the first "Cetak" when the NIK already got a letter today.
fn confirmation<'a>(current: &Current, checked: &Checked) -> Option<Element<'a, Message>> {
    current.confirming.then(|| {
        error_text(format!(
            "Sudah ada surat untuk NIK ini hari ini (nomor {}). Tekan Cetak sekali lagi \
             untuk tetap mencetak.",
            checked.issued_today.join(", ")
        ))
        .into()
    })
}

/// One "label value" line with a narrow label.
fn field<'a>(label: &'a str, value: String) -> Element<'a, Message> {
    row![container(muted(label)).width(120), bold(value).size(15)]
        .spacing(8)
        .into()
}

fn registered<'a>(
    checked: &'a Checked,
    person: &'a Person,
    action: Element<'a, Message>,
) -> Element<'a, Message> {
    let answer = &checked.lookup;
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
        field("Nama", person.name.clone()),
        field("NIK", person.nik.clone()),
        field("No. KK", optional(&person.kk)),
        field("Tempat/tgl lahir", born),
        field("Jenis kelamin", sex_text(person.sex.as_deref()).to_string()),
        field("Alamat", optional(&person.address)),
        field("Desa/Kelurahan", optional(&person.desa)),
        field("Kecamatan", optional(&person.kec)),
        field("ID DTKS", optional(&person.id_dtks)),
    ]
    .spacing(4);
    if let Some(desil) = person.desil {
        details = details.push(field("Desil", desil.to_string()));
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
    let page = column![
        row![badge("TERDAFTAR", theme::SUCCESS), source(checked)]
            .spacing(12)
            .align_y(iced::Center),
        details,
        column![muted("Program bantuan sosial"), programs].spacing(6),
    ];
    // The record disagreeing with the NIK (birth date, sex) is a warning, not a refusal;
    // so is data older than the office's limit.
    let stale = checked.age.as_ref().and_then(|age| age.warning());
    answer
        .warnings()
        .into_iter()
        .chain(stale)
        .fold(page, |page, warning| page.push(error_text(warning)))
        .push(action)
        .spacing(14)
        .into()
}

/// For a person found by name: the waiting applications with the same NIK, or advice.
fn from_search<'a>(person: &'a Person, queue: &'a [Application]) -> Element<'a, Message> {
    let matching: Vec<&Application> = queue.iter().filter(|a| a.nik == person.nik).collect();
    if matching.is_empty() {
        return column![
            muted(
                "Tidak ada permohonan menunggu dengan NIK ini. Daftarkan permohonannya di \
                 Petugas Layanan: nama, NIK, KK dan desa terisi.",
            )
            .width(Fill),
            row![
                button(bold("Daftarkan di loket"))
                    .padding([8, 20])
                    .on_press(Message::RegisterAtDesk),
                muted("Enter"),
            ]
            .spacing(12)
            .align_y(iced::Center),
        ]
        .spacing(8)
        .into();
    }
    matching
        .into_iter()
        .fold(
            column![muted("Permohonan menunggu dengan NIK ini:")].spacing(6),
            |c, a| {
                c.push(
                    button(text(format!(
                        "Pilih permohonan {} ({})",
                        a.register_no, a.applicant_name
                    )))
                    .style(button::secondary)
                    .on_press(Message::Choose(a.id)),
                )
            },
        )
        .into()
}

fn not_registered<'a>(
    checked: &'a Checked,
    current: &'a Current,
    printing: &'a Printing,
) -> Element<'a, Message> {
    let answer = &checked.lookup;
    let action: Element<'a, Message> = match (&current.outcome, &current.application) {
        (_, None) => muted("Tidak ada permohonan yang dipilih.").into(),
        (Outcome::Open | Outcome::Failed(_), Some(_)) => column![
            muted("Periksa slip di pratinjau, lalu catat dan cetak."),
            printing.view().map(Message::Printing),
            row![
                button(bold("Cetak Slip"))
                    .padding([10, 24])
                    .style(button::danger)
                    .on_press(Message::RecordNotRegistered),
                muted("Ctrl+P"),
            ]
            .spacing(12)
            .align_y(iced::Center),
        ]
        .spacing(10)
        .push(outcome_view(&current.outcome))
        .into(),
        (outcome, Some(_)) => outcome_view(outcome),
    };
    column![
        row![badge("TIDAK TERDAFTAR", theme::DANGER), source(checked)]
            .spacing(12)
            .align_y(iced::Center),
        text(format!(
            "NIK {} tidak ditemukan dalam data {}.",
            mask(&answer.nik),
            answer.snapshot.label()
        )),
        // The whole NIK as typed at the desk, to hold against the KTP.
        field("NIK diketik", answer.nik.clone()),
    ]
    .extend(
        current
            .application
            .as_ref()
            .filter(|_| matches!(current.outcome, Outcome::Open | Outcome::Failed(_)))
            .and_then(|_| match &current.correcting {
                Some(correction) => Some(correcting::view(correction)),
                None => candidates::view(&answer.nik, &checked.candidates, current.candidate),
            }),
    )
    .extend(
        checked
            .age
            .as_ref()
            .and_then(|age| age.warning())
            .map(|warning| error_text(warning).into()),
    )
    .push(action)
    .spacing(16)
    .into()
}

/// The snapshot and its age, "Data DTSEN periode 2025-09 (2 bulan lalu)".
fn source(checked: &Checked) -> Element<'_, Message> {
    let snapshot = &checked.lookup.snapshot;
    let line = match &checked.age {
        Some(age) if snapshot.demo => format!("{}, DATA CONTOH", age.describe(snapshot)),
        Some(age) => age.describe(snapshot),
        None => format!("Sumber: {}", snapshot.label()),
    };
    muted(line).into()
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
                row![
                    muted("Berkas"),
                    text(finished.shown_file.as_str())
                        .wrapping(text::Wrapping::WordOrGlyph)
                        .width(Fill),
                ]
                .spacing(8),
                printed,
                reprint,
            ]
            .spacing(8)
            .into()
        }
    }
}
