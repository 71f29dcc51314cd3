//! Front desk (Petugas Layanan): the lists under the form. A returned application is
//! taken back when its papers arrive, a signed letter is handed over in person or sent
//! online (once, however often the button is clicked), and a copy of a KTP that came
//! online is attached. See `tests/ui_common/mod.rs` for how to run.

mod ui_common;

use chrono::Local;
use loket_dtks::core::Store;
use loket_dtks::core::demo::DEMO_REGISTERED_NIK;
use loket_dtks::core::letter::{IssueRequest, issue_certificate};
use loket_dtks::core::nik::Nik;
use loket_dtks::core::register::{self, Channel, NewApplication, PAPERS, Status};
use loket_dtks::core::signoff::{SignOff, Step};
use loket_dtks::core::snapshot::lookup::lookup;
use loket_dtks::ui::screen::front_desk;
use loket_dtks::ui::{App, Message};
use ui_common::{app, click, feed, run, simulator, type_into};

/// Writes an application for the demo NIK through `channel` with `papers`.
fn application(store: &Store, channel: Channel, papers: &[&str]) -> register::Application {
    let new = NewApplication {
        applicant_name: "Budi Santoso".into(),
        nik: DEMO_REGISTERED_NIK.into(),
        purpose: "Pengobatan".into(),
        channel: Some(channel),
        phone: "081298765432".into(),
        papers: papers.iter().map(|p| p.to_string()).collect(),
        ..NewApplication::default()
    };
    register::create(&store.register, &new, "petugas_layanan", Local::now()).unwrap()
}

/// An application of the demo person whose letter is issued, initialled and signed.
fn signed_letter(dir: &std::path::Path, channel: Channel) -> i64 {
    ui_common::fixed_office_key(dir);
    let store = Store::open(dir).unwrap();
    loket_dtks::core::demo::ensure_demo(&store).unwrap();
    let id = application(&store, channel, &PAPERS).id;
    let answer = lookup(&store.snapshots, &Nik::parse(DEMO_REGISTERED_NIK).unwrap()).unwrap();
    let request = IssueRequest {
        application_id: Some(id),
        person: answer.person.clone().unwrap(),
        programs: answer.programs.clone(),
        snapshot: answer.snapshot.clone(),
        purpose: "Pengobatan".into(),
        actor: "operator".into(),
        date: ui_common::today(),
    };
    issue_certificate(&store, &request).unwrap();
    for (step, actor) in [(Step::Paraf, "kabid"), (Step::Ttd, "kadis")] {
        let by = SignOff {
            actor,
            at: Local::now(),
            note: "",
            handover: None,
        };
        register::sign_off(&store, id, step, &by).unwrap();
    }
    id
}

fn status(dir: &std::path::Path, id: i64) -> Status {
    let store = Store::open(dir).unwrap();
    register::get(&store.register, id).unwrap().status
}

#[test]
fn a_returned_application_is_taken_back_when_the_ktp_arrives() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let returned = application(&store, Channel::Loket, &PAPERS[1..]);
    assert_eq!(returned.status, Status::BerkasTidakLengkap);
    let mut app = app(dir.path());
    assert!(simulator(&app).find("kurang: KTP").is_ok());

    click(&mut app, "Periksa ulang berkas");
    feed(
        &mut app,
        vec![Message::FrontDesk(front_desk::Message::PickedPaperToggled(
            0, true,
        ))],
    );
    click(&mut app, "Simpan pemeriksaan berkas");

    assert_eq!(status(dir.path(), returned.id), Status::BerkasLengkap);
    let mut ui = simulator(&app);
    let notice = format!(
        "Berkas permohonan {} lengkap: diteruskan ke operator.",
        returned.register_no
    );
    assert!(ui.find(notice.as_str()).is_ok());
    assert!(
        ui.find("Tidak ada permohonan yang dikembalikan.").is_ok(),
        "the returned list is empty again"
    );
}

