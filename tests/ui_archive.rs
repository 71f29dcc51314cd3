//! Arsip Surat: search by name, voiding needs a reason, attaching a scan from a typed
//! path, the archive check, and the Pimpinan list.
//! See `tests/ui_common/mod.rs` for how to run (ICED_TEST_BACKEND=tiny-skia).

mod ui_common;

use loket_dtks::core::Store;
use loket_dtks::ui::screen::{archive, operator};
use loket_dtks::ui::{Message, Role};
use ui_common::{app, click, feed, issue_demo_letter, simulator, type_into};

fn status(store: &Store, id: i64) -> String {
    store
        .register
        .query_row("SELECT status FROM certificate WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap()
}

#[test]
fn search_void_and_attach_a_scan() {
    let dir = tempfile::tempdir().unwrap();
    let issued = issue_demo_letter(dir.path());
    let mut app = app(dir.path());
    feed(
        &mut app,
        vec![
            Message::RoleSelected(Role::Operator),
            Message::Operator(operator::Message::TabSelected(operator::Tab::Arsip)),
        ],
    );
    type_into(&mut app, archive::QUERY_FIELD, "santoso");
    type_into(&mut app, archive::DATE_FIELD, "2026-03");
    click(&mut app, "Cari");
    click(&mut app, issued.number.as_str());
    let mut ui = simulator(&app);
    assert!(ui.find("Budi Santoso").is_ok());
    assert!(
        ui.find(&issued.sha256[..12]).is_ok(),
        "the PDF's hash prefix"
    );
    drop(ui);

    type_into(&mut app, archive::DATE_FIELD, "x");
    click(&mut app, "Cari");
    assert!(
        simulator(&app)
            .find("Tanggal ditulis TTTT-BB atau TTTT-BB-HH, mis. 2026-03.")
            .is_ok()
    );

    let store = Store::open(dir.path()).unwrap();
    click(&mut app, "Batalkan Surat");
    assert!(
        simulator(&app)
            .find("Tulis alasan pembatalan dulu; surat tidak dibatalkan.")
            .is_ok(),
        "no reason, no voiding"
    );
    assert_eq!(status(&store, issued.certificate_id), "final");

    let scan = dir.path().join("pindaian-ttd.jpg");
    std::fs::write(&scan, b"\xff\xd8\xff pindaian").unwrap();
    feed(
        &mut app,
        vec![Message::Operator(operator::Message::Archive(
            archive::Message::ScanPathChanged(scan.display().to_string()),
        ))],
    );
    click(&mut app, "Lampirkan Pindaian");
    let scans: i64 = store
        .register
        .query_row(
            "SELECT COUNT(*) FROM archive_file WHERE certificate_id = ?1 AND kind = 'scan'",
            [issued.certificate_id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(scans, 1, "the scan is recorded");
    assert!(simulator(&app).find("Pindaian").is_ok(), "and listed");

    type_into(&mut app, archive::REASON_FIELD, "salah tulis keperluan");
    click(&mut app, "Batalkan Surat");
    assert_eq!(status(&store, issued.certificate_id), "void");
    let mut ui = simulator(&app);
    assert!(
        ui.find(format!("Surat {} dibatalkan.", issued.number))
            .is_ok()
    );
    assert!(
        ui.find("Batalkan Surat").is_err(),
        "a void letter cannot be voided again"
    );
    drop(ui);

    click(&mut app, "Periksa Arsip");
    assert!(simulator(&app).find("Semua berkas arsip utuh.").is_ok());
    std::fs::write(&issued.file, b"diubah").unwrap();
    click(&mut app, "Periksa Arsip");
    assert!(simulator(&app).find("1 berkas bermasalah:").is_ok());
}

#[test]
fn leadership_lists_todays_letters() {
    let dir = tempfile::tempdir().unwrap();
    let issued = issue_demo_letter(dir.path());
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Pimpinan)]);
    let mut ui = simulator(&app);
    assert!(ui.find("Hari ini (1 surat)").is_ok());
    assert!(ui.find(issued.number.as_str()).is_ok());
    assert!(ui.find("belum dicetak").is_ok());
}
