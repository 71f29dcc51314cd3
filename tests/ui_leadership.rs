//! Pimpinan: the letters to initial and sign, in order (paraf Kabid, TTD Kepala Dinas,
//! then handover). See `tests/ui_common/mod.rs` for how to run.

mod ui_common;

use std::path::Path;

use loket_dtks::core::letter::{IssueRequest, issue_certificate};
use loket_dtks::core::nik::Nik;
use loket_dtks::core::register::{self, Channel, NewApplication, PAPERS, Status};
use loket_dtks::core::signoff::{self, Step};
use loket_dtks::core::snapshot::lookup::lookup;
use loket_dtks::core::{Store, demo};
use loket_dtks::ui::screen::leadership;
use loket_dtks::ui::{Message, Role};
use ui_common::{app, click, feed, fixed_office_key, issue_demo_letter, simulator};

#[test]
fn paraf_then_signature_then_handover_each_asked_first() {
    let dir = tempfile::tempdir().unwrap();
    let issued = issue_demo_letter(dir.path());
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Pimpinan)]);
    {
        let mut ui = simulator(&app);
        assert!(ui.find(issued.number.as_str()).is_ok());
        assert!(
            ui.find("TTD Kepala Dinas").is_err(),
            "only the next step is offered"
        );
        assert!(ui.find("(F8)").is_ok(), "the selected letter shows its key");
    }
    click(&mut app, "Paraf Kabid");
    let store = Store::open(dir.path()).unwrap();
    assert!(
        signoff::done(&store.register, issued.certificate_id)
            .unwrap()
            .is_empty(),
        "the button only asks"
    );
    {
        let mut ui = simulator(&app);
        assert!(ui.find("Paraf surat ini?").is_ok());
        let line = format!(
            "Surat {}  ·  Budi Santoso  ·  NIK {}",
            issued.number,
            loket_dtks::core::nik::mask(demo::DEMO_REGISTERED_NIK)
        );
        assert!(ui.find(line.as_str()).is_ok(), "number, name, masked NIK");
        assert!(ui.find("Langkah: Paraf Kabid").is_ok());
        assert!(ui.find("Paraf oleh: pimpinan").is_ok(), "who signs");
        assert!(ui.find("Batal (Esc)").is_ok());
    }
    click(&mut app, "Ya, paraf (Enter)");
    click(&mut app, "TTD Kepala Dinas");
    assert!(simulator(&app).find("TTD oleh: pimpinan").is_ok());
    click(&mut app, "Ya, tanda tangani (Enter)");
    {
        let mut ui = simulator(&app);
        assert!(ui.find("DIPARAF").is_ok());
        assert!(ui.find("DITANDATANGANI").is_ok());
    }
    click(&mut app, "Serahkan");
    {
        let mut ui = simulator(&app);
        assert!(ui.find("Bagaimana surat diserahkan?").is_ok(), "asks how");
        assert!(ui.find("Kirim online").is_ok());
    }
    click(&mut app, "Serahkan langsung");
    assert_eq!(
        signoff::done(&store.register, issued.certificate_id).unwrap(),
        Step::ALL.to_vec()
    );
    let mut ui = simulator(&app);
    assert!(ui.find("DISERAHKAN").is_ok());
    assert!(ui.find("Serahkan").is_err(), "nothing left to do");
    assert!(
        ui.find("Batalkan langkah terakhir").is_err(),
        "a handed over letter is not undone here"
    );
}

#[test]
fn keys_open_confirm_and_cancel_the_question() {
    let dir = tempfile::tempdir().unwrap();
    let issued = issue_demo_letter(dir.path());
    let mut app = pimpinan(dir.path());
    let store = Store::open(dir.path()).unwrap();
    let done = || signoff::done(&store.register, issued.certificate_id).unwrap();
    // F8 asks, Esc closes, nothing recorded.
    feed(&mut app, vec![Message::PaperShortcut(3)]);
    assert!(simulator(&app).find("Paraf surat ini?").is_ok());
    feed(&mut app, vec![Message::Escape]);
    assert!(simulator(&app).find("Paraf surat ini?").is_err());
    assert!(done().is_empty());
    // F8 then Enter: the paraf; the selection stays, so F8 then Enter again signs.
    feed(&mut app, vec![Message::PaperShortcut(3), Message::Enter]);
    assert_eq!(done(), [Step::Paraf]);
    feed(&mut app, vec![Message::Enter]);
    assert_eq!(
        done(),
        [Step::Paraf],
        "Enter with no question open records nothing"
    );
    feed(&mut app, vec![Message::PaperShortcut(3), Message::Enter]);
    assert_eq!(done(), [Step::Paraf, Step::Ttd]);
    // F8 on the signed letter asks how it is handed over; Enter: in person.
    feed(&mut app, vec![Message::PaperShortcut(3)]);
    assert!(simulator(&app).find("Bagaimana surat diserahkan?").is_ok());
    feed(&mut app, vec![Message::Enter]);
    assert_eq!(done(), Step::ALL.to_vec());
}

