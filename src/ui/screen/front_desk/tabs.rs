//! The front desk's tabs: the new application (with its lists), the register book (the
//! petugas keeps it), and the satisfaction survey the citizen fills after handover.

use iced::widget::column;
use iced::{Element, Task};

use super::{Message, State};
use crate::ui::screen::{Action, Context, focus, register_book, survey};
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

    /// The field the clerk types into first on the tab, where the cursor goes when the
    /// tab or the role is switched to: the applicant's name (of an empty form; see
    /// [`State::first_field`]), the register's free-text search; none on the survey
    /// (its answers are digit keys outside any field).
    pub fn first_field(self) -> Option<&'static str> {
        match self {
            DeskTab::Pendaftaran => Some(super::NAME_FIELD),
            DeskTab::Register => Some(register_book::TEXT_FIELD),
            DeskTab::Survei => None,
        }
    }
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
                let opened = match tab {
                    DeskTab::Pendaftaran => {
                        self.refresh(ctx);
                        Task::none()
                    }
                    DeskTab::Register => self.tabs.book.open().map(Message::Book),
                    DeskTab::Survei => Task::none(),
                };
                Task::batch([opened, focus(self.first_field())])
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

    /// The field the cursor goes to when the front desk or its tab is switched to: the
    /// tab's [`DeskTab::first_field`], except that a form half typed goes on at its
    /// first empty field (the NIK typed after coming back is not added to the name).
    pub fn first_field(&self) -> Option<&'static str> {
        match self.tabs.tab {
            DeskTab::Pendaftaran => Some(super::prefill::first_empty(&self.form)),
            tab => tab.first_field(),
        }
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

#[cfg(test)]
mod tests {
    use super::DeskTab;
    use crate::ui::screen::{front_desk, register_book};

    #[test]
    fn the_survey_keeps_its_digit_keys_and_the_other_tabs_start_in_their_field() {
        // The survey's answers are digits pressed while no field has the cursor.
        assert_eq!(DeskTab::Survei.first_field(), None);
        assert_eq!(
            DeskTab::Pendaftaran.first_field(),
            Some(front_desk::NAME_FIELD)
        );
        assert_eq!(
            DeskTab::Register.first_field(),
            Some(register_book::TEXT_FIELD)
        );
    }
}
