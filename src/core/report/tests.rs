//! A seeded period: applications written and walked through the real core functions at
//! fixed times, counted here independently and compared with the report.

use chrono::{Datelike, Duration, Local, NaiveDate, NaiveDateTime, TimeZone};

use super::*;
use crate::core::Store;
use crate::core::complaints::{self, ComplaintChannel, ComplaintKind, NewComplaint};
use crate::core::letter::issue::tests::request;
use crate::core::letter::{
    issue_certificate, issue_not_registered_slip, mark_printed, void_certificate,
};
use crate::core::register::{self, Channel, Handover, NewApplication, PAPERS};
use crate::core::signoff::{SignOff, Step};
use crate::core::usulan::{self, NewProposal};

/// The Monday at least three weeks before today: the seeded days lie in the past and
/// the period reaches today, when the letters are stamped.
fn base_monday() -> NaiveDate {
    let day = Local::now().date_naive() - Duration::days(21);
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

pub(super) fn at(day: NaiveDate, h: u32, m: u32) -> chrono::DateTime<Local> {
    Local
        .from_local_datetime(&day.and_hms_opt(h, m, 0).unwrap())
        .earliest()
        .unwrap()
}

pub(super) struct Seed<'a> {
    pub(super) store: &'a Store,
}

impl Seed<'_> {
    pub(super) fn application(
        &self,
        who: &str,
        channel: Channel,
        purpose: &str,
        desa: &str,
        when: chrono::DateTime<Local>,
    ) -> i64 {
        let new = NewApplication {
            applicant_name: "Siti Aminah".into(),
            nik: request().person.nik,
            purpose: purpose.into(),
            desa: desa.into(),
            channel: Some(channel),
            contact: "081234567890".into(),
            papers: PAPERS.map(String::from).to_vec(),
            ..Default::default()
        };
        register::create(&self.store.register, &new, who, when)
            .unwrap()
            .id
    }

    /// Issues the letter for `id`, signs it and hands it over at `handed`.
    pub(super) fn letter_handed_over(
        &self,
        id: i64,
        handed: chrono::DateTime<Local>,
        how: &Handover,
    ) {
        let mut req = request();
        req.application_id = Some(id);
        issue_certificate(self.store, &req).unwrap();
        for step in [Step::Paraf, Step::Ttd] {
            let by = SignOff {
                actor: "kadis",
                at: handed - Duration::minutes(2),
                note: "",
                handover: None,
            };
            register::sign_off(self.store, id, step, &by).unwrap();
        }
        register::hand_over(self.store, id, how, "", "petugas", handed).unwrap();
    }
}

