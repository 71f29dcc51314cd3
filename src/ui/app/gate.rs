//! The sign-in gate over the screens: the idle clock that locks the window, "Ganti
//! Pengguna", and the sign-in panel's messages.

use std::time::{Duration, Instant};

use iced::Task;
use iced::widget::operation;

use super::{App, Message};
use crate::ui::screen::Context;
use crate::ui::{Role, sign_in};

impl App {
    /// Handles the idle clock, "Ganti Pengguna" and the sign-in panel's messages;
    /// `None` when the message is for the screens.
    pub(super) fn gatekeep(&mut self, message: &Message) -> Option<Task<Message>> {
        match message {
            Message::Tick(now) => {
                let idle = Duration::from_secs(u64::from(self.idle_minutes) * 60);
                if self.gate.is_none()
                    && self.user.is_some()
                    && now.saturating_duration_since(self.last_activity) >= idle
                {
                    let name = self.user.as_ref().map(|u| u.name.clone());
                    self.lock(name.as_deref());
                }
                return Some(Task::none());
            }
            Message::Activity => {}
            Message::SwitchUser if self.options.sign_in => {
                self.lock(None);
                return Some(operation::focus(sign_in::PIN_FIELD));
            }
            _ => {}
        }
        self.last_activity = Instant::now();
        if matches!(message, Message::Activity) {
            return Some(Task::none());
        }
        self.gate.as_ref()?;
        let at = Context::at_of(self.now());
        let (Ok(ready), Some(gate)) = (&self.state, &mut self.gate) else {
            return Some(Task::none());
        };
        let message = match message {
            Message::SignIn(m) => m.clone(),
            Message::Enter => sign_in::Message::Submit,
            Message::FocusNext => return Some(operation::focus_next()),
            Message::FocusPrevious => return Some(operation::focus_previous()),
            _ => return Some(Task::none()),
        };
        let focus = matches!(message, sign_in::Message::Picked(_));
        if let Some(user) = gate.update(message, &ready.store.register, at) {
            self.user = Some(user);
            self.gate = None;
            if !self.allowed(self.role)
                && let Some(role) = Role::ALL.into_iter().find(|r| self.allowed(*r))
            {
                return Some(self.update(Message::RoleSelected(role)));
            }
            return Some(self.first_field());
        }
        Some(if focus {
            operation::focus(sign_in::PIN_FIELD)
        } else {
            Task::none()
        })
    }

    /// Covers the screens with the sign-in panel, `picked` preselected.
    pub(super) fn lock(&mut self, picked: Option<&str>) {
        if let Ok(ready) = &self.state {
            self.gate = sign_in::State::open(&ready.store.register, picked).ok();
        }
    }
}

/// A [`Message::Tick`] every 15 seconds, from a small thread (the window runs without
/// an async timer runtime); the thread ends when the subscription is dropped.
pub(super) fn idle_clock() -> impl iced::futures::Stream<Item = Message> {
    let (mut ticks, stream) = iced::futures::channel::mpsc::channel(1);
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_secs(15));
            if let Err(e) = ticks.try_send(Message::Tick(Instant::now()))
                && e.is_disconnected()
            {
                break;
            }
        }
    });
    stream
}
