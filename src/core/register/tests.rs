//! Tests of the register.
use chrono::NaiveDate;
use rusqlite::Connection;

use super::*;

fn conn() -> (tempfile::TempDir, Connection) {
    let dir = tempfile::tempdir().unwrap();
    let conn = crate::core::db::open_register(&dir.path().join("l.db")).unwrap();
    (dir, conn)
}

fn sample() -> NewApplication {
    NewApplication {
        applicant_name: "Siti Aminah".into(),
        nik: "3520015708100002".into(),
        purpose: "keringanan biaya sekolah".into(),
        papers: vec![PAPERS[0].into()],
        ..Default::default()
    }
}

#[test]
fn new_application_waits_with_a_register_number() {
    let (_d, conn) = conn();
    let a = create(&conn, &sample(), "petugas").unwrap();
    let b = create(&conn, &sample(), "petugas").unwrap();
    assert_eq!(a.status, Status::Menunggu);
    assert!(a.register_no.starts_with("0001/"));
    assert!(b.register_no.starts_with("0002/"));
    assert_eq!(a.channel, "Loket");
    let queue = waiting(&conn).unwrap();
    assert_eq!(
        queue.iter().map(|a| a.id).collect::<Vec<_>>(),
        vec![a.id, b.id]
    );
}

#[test]
fn malformed_nik_is_refused_and_nothing_is_saved() {
    let (_d, conn) = conn();
    let mut app = sample();
    app.nik = "35200157".into();
    let errors = app.validate();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, "nik");
    assert!(create(&conn, &app, "petugas").is_err());
    assert!(waiting(&conn).unwrap().is_empty());
}

#[test]
fn only_a_waiting_application_moves_and_never_back_to_waiting() {
    use Status::*;
    let all = [Menunggu, Selesai, TidakTerdaftar, Batal];
    for from in all {
        for to in all {
            let legal = from == Menunggu && to != Menunggu;
            assert_eq!(from.can_move_to(to), legal, "{from:?} -> {to:?}");
        }
    }
}

#[test]
fn finished_application_leaves_the_queue_and_cannot_change_again() {
    let (_d, conn) = conn();
    let a = create(&conn, &sample(), "petugas").unwrap();
    set_status(&conn, a.id, Status::TidakTerdaftar, "usulan", "operator").unwrap();
    assert!(waiting(&conn).unwrap().is_empty());
    assert!(set_status(&conn, a.id, Status::Selesai, "", "operator").is_err());
    let events: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM application_event WHERE application_id = ?1",
            [a.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(events, 2);
}

/// Three applications on three days through two channels; the second finished.
fn three_days(conn: &Connection) -> Vec<i64> {
    let mut ids = Vec::new();
    for (day, channel) in [
        ("2026-11-02", Channel::Loket),
        ("2026-11-03", Channel::WhatsApp),
        ("2026-11-04", Channel::Loket),
    ] {
        let mut app = sample();
        app.channel = Some(channel);
        let a = create(conn, &app, "petugas").unwrap();
        conn.execute(
            "UPDATE application SET created_at = ?2 WHERE id = ?1",
            params![a.id, format!("{day}T09:00:00+07:00")],
        )
        .unwrap();
        ids.push(a.id);
    }
    set_status(conn, ids[1], Status::Selesai, "400.9/001", "operator").unwrap();
    ids
}

fn ids(conn: &Connection, filter: &RegisterFilter) -> Vec<i64> {
    list(conn, filter).unwrap().iter().map(|a| a.id).collect()
}

fn day(text: &str) -> Option<NaiveDate> {
    Some(text.parse().unwrap())
}

#[test]
fn filter_by_status_dates_and_channel() {
    let (_d, conn) = conn();
    let [a, b, c] = three_days(&conn)[..] else {
        panic!()
    };
    assert_eq!(ids(&conn, &RegisterFilter::default()), vec![c, b, a]);
    let waiting_only = RegisterFilter {
        status: Some(Status::Menunggu),
        ..Default::default()
    };
    assert_eq!(ids(&conn, &waiting_only), vec![c, a]);
    let from = RegisterFilter {
        from: day("2026-11-03"),
        ..Default::default()
    };
    assert_eq!(ids(&conn, &from), vec![c, b]);
    let one_day = RegisterFilter {
        from: day("2026-11-03"),
        to: day("2026-11-03"),
        ..Default::default()
    };
    assert_eq!(ids(&conn, &one_day), vec![b]);
    let counter_until = RegisterFilter {
        channel: Some(Channel::Loket),
        to: day("2026-11-03"),
        ..Default::default()
    };
    assert_eq!(ids(&conn, &counter_until), vec![a]);
    let finished_on_whatsapp = RegisterFilter {
        status: Some(Status::Selesai),
        channel: Some(Channel::WhatsApp),
        ..Default::default()
    };
    assert_eq!(ids(&conn, &finished_on_whatsapp), vec![b]);
    let none = RegisterFilter {
        status: Some(Status::Batal),
        ..Default::default()
    };
    assert!(ids(&conn, &none).is_empty());
    let queue = RegisterFilter {
        oldest_first: true,
        limit: Some(2),
        ..Default::default()
    };
    assert_eq!(ids(&conn, &queue), vec![a, b]);
    assert_eq!(recent(&conn, 1).unwrap()[0].id, c);
    assert_eq!(
        waiting(&conn)
            .unwrap()
            .iter()
            .map(|x| x.id)
            .collect::<Vec<_>>(),
        vec![a, c]
    );
}

#[test]
fn filter_values_are_bound_not_spliced() {
    let (_d, conn) = conn();
    three_days(&conn);
    // A channel label that would change the query if it were pasted into the SQL.
    conn.execute(
        "UPDATE application SET channel = ?1 WHERE id = 1",
        ["x' OR '1'='1"],
    )
    .unwrap();
    let loket = RegisterFilter {
        channel: Some(Channel::Loket),
        ..Default::default()
    };
    assert_eq!(ids(&conn, &loket), vec![3]);
    assert_eq!(
        Status::parse("selesai' OR 1=1 --"),
        None,
        "only known codes parse"
    );
    assert_eq!(Channel::parse("WhatsApp"), Some(Channel::WhatsApp));
    assert_eq!(Channel::parse("whatsapp"), Some(Channel::WhatsApp));
    assert_eq!(Channel::parse("instagram"), None);
}

#[test]
fn history_and_letters_of_an_application() {
    let (_d, conn) = conn();
    let ids = three_days(&conn);
    let events = history(&conn, ids[1]).unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].status, "menunggu");
    assert_eq!(events[1].actor, "operator");
    assert_eq!(events[1].note, "400.9/001");
    assert!(letters(&conn, ids[1]).unwrap().is_empty());
    assert!(matches!(history(&conn, 99), Err(Error::NotFound(_))));
}

#[test]
fn export_neutralises_formula_cells() {
    let (_d, conn) = conn();
    let mut app = sample();
    app.purpose = "=HYPERLINK(\"http://x\",\"klik\")".into();
    app.applicant_name = "@Siti".into();
    create(&conn, &app, "petugas").unwrap();
    let text = String::from_utf8(export_csv(&conn, &RegisterFilter::default()).unwrap()).unwrap();
    assert!(text.starts_with('\u{feff}'));
    assert!(text.contains("'=HYPERLINK"), "{text}");
    assert!(text.contains(";'@Siti;"), "{text}");
    assert_eq!(neutralise_cell("-1"), "'-1");
    assert_eq!(neutralise_cell("+62"), "'+62");
    assert_eq!(neutralise_cell("Siti"), "Siti");
}
