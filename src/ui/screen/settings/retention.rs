//! The "Data Pribadi" panel of the settings screen: "Hapus data pribadi lama" erases the
//! personal data of closed applications older than the saved retention period
//! ([`register::purge_personal`]), after a confirmation that says how many applications
//! it touches ([`register::purge_count`]). Nothing is erased without that second press,
//! and nothing at all while the retention is 0 (the default).

use chrono::{DateTime, Local, NaiveDate};
use iced::Element;
use iced::widget::{button, column, row};

use crate::core::{Store, register};
use crate::ui::widget::{error_text, muted, success_text};

/// The panel's state.
#[derive(Debug, Default)]
pub struct RetentionPanel {
    /// The cut-off and how many applications it would erase, while asking to confirm.
    pending: Option<(NaiveDate, usize)>,
    notice: Option<Result<String, String>>,
}

/// Messages of the panel.
#[derive(Debug, Clone)]
pub enum Message {
    /// "Hapus data pribadi lama": count and ask to confirm.
    Ask,
    /// "Ya, Hapus": erase.
    Confirm,
    /// "Batal": nothing is erased.
    Cancel,
}

impl RetentionPanel {
    /// Handles a message; `months` is the saved retention, `actor` who erases, `at` when.
    pub fn update(
        &mut self,
        message: Message,
        store: &Store,
        months: u32,
        actor: &str,
        at: DateTime<Local>,
    ) {
        self.notice = None;
        match message {
            Message::Ask => {
                let Some(before) = register::retention_cutoff(at.date_naive(), months) else {
                    self.notice = Some(Err(
                        "Retensi data pribadi 0 bulan: isi jumlah bulan dan Simpan dahulu.".into(),
                    ));
                    return;
                };
                match register::purge_count(&store.register, before) {
                    Ok(0) => {
                        self.notice = Some(Ok(format!(
                            "Tidak ada permohonan selesai sebelum {before} yang masih berisi \
                             data pribadi."
                        )))
                    }
                    Ok(n) => self.pending = Some((before, n)),
                    Err(e) => self.notice = Some(Err(e.to_string())),
                }
            }
            Message::Confirm => {
                let Some((before, _)) = self.pending.take() else {
                    return;
                };
                self.notice = Some(
                    register::purge_personal(store, before, actor, at)
                        .map(|done| {
                            let mut text = format!(
                                "Data pribadi {} permohonan sebelum {} dihapus ({} lampiran).",
                                done.applications, done.before, done.files_removed
                            );
                            if !done.files_left.is_empty() {
                                text.push_str(&format!(
                                    " {} lampiran tidak dapat dihapus; hapus manual dari \
                                     folder lampiran.",
                                    done.files_left.len()
                                ));
                            }
                            text
                        })
                        .map_err(|e| e.to_string()),
                );
            }
            Message::Cancel => self.pending = None,
        }
    }

    /// The explanation, the button or the confirmation, and the outcome.
    pub fn view(&self, months: u32) -> Element<'_, Message> {
        let rule = if months == 0 {
            "Data pribadi tidak pernah dihapus (retensi 0 bulan).".to_string()
        } else {
            format!(
                "Permohonan yang sudah selesai atau dibatalkan dan dicatat lebih dari {months} \
                 bulan lalu dapat dihapus data pribadinya (nama, NIK, KK, kontak, lampiran). \
                 Jumlah dan laporan tetap; surat di arsip tetap disimpan."
            )
        };
        let mut panel = column![muted(rule)].spacing(8);
        panel = match self.pending {
            Some((before, count)) => panel.push(
                column![
                    error_text(format!(
                        "Data pribadi {count} permohonan yang dicatat sebelum {before} akan \
                         dihapus dan tidak dapat dikembalikan. Lanjutkan?"
                    )),
                    row![
                        button("Ya, Hapus")
                            .style(button::danger)
                            .on_press(Message::Confirm),
                        button("Batal")
                            .style(button::secondary)
                            .on_press(Message::Cancel),
                    ]
                    .spacing(8),
                ]
                .spacing(8),
            ),
            None => panel.push(
                button("Hapus data pribadi lama")
                    .style(button::secondary)
                    .on_press_maybe((months > 0).then_some(Message::Ask)),
            ),
        };
        match &self.notice {
            Some(Ok(ok)) => panel = panel.push(success_text(ok.as_str())),
            Some(Err(e)) => panel = panel.push(error_text(e.as_str())),
            None => {}
        }
        panel.into()
    }
}
