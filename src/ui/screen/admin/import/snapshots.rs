//! The list of imported snapshots, the active one marked, with "Jadikan Aktif" and
//! "Hapus" (after a confirmation) for the others.

use iced::widget::{button, column, container, row, text};
use iced::{Element, Fill};

use super::{Message, State};
use crate::core::numbers;
use crate::core::snapshot::{SnapshotInfo, store as catalogue};
use crate::ui::screen::{Action, Context};
use crate::ui::theme;
use crate::ui::widget::{badge, bold, muted};

/// Width of each column: status, data, file, rows, rejected, imported at, delete.
const WIDTHS: [f32; 7] = [130.0, 240.0, 200.0, 80.0, 80.0, 140.0, 210.0];

impl State {
    /// "Jadikan Aktif": makes snapshot `id` the one lookups use, and logs it.
    pub(super) fn activate(&mut self, id: i64, ctx: &Context<'_>) -> Action<Message> {
        if let Err(e) = catalogue::activate(ctx.store, id, ctx.actor) {
            self.failure = Some(e.to_string());
        }
        self.refresh(ctx);
        Action::SnapshotChanged
    }
}

impl State {
    /// "Ya, Hapus": deletes old snapshot `id` and its data files, and logs it.
    pub(super) fn delete(&mut self, id: i64, ctx: &Context<'_>) {
        self.deleting = None;
        if let Err(e) = catalogue::remove(ctx.store, id, ctx.actor) {
            self.failure = Some(e.to_string());
        }
        self.refresh(ctx);
    }
}

/// The delete control of an old snapshot: "Hapus", or the confirmation when asked.
fn delete_control(s: &SnapshotInfo, deleting: Option<i64>) -> Element<'_, Message> {
    if s.active {
        return text("").into();
    }
    if deleting == Some(s.id) {
        return row![
            button("Ya, Hapus")
                .style(button::danger)
                .on_press(Message::ConfirmDelete(s.id)),
            button("Batal")
                .style(button::secondary)
                .on_press(Message::KeepSnapshot),
        ]
        .spacing(6)
        .into();
    }
    button("Hapus")
        .style(button::secondary)
        .on_press(Message::Delete(s.id))
        .into()
}

/// The table of snapshots, newest first; `deleting` is the one awaiting confirmation.
pub fn view(snapshots: &[SnapshotInfo], deleting: Option<i64>) -> Element<'_, Message> {
    if snapshots.is_empty() {
        return muted("Belum ada data yang diimpor.").into();
    }
    let titles = [
        "Status", "Data", "Berkas", "Orang", "Ditolak", "Diimpor", "",
    ];
    let header = titles
        .iter()
        .zip(WIDTHS)
        .fold(row![].spacing(8), |r, (title, width)| {
            r.push(container(muted(*title)).width(width))
        });
    snapshots
        .iter()
        .fold(column![header].spacing(6), |col, s| {
            let state: Element<'_, Message> = if s.active {
                badge("AKTIF", theme::SUCCESS)
            } else {
                button("Jadikan Aktif")
                    .style(button::secondary)
                    .on_press(Message::Activate(s.id))
                    .into()
            };
            let cells: [Element<'_, Message>; 7] = [
                state,
                bold(s.label()).into(),
                muted(s.file_name.as_str()).into(),
                text(numbers::thousands(s.rows.max(0) as u64)).into(),
                text(numbers::thousands(s.rejected.max(0) as u64)).into(),
                text(imported_at(&s.imported_at)).into(),
                delete_control(s, deleting),
            ];
            let line = cells
                .into_iter()
                .zip(WIDTHS)
                .fold(row![].spacing(8), |r, (cell, width)| {
                    r.push(container(cell).width(width))
                });
            col.push(line.align_y(iced::Center).width(Fill))
        })
        .into()
}

/// "02-03-2026 09:41" from an RFC 3339 timestamp, in the offset it was written with.
fn imported_at(timestamp: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(timestamp)
        .map(|t| t.format("%d-%m-%Y %H:%M").to_string())
        .unwrap_or_else(|_| timestamp.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats_the_import_time() {
        assert_eq!(
            super::imported_at("2026-03-02T09:41:05+07:00"),
            "02-03-2026 09:41"
        );
        assert_eq!(super::imported_at("kemarin"), "kemarin");
    }
}
