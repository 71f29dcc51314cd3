//! The Buku Pengaduan tab's view: the form on the left, the book with status and
//! response time on the right, the selected entry opening in place under its row (its
//! contact and the follow-up), so it is in sight wherever the entry stands, also on a
//! 600-pixel-high screen.

use iced::widget::{button, column, container, pick_list, row, scrollable, text, text_input};
use iced::{Element, Fill};

use super::{CONTACT_FIELD, FOLLOW_UP_FIELD, Message, NAME_FIELD, State, StatusFilter, TEXT_FIELD};
use crate::core::complaints::{
    Complaint, ComplaintChannel, ComplaintKind, ComplaintStatus, duration_label,
};
use crate::ui::theme;
use crate::ui::widget::{
    badge, bold, error_text, info_row, labelled, muted, section, success_text,
};

/// "2026-03-02 09:41" from an RFC 3339 timestamp.
fn when(at: &str) -> String {
    at.get(..16).unwrap_or(at).replace('T', " ")
}

/// "Dijawab dalam 45 menit" or "Belum dijawab".
pub fn response_label(c: &Complaint) -> String {
    match c.response_minutes {
        Some(minutes) => format!("Dijawab dalam {}", duration_label(minutes)),
        None => "Belum dijawab".into(),
    }
}

fn status_badge<'a>(status: ComplaintStatus) -> Element<'a, Message> {
    let colour = match status {
        ComplaintStatus::Baru => theme::WARNING,
        ComplaintStatus::Ditindaklanjuti => theme::PRIMARY,
        ComplaintStatus::Selesai => theme::SUCCESS,
    };
    badge(status.label(), colour)
}

impl State {
    /// The whole tab.
    pub fn view(&self) -> Element<'_, Message> {
        let left = container(section("Catat Pengaduan, Saran atau Tamu", self.form())).width(400);
        let right = section("Buku Pengaduan, Saran dan Tamu", self.list());
        scrollable(container(row![left, right].spacing(16)).padding([0, 16]))
            .height(Fill)
            .into()
    }

    fn form(&self) -> Element<'_, Message> {
        let form = &self.form;
        let name_hint = if form.kind == ComplaintKind::Tamu {
            "Nama (wajib untuk tamu)"
        } else {
            "Nama (boleh kosong)"
        };
        let mut content = column![
            row![
                pick_list(ComplaintKind::ALL, Some(form.kind), Message::KindPicked).padding(6),
                pick_list(
                    ComplaintChannel::ALL,
                    Some(form.channel),
                    Message::ChannelPicked
                )
                .padding(6),
            ]
            .spacing(6),
            text_input(name_hint, &form.name)
                .id(NAME_FIELD)
                .on_input(Message::NameChanged)
                .padding(6),
            text_input("Kontak: telepon atau e-mail (boleh kosong)", &form.contact)
                .id(CONTACT_FIELD)
                .on_input(Message::ContactChanged)
                .padding(6),
            text_input("Isi pengaduan/saran, atau keperluan tamu", &form.text)
                .id(TEXT_FIELD)
                .on_input(Message::TextChanged)
                .on_submit(Message::Add)
                .padding(6),
            button("Simpan").on_press_maybe((!self.busy).then_some(Message::Add)),
        ]
        .spacing(8);
        match &self.notice {
            Some(Ok(message)) => content = content.push(success_text(message.as_str())),
            Some(Err(message)) => content = content.push(error_text(message.as_str())),
            None => {}
        }
        content.into()
    }

    fn list(&self) -> Element<'_, Message> {
        let mut list = column![
            pick_list(
                StatusFilter::all(),
                Some(self.filter),
                Message::FilterPicked
            )
            .padding(6)
        ]
        .spacing(6);
        let mut any = false;
        for c in self.shown() {
            any = true;
            list = list.push(
                button(entry(c))
                    .width(Fill)
                    .padding(6)
                    .style(theme::queue_row(self.selected == Some(c.id)))
                    .on_press(Message::Select(c.id)),
            );
            if self.selected == Some(c.id) {
                list = list.push(self.details(c));
            }
        }
        if !any {
            list = list.push(muted("Tidak ada catatan yang cocok."));
        }
        list.into()
    }

    /// The selected entry, under its row (which shows its kind, name, text, channel,
    /// time and status): the contact, the follow-up so far and the field for the next.
    fn details<'a>(&'a self, c: &'a Complaint) -> Element<'a, Message> {
        let mut content = column![info_row("Kontak", or_dash(&c.contact))].spacing(6);
        if !c.follow_up.is_empty() {
            content = content.push(bold("Tindak lanjut"));
            content = content.push(text(c.follow_up.as_str()).size(14));
        }
        if c.status == ComplaintStatus::Selesai {
            content = content.push(muted("Catatan ini sudah selesai."));
        } else {
            let ready = !self.busy;
            let field = text_input("Tindak lanjut yang dilakukan", &self.follow_up)
                .id(FOLLOW_UP_FIELD)
                .on_input(Message::FollowUpChanged)
                .padding(6);
            content = content.push(labelled("Tindak lanjut", field, None));
            content = content.push(
                row![
                    button("Simpan Tindak Lanjut")
                        .on_press_maybe(ready.then_some(Message::FollowUp(false))),
                    button("Simpan & Selesai")
                        .style(button::success)
                        .on_press_maybe(ready.then_some(Message::FollowUp(true))),
                ]
                .spacing(8),
            );
        }
        container(content)
            .width(Fill)
            .padding(10)
            .style(theme::card_selected)
            .into()
    }
}

/// A value or "-" when empty.
fn or_dash(value: &str) -> String {
    if value.is_empty() {
        "-".into()
    } else {
        value.into()
    }
}

/// One entry in the book: kind, id, name, status; channel, time received, response.
fn entry(c: &Complaint) -> Element<'_, Message> {
    column![
        row![
            bold(c.kind.label()),
            muted(format!("#{}", c.id)),
            text(or_dash(&c.name)),
            iced::widget::space::horizontal(),
            status_badge(c.status),
        ]
        .spacing(8),
        text(c.text.as_str()).size(14),
        row![
            muted(c.channel.label()),
            muted(when(&c.received_at)),
            iced::widget::space::horizontal(),
            muted(response_label(c)),
        ]
        .spacing(8),
    ]
    .spacing(2)
    .into()
}
