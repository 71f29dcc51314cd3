//! The archive tab's view: filters and list on the left, the selected letter on the right,
//! the archive check below.

use iced::widget::{button, column, container, row, scrollable, text, text_input};
use iced::{Element, Fill};

use super::{DATE_FIELD, Message, QUERY_FIELD, REASON_FIELD, SCAN_FIELD, Selected, State};
use crate::core::archive::ArchivedLetter;
use crate::core::nik::mask;
use crate::ui::theme;
use crate::ui::widget::{
    badge, bold, error_text, info_row, labelled, muted, section, success_text,
};

/// Label and colour of a letter's status.
fn status_badge<'a>(letter: &ArchivedLetter) -> Element<'a, Message> {
    match letter.status.as_str() {
        "void" => badge("DIBATALKAN", theme::DANGER),
        _ if letter.kind == "slip" => badge("SLIP", theme::MUTED),
        _ => badge("BERLAKU", theme::SUCCESS),
    }
}

/// "2026-03-02 09:41" from an RFC 3339 timestamp.
fn when(issued_at: &str) -> String {
    let date = issued_at.get(..10).unwrap_or(issued_at);
    let time = issued_at.get(11..16).unwrap_or("");
    format!("{date} {time}").trim().to_string()
}

impl State {
    /// The whole tab.
    pub fn view(&self) -> Element<'_, Message> {
        let left = column![section("Arsip Surat", self.list()), self.check_view()]
            .spacing(16)
            .width(520);
        let right = match &self.selected {
            Some(selected) => selected.view(),
            None => section("Rincian", muted("Pilih surat di daftar.")),
        };
        scrollable(container(row![left, right].spacing(16)).padding([0, 16]))
            .height(Fill)
            .into()
    }

    fn list(&self) -> Element<'_, Message> {
        let filters = row![
            text_input("Nomor, nama, atau NIK", &self.query)
                .id(QUERY_FIELD)
                .on_input(Message::QueryChanged)
                .on_submit(Message::Search)
                .padding(6),
            text_input("TTTT-BB(-HH)", &self.date)
                .id(DATE_FIELD)
                .on_input(Message::DateChanged)
                .on_submit(Message::Search)
                .padding(6)
                .width(130),
            button("Cari").on_press_maybe((!self.searching).then_some(Message::Search)),
        ]
        .spacing(6);
        let mut list = column![filters].spacing(6);
        if let Some(failure) = &self.failure {
            list = list.push(error_text(failure.as_str()));
        }
        if self.searching {
            list = list.push(muted("Mencari…"));
        } else if self.letters.is_empty() {
            list = list.push(muted("Tidak ada surat yang cocok."));
        }
        let chosen = self.selected.as_ref().map(|s| s.letter.id);
        for letter in &self.letters {
            let title = letter
                .number
                .clone()
                .unwrap_or_else(|| "(slip, tanpa nomor)".into());
            let entry = column![
                row![
                    bold(title),
                    iced::widget::space::horizontal(),
                    status_badge(letter)
                ]
                .spacing(8),
                row![
                    text(letter.name.as_str()),
                    muted(mask(&letter.nik)),
                    iced::widget::space::horizontal(),
                    muted(when(&letter.issued_at)),
                ]
                .spacing(8),
            ]
            .spacing(2);
            list = list.push(
                button(entry)
                    .width(Fill)
                    .padding(6)
                    .style(theme::queue_row(chosen == Some(letter.id)))
                    .on_press(Message::Select(letter.id)),
            );
        }
        list.into()
    }

    fn check_view(&self) -> Element<'_, Message> {
        let mut content = column![
            row![
                muted("Hitung ulang SHA-256 semua berkas arsip."),
                iced::widget::space::horizontal(),
                button("Periksa Arsip")
                    .style(button::secondary)
                    .on_press_maybe((!self.checking).then_some(Message::CheckArchive)),
            ]
            .align_y(iced::Center)
        ]
        .spacing(6);
        if self.checking {
            content = content.push(muted("Memeriksa berkas arsip…"));
        }
        match &self.check {
            Some(Ok(problems)) if problems.is_empty() => {
                content = content.push(success_text("Semua berkas arsip utuh."));
            }
            Some(Ok(problems)) => {
                content =
                    content.push(error_text(format!("{} berkas bermasalah:", problems.len())));
                for p in problems {
                    content = content.push(
                        text(format!("{} — {}", p.path.display(), p.problem.label())).size(14),
                    );
                }
            }
            Some(Err(e)) => content = content.push(error_text(e.as_str())),
            None => {}
        }
        section("Keutuhan Arsip", content)
    }
}

impl Selected {
    fn view(&self) -> Element<'_, Message> {
        let l = &self.letter;
        let mut content = column![
            row![
                bold(
                    l.number
                        .clone()
                        .unwrap_or_else(|| "(slip tidak terdaftar)".into())
                )
                .size(18),
                status_badge(l)
            ]
            .spacing(12)
            .align_y(iced::Center),
            info_row("Nama", l.name.clone()),
            info_row("NIK", mask(&l.nik)),
            info_row("Diterbitkan", when(&l.issued_at)),
            info_row("Dicetak", format!("{} kali", l.printed)),
        ]
        .spacing(8);
        content = content.push(muted("Berkas arsip (SHA-256)"));
        for file in &self.files {
            let kind = if file.kind == "scan" {
                "Pindaian"
            } else {
                "PDF"
            };
            content = content.push(
                row![
                    container(text(kind).size(14)).width(80),
                    text(file.path.as_str()).size(14).width(Fill),
                    muted(file.sha256.get(..12).unwrap_or_default().to_string()),
                ]
                .spacing(8),
            );
        }
        let live = l.status != "void";
        content = content.push(
            button("Cetak Ulang")
                .style(button::secondary)
                .on_press_maybe((live && !self.busy).then_some(Message::Reprint)),
        );
        if live && l.kind == "surat" {
            content = content.push(row![labelled(
                "Alasan pembatalan",
                text_input("mis. salah tulis keperluan", &self.reason)
                    .id(REASON_FIELD)
                    .on_input(Message::ReasonChanged)
                    .padding(6),
                None,
            ),]);
            content = content.push(
                button("Batalkan Surat")
                    .style(button::danger)
                    .on_press_maybe((!self.busy).then_some(Message::Void)),
            );
        }
        content = content
            .push(labelled(
                "Pindaian surat bertanda tangan (PDF, JPG, PNG)",
                text_input("Lokasi berkas pindaian", &self.scan_path)
                    .id(SCAN_FIELD)
                    .on_input(Message::ScanPathChanged)
                    .on_submit(Message::AttachScan)
                    .padding(6),
                None,
            ))
            .push(
                row![
                    button("Pilih Berkas…")
                        .style(button::secondary)
                        .on_press(Message::BrowseScan),
                    button("Lampirkan Pindaian")
                        .on_press_maybe((!self.busy).then_some(Message::AttachScan)),
                ]
                .spacing(8),
            );
        match &self.notice {
            Some(Ok(notice)) => content = content.push(success_text(notice.as_str())),
            Some(Err(e)) => content = content.push(error_text(e.as_str())),
            None => {}
        }
        section("Rincian", content)
    }
}
