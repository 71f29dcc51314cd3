//! Tests of the register on its own database: writing, the paper check, the check's
//! result, cancelling, undoing, correcting and reading the book.
use chrono::{Local, NaiveDate};
use rusqlite::Connection;

use super::*;

fn conn() -> (tempfile::TempDir, Connection) {
    let dir = tempfile::tempdir().unwrap();
    let conn = crate::core::db::open_register(&dir.path().join("l.db")).unwrap();
    (dir, conn)
}

/// An adult's application with every paper.
fn sample() -> NewApplication {
    NewApplication {
        applicant_name: "Siti Aminah".into(),
        nik: "3520014107800001".into(),
        purpose: "keringanan biaya sekolah".into(),
        papers: PAPERS.map(String::from).to_vec(),
        ..Default::default()
    }
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn complete_papers_reach_the_operator_with_a_register_number() {
    let (_d, conn) = conn();
    let a = create(&conn, &sample(), "petugas", Local::now()).unwrap();
    let b = create(&conn, &sample(), "petugas", Local::now()).unwrap();
    assert_eq!(a.status, Status::BerkasLengkap);
    assert!(a.register_no.starts_with("0001/"));
    assert!(b.register_no.starts_with("0002/"));
    assert_eq!(a.channel, "Loket");
    let queue: Vec<i64> = waiting(&conn).unwrap().iter().map(|a| a.id).collect();
    assert_eq!(queue, vec![a.id, b.id]);
    let steps: Vec<String> = history(&conn, a.id)
        .unwrap()
        .into_iter()
        .map(|e| e.status)
        .collect();
    assert_eq!(steps, ["diterima", "berkas_lengkap"]);
}

#[test]
fn missing_papers_return_the_application_until_they_are_brought() {
    let (_d, conn) = conn();
    let mut app = sample();
    app.papers.retain(|p| p != "KTP");
    let a = create(&conn, &app, "petugas", Local::now()).unwrap();
    assert_eq!(a.status, Status::BerkasTidakLengkap);
    assert!(waiting(&conn).unwrap().is_empty(), "not the operator's yet");
    assert_eq!(returned(&conn).unwrap()[0].id, a.id);
    let events = history(&conn, a.id).unwrap();
    assert!(events[1].note.contains("kurang: KTP"), "{:?}", events[1]);
    let check = PapersCheck {
        papers: PAPERS.map(String::from).to_vec(),
        exception: String::new(),
    };
    let a = check_papers(&conn, a.id, &check, "petugas", Local::now()).unwrap();
    assert_eq!(a.status, Status::BerkasLengkap);
    assert_eq!(waiting(&conn).unwrap().len(), 1);

    let mut excused = app.clone();
    excused.paper_exception = "KTP hilang; surat kehilangan polsek dilampirkan".into();
    let b = create(&conn, &excused, "petugas", Local::now()).unwrap();
    assert_eq!(b.status, Status::BerkasLengkap);
    assert_eq!(b.paper_exception, excused.paper_exception);
}

#[test]
fn malformed_nik_is_refused_and_nothing_is_saved() {
    let (_d, conn) = conn();
    let mut app = sample();
    app.nik = "35200157".into();
    let errors = app.validate();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, "nik");
    assert!(create(&conn, &app, "petugas", Local::now()).is_err());
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM application"), 0);
}

#[test]
fn an_illegal_step_is_refused_and_writes_nothing() {
    let (_d, conn) = conn();
    let mut app = sample();
    app.papers.clear();
    let a = create(&conn, &app, "petugas", Local::now()).unwrap();
    let (events, audit_rows) = (
        count(&conn, "SELECT COUNT(*) FROM application_event"),
        count(&conn, "SELECT COUNT(*) FROM audit"),
    );
    let err = record_check(&conn, a.id, true, "DTSEN", "operator", Local::now()).unwrap_err();
    assert!(err.to_string().contains("Berkas lengkap"), "{err}");
    assert_eq!(get(&conn, a.id).unwrap().status, Status::BerkasTidakLengkap);
    assert_eq!(
        count(&conn, "SELECT COUNT(*) FROM application_event"),
        events
    );
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM audit"), audit_rows);
    cancel(&conn, a.id, "salah ketik NIK", "petugas", Local::now()).unwrap();
    assert!(cancel(&conn, a.id, "lagi", "petugas", Local::now()).is_err());
    assert!(cancel(&conn, 99, "x", "petugas", Local::now()).is_err());
    let err = cancel(&conn, a.id, "  ", "petugas", Local::now()).unwrap_err();
    assert!(err.to_string().contains("Alasan"), "{err}");
}