#[test]
fn a_signed_letter_is_handed_over_in_person_once_however_often_it_is_clicked() {
    let dir = tempfile::tempdir().unwrap();
    let id = signed_letter(dir.path(), Channel::Loket);
    let mut app = app(dir.path());
    assert!(simulator(&app).find("Serahkan langsung").is_ok());

    // Two clicks before the first is answered: the second is ignored.
    let first = app.update(Message::FrontDesk(front_desk::Message::HandOverInPerson(
        id,
    )));
    let second = app.update(Message::FrontDesk(front_desk::Message::HandOverInPerson(
        id,
    )));
    assert_eq!(second.units(), 0, "the second click starts nothing");
    run(&mut app, first);
    run(&mut app, second);

    assert_eq!(status(dir.path(), id), Status::Diserahkan);
    let store = Store::open(dir.path()).unwrap();
    let handovers = register::history(&store.register, id)
        .unwrap()
        .iter()
        .filter(|e| e.status == Status::Diserahkan.code())
        .count();
    assert_eq!(handovers, 1, "one handover on record");
    let mut ui = simulator(&app);
    assert!(
        ui.find("Belum ada surat atau slip yang siap diserahkan.")
            .is_ok()
    );
}

#[test]
fn a_signed_letter_is_sent_online_to_the_contact_it_came_with() {
    let dir = tempfile::tempdir().unwrap();
    let id = signed_letter(dir.path(), Channel::WhatsApp);
    let mut app = app(dir.path());

    // Other applications in the other lists do not get in the way.
    let store = Store::open(dir.path()).unwrap();
    application(&store, Channel::Loket, &PAPERS[1..]);
    application(&store, Channel::Loket, &PAPERS);
    feed(
        &mut app,
        vec![Message::RoleSelected(loket_dtks::ui::Role::PetugasLayanan)],
    );
    click(&mut app, "Kirim online…");
    assert!(
        simulator(&app).find("081298765432").is_ok(),
        "the contact defaults to the phone"
    );
    click(&mut app, "Kirim online");

    assert_eq!(status(dir.path(), id), Status::DikirimOnline);
    let store = Store::open(dir.path()).unwrap();
    let sent = register::history(&store.register, id)
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(sent.via.as_deref(), Some("WhatsApp"));
    assert_eq!(sent.contact.as_deref(), Some("081298765432"));
}

#[test]
fn a_copy_of_the_ktp_is_attached_to_the_saved_application() {
    let dir = tempfile::tempdir().unwrap();
    let mut app: App = app(dir.path());
    type_into(&mut app, front_desk::NAME_FIELD, "Siti Aminah");
    type_into(&mut app, front_desk::NIK_FIELD, "3520015708100002");
    feed(
        &mut app,
        vec![
            Message::FrontDesk(front_desk::Message::PurposePicked(
                front_desk::Purpose::Sekolah,
            )),
            Message::PaperShortcut(1),
            Message::PaperShortcut(2),
        ],
    );
    click(&mut app, "Simpan");
    let photo = dir.path().join("ktp-ibu.jpg");
    std::fs::write(&photo, b"\xff\xd8\xff\xe0 foto").unwrap();
    type_into(
        &mut app,
        front_desk::ATTACH_PATH_FIELD,
        photo.to_str().unwrap(),
    );
    click(&mut app, "Lampirkan");

    let store = Store::open(dir.path()).unwrap();
    let saved = &register::recent(&store.register, 1).unwrap()[0];
    let files = register::attachments(&store.register, saved.id).unwrap();
    assert_eq!(files.len(), 1);
    let mut ui = simulator(&app);
    let shown = format!("SHA-256 {}…", files[0].short_hash());
    assert!(ui.find(shown.as_str()).is_ok(), "listed with its hash");
    assert!(ui.find("ktp-ibu.jpg").is_ok());
}
