//! Tests of the survey: worked examples computed by hand, the grade boundaries, the
//! minimum sample table, validation and the audit entry.

use chrono::{DateTime, Duration, Local, NaiveDate};
use rusqlite::Connection;

use super::*;

fn conn() -> (tempfile::TempDir, Connection) {
    let dir = tempfile::tempdir().unwrap();
    let conn = crate::core::db::open_register(&dir.path().join("l.db")).unwrap();
    (dir, conn)
}

fn t0() -> DateTime<Local> {
    DateTime::parse_from_rfc3339("2026-03-02T09:00:00+07:00")
        .unwrap()
        .with_timezone(&Local)
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

fn add(conn: &Connection, answers: Answers) {
    record(conn, answers, "", None, "petugas", t0()).unwrap();
}

fn march(conn: &Connection) -> SkmSummary {
    summary(conn, day(1), day(31)).unwrap()
}

#[test]
fn four_respondents_worked_by_hand() {
    // Item:        1  2  3  4  5  6  7  8  9
    // r1           4  3  4  4  3  4  4  4  3   (sum 33)
    // r2           3  3  4  4  2  4  3  4  3   (sum 30)
    // r3           4  4  4  4  3  3  4  4  3   (sum 33)
    // r4           3  2  4  4  3  4  3  4  2   (sum 29)
    // NRR       3.50 3.00 4 4 2.75 3.75 3.50 4 2.75   (sum of NRR 31.25)
    // IKM = 31.25 / 9 * 25 = 86.805... -> 86.81, grade B (Baik).
    let (_dir, conn) = conn();
    add(&conn, [4, 3, 4, 4, 3, 4, 4, 4, 3]);
    add(&conn, [3, 3, 4, 4, 2, 4, 3, 4, 3]);
    add(&conn, [4, 4, 4, 4, 3, 3, 4, 4, 3]);
    add(&conn, [3, 2, 4, 4, 3, 4, 3, 4, 2]);
    let s = march(&conn);
    assert_eq!(s.respondents, 4);
    assert_eq!(s.nrr, [3.5, 3.0, 4.0, 4.0, 2.75, 3.75, 3.5, 4.0, 2.75]);
    assert_eq!(s.ikm, 86.81);
    assert_eq!(s.grade, Some(Grade::B));
    assert_eq!(s.grade_label, Some("Baik"));
}

/// One respondent whose nine answers add up to `sum` (4s first, then what is left).
fn one_with_sum(sum: u8) -> Answers {
    let mut answers = [1u8; 9];
    let mut left = sum - 9;
    for a in &mut answers {
        let extra = left.min(3);
        *a += extra;
        left -= extra;
    }
    answers
}

#[test]
fn one_respondent_either_side_of_each_grade_boundary() {
    // With one respondent IKM = sum / 9 * 25:
    // 36 -> 100.00 A, 32 -> 88.89 A, 31 -> 86.11 B, 28 -> 77.78 B, 27 -> 75.00 C,
    // 24 -> 66.67 C, 23 -> 63.89 D, 9 -> 25.00 D.
    let cases = [
        (36, 100.0, Grade::A),
        (32, 88.89, Grade::A),
        (31, 86.11, Grade::B),
        (28, 77.78, Grade::B),
        (27, 75.0, Grade::C),
        (24, 66.67, Grade::C),
        (23, 63.89, Grade::D),
        (9, 25.0, Grade::D),
    ];
    for (sum, ikm, grade) in cases {
        let (_dir, conn) = conn();
        add(&conn, one_with_sum(sum));
        let s = march(&conn);
        assert_eq!((s.ikm, s.grade), (ikm, Some(grade)), "sum {sum}");
    }
}

#[test]
fn a_hundred_respondents_at_the_a_boundary() {
    // 100 respondents, 900 answers. All 4 would be 3600 points; 140 answers of 1 (3 off
    // each: 420) and one answer of 3 (1 off) leave 3179 -> IKM = 3179 / 900 * 25 =
    // 88.3055... -> 88.31, A. One more answer of 3 (3178) -> 88.277... -> 88.28, B.
    for (extra_off, ikm, grade) in [(0, 88.31, Grade::A), (1, 88.28, Grade::B)] {
        let (_dir, conn) = conn();
        let mut ones = 140;
        let mut threes = 1 + extra_off;
        for _ in 0..100 {
            let mut answers = [4u8; 9];
            for a in &mut answers {
                if ones > 0 {
                    *a = 1;
                    ones -= 1;
                } else if threes > 0 {
                    *a = 3;
                    threes -= 1;
                }
            }
            add(&conn, answers);
        }
        let s = march(&conn);
        assert_eq!(s.respondents, 100);
        assert_eq!((s.ikm, s.grade), (ikm, Some(grade)));
    }
}

#[test]
fn grades_follow_the_published_intervals() {
    assert_eq!(Grade::of(100.0), Grade::A);
    assert_eq!(Grade::of(88.31), Grade::A);
    assert_eq!(Grade::of(88.305), Grade::A);
    assert_eq!(Grade::of(88.30), Grade::B);
    assert_eq!(Grade::of(76.61), Grade::B);
    assert_eq!(Grade::of(76.60), Grade::C);
    assert_eq!(Grade::of(65.00), Grade::C);
    assert_eq!(Grade::of(64.99), Grade::D);
    assert_eq!(Grade::of(25.0), Grade::D);
    assert_eq!(Grade::A.label(), "Sangat Baik");
    assert_eq!(Grade::C.label(), "Kurang Baik");
    assert_eq!(Grade::D.label(), "Tidak Baik");
}

#[test]
fn minimum_sample_matches_the_krejcie_morgan_table() {
    for (population, sample) in [
        (0, 0),
        (1, 1),
        (10, 10),
        (20, 19),
        (50, 44),
        (100, 80),
        (200, 132),
        (500, 217),
        (1000, 278),
        (10_000, 370),
    ] {
        assert_eq!(
            minimum_sample(population),
            sample,
            "population {population}"
        );
    }
}

#[test]
fn the_period_counts_responses_and_applications_by_date() {
    let (_dir, conn) = conn();
    add(&conn, [4; 9]);
    record(
        &conn,
        [1; 9],
        "",
        None,
        "petugas",
        t0() + Duration::days(31),
    )
    .unwrap();
    for (i, date) in ["2026-03-02T08:00:00+07:00", "2026-04-01T08:00:00+07:00"]
        .iter()
        .enumerate()
    {
        conn.execute(
            "INSERT INTO application(year, seq, created_at, channel, applicant_name, nik,
                 purpose, status, updated_at)
             VALUES (2026, ?1, ?2, 'loket', 'A', '3520011705850001', 'x', 'diterima', ?2)",
            rusqlite::params![i as i64 + 1, date],
        )
        .unwrap();
    }
    let s = march(&conn);
    assert_eq!((s.respondents, s.ikm, s.population), (1, 100.0, 1));
    assert_eq!(s.minimum_sample, 1);
    assert!(s.sample_is_enough());
    let april = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
    let april = summary(&conn, april, april + Duration::days(29)).unwrap();
    assert_eq!((april.respondents, april.ikm), (1, 25.0));
    assert!(summary(&conn, day(5), day(4)).is_err());
}

