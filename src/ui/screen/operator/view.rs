//! The operator screen's layout: the tab bar, and on the first tab the name search and
//! queue on the left with the check panel on the right.

use iced::widget::{column, container, row, scrollable};
use iced::{Element, Fill};

use super::{Message, State, Tab, panel, queue};
use crate::ui::widget::{muted, section, tab_bar};

impl State {
    /// The tab bar and the current tab.
    pub fn view(&self) -> Element<'_, Message> {
        let tabs = tab_bar(&Tab::LABELS, self.tab, Message::TabSelected);
        let body: Element<'_, Message> = match self.tab {
            Tab::Antrean => self.counter_view(),
            Tab::Verifikasi => self.verify.view().map(Message::Verify),
            Tab::Arsip => self.archive.view().map(Message::Archive),
        };
        column![tabs, body].into()
    }

    fn counter_view(&self) -> Element<'_, Message> {
        let left = column![
            section("Cari Nama", self.search.view().map(Message::Search)),
            section(
                "Antrean",
                queue::view(
                    &self.queue,
                    self.clock.as_ref(),
                    self.highlighted,
                    self.failure.as_deref()
                )
            ),
        ]
        .spacing(16)
        .width(380);
        let detail = match &self.current {
            Some(current) => panel::view(current, &self.queue, &self.printing),
            None => section(
                "Pemeriksaan",
                muted("Pilih permohonan di antrean (klik, atau panah atas/bawah lalu Enter)."),
            ),
        };
        scrollable(container(row![left, detail].spacing(16)).padding([0, 16]))
            .height(Fill)
            .into()
    }
}
