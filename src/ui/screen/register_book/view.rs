//! The register book's view: filters and exports on top, the list on the left and the
//! selected application on the right; everything scrolls, and the filter rows wrap, so
//! the book fits the smallest window (1024x600).

use iced::widget::{
    button, checkbox, column, container, pick_list, row, scrollable, text, text_input,
};
use iced::{Element, Fill, FillPortion};

use super::filter::{ChannelChoice, StatusChoice};
use super::work::{Details, Format};
use super::{
    DESA_FIELD, FROM_FIELD, LIST_LIMIT, Message, OUT_FIELD, PETUGAS_FIELD, REASON_FIELD, Selected,
    State, TEXT_FIELD, TO_FIELD, correction,
};
use crate::core::nik::mask;
use crate::core::register::{Event, Status};
use crate::ui::theme;
use crate::ui::widget::{
    badge, bold, error_text, info_row, labelled, muted, section, status_badge, success_text,
};

/// "2026-03-02 09:41" from an RFC 3339 timestamp.
fn when(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|_| at.to_string())
}

fn notice(n: &Option<Result<String, String>>) -> Option<Element<'_, Message>> {
    n.as_ref().map(|n| match n {
        Ok(m) => success_text(m.as_str()).into(),
        Err(m) => error_text(m.as_str()).into(),
    })
}

fn input<'a>(
    placeholder: &'a str,
    value: &'a str,
    id: &'static str,
    on_input: fn(String) -> Message,
    width: f32,
) -> Element<'a, Message> {
    text_input(placeholder, value)
        .id(id)
        .on_input(on_input)
        .on_submit(Message::Search)
        .padding(6)
        .width(width)
        .into()
}

impl State {
    /// The whole book.
    pub fn view(&self) -> Element<'_, Message> {
        let right = match &self.selected {
            Some(selected) => selected.view(),
            None => section("Rincian", muted("Pilih permohonan di daftar.")),
        };
        let body = column![
            section("Buku Register", self.filters()),
            row![
                container(self.list()).width(FillPortion(1)),
                container(right).width(FillPortion(1)),
            ]
            .spacing(16),
        ]
        .spacing(16);
        scrollable(container(body).padding([0, 16]))
            .height(Fill)
            .into()
    }

    fn filters(&self) -> Element<'_, Message> {
        let f = &self.form;
        let fields = row![
            labelled(
                "Dari tanggal",
                input(
                    "TTTT-BB-HH",
                    &f.from,
                    FROM_FIELD,
                    Message::FromChanged,
                    120.0
                ),
                None
            ),
            labelled(
                "Sampai tanggal",
                input("TTTT-BB-HH", &f.to, TO_FIELD, Message::ToChanged, 120.0),
                None
            ),
            labelled(
                "Status",
                pick_list(StatusChoice::all(), Some(f.status), Message::StatusPicked).padding(6),
                None
            ),
            labelled(
                "Kanal",
                pick_list(
                    ChannelChoice::all(),
                    Some(f.channel),
                    Message::ChannelPicked
                )
                .padding(6),
                None
            ),
            labelled(
                "Desa",
                input(
                    "Nama desa",
                    &f.desa,
                    DESA_FIELD,
                    Message::DesaChanged,
                    140.0
                ),
                None
            ),
            labelled(
                "Petugas",
                input(
                    "Pencatat",
                    &f.petugas,
                    PETUGAS_FIELD,
                    Message::PetugasChanged,
                    120.0
                ),
                None
            ),
            labelled(
                "Nama, NIK, atau no. register",
                input(
                    "mis. Siti atau 0007/2026",
                    &f.text,
                    TEXT_FIELD,
                    Message::TextChanged,
                    220.0
                ),
                None
            ),
            column![
                text(" ").size(14),
                button("Cari").on_press_maybe((!self.searching).then_some(Message::Search)),
            ]
            .spacing(4),
        ]
        .spacing(8)
        .wrap();
        let export = |label, format| {
            button(label)
                .style(button::secondary)
                .on_press_maybe((!self.exporting).then_some(Message::Export(format)))
        };
        let mut exports = row![
            text_input(
                "Berkas keluaran (kosong: pilih lewat dialog)",
                &self.out_path
            )
            .id(OUT_FIELD)
            .on_input(Message::OutPathChanged)
            .padding(6)
            .width(320),
            export("Ekspor CSV", Format::Csv),
            export("Ekspor XLSX", Format::Xlsx),
            export("Cetak halaman (PDF)", Format::Pdf),
        ]
        .spacing(8);
        if self.admin {
            exports = exports.push(
                checkbox(self.full_nik)
                    .label("NIK & KK lengkap (CSV/XLSX)")
                    .on_toggle(Message::FullNikToggled),
            );
        }
        let exports = exports.wrap();
        let mut content = column![fields, exports].spacing(10);
        if let Some(failure) = &self.failure {
            content = content.push(error_text(failure.as_str()));
        }
        if self.exporting {
            content = content.push(muted("Menulis berkas…"));
        }
        content.extend(notice(&self.export_notice)).into()
    }

    fn list(&self) -> Element<'_, Message> {
        let count = if self.results.len() as u32 >= LIST_LIMIT {
            format!("{LIST_LIMIT} permohonan terbaru ditampilkan; persempit pencarian.")
        } else {
            format!("{} permohonan, terbaru dahulu.", self.results.len())
        };
        let mut list = column![muted(count)].spacing(6);
        if self.searching {
            list = list.push(muted("Mencari…"));
        } else if self.results.is_empty() {
            list = list.push(muted("Tidak ada permohonan yang cocok."));
        }
        let chosen = self.selected.as_ref().map(|s| s.id);
        for a in &self.results {
            let entry = column![
                row![
                    bold(a.register_no.as_str()),
                    status_badge(a.status),
                    iced::widget::space::horizontal(),
                    muted(when(&a.created_at)),
                ]
                .spacing(8)
                .align_y(iced::Center),
                row![text(a.applicant_name.as_str()), muted(mask(&a.nik))].spacing(8),
                muted(format!("{} · {} · {}", a.channel, a.desa, a.purpose)),
            ]
            .spacing(2);
            list = list.push(
                button(entry)
                    .width(Fill)
                    .padding(6)
                    .style(theme::queue_row(chosen == Some(a.id)))
                    .on_press(Message::Select(a.id)),
            );
        }
        section("Permohonan", list)
    }
}

