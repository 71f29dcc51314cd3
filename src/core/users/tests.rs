//! Tests of users, PINs, the lock-out and the role checks where acts happen.

use chrono::{DateTime, Local, TimeZone};

use super::*;
use crate::core::Store;
use crate::core::settings::Settings;
use crate::core::signoff::{self, SignOff, Step};

fn at(hour: u32, minute: u32) -> DateTime<Local> {
    Local
        .with_ymd_and_hms(2026, 3, 2, hour, minute, 0)
        .single()
        .unwrap()
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    (dir, store)
}

/// A store with Admin "Ani" (PIN 1234), Pimpinan "Budi" (5678) and Petugas "Citra"
/// (2468).
fn staffed() -> (tempfile::TempDir, Store, User) {
    let (dir, store) = store();
    let admin = create_first_admin(&store.register, "Ani", "1980", "1234", at(8, 0)).unwrap();
    for (name, role, pin) in [
        ("Budi", Role::Pimpinan, "5678"),
        ("Citra", Role::Petugas, "2468"),
    ] {
        let new = NewUser {
            name: name.into(),
            nip: String::new(),
            roles: vec![role],
            pin: pin.into(),
        };
        add(&store.register, &admin, new, at(8, 1)).unwrap();
    }
    (dir, store, admin)
}

