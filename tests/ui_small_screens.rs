//! Every screen and tab at the smallest office screen (1024x600), so a crowded one is
//! seen as it is there: the Pimpinan's list (a letter waiting, the sign-off question,
//! the handover question), Verifikasi (empty and with a valid letter), Arsip, Usulan,
//! Pengaduan (empty and with an entry opened for its follow-up), the Admin tabs and
//! the sign-in panel. The front desk, operator, register book, reports and survey have
//! theirs beside their own tests. See `tests/ui_common/mod.rs` for how to run.

mod ui_common;

use loket_dtks::ui::screen::{admin, leadership, verify};
use loket_dtks::ui::{App, Message, Role};
use ui_common::{app, app_with_sign_in, assert_small_snapshot, feed, issue_demo_letter};

/// The window on a data dir holding one letter (fixed key and time, the demo data's
/// import time fixed too), on `role`'s screen.
fn with_letter(role: Role) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    issue_demo_letter(dir.path());
    let snapshots = rusqlite::Connection::open(dir.path().join("snapshot.db")).unwrap();
    snapshots
        .execute(
            "UPDATE snapshot SET imported_at = '2026-03-02T09:00:00+07:00'",
            [],
        )
        .unwrap();
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(role)]);
    (dir, app)
}

fn pimpinan_tab(tab: leadership::Tab) -> (tempfile::TempDir, App) {
    let (dir, mut app) = with_letter(Role::Pimpinan);
    let open = leadership::Message::TabSelected(tab);
    feed(&mut app, vec![Message::Leadership(open)]);
    (dir, app)
}

fn admin_tab(tab: admin::Tab) -> (tempfile::TempDir, App) {
    let (dir, mut app) = with_letter(Role::Admin);
    feed(
        &mut app,
        vec![Message::Admin(admin::Message::TabSelected(tab))],
    );
    (dir, app)
}

#[test]
fn pimpinan_letter_waiting() {
    let (_dir, app) = with_letter(Role::Pimpinan);
    assert_small_snapshot(&app, "small_pimpinan_surat");
}

#[test]
fn pimpinan_sign_off_question() {
    let (_dir, mut app) = with_letter(Role::Pimpinan);
    feed(&mut app, vec![Message::PaperShortcut(3)]);
    assert_small_snapshot(&app, "small_pimpinan_konfirmasi");
}

#[test]
fn pimpinan_handover_question() {
    let (_dir, mut app) = with_letter(Role::Pimpinan);
    for _ in 0..2 {
        feed(&mut app, vec![Message::PaperShortcut(3), Message::Enter]);
    }
    feed(&mut app, vec![Message::PaperShortcut(3)]);
    assert_small_snapshot(&app, "small_pimpinan_serah");
}

#[test]
fn pimpinan_undo_question() {
    let (_dir, mut app) = with_letter(Role::Pimpinan);
    feed(
        &mut app,
        vec![
            Message::PaperShortcut(3),
            Message::Enter,
            Message::UndoShortcut,
        ],
    );
    assert_small_snapshot(&app, "small_pimpinan_batal");
}

#[test]
fn verifikasi() {
    let (_dir, app) = pimpinan_tab(leadership::Tab::Verifikasi);
    assert_small_snapshot(&app, "small_verifikasi");
}

#[test]
fn verifikasi_sah() {
    let (dir, mut app) = pimpinan_tab(leadership::Tab::Verifikasi);
    let code = verify_code(dir.path());
    ui_common::type_into(&mut app, verify::CODE_FIELD, &code);
    ui_common::click(&mut app, "Periksa");
    assert_small_snapshot(&app, "small_verifikasi_sah");
}

/// The verification code of the one letter in `dir`.
fn verify_code(dir: &std::path::Path) -> String {
    let store = loket_dtks::core::Store::open(dir).unwrap();
    store
        .register
        .query_row("SELECT verification_code FROM certificate", [], |r| {
            r.get(0)
        })
        .unwrap()
}

#[test]
fn arsip() {
    let (_dir, app) = pimpinan_tab(leadership::Tab::Arsip);
    assert_small_snapshot(&app, "small_arsip");
}

