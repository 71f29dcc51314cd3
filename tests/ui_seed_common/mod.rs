//! Helpers for the seed flows: one office's settings, and the steps a clerk takes in
//! the window (each step counted, so a flow can say how many actions it needed).

use std::path::Path;

use loket_dtks::core::register::{self, Application, Channel, Status};
use loket_dtks::core::settings::Settings;
use loket_dtks::core::{Store, demo};
use loket_dtks::ui::screen::front_desk::{self, Purpose};
use loket_dtks::ui::{App, Message, Role};

use crate::ui_common::{app, click, feed, fixed_office_key, simulator};

/// A clerk at the window, counting the actions (clicks, keys, picks) after typing.
pub struct Counter {
    /// The window.
    pub app: App,
    /// Actions taken so far.
    pub actions: usize,
}

impl Counter {
    /// A data dir with the demo snapshot, a fixed key, and the office's `settings`.
    pub fn open(dir: &Path, office: impl FnOnce(&mut Settings)) -> Counter {
        fixed_office_key(dir);
        let store = Store::open(dir).unwrap();
        demo::ensure_demo(&store).unwrap();
        let mut settings = store.settings().unwrap();
        office(&mut settings);
        settings.save(&store.register).unwrap();
        Counter {
            app: app(dir),
            actions: 0,
        }
    }

    /// Clicks the button labelled `label` (one action).
    pub fn click(&mut self, label: &str) {
        click(&mut self.app, label);
        self.actions += 1;
    }

    /// Sends `message` as a key or pick would (one action).
    pub fn act(&mut self, message: Message) {
        feed(&mut self.app, vec![message]);
        self.actions += 1;
    }

    /// Switches role with its function key (one action).
    pub fn role(&mut self, role: Role) {
        self.act(Message::RoleSelected(role));
    }

    /// Whether `text` is on screen.
    pub fn shows(&self, text: &str) -> bool {
        simulator(&self.app).find(text).is_ok()
    }

    /// The front desk types an applicant (not counted: the data itself) and ticks the
    /// papers given by index (F5..), then saves with Enter (counted).
    pub fn intake(
        &mut self,
        name: &str,
        nik: &str,
        channel: Channel,
        contact: &str,
        papers: &[usize],
    ) {
        let typed = [
            front_desk::Message::NameChanged(name.into()),
            front_desk::Message::NikChanged(nik.into()),
            front_desk::Message::PhoneChanged(contact.into()),
            front_desk::Message::DesaChanged("Sukamaju".into()),
        ];
        feed(
            &mut self.app,
            typed.into_iter().map(Message::FrontDesk).collect(),
        );
        self.act(Message::FrontDesk(front_desk::Message::PurposePicked(
            Purpose::Sekolah,
        )));
        if channel != Channel::Loket {
            self.act(Message::FrontDesk(front_desk::Message::ChannelPicked(
                channel,
            )));
        }
        for &paper in papers {
            self.act(Message::PaperShortcut(paper));
        }
        self.act(Message::FrontDesk(front_desk::Message::Save));
    }
}

/// The only application in `dir`'s register.
pub fn the_application(dir: &Path) -> Application {
    let store = Store::open(dir).unwrap();
    let mut all = register::recent(&store.register, 10).unwrap();
    assert_eq!(all.len(), 1, "one application in the register");
    all.remove(0)
}

/// The states application `id` went through, in order (undone steps included).
pub fn steps(dir: &Path, id: i64) -> Vec<String> {
    let store = Store::open(dir).unwrap();
    register::history(&store.register, id)
        .unwrap()
        .into_iter()
        .map(|e| e.status)
        .collect()
}

/// The state of application `id`.
pub fn status(dir: &Path, id: i64) -> Status {
    register::get(&Store::open(dir).unwrap().register, id)
        .unwrap()
        .status
}

/// The audit codes written, in order, leaving out reads (look-ups, searches).
pub fn acts(dir: &Path) -> Vec<String> {
    let store = Store::open(dir).unwrap();
    let mut stmt = store
        .register
        .prepare("SELECT action FROM audit ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .filter(|a| {
            !matches!(
                a.as_str(),
                "cek_nik" | "cari_nama" | "cari_arsip" | "impor_snapshot"
            )
        })
        .collect()
}