#[test]
fn no_responses_give_no_grade() {
    let (_dir, conn) = conn();
    let s = march(&conn);
    assert_eq!((s.respondents, s.ikm, s.grade), (0, 0.0, None));
    assert_eq!(s.nrr, [0.0; 9]);
}

#[test]
fn answers_outside_one_to_four_are_refused_and_nothing_is_written() {
    let (_dir, conn) = conn();
    let err = record(&conn, [4, 4, 5, 4, 4, 4, 4, 4, 4], "", None, "x", t0()).unwrap_err();
    assert!(
        err.to_string().contains("butir 3 (Waktu pelayanan)"),
        "{err}"
    );
    assert!(record(&conn, [0; 9], "", None, "x", t0()).is_err());
    let unknown = record(&conn, [4; 9], "", Some(99), "x", t0()).unwrap_err();
    assert!(matches!(unknown, Error::NotFound(_)));
    let rows: i64 = conn
        .query_row("SELECT COUNT(*) FROM skm_response", [], |r| r.get(0))
        .unwrap();
    let audits: i64 = conn
        .query_row("SELECT COUNT(*) FROM audit", [], |r| r.get(0))
        .unwrap();
    assert_eq!((rows, audits), (0, 0));
}

#[test]
fn the_audit_keeps_the_answers_but_not_the_suggestion() {
    let (_dir, conn) = conn();
    let id = record(
        &conn,
        [4, 3, 4, 4, 3, 4, 4, 4, 3],
        "  Antrean terlalu lama, Pak Budi 0812  ",
        None,
        "petugas",
        t0(),
    )
    .unwrap();
    let (action, subject, detail): (String, String, String) = conn
        .query_row("SELECT action, subject, detail FROM audit", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(action, "isi_skm");
    assert_eq!(subject, format!("skm #{id}"));
    assert_eq!(detail, "jawaban 434434443");
    let stored: (String, String) = conn
        .query_row("SELECT answers, suggestion FROM skm_response", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(
        stored,
        (
            "434434443".into(),
            "Antrean terlalu lama, Pak Budi 0812".into()
        )
    );
}

#[test]
fn answers_are_read_with_or_without_commas() {
    assert_eq!(
        parse_answers("4,3,4,4,3,4,4,4,3").unwrap(),
        [4, 3, 4, 4, 3, 4, 4, 4, 3]
    );
    assert_eq!(
        parse_answers("111122223").unwrap(),
        [1, 1, 1, 1, 2, 2, 2, 2, 3]
    );
    assert!(parse_answers("4,3,4").is_err());
    assert!(parse_answers("4é44444444").is_err());
    assert!(parse_answers("4,3,4,4,3,4,4,4,9").is_err());
    assert!(parse_answers("a,3,4,4,3,4,4,4,3").is_err());
}
