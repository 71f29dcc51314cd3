//! Fixed dates in March 2026: the 2nd is a Monday, the 6th a Friday, the 7th a Saturday.

use super::*;

fn at(day: u32, hour: u32, minute: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 3, day)
        .unwrap()
        .and_hms_opt(hour, minute, 0)
        .unwrap()
}

/// Karangasem's hours, the shipped default.
fn karangasem() -> ServiceHours {
    Settings::default().service_hours
}

fn minutes(n: u32) -> TimeStandard {
    TimeStandard {
        step_minutes: 5,
        total: Total::Minutes(n),
    }
}

fn working_days(n: u32) -> TimeStandard {
    TimeStandard {
        step_minutes: 5,
        total: Total::WorkingDays(n),
    }
}

#[test]
fn the_defaults_are_karangasem_hours_and_thirty_minutes() {
    let hours = karangasem();
    assert_eq!(hours.monday.unwrap().to_string(), "07:30-15:15");
    assert_eq!(hours.friday.unwrap().to_string(), "08:00-13:00");
    assert_eq!((hours.saturday, hours.sunday), (None, None));
    assert_eq!(Settings::default().time_standard, minutes(30));
}

#[test]
fn open_inside_hours_and_closed_outside() {
    let hours = karangasem();
    assert!(hours.is_open(at(2, 7, 30)), "Monday at opening");
    assert!(hours.is_open(at(2, 15, 14)));
    assert!(
        !hours.is_open(at(2, 15, 15)),
        "closed from the closing minute"
    );
    assert!(!hours.is_open(at(2, 7, 29)));
    assert!(!hours.is_open(at(2, 20, 0)));
}

#[test]
fn friday_is_a_short_day() {
    let hours = karangasem();
    assert!(!hours.is_open(at(6, 7, 45)), "Friday opens at 08:00");
    assert!(hours.is_open(at(6, 12, 59)));
    assert!(!hours.is_open(at(6, 13, 0)), "Friday closes at 13:00");
    assert_eq!(
        working_minutes_between(at(6, 12, 0), at(6, 16, 0), &hours),
        60
    );
}

#[test]
fn the_weekend_is_skipped() {
    let hours = karangasem();
    assert!(!hours.is_open(at(7, 10, 0)), "Saturday");
    assert!(!hours.is_open(at(8, 10, 0)), "Sunday");
    assert_eq!(
        working_minutes_between(at(6, 12, 50), at(9, 8, 0), &hours),
        40,
        "Friday 12:50 to Monday 08:00 is 10 + 30 working minutes"
    );
    assert_eq!(
        working_minutes_between(at(7, 9, 0), at(8, 17, 0), &hours),
        0
    );
}

#[test]
fn minutes_are_counted_only_inside_hours() {
    let hours = karangasem();
    assert_eq!(
        working_minutes_between(at(2, 8, 30), at(2, 9, 0), &hours),
        30
    );
    assert_eq!(
        working_minutes_between(at(2, 6, 0), at(2, 8, 0), &hours),
        30
    );
    assert_eq!(
        working_minutes_between(at(2, 15, 0), at(3, 7, 45), &hours),
        30,
        "15 before Monday's close, 15 after Tuesday's opening"
    );
    assert_eq!(working_minutes_between(at(2, 9, 0), at(2, 8, 0), &hours), 0);
}

#[test]
fn the_minutes_standard_is_late_only_past_its_working_minutes() {
    let hours = karangasem();
    let standard = minutes(30);
    assert_eq!(standard.deadline(at(2, 8, 30), &hours), Some(at(2, 9, 0)));
    assert!(!standard.is_late(at(2, 8, 30), at(2, 9, 0), &hours));
    assert!(standard.is_late(at(2, 8, 30), at(2, 9, 1), &hours));
    assert_eq!(
        standard.deadline(at(6, 12, 50), &hours),
        Some(at(9, 7, 50)),
        "10 minutes on Friday, 20 on Monday"
    );
    assert!(
        !standard.is_late(at(6, 12, 50), at(8, 23, 0), &hours),
        "weekend"
    );
    assert!(standard.is_late(at(6, 12, 50), at(9, 8, 0), &hours));
}

