//! Named users in the window: the first Admin, signing in with a PIN, the lock-out,
//! tabs limited by role, the user as the actor, and the idle lock keeping typed work.
//! See `tests/ui_common/mod.rs` for how to run (ICED_TEST_BACKEND=tiny-skia).

mod ui_common;

use std::time::{Duration, Instant};

use chrono::Local;
use iced::widget::Id;
use loket_dtks::core::Store;
use loket_dtks::core::users::{self, NewUser, Role as UserRole};
use loket_dtks::ui::screen::front_desk::{self, NAME_FIELD, NIK_FIELD, Purpose};
use loket_dtks::ui::sign_in::{self, PIN_FIELD};
use loket_dtks::ui::{App, Message, Role};
use ui_common::{app_with_sign_in, feed, simulator};

/// A data dir with Admin "Ani" (PIN 1234) and Petugas "Citra" (PIN 2468).
fn staffed() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let ani = users::create_first_admin(&store.register, "Ani", "", "1234", Local::now()).unwrap();
    let citra = NewUser {
        name: "Citra".into(),
        roles: vec![UserRole::Petugas],
        pin: "2468".into(),
        ..NewUser::default()
    };
    users::add(&store.register, &ani, citra, Local::now()).unwrap();
    dir
}

fn sign(app: &mut App, message: sign_in::Message) {
    feed(app, vec![Message::SignIn(message)]);
}

/// Clicks the name, types the PIN into the PIN field and presses Enter there.
fn sign_in_as(app: &mut App, name: &str, pin: &str) {
    let mut ui = simulator(app);
    ui.click(name).expect("the name is listed");
    let messages: Vec<Message> = ui.into_messages().collect();
    feed(app, messages);
    let mut ui = simulator(app);
    ui.click(Id::new(PIN_FIELD)).expect("PIN field on screen");
    let _ = ui.typewrite(pin);
    let messages: Vec<Message> = ui.into_messages().collect();
    feed(app, messages);
    sign(app, sign_in::Message::Submit);
}

fn shows(app: &App, text: &str) -> bool {
    simulator(app).find(text).is_ok()
}

#[test]
fn first_start_creates_the_admin() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_sign_in(dir.path(), true);
    assert!(app.signing_in());
    assert!(shows(&app, "Buat Admin pertama"));
    sign(&mut app, sign_in::Message::NameChanged("Ani Rahma".into()));
    sign(&mut app, sign_in::Message::PinChanged("1234".into()));
    sign(&mut app, sign_in::Message::AgainChanged("1235".into()));
    sign(&mut app, sign_in::Message::Submit);
    assert!(shows(&app, "Kedua PIN tidak sama."));
    sign(&mut app, sign_in::Message::AgainChanged("1234".into()));
    sign(&mut app, sign_in::Message::Submit);
    assert!(!app.signing_in());
    assert_eq!(app.user().map(|u| u.name.as_str()), Some("Ani Rahma"));
    assert_eq!(
        app.role(),
        Role::PetugasLayanan,
        "the first user does every job until others are added"
    );
    let store = Store::open(dir.path()).unwrap();
    let all = users::list(&store.register).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].user.roles, users::Role::ALL.to_vec());
}

#[test]
fn wrong_pins_show_the_tries_left_and_five_lock() {
    let dir = staffed();
    let mut app = app_with_sign_in(dir.path(), true);
    assert!(shows(&app, "Masuk"));
    for left in (1..=4).rev() {
        sign_in_as(&mut app, "Citra", "0000");
        assert!(shows(&app, &format!("PIN salah, sisa {left} percobaan")));
    }
    sign_in_as(&mut app, "Citra", "0000");
    // The UI tests' clock is frozen at 09:00; the lock lasts 15 minutes.
    assert!(shows(&app, "Pengguna terkunci sampai 09:15"));
    sign_in_as(&mut app, "Citra", "2468");
    assert!(app.signing_in(), "locked even with the right PIN");
}

