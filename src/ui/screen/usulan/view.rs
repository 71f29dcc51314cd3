//! The Usulan DTKS tab's view: filters and list on the left, the selected proposal with
//! its history and next steps on the right.

use iced::widget::{button, column, container, pick_list, row, scrollable, text, text_input};
use iced::{Element, Fill};

use super::{DESA_FIELD, Message, NOTE_FIELD, Selected, StageFilter, State};
use crate::core::nik::mask;
use crate::core::usulan::{Proposal, Stage};
use crate::ui::theme;
use crate::ui::widget::{
    badge, bold, error_text, info_row, labelled, muted, section, success_text,
};

/// The badge of a proposal's stage: under way, finalised, or not eligible.
fn stage_badge<'a>(stage: Stage) -> Element<'a, Message> {
    let colour = match stage {
        Stage::Finalisasi => theme::SUCCESS,
        Stage::TidakLayak => theme::DANGER,
        _ => theme::WARNING,
    };
    badge(stage.label(), colour)
}

/// The button text for moving to `stage`.
fn step_label(stage: Stage) -> String {
    match stage {
        Stage::InputSiksNg => "Layak: Input SIKS-NG".into(),
        Stage::TidakLayak => "Tidak Layak: Usulan Selesai".into(),
        other => format!("Lanjut ke {}", other.label()),
    }
}

/// "2026-03-02 09:41" from an RFC 3339 timestamp.
fn when(at: &str) -> String {
    let date = at.get(..10).unwrap_or(at);
    let time = at.get(11..16).unwrap_or("");
    format!("{date} {time}").trim().to_string()
}

/// A value or "-" when empty.
fn or_dash(value: &str) -> String {
    if value.is_empty() {
        "-".into()
    } else {
        value.into()
    }
}

impl State {
    /// The whole tab.
    pub fn view(&self) -> Element<'_, Message> {
        let mut left = column![section("Usulan DTKS", self.list())].spacing(16);
        if !self.candidates.is_empty() {
            left = left.push(section("Belum diusulkan", self.candidates()));
        }
        let left = container(left).width(560);
        let right = match &self.selected {
            Some(selected) => selected.view(),
            None => section("Rincian", muted("Pilih usulan di daftar.")),
        };
        scrollable(container(row![left, right].spacing(16)).padding([0, 16]))
            .height(Fill)
            .into()
    }

    fn list(&self) -> Element<'_, Message> {
        let filters = row![
            pick_list(StageFilter::all(), Some(self.filter), Message::FilterPicked).padding(6),
            text_input("Desa/kelurahan", &self.desa)
                .id(DESA_FIELD)
                .on_input(Message::DesaChanged)
                .on_submit(Message::Search)
                .padding(6),
            button("Tampilkan").on_press_maybe((!self.loading).then_some(Message::Search)),
        ]
        .spacing(6)
        .align_y(iced::Center);
        let mut list = column![
            muted("Usulan warga yang belum terdaftar, per desa, dari usulan sampai finalisasi."),
            filters
        ]
        .spacing(6);
        if let Some(failure) = &self.failure {
            list = list.push(error_text(failure.as_str()));
        }
        if self.loading {
            list = list.push(muted("Memuat…"));
        } else if self.proposals.is_empty() {
            list = list.push(muted("Tidak ada usulan yang cocok."));
        }
        let chosen = self.selected.as_ref().map(|s| s.proposal.id);
        for p in &self.proposals {
            list = list.push(
                button(entry(p))
                    .width(Fill)
                    .padding(6)
                    .style(theme::queue_row(chosen == Some(p.id)))
                    .on_press(Message::Select(p.id)),
            );
        }
        list.into()
    }
}

impl State {
    /// Not-registered applicants who were given the slip, each with "Usulkan".
    fn candidates(&self) -> Element<'_, Message> {
        let mut list = column![muted(
            "Warga yang tidak terdaftar dan sudah menerima slip saran; usulkan agar \
             prosesnya dapat diikuti."
        )]
        .spacing(6);
        for a in &self.candidates {
            let propose = button("Usulkan")
                .on_press_maybe(self.proposing.is_none().then_some(Message::Propose(a.id)));
            list = list.push(
                row![
                    column![
                        row![
                            bold(a.applicant_name.as_str()),
                            muted(a.register_no.as_str())
                        ]
                        .spacing(8),
                        row![text(or_dash(&a.desa)), muted(mask(&a.nik))].spacing(8),
                    ]
                    .spacing(2)
                    .width(Fill),
                    propose
                ]
                .spacing(8)
                .align_y(iced::Center),
            );
        }
        list.into()
    }
}

/// One proposal in the list: name, desa, masked NIK, stage and since when.
fn entry(p: &Proposal) -> Element<'_, Message> {
    column![
        row![
            bold(p.name.as_str()),
            muted(format!("#{}", p.id)),
            iced::widget::space::horizontal(),
            stage_badge(p.stage)
        ]
        .spacing(8),
        row![
            text(or_dash(&p.desa)),
            muted(mask(&p.nik)),
            iced::widget::space::horizontal(),
            muted(format!("sejak {}", when(&p.stage_since))),
        ]
        .spacing(8),
    ]
    .spacing(2)
    .into()
}

impl Selected {
    fn view(&self) -> Element<'_, Message> {
        let p = &self.proposal;
        let mut details = column![
            info_row("Nama", p.name.clone()),
            info_row("NIK", mask(&p.nik)),
            info_row("KK", or_dash(&mask(&p.kk))),
            info_row("Desa/kelurahan", or_dash(&p.desa)),
            info_row(
                "Posisi",
                format!("{} sejak {}", p.stage.label(), when(&p.stage_since))
            ),
        ]
        .spacing(6);
        if let Some(outcome) = p.outcome {
            details = details.push(info_row("Hasil assessment", outcome.label().into()));
        }
        if let Some(app) = p.application_id {
            details = details.push(info_row("Permohonan", format!("#{app}")));
        }
        let history = self
            .history
            .iter()
            .fold(column![bold("Riwayat")].spacing(4), |c, e| {
                c.push(
                    row![
                        container(muted(when(&e.at))).width(130),
                        container(text(e.stage.label())).width(160),
                        container(muted(e.actor.as_str())).width(120),
                        text(e.note.as_str()),
                    ]
                    .spacing(8),
                )
            });
        let mut content = column![details, history].spacing(16);
        let next = p.stage.next_stages();
        if next.is_empty() {
            content = content.push(muted("Usulan ini sudah selesai."));
        } else {
            let note = text_input("Catatan langkah (wajib bila tidak layak)", &self.note)
                .id(NOTE_FIELD)
                .on_input(Message::NoteChanged)
                .padding(6);
            let buttons = next.iter().fold(row![].spacing(8), |r, &stage| {
                let style = if stage == Stage::TidakLayak {
                    button::danger
                } else {
                    button::primary
                };
                r.push(
                    button(text(step_label(stage)))
                        .padding([6, 12])
                        .style(style)
                        .on_press_maybe((!self.busy).then_some(Message::Advance(stage))),
                )
            });
            content = content.push(labelled("Langkah berikutnya", note, None));
            content = content.push(buttons);
        }
        match &self.notice {
            Some(Ok(message)) => content = content.push(success_text(message.as_str())),
            Some(Err(message)) => content = content.push(error_text(message.as_str())),
            None => {}
        }
        section("Rincian Usulan", content)
    }
}
