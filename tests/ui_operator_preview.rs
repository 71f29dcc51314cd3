//! Operator: the letter's preview as it looks on screen (the real QR, nothing painted
//! over the header after scrolling) and the slip's preview before it is printed.
//! See `tests/ui_common/mod.rs` for how to run (ICED_TEST_BACKEND=tiny-skia).

mod ui_common;

use std::path::Path;
use std::process::Command;

use iced::{Point, Size};
use loket_dtks::core::register::{self};
use loket_dtks::core::{Store, demo};
use loket_dtks::ui::{Message, Role};
use ui_common::{app, assert_scrolled_snapshot, click, feed, simulator, waiting_application};

/// The text of the QR codes `zbarimg` reads in `png`; `None` when zbarimg is missing.
fn read_qr(png: &Path) -> Option<String> {
    let output = Command::new("zbarimg")
        .arg("--quiet")
        .arg(png)
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn the_issued_letter_preview_shows_a_readable_qr_and_scrolls_under_the_header() {
    let dir = tempfile::tempdir().unwrap();
    waiting_application(dir.path(), "Budi Santoso", demo::DEMO_REGISTERED_NIK);
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Operator)]);
    click(&mut app, "Budi Santoso");
    click(&mut app, "Cetak Surat Keterangan");
    let store = Store::open(dir.path()).unwrap();
    let code: String = store
        .register
        .query_row("SELECT verification_code FROM certificate", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(
        simulator(&app)
            .find(format!("Kode verifikasi: {code}"))
            .is_ok()
    );

    // Scrolled so that the preview's card passes under the header and the tabs: nothing
    // of it may be painted over them.
    let png = dir.path().join("gulir.png");
    assert_scrolled_snapshot(
        &app,
        "operator_pratinjau_digulir",
        Size::new(1280.0, 800.0),
        Point::new(900.0, 500.0),
        16.0,
        Some(&png),
    );
    match read_qr(&dir.path().join("gulir-tiny-skia.png")) {
        Some(read) => assert!(read.contains(&code), "the QR holds the code: {read:?}"),
        None => eprintln!("LEWATI: zbarimg tidak terpasang; QR pratinjau tidak dibaca."),
    }
}

/// How many letters and slips were issued.
fn documents(dir: &Path) -> i64 {
    Store::open(dir)
        .unwrap()
        .register
        .query_row("SELECT COUNT(*) FROM certificate", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn the_slip_is_previewed_before_it_is_printed_and_ctrl_p_prints_it() {
    let dir = tempfile::tempdir().unwrap();
    let id = waiting_application(dir.path(), "Joko Susilo", "3520011705859999");
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Operator)]);
    click(&mut app, "Joko Susilo");

    let mut ui = simulator(&app);
    assert!(ui.find("Pratinjau").is_ok(), "the slip is previewed");
    assert!(ui.find("KETERANGAN HASIL PEMERIKSAAN DATA").is_ok());
    assert!(
        ui.find("3520011705859999").is_ok(),
        "the slip names the full NIK checked"
    );
    assert!(ui.find("Cetak Slip").is_ok());
    drop(ui);
    assert_eq!(documents(dir.path()), 0, "nothing is issued by looking");
    ui_common::assert_small_snapshot(&app, "operator_slip_pratinjau");
    assert_scrolled_snapshot(
        &app,
        "operator_slip_pratinjau_digulir",
        Size::new(1024.0, 600.0),
        Point::new(700.0, 400.0),
        12.0,
        None,
    );

    feed(&mut app, vec![Message::PrintShortcut]);
    assert_eq!(documents(dir.path()), 1, "Ctrl+P printed the slip");
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(
        register::get(&store.register, id).unwrap().status,
        register::Status::SlipSaran
    );
    let mut ui = simulator(&app);
    assert!(ui.find("Keputusan tercatat: tidak terdaftar.").is_ok());
    assert!(ui.find("Dikirim ke printer (pekerjaan UJI-1).").is_ok());
    drop(ui);
    feed(&mut app, vec![Message::PrintShortcut]);
    assert_eq!(
        documents(dir.path()),
        1,
        "a second Ctrl+P issues nothing more"
    );
}
