//! Verifikasi Surat: a valid code is SAH, a mistyped one SALAH KETIK, a tampered one
//! PALSU, a voided letter DIBATALKAN; reachable from the Operator and Pimpinan roles.
//! See `tests/ui_common/mod.rs` for how to run (ICED_TEST_BACKEND=tiny-skia).

mod ui_common;

use loket_dtks::core::letter::void_certificate;
use loket_dtks::core::{Store, audit};
use loket_dtks::ui::screen::{leadership, operator, verify};
use loket_dtks::ui::{App, Message, Role};
use ui_common::{app, assert_snapshot, click, feed, issue_demo_letter, simulator, type_into};

/// Types `code` into the verification field (replacing what was there) and checks it.
fn check(app: &mut App, code: &str) {
    feed(
        app,
        vec![Message::Operator(operator::Message::Verify(
            verify::Message::TextChanged(String::new()),
        ))],
    );
    type_into(app, verify::CODE_FIELD, code);
    click(app, "Periksa");
}

#[test]
fn valid_tampered_and_voided_codes() {
    let dir = tempfile::tempdir().unwrap();
    let issued = issue_demo_letter(dir.path());
    let mut app = app(dir.path());
    feed(
        &mut app,
        vec![
            Message::RoleSelected(Role::Operator),
            Message::Operator(operator::Message::TabSelected(operator::Tab::Verifikasi)),
        ],
    );

    let url = format!(
        "https://dinsos.contohkab.go.id/verifikasi/{}",
        issued.verification_code
    );
    check(&mut app, &url);
    let mut ui = simulator(&app);
    assert!(ui.find("SAH").is_ok(), "a valid code is SAH");
    assert!(ui.find(issued.number.as_str()).is_ok());
    assert!(ui.find("352001******0001").is_ok(), "the NIK is masked");
    assert!(ui.find("Budi Santoso").is_ok());
    assert!(ui.find("2026-03-02").is_ok());
    drop(ui);
    assert_snapshot(&app, "verifikasi_sah");

    // One character mistyped: a slip, told apart from a forgery.
    let mut slip = issued.verification_code.clone();
    let last = slip.pop().unwrap();
    slip.push(if last == 'A' { 'B' } else { 'A' });
    check(&mut app, &slip);
    let mut ui = simulator(&app);
    assert!(ui.find("SALAH KETIK").is_ok(), "a typing slip");
    assert!(ui.find("Budi Santoso").is_err(), "nothing about the letter");
    drop(ui);
    assert_snapshot(&app, "verifikasi_salah_ketik");

    // A slip in the letter's number: a slip too, not a forgery of letter 0002.
    let other_number = issued.verification_code.replacen("-0001-", "-0002-", 1);
    assert_ne!(other_number, issued.verification_code);
    check(&mut app, &other_number);
    assert!(
        simulator(&app).find("SALAH KETIK").is_ok(),
        "a slip in the number"
    );

    // The number of a real letter with a made-up signature: PALSU.
    let tampered = format!("{}QRSTUVWXYZ234567", &issued.verification_code[..10]);
    check(&mut app, &tampered);
    let mut ui = simulator(&app);
    assert!(ui.find("PALSU").is_ok(), "a tampered code is PALSU");
    assert!(
        ui.find(issued.number.as_str()).is_err(),
        "nothing about the letter"
    );
    drop(ui);

    check(&mut app, "2026-0099-AAAAAAAAAAAAAAAA");
    assert!(simulator(&app).find("TIDAK DIKENAL").is_ok());

    let store = Store::open(dir.path()).unwrap();
    void_certificate(&store, &issued.number, "salah tulis keperluan", "operator").unwrap();
    check(&mut app, &issued.verification_code);
    assert!(simulator(&app).find("DIBATALKAN").is_ok());

    let checks: i64 = store
        .register
        .query_row(
            "SELECT COUNT(*) FROM audit WHERE action = 'verifikasi_surat'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(checks, 6, "every check is audited");
    assert_eq!(audit::verify(&store.register).unwrap(), None);
}

#[test]
fn leadership_can_verify_too() {
    let dir = tempfile::tempdir().unwrap();
    let issued = issue_demo_letter(dir.path());
    let mut app = app(dir.path());
    feed(
        &mut app,
        vec![
            Message::RoleSelected(Role::Pimpinan),
            Message::Leadership(leadership::Message::TabSelected(
                leadership::Tab::Verifikasi,
            )),
        ],
    );
    type_into(&mut app, verify::CODE_FIELD, &issued.verification_code);
    click(&mut app, "Periksa");
    assert!(simulator(&app).find("SAH").is_ok());
}