#[test]
fn usulan() {
    let (_dir, app) = pimpinan_tab(leadership::Tab::Usulan);
    assert_small_snapshot(&app, "small_usulan");
}

#[test]
fn pengaduan() {
    let (_dir, app) = pimpinan_tab(leadership::Tab::Pengaduan);
    assert_small_snapshot(&app, "small_pengaduan");
}

#[test]
fn pengaduan_tindak_lanjut() {
    use chrono::TimeZone;
    use loket_dtks::core::complaints::{self, ComplaintChannel, ComplaintKind, NewComplaint};
    let (dir, mut app) = pimpinan_tab(leadership::Tab::Pengaduan);
    let store = loket_dtks::core::Store::open(dir.path()).unwrap();
    let new = NewComplaint {
        channel: ComplaintChannel::WhatsApp,
        kind: ComplaintKind::Pengaduan,
        name: "Siti Aminah".into(),
        contact: "0812 3456 7890".into(),
        text: "Surat keterangan untuk anak saya belum jadi, padahal sudah dua hari".into(),
        application_id: None,
    };
    let at = chrono::Local
        .with_ymd_and_hms(2026, 3, 2, 8, 15, 0)
        .unwrap();
    complaints::add(&store.register, new, "petugas", at).unwrap();
    // Back to the tab: the list is read again.
    let open = leadership::Message::TabSelected(leadership::Tab::Pengaduan);
    feed(
        &mut app,
        vec![
            Message::RoleSelected(Role::Pimpinan),
            Message::Leadership(open),
        ],
    );
    ui_common::click(&mut app, "Siti Aminah");
    assert_small_snapshot(&app, "small_pengaduan_tindak_lanjut");
}

#[test]
fn admin_impor() {
    let (_dir, app) = admin_tab(admin::Tab::Impor);
    assert_small_snapshot(&app, "small_admin_impor");
}

#[test]
fn admin_pengaturan() {
    let (_dir, app) = admin_tab(admin::Tab::Pengaturan);
    assert_small_snapshot(&app, "small_admin_pengaturan");
}

#[test]
fn admin_cek_massal() {
    let (_dir, app) = admin_tab(admin::Tab::CekMassal);
    assert_small_snapshot(&app, "small_admin_cek_massal");
}

#[test]
fn admin_log_akses() {
    // No letter: the log's times come from the clock.
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(dir.path());
    let open = admin::Message::TabSelected(admin::Tab::LogAkses);
    feed(
        &mut app,
        vec![Message::RoleSelected(Role::Admin), Message::Admin(open)],
    );
    assert_small_snapshot(&app, "small_admin_log_akses");
}

#[test]
fn admin_pengguna() {
    let (_dir, app) = admin_tab(admin::Tab::Pengguna);
    assert_small_snapshot(&app, "small_admin_pengguna");
}

#[test]
fn sign_in_first_admin() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_with_sign_in(dir.path(), true);
    assert!(app.signing_in());
    assert_small_snapshot(&app, "small_masuk");
}

#[test]
fn sign_in_wrong_pin() {
    use loket_dtks::core::users::{self, NewUser, Role as UserRole};
    use loket_dtks::ui::sign_in::Message as SignIn;
    let dir = tempfile::tempdir().unwrap();
    let store = loket_dtks::core::Store::open(dir.path()).unwrap();
    let now = chrono::Local::now();
    let ani = users::create_first_admin(&store.register, "Ani Wulandari", "", "1234", now);
    for name in [
        "Citra Lestari",
        "Dewi Anggraini",
        "Eko Prasetyo",
        "Fajar Nugroho",
    ] {
        let user = NewUser {
            name: name.into(),
            roles: vec![UserRole::Petugas],
            pin: "2468".into(),
            ..NewUser::default()
        };
        users::add(&store.register, ani.as_ref().unwrap(), user, now).unwrap();
    }
    let mut app = app_with_sign_in(dir.path(), true);
    feed(
        &mut app,
        vec![
            Message::SignIn(SignIn::Picked("Citra Lestari".into())),
            Message::SignIn(SignIn::PinChanged("0000".into())),
            Message::SignIn(SignIn::Submit),
        ],
    );
    assert!(app.signing_in());
    assert_small_snapshot(&app, "small_masuk_pin_salah");
}
