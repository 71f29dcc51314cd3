//! The front desk's quick keys for a complete walk-in: Ctrl+B ticks every paper the
//! office requires from the applicant, Ctrl+Enter saves and opens the operator's check
//! of it for a user who is also an operator, and saves like Enter for anyone else.
//! See `tests/ui_common/mod.rs` for how to run (ICED_TEST_BACKEND=tiny-skia).

mod ui_common;

use chrono::Local;
use iced::keyboard::{Key, Modifiers, key::Named};
use loket_dtks::core::Store;
use loket_dtks::core::demo::DEMO_REGISTERED_NIK;
use loket_dtks::core::register::{self, Application, Status};
use loket_dtks::core::users::{self, NewUser, Role as UserRole};
use loket_dtks::ui::screen::front_desk::{self, NAME_FIELD, NIK_FIELD, PURPOSE_FIELD};
use loket_dtks::ui::sign_in::{self, PIN_FIELD};
use loket_dtks::ui::{App, Message, Role};
use ui_common::{app, app_with_sign_in, feed, press, simulator, type_into};

const SAVE_AND_CHECK: &str = "Simpan & periksa (Ctrl+Enter)";
const ALL_PAPERS: &str = "Semua berkas wajib ada (Ctrl+B)";

fn shows(app: &App, text: &str) -> bool {
    simulator(app).find(text).is_ok()
}

/// Ctrl+B with the cursor in field `field`.
fn ctrl_b(app: &mut App, field: &'static str) {
    let produced = press(
        app,
        Key::Character("b".into()),
        Modifiers::CTRL,
        Some(field),
    );
    assert!(produced > 0, "Ctrl+B is the form's key");
}

/// Ctrl+Enter with the cursor in the purpose field.
fn ctrl_enter(app: &mut App) {
    press(
        app,
        Key::Named(Named::Enter),
        Modifiers::CTRL,
        Some(PURPOSE_FIELD),
    );
}

/// Types an applicant with NIK `nik` (no paper ticked).
fn walk_in(app: &mut App, nik: &str) {
    type_into(app, NAME_FIELD, "Budi Santoso");
    type_into(app, NIK_FIELD, nik);
    type_into(app, PURPOSE_FIELD, "Keringanan biaya sekolah");
}

fn last_saved(dir: &std::path::Path) -> Application {
    let store = Store::open(dir).unwrap();
    register::recent(&store.register, 1).unwrap().remove(0)
}

#[test]
fn ctrl_b_ticks_every_paper_an_adult_must_bring_and_f_keys_still_tick_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    walk_in(&mut app, DEMO_REGISTERED_NIK);
    assert!(shows(
        &app,
        "Berkas kurang: KTP, Kartu Keluarga, Surat pengantar desa/kelurahan; permohonan akan \
         dikembalikan."
    ));
    // With no field under the cursor the page takes the key.
    let produced = press(&mut app, Key::Character("b".into()), Modifiers::CTRL, None);
    assert!(produced > 0);
    assert!(!shows(&app, "Berkas kurang"), "every required paper ticked");
    // The optional SKTM is not required, so not ticked by Ctrl+B; F8 ticks it, F6
    // unticks the family card.
    feed(
        &mut app,
        vec![Message::PaperShortcut(3), Message::PaperShortcut(1)],
    );
    assert!(shows(
        &app,
        "Berkas kurang: Kartu Keluarga; permohonan akan dikembalikan."
    ));
    press(
        &mut app,
        Key::Named(Named::Enter),
        Modifiers::empty(),
        Some(PURPOSE_FIELD),
    );
    let saved = last_saved(dir.path());
    assert_eq!(
        saved.papers,
        ["KTP", "Surat pengantar desa/kelurahan", "SKTM"],
        "Ctrl+B only ticks; the papers are still checked on save"
    );
    assert_eq!(saved.status, Status::BerkasTidakLengkap);
}

#[test]
fn ctrl_b_waits_for_a_valid_nik_and_leaves_the_ktp_of_a_child() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    type_into(&mut app, NAME_FIELD, "Siti Aminah");
    assert!(shows(&app, ALL_PAPERS));
    ctrl_b(&mut app, NAME_FIELD);
    // Born 2010: 15 years old, the KTP is not required.
    type_into(&mut app, NIK_FIELD, "3520015708100002");
    assert!(
        shows(
            &app,
            "Berkas kurang: Kartu Keluarga, Surat pengantar desa/kelurahan; permohonan akan \
             dikembalikan."
        ),
        "without a valid NIK nothing was ticked"
    );
    ctrl_b(&mut app, NIK_FIELD);
    type_into(&mut app, PURPOSE_FIELD, "Keringanan biaya sekolah");
    ui_common::click(&mut app, "Simpan");
    let saved = last_saved(dir.path());
    assert_eq!(
        saved.papers,
        ["Kartu Keluarga", "Surat pengantar desa/kelurahan"]
    );
    assert_eq!(saved.status, Status::BerkasLengkap);
}

