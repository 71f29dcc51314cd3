//! Pimpinan, tabs Survei SKM and Buku Pengaduan: a citizen fills the survey with the keys
//! 1-4 and sends it (one response with those answers is stored, then a thank-you and a
//! fresh form); a complaint is added from the form, and a follow-up shows its response
//! time. The survey fits a 1024x600 screen (snapshot).
//! See `tests/ui_common/mod.rs` for how to run.

mod ui_common;

use chrono::{Local, TimeZone};
use iced::Size;
use iced_test::Simulator;
use loket_dtks::core::Store;
use loket_dtks::core::complaints::{self, ComplaintChannel, ComplaintKind, NewComplaint};
use loket_dtks::ui::screen::complaints::{FOLLOW_UP_FIELD, TEXT_FIELD};
use loket_dtks::ui::screen::survey::SUGGESTION_FIELD;
use loket_dtks::ui::{App, Message, Role};
use ui_common::{app, click, feed, simulator, type_into};

/// The app on the Pimpinan screen, on the tab labelled `tab`.
fn on_tab(dir: &std::path::Path, tab: &str) -> App {
    let mut app = app(dir);
    feed(&mut app, vec![Message::RoleSelected(Role::Pimpinan)]);
    click(&mut app, tab);
    app
}

/// The stored responses: (answers, suggestion).
fn responses(dir: &std::path::Path) -> Vec<(String, String)> {
    let store = Store::open(dir).unwrap();
    let mut stmt = store
        .register
        .prepare("SELECT answers, suggestion FROM skm_response ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

#[test]
fn the_survey_is_filled_with_keys_one_to_four() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = on_tab(dir.path(), "Survei SKM");
    assert!(
        simulator(&app)
            .find("Pertanyaan 1 dari 9: Persyaratan")
            .is_ok()
    );
    // A key outside 1-4 answers nothing.
    feed(&mut app, vec![Message::Digit(7)]);
    assert!(
        simulator(&app)
            .find("Pertanyaan 1 dari 9: Persyaratan")
            .is_ok()
    );

    let keys = [4, 3, 4, 4, 3, 4, 4, 4, 3];
    feed(&mut app, vec![Message::Digit(keys[0])]);
    assert!(
        simulator(&app)
            .find("Pertanyaan 2 dari 9: Prosedur")
            .is_ok()
    );
    feed(
        &mut app,
        keys[1..].iter().map(|&k| Message::Digit(k)).collect(),
    );
    {
        let mut ui = simulator(&app);
        assert!(ui.find("Semua pertanyaan sudah dijawab.").is_ok());
        assert!(ui.find("9: 3").is_ok(), "the markers show the answers");
    }
    // Going back to item 2 and pressing a button changes only that answer.
    click(&mut app, "2: 3");
    click(&mut app, "Sangat baik");
    assert!(
        simulator(&app)
            .find("Semua pertanyaan sudah dijawab.")
            .is_ok()
    );
    assert!(
        responses(dir.path()).is_empty(),
        "nothing is stored before Kirim"
    );

    type_into(&mut app, SUGGESTION_FIELD, "Ruang tunggu sejuk");
    click(&mut app, "Kirim");
    assert_eq!(
        responses(dir.path()),
        vec![("444434443".into(), "Ruang tunggu sejuk".into())]
    );
    assert!(
        simulator(&app)
            .find("Terima kasih atas penilaian Anda.")
            .is_ok()
    );
    // Keys on the thank-you page record nothing more.
    feed(&mut app, vec![Message::Digit(4)]);
    click(&mut app, "Isi survei baru");
    assert!(
        simulator(&app)
            .find("Pertanyaan 1 dari 9: Persyaratan")
            .is_ok()
    );
    assert_eq!(responses(dir.path()).len(), 1);

    let store = Store::open(dir.path()).unwrap();
    let (actor, action): (String, String) = store
        .register
        .query_row(
            "SELECT actor, action FROM audit WHERE action = 'isi_skm'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((actor.as_str(), action.as_str()), ("pimpinan", "isi_skm"));
}

#[test]
fn digit_keys_do_nothing_on_other_tabs() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = on_tab(dir.path(), "Pengaduan");
    feed(&mut app, vec![Message::Digit(4)]);
    click(&mut app, "Survei SKM");
    assert!(
        simulator(&app)
            .find("Pertanyaan 1 dari 9: Persyaratan")
            .is_ok()
    );
}

#[test]
fn a_complaint_is_added_and_its_follow_up_shows_the_response_time() {
    let dir = tempfile::tempdir().unwrap();
    {
        // Received by WhatsApp at 08:15; the screen's clock stands at 09:00.
        let store = Store::open(dir.path()).unwrap();
        let new = NewComplaint {
            channel: ComplaintChannel::WhatsApp,
            kind: ComplaintKind::Pengaduan,
            name: "Siti Aminah".into(),
            contact: "0812".into(),
            text: "Surat belum jadi".into(),
            application_id: None,
        };
        let at = Local.with_ymd_and_hms(2026, 3, 2, 8, 15, 0).unwrap();
        complaints::add(&store.register, new, "petugas", at).unwrap();
    }
    let mut app = on_tab(dir.path(), "Pengaduan");
    assert!(simulator(&app).find("Belum dijawab").is_ok());

    type_into(&mut app, TEXT_FIELD, "Antrean terlalu panjang");
    click(&mut app, "Simpan");
    assert!(simulator(&app).find("Pengaduan #2 dicatat.").is_ok());

    click(&mut app, "Siti Aminah");
    type_into(&mut app, FOLLOW_UP_FIELD, "Ditelepon, surat diantar");
    click(&mut app, "Simpan Tindak Lanjut");
    {
        let mut ui = simulator(&app);
        assert!(
            ui.find("Tindak lanjut #1 dicatat; status ditindaklanjuti.")
                .is_ok()
        );
        assert!(ui.find("Dijawab dalam 45 menit").is_ok());
    }
    let store = Store::open(dir.path()).unwrap();
    let first = complaints::get(&store.register, 1).unwrap();
    assert_eq!(first.response_minutes, Some(45));
    let second = complaints::get(&store.register, 2).unwrap();
    assert_eq!(second.text, "Antrean terlalu panjang");
    assert_eq!(second.channel, ComplaintChannel::Langsung);

    // The entry opens under its row, its buttons in the window.
    click(&mut app, "Simpan & Selesai");
    assert!(
        simulator(&app)
            .find("Tulis tindak lanjut yang dilakukan.")
            .is_ok(),
        "an empty follow-up is refused with the core's message"
    );
}

#[test]
fn the_survey_fits_a_small_screen() {
    let dir = tempfile::tempdir().unwrap();
    let app = on_tab(dir.path(), "Survei SKM");
    let mut ui = Simulator::with_size(
        loket_dtks::ui::settings(),
        Size::new(1024.0, 600.0),
        app.view(),
    );
    assert!(ui.find("Sangat baik").is_ok());
    drop(ui);
    ui_common::assert_small_snapshot(&app, "survey_1024x600");
}
