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
fn paraf_then_signature_then_handover() {
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
    }
    click(&mut app, "Paraf Kabid");
    click(&mut app, "TTD Kepala Dinas");
    {
        let mut ui = simulator(&app);
        assert!(ui.find("DITANDATANGANI").is_ok());
    }
    click(&mut app, "Serahkan");
    {
        let mut ui = simulator(&app);
        assert!(ui.find("Bagaimana surat diserahkan?").is_ok(), "asks how");
        assert!(ui.find("Kirim online").is_ok());
    }
    click(&mut app, "Serahkan langsung");
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(
        signoff::done(&store.register, issued.certificate_id).unwrap(),
        Step::ALL.to_vec()
    );
    let mut ui = simulator(&app);
    assert!(ui.find("DISERAHKAN").is_ok());
    assert!(ui.find("Serahkan").is_err(), "nothing left to do");
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
fn a_double_click_on_paraf_records_only_the_paraf() {
    let dir = tempfile::tempdir().unwrap();
    let issued = issue_demo_letter(dir.path());
    let mut app = pimpinan(dir.path());
    let mut ui = simulator(&app);
    ui.click("Paraf Kabid").unwrap();
    ui.click("Paraf Kabid").unwrap();
    let messages: Vec<Message> = ui.into_messages().collect();
    assert_eq!(messages.len(), 2, "both clicks reached the screen");
    feed(&mut app, messages);
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(
        signoff::done(&store.register, issued.certificate_id).unwrap(),
        [Step::Paraf],
        "the second click is not taken as the signature"
    );
    let mut ui = simulator(&app);
    assert!(ui.find("TTD Kepala Dinas").is_ok());
    assert!(
        ui.find(format!(
            "Surat {}: langkah berikutnya adalah TTD Kepala Dinas.",
            issued.number
        ))
        .is_ok(),
        "the second click is refused with a reason"
    );
}

#[test]
fn an_online_handover_records_the_channel_and_contact() {
    let dir = tempfile::tempdir().unwrap();
    let (id, letter) = letter_for_online_application(dir.path());
    let mut app = pimpinan(dir.path());
    click(&mut app, "Paraf Kabid");
    click(&mut app, "TTD Kepala Dinas");
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