#[test]
fn a_wrong_step_is_undone_with_a_reason_and_both_stay_in_the_history() {
    let (_d, conn) = conn();
    let a = create(&conn, &sample(), "petugas", Local::now()).unwrap();
    record_check(
        &conn,
        a.id,
        false,
        "DTSEN 2026-09",
        "operator",
        Local::now(),
    )
    .unwrap();
    assert!(undo_last_step(&conn, a.id, " ", "operator", Local::now()).is_err());
    let back = undo_last_step(&conn, a.id, "NIK salah baca", "operator", Local::now()).unwrap();
    assert_eq!(back.status, Status::BerkasLengkap);
    record_check(&conn, a.id, true, "DTSEN 2026-09", "operator", Local::now()).unwrap();
    let events = history(&conn, a.id).unwrap();
    let summary: Vec<(&str, &str, bool)> = events
        .iter()
        .map(|e| (e.kind.as_str(), e.status.as_str(), e.undone))
        .collect();
    assert_eq!(
        summary,
        [
            ("langkah", "diterima", false),
            ("langkah", "berkas_lengkap", false),
            ("langkah", "tidak_terdaftar", true),
            ("urung", "berkas_lengkap", false),
            ("langkah", "terdaftar", false),
        ]
    );
    assert!(events[3].note.contains("NIK salah baca"));
    // Undo twice more: the check, then the paper check; the entry itself stays.
    undo_last_step(&conn, a.id, "uji", "operator", Local::now()).unwrap();
    let received = undo_last_step(&conn, a.id, "uji", "petugas", Local::now()).unwrap();
    assert_eq!(received.status, Status::Diterima);
    let err = undo_last_step(&conn, a.id, "uji", "petugas", Local::now()).unwrap_err();
    assert!(err.to_string().contains("tidak punya langkah"), "{err}");
    assert_eq!(
        count(
            &conn,
            "SELECT COUNT(*) FROM audit WHERE action = 'batal_langkah'"
        ),
        3
    );
    assert_eq!(crate::core::audit::verify(&conn).unwrap(), None);
}

#[test]
fn a_correction_keeps_what_was_written() {
    let (_d, conn) = conn();
    let a = create(&conn, &sample(), "petugas", Local::now()).unwrap();
    let mut fixed = sample();
    fixed.applicant_name = "Siti Aminah Lubis".into();
    fixed.desa = "Kawedanan".into();
    assert!(correct(&conn, a.id, &fixed, "", "petugas", Local::now()).is_err());
    assert!(correct(&conn, a.id, &sample(), "x", "petugas", Local::now()).is_err());
    let fixed_app = correct(
        &conn,
        a.id,
        &fixed,
        "nama sesuai KTP",
        "petugas",
        Local::now(),
    )
    .unwrap();
    assert_eq!(fixed_app.applicant_name, "Siti Aminah Lubis");
    assert_eq!(fixed_app.status, Status::BerkasLengkap, "the state stays");
    let last = history(&conn, a.id).unwrap().pop().unwrap();
    assert_eq!(last.kind, "koreksi");
    assert!(
        last.note
            .contains("\"Siti Aminah\" → \"Siti Aminah Lubis\""),
        "{}",
        last.note
    );
    assert!(last.note.contains("nama sesuai KTP"));
}

/// Three applications on three days through two channels; the second cancelled.
fn three_days(conn: &Connection) -> Vec<i64> {
    let mut ids = Vec::new();
    for (day, channel, desa) in [
        ("2026-11-02", Channel::Loket, "Kawedanan"),
        ("2026-11-03", Channel::WhatsApp, "Bendo"),
        ("2026-11-04", Channel::Loket, "Kawedanan"),
    ] {
        let mut app = sample();
        app.channel = Some(channel);
        app.desa = desa.into();
        let a = create(conn, &app, "petugas", Local::now()).unwrap();
        conn.execute(
            "UPDATE application SET created_at = ?2 WHERE id = ?1",
            params![a.id, format!("{day}T09:00:00+07:00")],
        )
        .unwrap();
        ids.push(a.id);
    }
    cancel(conn, ids[1], "dobel", "operator", Local::now()).unwrap();
    ids
}

fn ids(conn: &Connection, filter: &RegisterFilter) -> Vec<i64> {
    list(conn, filter).unwrap().iter().map(|a| a.id).collect()
}

fn day(text: &str) -> Option<NaiveDate> {
    Some(text.parse().unwrap())
}