/// One history entry: time, user, state, note, handover, and the undone mark.
fn event_line(e: &Event) -> Element<'_, Message> {
    let state = Status::parse(&e.status).map_or(e.status.clone(), |s| s.label().to_string());
    let kind = match e.kind.as_str() {
        "urung" => Some(badge("URUNG", theme::WARNING)),
        "koreksi" => Some(badge("KOREKSI", theme::PRIMARY)),
        "batal_surat" => Some(badge("SURAT DIBATALKAN", theme::DANGER)),
        _ => None,
    };
    let mut head = row![
        muted(when(&e.at)),
        text(e.actor.as_str()).size(14),
        bold(state)
    ]
    .spacing(8)
    .align_y(iced::Center);
    head = head.extend(kind);
    if e.undone {
        head = head.push(badge("diurungkan", theme::MUTED));
    }
    let mut line = column![head].spacing(2);
    if !e.note.is_empty() {
        line = line.push(text(e.note.as_str()).size(14));
    }
    if let Some(via) = &e.via {
        let to = e
            .contact
            .as_deref()
            .map_or(String::new(), |c| format!(" ke {c}"));
        line = line.push(muted(format!("Lewat {via}{to}")));
    }
    line.into()
}

impl Selected {
    fn view(&self) -> Element<'_, Message> {
        let Some(d) = &self.details else {
            let waiting = column![muted("Memuat…")].extend(notice(&self.notice));
            return section("Rincian", waiting);
        };
        section(
            "Rincian",
            column![self.facts(d), self.actions(d), self.history(d)].spacing(12),
        )
    }

    fn facts<'a>(&'a self, d: &'a Details) -> Element<'a, Message> {
        let a = &d.app;
        let mut facts = column![
            row![
                bold(a.register_no.as_str()).size(18),
                status_badge(a.status)
            ]
            .spacing(12)
            .align_y(iced::Center),
            info_row("Nama", a.applicant_name.clone()),
            info_row("NIK", mask(&a.nik)),
            info_row("Kanal", a.channel.clone()),
            info_row("Desa", a.desa.clone()),
            info_row("Keperluan", a.purpose.clone()),
            info_row("Berkas", a.papers.join(", ")),
        ]
        .spacing(6);
        if !a.paper_exception.is_empty() {
            facts = facts.push(info_row("Pengecualian berkas", a.paper_exception.clone()));
        }
        if !a.contact.is_empty() {
            facts = facts.push(info_row("Kontak", a.contact.clone()));
        }
        for letter in &d.letters {
            let state = if letter.status == "void" {
                "dibatalkan"
            } else {
                "berlaku"
            };
            facts = facts.push(info_row("Surat", format!("{} ({state})", letter.number)));
        }
        facts.into()
    }

    fn history<'a>(&'a self, d: &'a Details) -> Element<'a, Message> {
        d.history
            .iter()
            .fold(column![bold("Riwayat")].spacing(6), |c, e| {
                c.push(event_line(e))
            })
            .into()
    }

    fn actions<'a>(&'a self, d: &'a Details) -> Element<'a, Message> {
        let idle = !self.busy;
        let mut buttons = row![button("Koreksi").style(button::secondary).on_press_maybe(
            (idle && self.correction.is_none()).then_some(Message::OpenCorrection)
        ),]
        .spacing(8);
        if d.next.contains(&Status::Dibatalkan) {
            buttons = buttons.push(
                button("Batalkan permohonan")
                    .style(button::danger)
                    .on_press_maybe(idle.then_some(Message::Cancel)),
            );
        }
        buttons = buttons.push(
            button("Urungkan langkah terakhir")
                .style(button::secondary)
                .on_press_maybe(idle.then_some(Message::Undo)),
        );
        let mut content = column![
            bold("Tindakan"),
            labelled(
                "Alasan (wajib untuk koreksi, pembatalan, dan pengurungan)",
                text_input("mis. salah ketik NIK", &self.reason)
                    .id(REASON_FIELD)
                    .on_input(Message::ReasonChanged)
                    .padding(6),
                None,
            ),
            buttons.wrap(),
        ]
        .spacing(8);
        if let Some(form) = &self.correction {
            content = content.push(correction::view(form, self.busy));
        }
        content.extend(notice(&self.notice)).into()
    }
}