#[test]
fn a_petugas_cannot_open_the_admin_tab_and_is_the_actor() {
    let dir = staffed();
    let mut app = app_with_sign_in(dir.path(), true);
    sign_in_as(&mut app, "Citra", "2468");
    assert!(!app.signing_in());
    assert_eq!(app.role(), Role::PetugasLayanan);
    // The Admin tab shows but cannot be pressed, nor reached with F4.
    let mut ui = simulator(&app);
    ui.click("Admin (F4)").expect("the tab is on screen");
    assert!(
        ui.into_messages().next().is_none(),
        "a disabled tab sends nothing"
    );
    feed(&mut app, vec![Message::RoleSelected(Role::Admin)]);
    assert_eq!(app.role(), Role::PetugasLayanan, "F4 does nothing");

    save_application(&mut app);
    let store = Store::open(dir.path()).unwrap();
    let actor: String = store
        .register
        .query_row(
            "SELECT actor FROM audit WHERE action = 'catat_permohonan'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(actor, "Citra");
}

#[test]
fn idle_lock_keeps_the_typed_text() {
    let dir = staffed();
    let mut app = app_with_sign_in(dir.path(), true);
    sign_in_as(&mut app, "Citra", "2468");
    type_into(&mut app, NAME_FIELD, "Siti Aminah");
    feed(
        &mut app,
        vec![Message::Tick(Instant::now() + Duration::from_secs(60))],
    );
    assert!(!app.signing_in(), "a minute idle is not enough");
    let later = Instant::now() + Duration::from_secs(11 * 60);
    feed(&mut app, vec![Message::Tick(later)]);
    assert!(app.signing_in(), "ten minutes idle locks");
    assert!(
        !shows(&app, "Siti Aminah"),
        "the work is hidden while locked"
    );
    // Only the PIN is asked: Citra is already picked.
    let mut ui = simulator(&app);
    ui.click(Id::new(PIN_FIELD)).expect("PIN field on screen");
    let _ = ui.typewrite("2468");
    let messages: Vec<Message> = ui.into_messages().collect();
    feed(&mut app, messages);
    sign(&mut app, sign_in::Message::Submit);
    assert!(!app.signing_in());
    assert!(shows(&app, "Siti Aminah"), "the typed name is still there");
}

#[test]
fn switching_user_returns_to_the_sign_in_panel() {
    let dir = staffed();
    let mut app = app_with_sign_in(dir.path(), true);
    sign_in_as(&mut app, "Citra", "2468");
    let mut ui = simulator(&app);
    ui.click("Citra · Ganti Pengguna (F12)")
        .expect("button in the header");
    let messages: Vec<Message> = ui.into_messages().collect();
    feed(&mut app, messages);
    assert!(app.signing_in());
    sign_in_as(&mut app, "Ani", "1234");
    assert_eq!(app.user().map(|u| u.name.as_str()), Some("Ani"));
    assert_eq!(app.role(), Role::Admin);
}

fn type_into(app: &mut App, id: &'static str, text: &str) {
    let mut ui = simulator(app);
    ui.click(Id::new(id)).expect("field is on screen");
    let _ = ui.typewrite(text);
    let messages: Vec<Message> = ui.into_messages().collect();
    feed(app, messages);
}

fn save_application(app: &mut App) {
    type_into(app, NAME_FIELD, "Siti Aminah");
    type_into(app, NIK_FIELD, "3520015708100002");
    type_into(app, "front-desk-telepon", "081234567890");
    type_into(app, "front-desk-desa", "Sukomoro");
    feed(
        app,
        vec![
            Message::FrontDesk(front_desk::Message::PurposePicked(Purpose::Sekolah)),
            Message::FrontDesk(front_desk::Message::PaperToggled(0, true)),
            Message::FrontDesk(front_desk::Message::PaperToggled(1, true)),
            Message::FrontDesk(front_desk::Message::PaperToggled(2, true)),
        ],
    );
    let mut ui = simulator(app);
    ui.click("Simpan").expect("button is on screen");
    let messages: Vec<Message> = ui.into_messages().collect();
    feed(app, messages);
}

#[test]
fn the_admin_adds_a_user_on_the_pengguna_tab() {
    use loket_dtks::ui::screen::{admin, users as tab};
    let dir = staffed();
    let mut app = app_with_sign_in(dir.path(), true);
    sign_in_as(&mut app, "Ani", "1234");
    let to_tab = |m: tab::Message| Message::Admin(admin::Message::Users(m));
    feed(
        &mut app,
        vec![
            Message::Admin(admin::Message::TabSelected(admin::Tab::Pengguna)),
            to_tab(tab::Message::NameChanged("Dewi".into())),
            to_tab(tab::Message::RoleToggled(UserRole::Operator, true)),
            to_tab(tab::Message::PinChanged("1357".into())),
            to_tab(tab::Message::Add),
        ],
    );
    assert!(shows(&app, "Pengguna Dewi ditambahkan."));
    let store = Store::open(dir.path()).unwrap();
    let dewi = users::authenticate(&store.register, "Dewi", "1357", Local::now()).unwrap();
    assert_eq!(dewi.roles, [UserRole::Operator]);
    let by: String = store
        .register
        .query_row(
            "SELECT actor FROM audit WHERE action = 'kelola_pengguna' AND subject = 'Dewi'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(by, "Ani");
}

#[test]
fn the_admin_unlocks_a_user_locked_by_wrong_pins() {
    use loket_dtks::ui::screen::admin;
    let dir = staffed();
    let mut app = app_with_sign_in(dir.path(), true);
    for _ in 0..5 {
        sign_in_as(&mut app, "Citra", "0000");
    }
    assert!(shows(&app, "Pengguna terkunci sampai 09:15"));
    sign_in_as(&mut app, "Ani", "1234");
    feed(
        &mut app,
        vec![Message::Admin(admin::Message::TabSelected(
            admin::Tab::Pengguna,
        ))],
    );
    assert!(shows(&app, "terkunci s.d. 09:15"));
    let mut ui = simulator(&app);
    ui.click("Buka Kunci")
        .expect("the button is beside the locked user");
    let messages: Vec<Message> = ui.into_messages().collect();
    feed(&mut app, messages);
    assert!(shows(&app, "Kunci Citra dibuka; Citra dapat masuk lagi."));
    assert!(!shows(&app, "terkunci s.d. 09:15"));
    assert!(!shows(&app, "Buka Kunci"), "no one else is locked");

    let store = Store::open(dir.path()).unwrap();
    let detail: String = store
        .register
        .query_row(
            "SELECT detail FROM audit WHERE action = 'kelola_pengguna' AND subject = 'Citra'
             ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(detail, "buka kunci");
    let mut ui = simulator(&app);
    ui.click("Ani · Ganti Pengguna (F12)")
        .expect("button in the header");
    let messages: Vec<Message> = ui.into_messages().collect();
    feed(&mut app, messages);
    sign_in_as(&mut app, "Citra", "2468");
    assert!(!app.signing_in(), "Citra signs in before 09:15");
}