#[test]
fn filter_by_status_dates_channel_desa_writer_and_text() {
    let (_d, conn) = conn();
    let [a, b, c] = three_days(&conn)[..] else {
        panic!()
    };
    let all = RegisterFilter::default();
    assert_eq!(ids(&conn, &all), vec![c, b, a]);
    let open = RegisterFilter {
        open_only: true,
        ..Default::default()
    };
    assert_eq!(ids(&conn, &open), vec![c, a]);
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
    let cancelled_online = RegisterFilter {
        status: Some(Status::Dibatalkan),
        channel: Some(Channel::WhatsApp),
        ..Default::default()
    };
    assert_eq!(ids(&conn, &cancelled_online), vec![b]);
    let desa = RegisterFilter {
        desa: Some("kawed".into()),
        ..Default::default()
    };
    assert_eq!(ids(&conn, &desa), vec![c, a]);
    let by_writer = RegisterFilter {
        written_by: Some("petugas".into()),
        ..Default::default()
    };
    assert_eq!(ids(&conn, &by_writer).len(), 3);
    let by_other = RegisterFilter {
        written_by: Some("operator".into()),
        ..Default::default()
    };
    assert!(ids(&conn, &by_other).is_empty());
    let number = get(&conn, b).unwrap().register_no;
    for text in [number.as_str(), "siti", "3520014107"] {
        let found = RegisterFilter {
            text: Some(text.into()),
            ..Default::default()
        };
        assert!(ids(&conn, &found).contains(&b), "{text}");
    }
    let queue = RegisterFilter {
        oldest_first: true,
        limit: Some(2),
        ..Default::default()
    };
    assert_eq!(ids(&conn, &queue), vec![a, b]);
    assert_eq!(recent(&conn, 1).unwrap()[0].id, c);
    let waiting: Vec<i64> = waiting(&conn).unwrap().iter().map(|x| x.id).collect();
    assert_eq!(waiting, vec![a, c]);
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
    let text = RegisterFilter {
        text: Some("' OR 1=1 --".into()),
        ..Default::default()
    };
    assert!(ids(&conn, &text).is_empty());
    assert_eq!(
        Status::parse("selesai' OR 1=1 --"),
        None,
        "only known codes parse"
    );
    assert_eq!(Channel::parse("WhatsApp"), Some(Channel::WhatsApp));
    assert_eq!(Channel::parse("instagram"), Some(Channel::Instagram));
    assert_eq!(Channel::parse("langsung"), Some(Channel::Loket));
    assert_eq!(Channel::parse("faks"), None);
}

#[test]
fn export_neutralises_formula_cells() {
    let (_d, conn) = conn();
    let mut app = sample();
    app.purpose = "=HYPERLINK(\"http://x\",\"klik\")".into();
    app.applicant_name = "@Siti".into();
    create(&conn, &app, "petugas", Local::now()).unwrap();
    let text =
        String::from_utf8(export_csv(&conn, &RegisterFilter::default(), NikShown::Masked).unwrap())
            .unwrap();
    assert!(text.starts_with('\u{feff}'));
    assert!(text.contains("'=HYPERLINK"), "{text}");
    assert!(text.contains(";'@Siti;"), "{text}");
    assert_eq!(neutralise_cell("-1"), "'-1");
    assert_eq!(neutralise_cell("+62"), "'+62");
    assert_eq!(neutralise_cell("Siti"), "Siti");
    assert_eq!(neutralise_cell("\t=1+2"), "'\t=1+2");
    assert_eq!(neutralise_cell("\r=1+2"), "'\r=1+2");
}

#[test]
fn csv_export_masks_nik_and_kk_unless_an_admin_asks_for_them() {
    let (dir, conn) = conn();
    let at = Local::now();
    let admin = crate::core::users::create_first_user(&conn, "Ani", "", "1234", at).unwrap();
    let petugas = crate::core::users::NewUser {
        name: "Budi".into(),
        roles: vec![crate::core::users::Role::Petugas],
        pin: "5678".into(),
        ..Default::default()
    };
    crate::core::users::add(&conn, &admin, petugas, at).unwrap();
    let mut app = sample();
    app.kk = "3520010101010009".into();
    create(&conn, &app, "Budi", at).unwrap();
    let all = RegisterFilter::default();
    let read = |path: &std::path::Path| {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_path(path)
            .unwrap();
        let row = reader.records().next().unwrap().unwrap();
        (row[5].to_string(), row[6].to_string())
    };

    let masked = dir.path().join("samar.csv");
    export_csv_file(&conn, &all, NikShown::Masked, &masked, "Budi", at).unwrap();
    assert_eq!(
        read(&masked),
        ("352001******0001".into(), "352001******0009".into())
    );
    let full = dir.path().join("lengkap.csv");
    let refused = export_csv_file(&conn, &all, NikShown::Full, &full, "Budi", at).unwrap_err();
    assert!(
        refused.to_string().contains("perlu peran admin"),
        "{refused}"
    );
    assert!(!full.exists(), "nothing written for a refused export");
    export_csv_file(&conn, &all, NikShown::Full, &full, "Ani", at).unwrap();
    assert_eq!(
        read(&full),
        ("3520014107800001".into(), "3520010101010009".into())
    );
}