/// Clicks at `point` in a view built afresh from the app, as the window does after
/// every message, and handles what it produced; false when nothing was there to press.
fn click_at(app: &mut loket_dtks::ui::App, point: iced::Point) -> bool {
    let mut ui = simulator(app);
    ui.point_at(point);
    let _ = ui.simulate(iced_test::simulator::click());
    let messages: Vec<Message> = ui.into_messages().collect();
    let pressed = !messages.is_empty();
    feed(app, messages);
    pressed
}

/// The centre of the widget showing `label`.
fn centre_of(app: &loket_dtks::ui::App, label: &str) -> iced::Point {
    let mut ui = simulator(app);
    let found = ui.find(label).unwrap_or_else(|e| panic!("{label}: {e}"));
    found.visible_bounds().expect("visible").center()
}

#[test]
fn clicking_the_same_place_twice_records_one_step_at_most() {
    let dir = tempfile::tempdir().unwrap();
    let issued = issue_demo_letter(dir.path());
    let mut app = pimpinan(dir.path());
    let store = Store::open(dir.path()).unwrap();
    let done = || signoff::done(&store.register, issued.certificate_id).unwrap();
    // A double click on the step button only asks, twice.
    let paraf = centre_of(&app, "Paraf Kabid");
    assert!(click_at(&mut app, paraf));
    assert!(click_at(&mut app, paraf), "the button is still there");
    assert!(done().is_empty(), "the answer is elsewhere");
    let yes = centre_of(&app, "Ya, paraf (Enter)");
    assert!(
        yes.distance(paraf) > 100.0,
        "the answer is far from the button"
    );
    // A double click on the answer records the paraf once.
    assert!(click_at(&mut app, yes));
    click_at(&mut app, yes);
    assert_eq!(done(), [Step::Paraf]);
    // The signature's button is not where the paraf's was.
    let ttd = centre_of(&app, "TTD Kepala Dinas");
    assert!(ttd.distance(paraf) > 50.0, "{ttd:?} vs {paraf:?}");
    assert!(
        !click_at(&mut app, paraf),
        "the paraf's place is no button now"
    );
    assert!(simulator(&app).find("TTD oleh: pimpinan").is_err());
    assert_eq!(done(), [Step::Paraf]);
}

#[test]
fn the_last_step_is_taken_back_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let issued = issue_demo_letter(dir.path());
    let mut app = pimpinan(dir.path());
    let store = Store::open(dir.path()).unwrap();
    let done = || signoff::done(&store.register, issued.certificate_id).unwrap();
    assert!(simulator(&app).find("Batalkan langkah terakhir").is_err());
    feed(&mut app, vec![Message::PaperShortcut(3), Message::Enter]);
    assert_eq!(done(), [Step::Paraf]);
    click(&mut app, "Batalkan langkah terakhir");
    {
        let mut ui = simulator(&app);
        assert!(ui.find("Batalkan langkah terakhir: Paraf Kabid?").is_ok());
        assert!(ui.find("Isi alasannya dahulu.").is_ok());
    }
    // Enter without a reason is refused, and the paraf stays.
    feed(&mut app, vec![Message::Enter]);
    assert_eq!(done(), [Step::Paraf]);
    assert!(
        simulator(&app)
            .find("Alasan membatalkan paraf/TTD wajib diisi.")
            .is_ok()
    );
    // Esc closes, with one press even while the cursor is in the reason; Ctrl+Z opens
    // it again for the selected letter.
    ui_common::press(
        &mut app,
        iced::keyboard::Key::Named(iced::keyboard::key::Named::Escape),
        iced::keyboard::Modifiers::empty(),
        Some(leadership::UNDO_REASON_FIELD),
    );
    assert!(simulator(&app).find("Isi alasannya dahulu.").is_err());
    feed(&mut app, vec![Message::UndoShortcut]);
    ui_common::type_into(&mut app, leadership::UNDO_REASON_FIELD, "salah surat");
    click(&mut app, "Batalkan langkah (Enter)");
    assert!(done().is_empty(), "the paraf is taken back");
    let mut ui = simulator(&app);
    assert!(ui.find("Paraf Kabid").is_ok(), "the paraf is offered again");
    assert!(ui.find("Batalkan langkah terakhir").is_err());
    let acts: i64 = store
        .register
        .query_row(
            "SELECT COUNT(*) FROM audit WHERE action = 'batal_paraf' AND detail LIKE '%salah surat%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(acts, 1);
}

