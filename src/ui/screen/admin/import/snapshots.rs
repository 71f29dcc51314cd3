//! The list of imported snapshots, the active one marked, with "Jadikan Aktif" for the
//! others.

use iced::widget::{button, column, container, row, text};
use iced::{Element, Fill};

use super::{Message, State};
use crate::core::audit;
use crate::core::snapshot::{SnapshotInfo, store as catalogue};
use crate::ui::screen::{Action, Context};
use crate::ui::theme;
use crate::ui::widget::{badge, bold, muted};

/// Width of each column: status, data, file, rows, rejected, imported at.
const WIDTHS: [f32; 6] = [130.0, 260.0, 240.0, 90.0, 90.0, 150.0];

impl State {
    /// "Jadikan Aktif": makes snapshot `id` the one lookups use, and logs it.
    pub(super) fn activate(&mut self, id: i64, ctx: &Context<'_>) -> Action<Message> {
        let result = catalogue::set_active(&ctx.store.snapshots, id).and_then(|()| {
            audit::record(
                &ctx.store.register,
                ctx.role.actor(),
                "aktifkan_snapshot",
                &id.to_string(),
                "",
            )
        });
        if let Err(e) = result {
            self.failure = Some(e.to_string());
        }
        self.refresh(ctx);
        Action::SnapshotChanged
    }
}

/// The table of snapshots, newest first.
pub fn view(snapshots: &[SnapshotInfo]) -> Element<'_, Message> {
    if snapshots.is_empty() {
        return muted("Belum ada data yang diimpor.").into();
    }
    let titles = ["Status", "Data", "Berkas", "Orang", "Ditolak", "Diimpor"];
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
            let cells: [Element<'_, Message>; 6] = [
                state,
                bold(s.label()).into(),
                muted(s.file_name.as_str()).into(),
                text(s.rows.to_string()).into(),
                text(s.rejected.to_string()).into(),
                text(imported_at(&s.imported_at)).into(),
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
