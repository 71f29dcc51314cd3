//! The compact lists under the form: waiting for the operator, returned for missing
//! papers, and ready to hand over; each scrolls on its own.

use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Element, Fill};

use super::{Message, State};
use crate::core::nik::{self, Nik};
use crate::core::register::{self, Application};
use crate::ui::widget::{self, bold, muted, section};

/// The tallest a list grows before it scrolls.
const LIST_HEIGHT: f32 = 150.0;

impl State {
    /// The three lists, one section each.
    pub(super) fn lists_view(&self) -> Element<'_, Message> {
        column![
            section("Menunggu Operator", self.waiting_list()),
            section("Dikembalikan (berkas kurang)", self.returned_list()),
            section("Siap diserahkan", self.ready_list()),
        ]
        .spacing(12)
        .into()
    }

    /// The applications waiting for the operator, with how long each has waited.
    fn waiting_list(&self) -> Element<'_, Message> {
        let rows = self.waiting.iter().map(|a| {
            wrapped(
                applicant(a)
                    .extend(
                        self.clock
                            .as_ref()
                            .and_then(|c| c.waiting(&a.created_at, None))
                            .map(widget::waiting),
                    )
                    .push(small_button("Lampiran", Some(Message::Pick(a.id)))),
            )
        });
        compact(rows.collect(), "Belum ada permohonan yang menunggu.")
    }

    /// The applications returned for missing papers, with what each lacks.
    fn returned_list(&self) -> Element<'_, Message> {
        let rows = self.returned.iter().map(|a| {
            let missing = Nik::parse(&a.nik)
                .map(|n| register::missing_papers(&self.rules, &a.papers, &n, self.today))
                .unwrap_or_default();
            wrapped(
                applicant(a)
                    .push(widget::error_text(format!("kurang: {}", missing.join(", "))).size(13))
                    .push(small_button(
                        "Periksa ulang berkas",
                        Some(Message::Pick(a.id)),
                    )),
            )
        });
        compact(rows.collect(), "Tidak ada permohonan yang dikembalikan.")
    }

    /// The signed letters and the slips waiting to be handed over. While a handover is
    /// being recorded, no other can be started.
    fn ready_list(&self) -> Element<'_, Message> {
        let idle = self.handing_over.is_none();
        let rows = self.ready.iter().map(|a| {
            wrapped(
                applicant(a)
                    .push(muted(a.status.label()).size(13))
                    .push(small_button(
                        "Serahkan langsung",
                        idle.then_some(Message::HandOverInPerson(a.id)),
                    ))
                    .push(small_button(
                        "Kirim online…",
                        idle.then_some(Message::Pick(a.id)),
                    )),
            )
        });
        compact(
            rows.collect(),
            "Belum ada surat atau slip yang siap diserahkan.",
        )
    }
}

/// Register number, time, name, masked NIK and purpose of one application; the lists
/// wrap the row (see [`wrapped`]) so its buttons stay reachable in a narrow column.
fn applicant(a: &Application) -> iced::widget::Row<'_, Message> {
    row![
        container(bold(a.register_no.as_str()).size(13)).width(80),
        container(muted(widget::clock_time(&a.created_at)).size(13)).width(44),
        text(a.applicant_name.as_str()).size(13),
        container(muted(nik::mask(&a.nik)).size(13)).width(130),
        text(a.purpose.as_str()).size(13),
    ]
    .spacing(8)
    .align_y(iced::Center)
}

/// A list row that wraps onto a second line when the column is narrow.
fn wrapped(line: iced::widget::Row<'_, Message>) -> Element<'_, Message> {
    line.wrap().vertical_spacing(4).into()
}

/// A small secondary button, off when `message` is `None`.
pub(super) fn small_button(label: &str, message: Option<Message>) -> Element<'_, Message> {
    button(text(label).size(12))
        .padding([2, 8])
        .style(button::secondary)
        .on_press_maybe(message)
        .into()
}

/// `rows` in a list that scrolls past [`LIST_HEIGHT`], or `empty` when there are none.
fn compact<'a>(rows: Vec<Element<'a, Message>>, empty: &'a str) -> Element<'a, Message> {
    if rows.is_empty() {
        return muted(empty).into();
    }
    container(scrollable(column(rows).spacing(4).padding([0, 12])).width(Fill))
        .max_height(LIST_HEIGHT)
        .into()
}