/// A letter for an application that came by WhatsApp with a contact: (application id,
/// letter id).
fn letter_for_online_application(dir: &Path) -> (i64, i64) {
    fixed_office_key(dir);
    let store = Store::open(dir).unwrap();
    demo::ensure_demo(&store).unwrap();
    let new = NewApplication {
        applicant_name: "Budi Santoso".into(),
        nik: demo::DEMO_REGISTERED_NIK.into(),
        purpose: "Keringanan biaya sekolah".into(),
        channel: Some(Channel::WhatsApp),
        contact: "081234567890".into(),
        papers: PAPERS.map(String::from).to_vec(),
        ..NewApplication::default()
    };
    let now = chrono::Local::now();
    let id = register::create(&store.register, &new, "petugas", now)
        .unwrap()
        .id;
    register::record_check(&store.register, id, true, "DTSEN", "operator", now).unwrap();
    let nik = Nik::parse(demo::DEMO_REGISTERED_NIK).unwrap();
    let answer = lookup(&store.snapshots, &nik).unwrap();
    let request = IssueRequest {
        application_id: Some(id),
        person: answer.person.unwrap(),
        programs: answer.programs,
        snapshot: answer.snapshot,
        purpose: new.purpose.clone(),
        actor: "operator".into(),
        date: ui_common::today(),
    };
    (
        id,
        issue_certificate(&store, &request).unwrap().certificate_id,
    )
}

fn pimpinan(dir: &Path) -> loket_dtks::ui::App {
    let mut app = app(dir);
    feed(&mut app, vec![Message::RoleSelected(Role::Pimpinan)]);
    app
}

#[test]
fn an_office_without_paraf_offers_the_signature_first() {
    let dir = tempfile::tempdir().unwrap();
    let issued = issue_demo_letter(dir.path());
    let store = Store::open(dir.path()).unwrap();
    let mut settings = store.settings().unwrap();
    settings.workflow.paraf_step = false;
    settings.signed_by_kabid = true;
    settings.save(&store.register).unwrap();
    let mut app = pimpinan(dir.path());
    {
        let mut ui = simulator(&app);
        assert!(ui.find("Paraf Kabid").is_err(), "no paraf button");
        assert!(
            ui.find("TTD Kabid (a.n. Kepala Dinas)").is_ok(),
            "the Kabid signs on behalf of the Kepala Dinas"
        );
    }
    click(&mut app, "TTD Kabid (a.n. Kepala Dinas)");
    click(&mut app, "Ya, tanda tangani (Enter)");
    assert_eq!(
        signoff::done(&store.register, issued.certificate_id).unwrap(),
        [Step::Ttd]
    );
    assert!(
        simulator(&app)
            .find("Ditandatangani oleh pimpinan, 2026-03-02 09:00")
            .is_ok(),
        "who signed and when"
    );
}

#[test]
fn an_online_handover_records_the_channel_and_contact() {
    let dir = tempfile::tempdir().unwrap();
    let (id, letter) = letter_for_online_application(dir.path());
    let mut app = pimpinan(dir.path());
    click(&mut app, "Paraf Kabid");
    click(&mut app, "Ya, paraf (Enter)");
    click(&mut app, "TTD Kepala Dinas");
    click(&mut app, "Ya, tanda tangani (Enter)");
    click(&mut app, "Serahkan");
    assert!(
        simulator(&app).find("081234567890").is_ok(),
        "the contact comes from the application"
    );
    let screen = |m| Message::Leadership(m);
    feed(
        &mut app,
        vec![
            screen(leadership::Message::HandoverChannel(Channel::Email)),
            screen(leadership::Message::HandoverContact(
                "budi@contoh.id".into(),
            )),
        ],
    );
    click(&mut app, "Kirim online");
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(
        register::get(&store.register, id).unwrap().status,
        Status::DikirimOnline
    );
    let last = register::history(&store.register, id)
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(last.via.as_deref(), Some("E-mail"));
    assert_eq!(last.contact.as_deref(), Some("budi@contoh.id"));
    assert_eq!(signoff::next(&store.register, letter).unwrap(), None);
    assert!(
        simulator(&app).find("Bagaimana surat diserahkan?").is_err(),
        "the question closes"
    );
}
