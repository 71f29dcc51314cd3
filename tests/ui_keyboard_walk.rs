//! A registered walk-in walked with the keyboard only, from the front desk to the
//! handover, counting every key pressed after the data is typed. Every key goes through
//! the window as in use: a focused field takes it first (Enter in a field saves), a key
//! no widget took goes to the window's shortcuts. See `tests/ui_common/mod.rs` for how
//! to run.

mod ui_common;

use chrono::Local;
use iced::keyboard::{Key, Modifiers, key::Named};
use loket_dtks::core::Store;
use loket_dtks::core::demo::{self, DEMO_REGISTERED_NIK};
use loket_dtks::core::register::{self, Status};
use loket_dtks::core::users::{self, NewUser, Role as UserRole};
use loket_dtks::ui::screen::front_desk::{NAME_FIELD, NIK_FIELD, PURPOSE_FIELD};
use loket_dtks::ui::sign_in::{self, PIN_FIELD};
use loket_dtks::ui::{App, Message, Role};
use ui_common::{app_with_sign_in, feed, fixed_office_key, press, simulator, type_into};

/// The window and the keys pressed so far.
struct Keyboard {
    app: App,
    /// Every key pressed after the data was typed (a click that puts the cursor back in
    /// the field the typing left it in is not a key).
    keys: usize,
}

impl Keyboard {
    /// Presses `key` with `modifiers`, the cursor in field `field` if given (where the
    /// typing left it), and handles what the window makes of it.
    fn press(&mut self, key: Key, modifiers: Modifiers, field: Option<&'static str>) {
        let produced = press(&mut self.app, key, modifiers, field);
        assert!(produced > 0, "the key did nothing");
        self.keys += 1;
    }

    fn key(&mut self, named: Named) {
        self.press(Key::Named(named), Modifiers::empty(), None);
    }

    /// Ctrl+`key` with the cursor in the purpose field, where the typing left it.
    fn ctrl_in_purpose(&mut self, key: Key) {
        self.press(key, Modifiers::CTRL, Some(PURPOSE_FIELD));
    }

    fn shows(&self, text: &str) -> bool {
        simulator(&self.app).find(text).is_ok()
    }
}

/// A data dir with the demo snapshot, Admin "Ani" and "Dewi", who works the front desk,
/// the operator's desk and signs (a small office).
fn office(dir: &std::path::Path) {
    fixed_office_key(dir);
    let store = Store::open(dir).unwrap();
    demo::ensure_demo(&store).unwrap();
    let ani = users::create_first_admin(&store.register, "Ani", "", "1234", Local::now()).unwrap();
    let dewi = NewUser {
        name: "Dewi".into(),
        roles: vec![UserRole::Petugas, UserRole::Operator, UserRole::Pimpinan],
        pin: "2468".into(),
        ..NewUser::default()
    };
    users::add(&store.register, &ani, dewi, Local::now()).unwrap();
}

/// Picks the name and types the PIN (not counted: before the walk-in).
fn sign_in(app: &mut App, name: &str, pin: &str) {
    let mut ui = simulator(app);
    ui.click(name).expect("the name is listed");
    let messages: Vec<Message> = ui.into_messages().collect();
    feed(app, messages);
    type_into(app, PIN_FIELD, pin);
    feed(app, vec![Message::SignIn(sign_in::Message::Submit)]);
    assert!(!app.signing_in(), "signed in");
}

#[test]
fn a_registered_walk_in_with_the_keyboard_in_at_most_ten_keys_after_the_data() {
    let dir = tempfile::tempdir().unwrap();
    office(dir.path());
    let mut app = app_with_sign_in(dir.path(), true);
    sign_in(&mut app, "Dewi", "2468");

    // The data, typed (not counted).
    type_into(&mut app, NAME_FIELD, "Budi Santoso");
    type_into(&mut app, NIK_FIELD, DEMO_REGISTERED_NIK);
    type_into(&mut app, "front-desk-telepon", "081234567890");
    type_into(&mut app, "front-desk-desa", "Sukamaju");
    type_into(&mut app, PURPOSE_FIELD, "Keringanan biaya sekolah");
    let mut keys = Keyboard { app, keys: 0 };

    // 1. Ctrl+B: the papers seen, every one the office requires from this adult.
    let missing = "Berkas kurang: KTP, Kartu Keluarga, Surat pengantar desa/kelurahan; \
                   permohonan akan dikembalikan.";
    assert!(keys.shows(missing));
    keys.ctrl_in_purpose(Key::Character("b".into()));
    assert!(!keys.shows(missing), "the required papers are ticked");
    // 2. Ctrl+Enter in the field: saved in the register book with its papers complete,
    // then the operator's check of it, on the operator's screen.
    keys.ctrl_in_purpose(Key::Named(Named::Enter));
    let store = Store::open(dir.path()).unwrap();
    let application = register::recent(&store.register, 1).unwrap().remove(0);
    assert_eq!(
        application.papers,
        ["KTP", "Kartu Keluarga", "Surat pengantar desa/kelurahan"]
    );
    assert_eq!(keys.app.role(), Role::Operator);
    assert!(keys.shows("TERDAFTAR"));
    let status = || {
        register::get(&store.register, application.id)
            .unwrap()
            .status
    };
    assert_eq!(status(), Status::Terdaftar, "the check is on record");
    // 3. Ctrl+P: printed.
    keys.press(Key::Character("p".into()), Modifiers::CTRL, None);
    assert_eq!(status(), Status::SuratDicetak);
    // 4. F3: the Pimpinan's list, the new letter selected.
    keys.key(Named::F3);
    assert!(keys.shows("(F8)"), "the waiting letter is selected");
    // 5-6. F8 asks (signed by the user signed in), Enter answers: the paraf.
    keys.key(Named::F8);
    assert!(keys.shows("Paraf oleh: Dewi"));
    keys.key(Named::Enter);
    assert_eq!(status(), Status::Diparaf);
    // 7-8. F8, Enter: the signature.
    keys.key(Named::F8);
    assert!(keys.shows("TTD oleh: Dewi"));
    keys.key(Named::Enter);
    assert_eq!(status(), Status::Ditandatangani);
    // 9. F9: handed over in person.
    keys.key(Named::F9);
    assert_eq!(status(), Status::Diserahkan);

    println!("keyboard walk-in: {} keys after the data", keys.keys);
    assert!(keys.keys <= 10, "{} keys after the data", keys.keys);
    let signed: Vec<(String, String)> = store
        .register
        .prepare("SELECT step, actor FROM certificate_step ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let dewi = |s: &str| (s.to_string(), "Dewi".to_string());
    assert_eq!(signed, [dewi("paraf"), dewi("ttd"), dewi("diserahkan")]);
}