#[test]
fn a_seeded_period_is_counted_by_outcome_channel_purpose_desa_petugas_day_and_time() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let seed = Seed { store: &store };
    let mon = base_monday();
    let (tue, thu) = (mon + Duration::days(1), mon + Duration::days(3));
    let conn = &store.register;

    // On time: received Monday 09:00, handed over 09:10 (standard: 30 minutes).
    let on_time = seed.application("ani", Channel::Loket, "Sekolah", "Sukamaju", at(mon, 9, 0));
    seed.letter_handed_over(on_time, at(mon, 9, 10), &Handover::in_person());
    // Late: received Monday 10:00, sent online on Thursday.
    let late = seed.application(
        "budi",
        Channel::WhatsApp,
        " sekolah",
        "sukamaju ",
        at(mon, 10, 0),
    );
    let wa = Handover {
        channel: Channel::WhatsApp,
        contact: "081234567890".into(),
    };
    seed.letter_handed_over(late, at(thu, 10, 0), &wa);
    // Not registered: a slip is given; still open (the slip is not handed over).
    let not_found = seed.application(
        "ani",
        Channel::WhatsApp,
        "Pengobatan",
        "Mekarsari",
        at(tue, 8, 0),
    );
    register::record_check(conn, not_found, false, "DTSEN", "operator", at(tue, 8, 5)).unwrap();
    let r = request();
    issue_not_registered_slip(
        &store,
        Some(not_found),
        &r.person.nik,
        &r.person.name,
        &r.snapshot,
        "operator",
        r.date,
    )
    .unwrap();
    // Cancelled.
    let cancelled = seed.application("ani", Channel::Loket, "Bansos", "", at(tue, 9, 0));
    register::cancel(conn, cancelled, "salah orang", "ani", at(tue, 9, 1)).unwrap();
    // Papers incomplete: returned at intake.
    let new = NewApplication {
        applicant_name: "Budi".into(),
        nik: request().person.nik,
        purpose: "Bansos".into(),
        channel: Some(Channel::Email),
        contact: "budi@contoh.id".into(),
        ..Default::default()
    };
    let returned = register::create(conn, &new, "budi", at(tue, 11, 0))
        .unwrap()
        .id;
    assert_eq!(
        register::get(conn, returned).unwrap().status,
        register::Status::BerkasTidakLengkap
    );
    // Before the period: not counted.
    seed.application(
        "ani",
        Channel::Loket,
        "Sekolah",
        "Sukamaju",
        at(mon - Duration::days(3), 9, 0),
    );
    // A letter without application, printed twice and voided.
    let loose = issue_certificate(&store, &request()).unwrap();
    mark_printed(&store, loose.certificate_id, "operator").unwrap();
    mark_printed(&store, loose.certificate_id, "operator").unwrap();
    void_certificate(&store, &loose.number, "salah ketik", "operator").unwrap();
    // A proposal moved on, a survey response, a complaint answered after 90 minutes.
    let p = usulan::create(
        conn,
        NewProposal {
            nik: request().person.nik,
            name: "Siti".into(),
            desa: "Mekarsari".into(),
            ..Default::default()
        },
        "ani",
        at(tue, 9, 0),
    )
    .unwrap();
    usulan::advance(
        conn,
        p.id,
        usulan::Stage::Koordinasi,
        "",
        "ani",
        at(tue, 10, 0),
    )
    .unwrap();
    crate::core::skm::record(
        conn,
        crate::core::skm::parse_answers("444444444").unwrap(),
        "",
        None,
        "ani",
        at(mon, 9, 20),
    )
    .unwrap();
    let complaint = complaints::add(
        conn,
        NewComplaint {
            channel: ComplaintChannel::parse("telepon").unwrap(),
            kind: ComplaintKind::Pengaduan,
            name: String::new(),
            contact: String::new(),
            text: "antrian lama".into(),
            application_id: None,
        },
        "ani",
        at(mon, 11, 0),
    )
    .unwrap();
    complaints::follow_up(
        conn,
        complaint.id,
        "sudah dijelaskan",
        true,
        "ani",
        at(mon, 12, 30),
    )
    .unwrap();

    let today = Local::now().date_naive();
    let now: NaiveDateTime = at(thu, 14, 0).naive_local();
    let report = period(conn, mon - Duration::days(1), today, now).unwrap();

    // Counted independently of the report's queries.
    let count = |label: &str, list: &[Count]| {
        list.iter()
            .find(|c| c.label == label)
            .map_or(0, |c| c.count)
    };
    assert_eq!(report.applications, 5);
    assert_eq!(count("Terdaftar, surat terbit", &report.by_outcome), 2);
    assert_eq!(count("Tidak terdaftar", &report.by_outcome), 1);
    assert_eq!(count("Berkas tidak lengkap", &report.by_outcome), 1);
    assert_eq!(count("Dibatalkan", &report.by_outcome), 1);
    assert_eq!(count("Masih berjalan", &report.by_outcome), 0);
    assert_eq!(report.by_outcome.len(), Outcome::ALL.len());
    assert_eq!(count("Loket", &report.by_channel), 2);
    assert_eq!(count("WhatsApp", &report.by_channel), 2);
    assert_eq!(count("E-mail", &report.by_channel), 1);
    assert_eq!(
        count("Sekolah", &report.by_purpose),
        2,
        "case and spaces ignored"
    );
    assert_eq!(report.by_purpose.len(), 3);
    assert_eq!(count("Bansos", &report.by_purpose), 2);
    assert_eq!(
        count("Sukamaju", &report.by_desa),
        2,
        "case and spaces ignored"
    );
    assert_eq!(count("(tanpa desa)", &report.by_desa), 2);
    assert_eq!(count("ani", &report.by_petugas), 3);
    assert_eq!(count("budi", &report.by_petugas), 2);
    let day = |d: NaiveDate| report.per_day.iter().find(|x| x.date == d).unwrap().count;
    assert_eq!((day(mon), day(tue), day(thu)), (2, 3, 0));
    assert_eq!(report.per_day.len() as i64, (today - mon).num_days() + 2);
    assert_eq!(
        (
            report.letters_issued,
            report.letters_voided,
            report.reprints,
            report.slips
        ),
        (3, 1, 1, 1)
    );
    assert_eq!(count("Koordinasi", &report.usulan_by_stage), 1);
    assert_eq!(report.usulan_total(), 1);
    let t = &report.times;
    assert_eq!((t.finished, t.on_time), (2, 1), "one on time, one late");
    assert_eq!(t.on_time_percent(), Some(50.0));
    // Monday 10:00 to Thursday 10:00 in service hours: the rest of Monday plus two full
    // days plus Thursday morning, whatever the hours; the median of two is their mean
    // (the on-time one took 10 minutes).
    let hours = Settings::load(conn).unwrap().service_hours;
    let late_minutes = crate::core::service_time::working_minutes_between(
        at(mon, 10, 0).naive_local(),
        at(thu, 10, 0).naive_local(),
        &hours,
    );
    assert_eq!(t.worst_minutes, Some(late_minutes));
    assert_eq!(t.median_minutes, Some((10 + late_minutes) / 2));
    assert_eq!(
        t.open_late, 2,
        "the slip and the returned papers, past 30 minutes at now"
    );
    assert_eq!(report.skm.respondents, 1);
    assert_eq!(report.skm.ikm, 100.0);
    assert_eq!(
        report.complaints,
        ComplaintStats {
            received: 1,
            answered: 1,
            median_response_minutes: Some(90)
        }
    );

    // Outside the seeded days, nothing.
    let empty = period(
        conn,
        mon - Duration::days(60),
        mon - Duration::days(30),
        now,
    )
    .unwrap();
    assert_eq!(
        (
            empty.applications,
            empty.letters_issued,
            empty.times.finished
        ),
        (0, 0, 0)
    );
    assert!(
        period(conn, today, mon, now).is_err(),
        "a reversed period is refused"
    );
}

#[test]
fn the_shortcuts_cover_whole_months_and_quarters() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    assert_eq!(
        Period::this_month(d(2026, 2, 14)),
        Period {
            from: d(2026, 2, 1),
            to: d(2026, 2, 28)
        }
    );
    assert_eq!(
        Period::last_month(d(2026, 1, 5)),
        Period {
            from: d(2025, 12, 1),
            to: d(2025, 12, 31)
        }
    );
    assert_eq!(
        Period::this_quarter(d(2026, 5, 20)),
        Period {
            from: d(2026, 4, 1),
            to: d(2026, 6, 30)
        }
    );
    assert_eq!(Period::this_quarter(d(2026, 12, 31)).from, d(2026, 10, 1));
    assert!(
        Period::new(d(2026, 1, 1), d(2027, 1, 2)).is_err(),
        "longer than a year"
    );
    assert!(parse_month("11-2026").is_err());
    assert!(parse_date("2026-02-30", "Tanggal awal").is_err());
}