#[test]
fn one_working_day_runs_to_the_close_of_the_next_working_day() {
    let hours = karangasem();
    let standard = working_days(1);
    assert_eq!(standard.deadline(at(2, 10, 0), &hours), Some(at(3, 15, 15)));
    assert!(!standard.is_late(at(2, 10, 0), at(3, 15, 0), &hours));
    assert!(standard.is_late(at(2, 10, 0), at(3, 15, 16), &hours));
    assert_eq!(
        standard.deadline(at(5, 14, 0), &hours),
        Some(at(6, 13, 0)),
        "a Thursday application is due by Friday's early close"
    );
    assert_eq!(
        standard.deadline(at(6, 9, 0), &hours),
        Some(at(9, 15, 15)),
        "a Friday application is due Monday, over the weekend"
    );
    assert!(!standard.is_late(at(6, 9, 0), at(8, 20, 0), &hours));
}

#[test]
fn intake_on_saturday_is_outside_hours_and_counts_from_monday() {
    let hours = karangasem();
    let waiting = Waiting::measure(at(7, 10, 0), None, at(9, 8, 0), &hours, &minutes(30));
    assert_eq!(
        waiting,
        Waiting {
            minutes: 30,
            late: false,
            outside_hours: true,
            finished: false
        }
    );
    assert_eq!(
        minutes(30).deadline(at(7, 10, 0), &hours),
        Some(at(9, 8, 0))
    );
    assert_eq!(
        working_days(1).deadline(at(7, 10, 0), &hours),
        Some(at(9, 15, 15))
    );
}

#[test]
fn a_finished_application_is_measured_to_its_last_event() {
    let hours = karangasem();
    let late = Waiting::measure(
        at(2, 8, 0),
        Some(at(2, 9, 0)),
        at(4, 12, 0),
        &hours,
        &minutes(30),
    );
    assert_eq!((late.minutes, late.late, late.finished), (60, true, true));
    let on_time = Waiting::measure(
        at(2, 8, 0),
        Some(at(2, 8, 20)),
        at(4, 12, 0),
        &hours,
        &minutes(30),
    );
    assert_eq!((on_time.minutes, on_time.late), (20, false));
}

#[test]
fn an_office_with_no_hours_has_no_deadline() {
    let closed = ServiceHours {
        monday: None,
        ..karangasem()
    };
    let none = ServiceHours::DAYS.iter().fold(closed, |mut h, (day, _)| {
        h.set(*day, None);
        h
    });
    assert_eq!(minutes(30).deadline(at(2, 8, 0), &none), None);
    assert!(!working_days(1).is_late(at(2, 8, 0), at(20, 8, 0), &none));
}

#[test]
fn spans_parse_and_print_as_typed() {
    assert_eq!(
        Span::parse(" 7.30 - 15.15 ").unwrap().to_string(),
        "07:30-15:15"
    );
    assert!(Span::parse("15:15-07:30").unwrap_err().contains("sesudah"));
    assert!(Span::parse("pagi").unwrap_err().contains("07:30-15:15"));
    let json = serde_json::to_string(&karangasem()).unwrap();
    assert!(json.contains("\"friday\":\"08:00-13:00\""), "{json}");
    assert!(json.contains("\"saturday\":null"), "{json}");
}

#[test]
fn the_clock_reads_stored_timestamps_in_their_own_offset() {
    let clock = ServiceClock::new(&Settings::default(), at(2, 9, 0));
    let waiting = clock.waiting("2026-03-02T08:00:00+08:00", None).unwrap();
    assert_eq!((waiting.minutes, waiting.late), (60, true));
    assert_eq!(clock.waiting("kemarin", None), None);
}
