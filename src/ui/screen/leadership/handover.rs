//! The handover question: in person at the counter ("Serahkan langsung") or sent online
//! ("Kirim online") through a channel to a contact, filled in from the letter's
//! application.

use iced::widget::{button, column, pick_list, row, text_input};
use iced::{Element, Fill};

use super::Message;
use super::confirm::keyed;
use crate::core::register::{Channel, Handover};
use crate::ui::widget::{esc_sends, muted};

/// The channels a scan of the signed letter can be sent through.
const ONLINE: [Channel; 6] = [
    Channel::WhatsApp,
    Channel::Email,
    Channel::Web,
    Channel::Telepon,
    Channel::Instagram,
    Channel::Lapor,
];

/// Id of the contact field.
pub const CONTACT_FIELD: &str = "pimpinan-kontak-serah";

/// The open question for one letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// The letter being handed over.
    pub letter: i64,
    /// The online channel picked.
    pub channel: Channel,
    /// Where it is sent.
    pub contact: String,
}

impl Form {
    /// The question for `letter`, filled in from how its application came
    /// (`suggested`); an application from the counter suggests WhatsApp to its phone.
    pub fn new(letter: i64, suggested: Handover) -> Form {
        let channel = if suggested.channel == Channel::Loket {
            Channel::WhatsApp
        } else {
            suggested.channel
        };
        Form {
            letter,
            channel,
            contact: suggested.contact,
        }
    }

    /// The online handover as filled in.
    pub fn online(&self) -> Handover {
        Handover {
            channel: self.channel,
            contact: self.contact.trim().to_string(),
        }
    }

    /// The two answers, the channel list and the contact field, and "Batal". Enter
    /// hands over in person; Enter in the contact field sends online.
    pub fn view(&self) -> Element<'_, Message> {
        let letter = self.letter;
        column![
            muted("Bagaimana surat diserahkan?"),
            row![
                button(keyed("Serahkan langsung", Some("Enter")))
                    .on_press(Message::HandOver(letter, Handover::in_person())),
                muted("atau"),
                pick_list(ONLINE, Some(self.channel), Message::HandoverChannel),
                esc_sends(
                    text_input("Nomor WhatsApp / alamat e-mail", &self.contact)
                        .id(CONTACT_FIELD)
                        .on_input(Message::HandoverContact)
                        .on_submit(Message::HandOver(letter, self.online()))
                        .width(Fill),
                    Message::Cancel,
                ),
                button("Kirim online").on_press(Message::HandOver(letter, self.online())),
                button(keyed("Batal", Some("Esc")))
                    .style(button::secondary)
                    .on_press(Message::Cancel),
            ]
            .spacing(8)
            .align_y(iced::Center),
        ]
        .spacing(4)
        .into()
    }
}
