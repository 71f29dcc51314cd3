//! Laporan (Pimpinan and Admin): a seeded month shows the right counts and bars. See
//! `tests/ui_common/mod.rs` for how to run.

mod ui_common;

use std::path::Path;

use chrono::{DateTime, Local, TimeZone};
use loket_dtks::core::letter::issue_not_registered_slip;
use loket_dtks::core::register::{self, Channel, Handover, NewApplication, PAPERS};
use loket_dtks::core::snapshot::store as snapshots;
use loket_dtks::core::{Store, demo};
use loket_dtks::ui::screen::{admin, reports};
use loket_dtks::ui::{Message, Role};
use ui_common::{app, assert_small_snapshot, click, feed, fixed_office_key, simulator, today};

/// A NIK that is not in the demo snapshot.
const NOT_REGISTERED: &str = "3520015708100002";

fn at(h: u32, m: u32) -> DateTime<Local> {
    Local
        .from_local_datetime(&today().and_hms_opt(h, m, 0).unwrap())
        .earliest()
        .unwrap()
}

/// Four applications on the test's Monday (two by WhatsApp, one at the counter, one by
/// e-mail); two of them not registered and closed after the slip, one within 30 minutes
/// (20) and one past them (65).
fn seed(dir: &Path) {
    fixed_office_key(dir);
    let store = Store::open(dir).unwrap();
    demo::ensure_demo(&store).unwrap();
    let snapshot = snapshots::active(&store.snapshots).unwrap().unwrap();
    let new = |channel, purpose: &str| NewApplication {
        applicant_name: "Siti Aminah".into(),
        nik: NOT_REGISTERED.into(),
        purpose: purpose.into(),
        channel: Some(channel),
        contact: "081234567890".into(),
        papers: PAPERS.map(String::from).to_vec(),
        ..NewApplication::default()
    };
    let conn = &store.register;
    let mut ids = Vec::new();
    for (channel, minute) in [
        (Channel::WhatsApp, 40),
        (Channel::WhatsApp, 45),
        (Channel::Loket, 50),
    ] {
        ids.push(
            register::create(conn, &new(channel, "Sekolah"), "petugas", at(7, minute))
                .unwrap()
                .id,
        );
    }
    register::create(conn, &new(Channel::Email, "Bansos"), "petugas", at(8, 0)).unwrap();
    for (id, closed) in [(ids[0], at(8, 0)), (ids[1], at(8, 50))] {
        register::record_check(conn, id, false, "DTSEN", "operator", at(7, 55)).unwrap();
        issue_not_registered_slip(
            &store,
            Some(id),
            NOT_REGISTERED,
            "Siti Aminah",
            &snapshot,
            "operator",
            today(),
        )
        .unwrap();
        register::hand_over(&store, id, &Handover::in_person(), "", "petugas", closed).unwrap();
    }
}

#[test]
fn a_seeded_month_shows_its_counts_and_bars_for_the_pimpinan() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path());
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Pimpinan)]);
    click(&mut app, "Laporan");
    {
        let mut ui = simulator(&app);
        assert!(ui.find("Periode 2026-03-01 s.d. 2026-03-31").is_ok());
        assert!(
            ui.find("2 dari 2 permohonan selesai dalam standar (50%).")
                .is_err()
        );
        assert!(
            ui.find("1 dari 2 permohonan selesai dalam standar (50%).")
                .is_ok(),
            "on-time share"
        );
        assert!(ui.find("Median 42 menit, terlama 65 menit (menit kerja). Masih terbuka melewati standar: 2.").is_ok());
        assert!(ui.find("Tidak terdaftar").is_ok());
        assert!(ui.find("Menghitung…").is_err(), "the computation finished");
    }
    {
        let mut ui = simulator(&app);
        assert!(ui.find("02-03-2026").is_ok(), "the day has its bar");
        assert!(ui.find("E-mail").is_ok(), "the channel has its bar");
    }
    assert_small_snapshot(&app, "reports_month_small");

    // Last month holds nothing.
    click(&mut app, "Bulan lalu");
    let mut ui = simulator(&app);
    assert!(ui.find("Periode 2026-02-01 s.d. 2026-02-28").is_ok());
    assert!(ui.find("Belum ada permohonan yang selesai.").is_ok());
    assert!(
        ui.find("E-mail").is_err(),
        "no application by e-mail in February"
    );
}

#[test]
fn a_bad_date_is_refused_and_the_admin_has_the_tab_too() {
    let dir = tempfile::tempdir().unwrap();
    seed(dir.path());
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Admin)]);
    click(&mut app, "Laporan");
    let to = |m| Message::Admin(admin::Message::Reports(m));
    feed(
        &mut app,
        vec![
            to(reports::Message::ToChanged("2026-02-30".into())),
            to(reports::Message::Compute),
        ],
    );
    let mut ui = simulator(&app);
    assert!(
        ui.find("Tanggal akhir \"2026-02-30\" harus berformat YYYY-MM-DD, misalnya 2026-11-01.")
            .is_ok()
    );
}

#[test]
fn a_long_period_shows_its_months_counted_and_a_new_hitung_replaces_it() {
    use iced_test::futures::futures::StreamExt;
    use iced_test::futures::futures::executor::block_on;
    use iced_test::runtime::{Action, task};

    let dir = tempfile::tempdir().unwrap();
    seed(dir.path());
    let mut app = app(dir.path());
    feed(&mut app, vec![Message::RoleSelected(Role::Admin)]);
    click(&mut app, "Laporan");
    let to = |m| Message::Admin(admin::Message::Reports(m));
    let first_output = |stream: &mut _| loop {
        let action: Option<Action<Message>> = block_on(StreamExt::next(
            stream as &mut (dyn iced::futures::Stream<Item = _> + Unpin),
        ));
        match action {
            Some(Action::Output(message)) => break message,
            Some(_) => continue,
            None => panic!("the computation ended without a message"),
        }
    };

    // January to March, counted month by month: the first month's progress is shown.
    feed(
        &mut app,
        vec![to(reports::Message::FromChanged("2026-01-01".into()))],
    );
    let quarter = app.update(to(reports::Message::Compute));
    let mut quarter = task::into_stream(quarter).expect("a computation runs");
    let progress = first_output(&mut quarter);
    let _ = app.update(progress);
    {
        let mut ui = simulator(&app);
        assert!(ui.find("Menghitung… bulan 1 dari 3").is_ok());
    }

    // A new Hitung (this month only) replaces it: whatever the first one still sends is
    // ignored and the newer period is shown.
    feed(
        &mut app,
        vec![to(reports::Message::FromChanged("2026-03-01".into()))],
    );
    let month = app.update(to(reports::Message::Compute));
    ui_common::run(&mut app, month);
    let rest: Vec<Action<Message>> = block_on(quarter.collect());
    for action in rest {
        if let Action::Output(message) = action {
            let _ = app.update(message);
        }
    }
    let mut ui = simulator(&app);
    assert!(ui.find("Periode 2026-03-01 s.d. 2026-03-31").is_ok());
    assert!(ui.find("Periode 2026-01-01 s.d. 2026-03-31").is_err());
    assert!(ui.find("Menghitung…").is_err(), "nothing runs any more");
    assert!(ui.find("Hasil permohonan").is_ok(), "the outcome chart");
    assert!(ui.find("Masih berjalan").is_ok());
}