fn audit_rows(store: &Store) -> Vec<(String, String, String, String)> {
    let mut stmt = store
        .register
        .prepare("SELECT actor, action, subject, detail FROM audit ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

#[test]
fn first_admin_only_once_and_pins_are_hashed() {
    let (_dir, store) = store();
    assert!(!any(&store.register).unwrap());
    let err = create_first_admin(&store.register, "Ani", "", "12a4", at(8, 0)).unwrap_err();
    assert!(err.to_string().contains("4 sampai 8 angka"), "{err}");
    let admin = create_first_admin(&store.register, " Ani ", "1980", "1234", at(8, 0)).unwrap();
    assert_eq!(admin.name, "Ani");
    assert!(admin.can(Permission::KelolaPengguna));
    assert!(!admin.can(Permission::TandaTangan));
    let again = create_first_admin(&store.register, "Eko", "", "9999", at(8, 1));
    assert!(again.is_err());
    let stored: String = store
        .register
        .query_row("SELECT pin_hash FROM app_user", [], |r| r.get(0))
        .unwrap();
    assert!(stored.starts_with("$argon2id$"), "{stored}");
    assert!(!stored.contains("1234"));
}

#[test]
fn only_an_admin_adds_users_and_names_are_unique() {
    let (_dir, store, admin) = staffed();
    let citra = find(&store.register, "Citra").unwrap().unwrap().user;
    let new = NewUser {
        name: "Dewi".into(),
        roles: vec![Role::Operator],
        pin: "1111".into(),
        ..NewUser::default()
    };
    let err = add(&store.register, &citra, new.clone(), at(9, 0)).unwrap_err();
    assert!(err.to_string().contains("tidak berwenang"), "{err}");
    let dup = NewUser {
        name: "Budi".into(),
        ..new.clone()
    };
    assert!(add(&store.register, &admin, dup, at(9, 0)).is_err());
    let no_role = NewUser {
        roles: vec![],
        ..new.clone()
    };
    assert!(add(&store.register, &admin, no_role, at(9, 0)).is_err());
    add(&store.register, &admin, new, at(9, 0)).unwrap();
    let names: Vec<String> = list(&store.register)
        .unwrap()
        .into_iter()
        .map(|a| a.user.name)
        .collect();
    assert_eq!(names, ["Ani", "Budi", "Citra", "Dewi"]);
}

#[test]
fn wrong_pins_count_down_then_lock_and_the_right_pin_resets() {
    let (_dir, store, _admin) = staffed();
    let err = authenticate(&store.register, "Budi", "0000", at(10, 0)).unwrap_err();
    assert_eq!(err.to_string(), "PIN salah, sisa 4 percobaan");
    // A right PIN clears the count: four more wrong ones still leave one try.
    authenticate(&store.register, "Budi", "5678", at(10, 1)).unwrap();
    for left in (1..=4).rev() {
        let err = authenticate(&store.register, "Budi", "0000", at(10, 30)).unwrap_err();
        assert_eq!(err.to_string(), format!("PIN salah, sisa {left} percobaan"));
    }
    let err = authenticate(&store.register, "Budi", "0000", at(10, 30)).unwrap_err();
    assert_eq!(err.to_string(), "Pengguna terkunci sampai 10:45");
    // Locked: even the right PIN is refused until 10:45.
    let err = authenticate(&store.register, "Budi", "5678", at(10, 44)).unwrap_err();
    assert_eq!(err.to_string(), "Pengguna terkunci sampai 10:45");
    let budi = authenticate(&store.register, "Budi", "5678", at(10, 45)).unwrap();
    assert_eq!(budi.roles, [Role::Pimpinan]);
    let log = audit_rows(&store);
    assert!(
        log.iter()
            .any(|(a, c, s, _)| a == "Budi" && c == "masuk" && s == "Budi")
    );
    assert_eq!(log.iter().filter(|r| r.1 == "gagal_masuk").count(), 7);
    assert!(
        log.iter()
            .all(|r| !r.3.contains("0000") && !r.3.contains("5678"))
    );
    assert_eq!(crate::core::audit::verify(&store.register).unwrap(), None);
}

#[test]
fn lock_time_follows_the_setting() {
    let (_dir, store, admin) = staffed();
    let mut settings = Settings::load(&store.register).unwrap();
    assert_eq!(settings.pin_lock_minutes, 15);
    assert_eq!(settings.idle_lock_minutes, 10);
    settings.pin_lock_minutes = 30;
    settings.save_by(&store.register, &admin.name).unwrap();
    for _ in 0..MAX_TRIES {
        let _ = authenticate(&store.register, "Citra", "1357", at(13, 0));
    }
    let err = authenticate(&store.register, "Citra", "2468", at(13, 10)).unwrap_err();
    assert_eq!(err.to_string(), "Pengguna terkunci sampai 13:30");
}

#[test]
fn deactivated_users_cannot_sign_in_and_the_last_admin_stays() {
    let (_dir, store, admin) = staffed();
    let err = deactivate(&store.register, &admin, "Ani", at(9, 0)).unwrap_err();
    assert!(err.to_string().contains("satu-satunya Admin"), "{err}");
    deactivate(&store.register, &admin, "Citra", at(9, 0)).unwrap();
    let err = authenticate(&store.register, "Citra", "2468", at(9, 1)).unwrap_err();
    assert!(err.to_string().contains("tidak aktif"), "{err}");
    reactivate(&store.register, &admin, "Citra", at(9, 2)).unwrap();
    authenticate(&store.register, "Citra", "2468", at(9, 3)).unwrap();
    set_pin(&store.register, &admin, "Citra", "86420", at(9, 4)).unwrap();
    assert!(authenticate(&store.register, "Citra", "2468", at(9, 5)).is_err());
    authenticate(&store.register, "Citra", "86420", at(9, 6)).unwrap();
    let citra = find(&store.register, "Citra").unwrap().unwrap().user;
    assert!(set_pin(&store.register, &citra, "Budi", "1111", at(9, 7)).is_err());
    set_pin(&store.register, &citra, "Citra", "1111", at(9, 7)).unwrap();
}

#[test]
fn require_allows_all_without_users_and_cli_except_user_management() {
    let (_dir, store) = store();
    require(&store.register, "operator", Permission::Impor).unwrap();
    create_first_admin(&store.register, "Ani", "", "1234", at(8, 0)).unwrap();
    require(&store.register, "Ani", Permission::Impor).unwrap();
    require(&store.register, "cli:rina", Permission::TandaTangan).unwrap();
    assert!(require(&store.register, "cli:rina", Permission::KelolaPengguna).is_err());
    let err = require(&store.register, "operator", Permission::Daftar).unwrap_err();
    assert!(err.to_string().contains("bukan pengguna aktif"), "{err}");
    assert!(require(&store.register, "Ani", Permission::Daftar).is_err());
}

#[test]
fn settings_need_an_admin() {
    let (_dir, store, admin) = staffed();
    let settings = Settings::load(&store.register).unwrap();
    let err = settings.save_by(&store.register, "Citra").unwrap_err();
    assert!(err.to_string().contains("mengubah pengaturan"), "{err}");
    settings.save_by(&store.register, &admin.name).unwrap();
}

#[test]
fn imports_need_an_admin() {
    let (dir, _store, admin) = staffed();
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/clean.csv");
    let options = crate::core::snapshot::ImportOptions {
        period: Some("2025-09".into()),
        ..Default::default()
    };
    let import = |actor: &str| {
        crate::core::snapshot::logged::import_snapshot(
            dir.path(),
            &file,
            &options,
            &mut |_| true,
            actor,
        )
    };
    let err = import("Budi").unwrap_err();
    assert!(err.to_string().contains("mengimpor data"), "{err}");
    assert!(
        crate::core::snapshot::store::active(&Store::open(dir.path()).unwrap().snapshots)
            .unwrap()
            .is_none()
    );
    assert_eq!(import(&admin.name).unwrap().imported, 3);
}

#[test]
fn paraf_and_signature_need_pimpinan() {
    let (_dir, store, _admin) = staffed();
    let request = crate::core::letter::IssueRequest {
        actor: "cli:rina".into(),
        ..crate::core::letter::issue::tests::request()
    };
    let issued = crate::core::letter::issue_certificate(&store, &request).unwrap();
    let by = |actor| SignOff {
        actor,
        at: at(11, 0),
        note: "",
        handover: None,
    };
    let err =
        signoff::record(&store, issued.certificate_id, Step::Paraf, &by("Citra")).unwrap_err();
    assert!(err.to_string().contains("perlu peran pimpinan"), "{err}");
    signoff::record(&store, issued.certificate_id, Step::Paraf, &by("Budi")).unwrap();
    signoff::record(&store, issued.certificate_id, Step::Ttd, &by("Budi")).unwrap();
    // Handing over is anyone's step.
    signoff::record(
        &store,
        issued.certificate_id,
        Step::Diserahkan,
        &by("Citra"),
    )
    .unwrap();
}

#[test]
fn only_the_front_desk_registers_and_only_the_operator_issues() {
    let (_dir, store, _admin) = staffed();
    let new = crate::core::register::NewApplication {
        applicant_name: "Siti".into(),
        nik: "3520014107800001".into(),
        purpose: "sekolah".into(),
        paper_exception: "uji".into(),
        ..Default::default()
    };
    let err = crate::core::register::create(&store.register, &new, "Budi", at(9, 0)).unwrap_err();
    assert!(err.to_string().contains("tidak berwenang"), "{err}");
    crate::core::register::create(&store.register, &new, "Citra", at(9, 0)).unwrap();
    crate::core::register::create(&store.register, &new, "cli:rina", at(9, 0)).unwrap();
    let mut req = crate::core::letter::issue::tests::request();
    req.actor = "Citra".into();
    let err = crate::core::letter::issue_certificate(&store, &req).unwrap_err();
    assert!(err.to_string().contains("tidak berwenang"), "{err}");
    let count: i64 = store
        .register
        .query_row("SELECT COUNT(*) FROM certificate", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 0, "no number used");
}

#[test]
fn an_admin_unlocks_a_locked_user_before_the_lock_runs_out() {
    let (_dir, store, admin) = staffed();
    let conn = &store.register;
    let refused = unlock(conn, &admin, "Budi", at(10, 0)).unwrap_err();
    assert_eq!(refused.to_string(), "Budi tidak sedang terkunci.");
    for _ in 0..MAX_TRIES {
        let _ = authenticate(conn, "Budi", "0000", at(10, 30));
    }
    let budi = find(conn, "Budi").unwrap().unwrap();
    assert_eq!(
        budi.locked_at(at(10, 31))
            .map(|t| t.format("%H:%M").to_string()),
        Some("10:45".into())
    );
    assert_eq!(
        budi.locked_at(at(10, 45)),
        None,
        "the lock runs out at 10:45"
    );
    let citra = authenticate(conn, "Citra", "2468", at(10, 31)).unwrap();
    let err = unlock(conn, &citra, "Budi", at(10, 31)).unwrap_err();
    assert!(err.to_string().contains("perlu peran admin"), "{err}");

    unlock(conn, &admin, "Budi", at(10, 32)).unwrap();
    assert_eq!(find(conn, "Budi").unwrap().unwrap().locked_until, None);
    authenticate(conn, "Budi", "5678", at(10, 33)).unwrap();
    let log = audit_rows(&store);
    assert!(
        log.iter().any(|(a, c, s, d)| a == "Ani"
            && c == "kelola_pengguna"
            && s == "Budi"
            && d == "buka kunci"),
        "{log:?}"
    );
    assert!(unlock(conn, &admin, "Tidak Ada", at(10, 34)).is_err());
}
