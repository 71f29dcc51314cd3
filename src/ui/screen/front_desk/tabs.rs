//! The front desk's tabs: the new application (with its lists), the register book (the
//! petugas keeps it), and the satisfaction survey the citizen fills after handover.

use iced::widget::column;
use iced::{Element, Task};

use super::{Message, State};
use crate::ui::screen::{Action, Context, register_book, survey};
use crate::ui::widget::{cycle, tab_bar};

/// A tab of the front desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DeskTab {
    /// The new application form and the lists under it.
    #[default]
    Pendaftaran,
    /// The register book: search, history, corrections, exports.
    Register,
    /// The satisfaction survey (SKM) for the citizen.
    Survei,
}

impl DeskTab {
    /// The tabs and their labels, in order.
    pub const LABELS: [(DeskTab, &'static str); 3] = [
        (DeskTab::Pendaftaran, "Pendaftaran"),
        (DeskTab::Register, "Buku Register"),
        (DeskTab::Survei, "Survei SKM"),
    ];
}

/// The screens behind the other tabs.
#[derive(Debug)]
pub struct Tabs {
    /// The tab shown.
    pub tab: DeskTab,
    book: register_book::State,
    survey: survey::State,
}

impl Tabs {
    /// The tabs for the installation, on Pendaftaran.
    pub fn new(ctx: &Context<'_>) -> Tabs {
        Tabs {
            tab: DeskTab::default(),
            book: register_book::State::new(ctx),
            survey: survey::State::new(ctx),
        }
    }
}

impl State {
    /// Handles the tab messages; `None` for the messages of the Pendaftaran tab.
    pub(super) fn update_tabs(
        &mut self,
        message: &Message,
        ctx: &Context<'_>,
    ) -> Option<Action<Message>> {
        let task = match message {
            Message::CycleTab(delta) => {
                let tabs = DeskTab::LABELS.map(|(tab, _)| tab);
                let next = cycle(&tabs, self.tabs.tab, *delta);
                return self.update_tabs(&Message::TabSelected(next), ctx);
            }
            Message::TabSelected(tab) => {
                self.tabs.tab = *tab;
                match tab {
                    DeskTab::Pendaftaran => {
                        self.refresh(ctx);
                        Task::none()
                    }
                    DeskTab::Register => self.tabs.book.open().map(Message::Book),
                    DeskTab::Survei => Task::none(),
                }
            }
            Message::Book(m) => self.tabs.book.update(m.clone(), ctx).map(Message::Book),
            Message::Survey(m) => self.tabs.survey.update(m.clone(), ctx).map(Message::Survey),
            Message::Digit(digit) if self.tabs.tab == DeskTab::Survei => self
                .tabs
                .survey
                .update(survey::Message::Key(*digit), ctx)
                .map(Message::Survey),
            Message::Digit(_) => Task::none(),
            _ => return None,
        };
        Some(Action::Run(task))
    }

    /// The tab bar above `page` (the Pendaftaran tab) or the other tab's screen.
    pub(super) fn with_tabs<'a>(&'a self, page: Element<'a, Message>) -> Element<'a, Message> {
        let body = match self.tabs.tab {
            DeskTab::Pendaftaran => page,
            DeskTab::Register => self.tabs.book.view().map(Message::Book),
            DeskTab::Survei => self.tabs.survey.view().map(Message::Survey),
        };
        column![
            tab_bar(&DeskTab::LABELS, self.tabs.tab, Message::TabSelected),
            body
        ]
        .into()
    }
}
