//! A period of several months counted month by month gives the same report as one pass.

use chrono::{Datelike, Duration, Local, Months, NaiveDate};

use super::tests::{Seed, at};
use super::*;
use crate::core::Store;
use crate::core::complaints::{self, ComplaintChannel, ComplaintKind, NewComplaint};
use crate::core::register::{self, Channel, Handover};

/// The first day of the month four months before this one.
fn first_month() -> NaiveDate {
    let today = Local::now().date_naive();
    today.with_day(1).unwrap() - Months::new(4)
}

fn complaint(store: &Store, when: chrono::DateTime<Local>, answered: Option<i64>) {
    let c = complaints::add(
        &store.register,
        NewComplaint {
            channel: ComplaintChannel::parse("telepon").unwrap(),
            kind: ComplaintKind::Pengaduan,
            name: String::new(),
            contact: String::new(),
            text: "antrian lama".into(),
            application_id: None,
        },
        "ani",
        when,
    )
    .unwrap();
    if let Some(minutes) = answered {
        complaints::follow_up(
            &store.register,
            c.id,
            "sudah dijelaskan",
            true,
            "ani",
            when + Duration::minutes(minutes),
        )
        .unwrap();
    }
}

/// Applications over five months, written out of date order so that a purpose's
/// earliest spelling (lowest id) lies in a later month than its first day seen; ties
/// between channels; letters, a cancel, complaints in several months.
fn seed(store: &Store) -> NaiveDate {
    let seed = Seed { store };
    let m0 = first_month();
    let day = |months: u32, d: u32| (m0 + Months::new(months)).with_day(d).unwrap();
    let conn = &store.register;
    // Written first (lowest id), in the third month: its spelling labels the group.
    seed.application(
        "budi",
        Channel::Email,
        "SEKOLAH",
        "Sukamaju",
        at(day(2, 10), 9, 0),
    );
    seed.application(
        "ani",
        Channel::Loket,
        "sekolah ",
        "sukamaju",
        at(day(0, 5), 9, 0),
    );
    seed.application(
        "ani",
        Channel::WhatsApp,
        "Bansos",
        "Mekarsari",
        at(day(0, 28), 10, 0),
    );
    let quick = seed.application("cici", Channel::Loket, "Bansos", "", at(day(1, 3), 9, 0));
    seed.letter_handed_over(quick, at(day(1, 3), 9, 20), &Handover::in_person());
    let slow = seed.application(
        "ani",
        Channel::WhatsApp,
        "Berobat",
        "Mekarsari",
        at(day(1, 14), 9, 0),
    );
    seed.letter_handed_over(slow, at(day(1, 17), 11, 0), &Handover::in_person());
    let gone = seed.application(
        "budi",
        Channel::Email,
        "sekolah",
        "Sukamaju",
        at(day(2, 20), 8, 0),
    );
    register::cancel(conn, gone, "dobel", "budi", at(day(2, 20), 8, 5)).unwrap();
    seed.application(
        "cici",
        Channel::Loket,
        "Berobat",
        "Mekarsari",
        at(day(3, 1), 7, 45),
    );
    seed.application(
        "ani",
        Channel::Email,
        "Bansos",
        "Sukamaju",
        at(day(3, 30), 13, 0),
    );
    complaint(store, at(day(0, 6), 9, 0), Some(30));
    complaint(store, at(day(2, 7), 9, 0), Some(120));
    complaint(store, at(day(3, 8), 9, 0), None);
    m0
}

#[test]
fn counting_month_by_month_gives_the_one_pass_report() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let from = seed(&store);
    let today = Local::now().date_naive();
    let now = at(today, 14, 0).naive_local();
    let conn = &store.register;

    let whole = period(conn, from, today, now).unwrap();
    let mut calls = Vec::new();
    let stepped = period_by_month(conn, from, today, now, &mut |done, total| {
        calls.push((done, total));
        true
    })
    .unwrap()
    .expect("never stopped");

    assert_eq!(stepped, whole);
    assert_eq!(calls, (1..=5).map(|d| (d, 5)).collect::<Vec<_>>());
    // The report is not empty: the comparison means something.
    assert_eq!(whole.applications, 8);
    let school = whole
        .by_purpose
        .iter()
        .find(|c| c.label.eq_ignore_ascii_case("sekolah"))
        .unwrap();
    assert_eq!(
        (school.label.as_str(), school.count),
        ("SEKOLAH", 3),
        "the earliest spelling"
    );
    assert_eq!((whole.times.finished, whole.times.on_time), (2, 1));
    assert_eq!(whole.complaints.received, 3);
    assert_eq!(whole.complaints.median_response_minutes, Some(75));

    // Stopped after the second month: nothing more is counted, no report.
    let mut asked = 0;
    let stopped = period_by_month(conn, from, today, now, &mut |done, _| {
        asked += 1;
        done < 2
    })
    .unwrap();
    assert!(stopped.is_none());
    assert_eq!(asked, 2);
}

#[test]
fn a_period_is_cut_at_month_ends() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let cut = Period::new(d(2026, 1, 20), d(2026, 3, 5)).unwrap().months();
    let pieces: Vec<_> = cut.iter().map(|p| (p.from, p.to)).collect();
    assert_eq!(
        pieces,
        vec![
            (d(2026, 1, 20), d(2026, 1, 31)),
            (d(2026, 2, 1), d(2026, 2, 28)),
            (d(2026, 3, 1), d(2026, 3, 5)),
        ]
    );
    assert_eq!(Period::month(d(2026, 4, 9)).months().len(), 1);
}