#[test]
fn ctrl_enter_saves_and_opens_the_check_for_a_user_who_is_also_an_operator() {
    let dir = tempfile::tempdir().unwrap();
    // Without sign-in every tab is open, the operator's too.
    let mut app = app(dir.path());
    assert!(shows(&app, SAVE_AND_CHECK));
    walk_in(&mut app, DEMO_REGISTERED_NIK);
    ctrl_b(&mut app, PURPOSE_FIELD);
    ctrl_enter(&mut app);
    let saved = last_saved(dir.path());
    assert_eq!(app.role(), Role::Operator, "on the operator's screen");
    assert_eq!(saved.status, Status::Terdaftar, "the check is on record");
    assert!(shows(&app, "TERDAFTAR"), "the lookup is shown");
    assert!(
        shows(&app, saved.register_no.as_str()),
        "with its application"
    );
    let store = Store::open(dir.path()).unwrap();
    let events = register::history(&store.register, saved.id).unwrap();
    let checks = events
        .iter()
        .filter(|e| e.status == Status::Terdaftar.code())
        .count();
    assert_eq!(checks, 1, "checked once: {events:?}");
}

#[test]
fn the_button_saves_and_checks_like_ctrl_enter() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    walk_in(&mut app, DEMO_REGISTERED_NIK);
    ui_common::click(&mut app, ALL_PAPERS);
    ui_common::click(&mut app, SAVE_AND_CHECK);
    assert_eq!(app.role(), Role::Operator);
    assert_eq!(last_saved(dir.path()).status, Status::Terdaftar);
}

#[test]
fn ctrl_enter_with_a_paper_missing_stays_at_the_front_desk() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    walk_in(&mut app, DEMO_REGISTERED_NIK);
    ctrl_enter(&mut app);
    assert_eq!(app.role(), Role::PetugasLayanan);
    assert_eq!(last_saved(dir.path()).status, Status::BerkasTidakLengkap);
    assert!(shows(
        &app,
        "Berkas tidak lengkap: dikembalikan, kurang: KTP, Kartu Keluarga, Surat pengantar \
         desa/kelurahan."
    ));

    // The returned application stays picked above the form; Ctrl+Enter in its own
    // exception field is that field's Enter, not a save of the form.
    let returned = last_saved(dir.path()).id;
    walk_in(&mut app, DEMO_REGISTERED_NIK);
    press(
        &mut app,
        Key::Named(Named::Enter),
        Modifiers::CTRL,
        Some(front_desk::PICKED_EXCEPTION_FIELD),
    );
    assert_eq!(last_saved(dir.path()).id, returned, "the form is not saved");
    assert_eq!(app.role(), Role::PetugasLayanan);
    assert!(shows(&app, "Keringanan biaya sekolah"), "the form is kept");
}

/// A data dir with Admin "Ani" and "Citra", who works the front desk only.
fn front_desk_only(dir: &std::path::Path) {
    let store = Store::open(dir).unwrap();
    let ani = users::create_first_admin(&store.register, "Ani", "", "1234", Local::now()).unwrap();
    let citra = NewUser {
        name: "Citra".into(),
        roles: vec![UserRole::Petugas],
        pin: "2468".into(),
        ..NewUser::default()
    };
    users::add(&store.register, &ani, citra, Local::now()).unwrap();
}

#[test]
fn without_the_operator_role_ctrl_enter_is_enter_and_is_not_offered() {
    let dir = tempfile::tempdir().unwrap();
    front_desk_only(dir.path());
    let mut app = app_with_sign_in(dir.path(), true);
    let mut ui = simulator(&app);
    ui.click("Citra").expect("the name is listed");
    let messages: Vec<Message> = ui.into_messages().collect();
    feed(&mut app, messages);
    type_into(&mut app, PIN_FIELD, "2468");
    feed(&mut app, vec![Message::SignIn(sign_in::Message::Submit)]);
    assert!(!app.signing_in());

    assert!(!shows(&app, SAVE_AND_CHECK), "not offered");
    assert!(shows(&app, "Simpan"));
    walk_in(&mut app, DEMO_REGISTERED_NIK);
    ctrl_b(&mut app, PURPOSE_FIELD);
    ctrl_enter(&mut app);
    assert_eq!(app.role(), Role::PetugasLayanan);
    let saved = last_saved(dir.path());
    assert_eq!(saved.status, Status::BerkasLengkap, "saved, not checked");
    let store = Store::open(dir.path()).unwrap();
    let events = register::history(&store.register, saved.id).unwrap();
    assert!(
        events
            .iter()
            .all(|e| e.actor == "Citra" && e.status != Status::Terdaftar.code()),
        "written at the front desk only: {events:?}"
    );
    assert!(shows(&app, "Berkas lengkap: diteruskan ke operator."));

    // Even asked directly (a view from before a user switch), it only saves.
    walk_in(&mut app, "3520015708100002");
    ctrl_b(&mut app, PURPOSE_FIELD);
    feed(
        &mut app,
        vec![Message::FrontDesk(front_desk::Message::SaveAndCheck)],
    );
    assert_eq!(app.role(), Role::PetugasLayanan);
    assert_eq!(last_saved(dir.path()).status, Status::BerkasLengkap);
}
