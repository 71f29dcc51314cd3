//! Tests of the settings draft: round trip, refused fields kept, number ranges.

use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
}

#[test]
fn defaults_round_trip() {
    let settings = Settings::default();
    let draft = Draft::from_settings(&settings);
    assert_eq!(draft.to_settings(&settings, today()).unwrap(), settings);
}

#[test]
fn refuses_bad_fields_and_keeps_the_text() {
    let mut draft = Draft::from_settings(&Settings::default());
    draft.set(TextField::NumberTemplate, "400.9/Dinsos/{tahun}".into());
    draft.set(TextField::Copies, "0".into());
    draft.set(TextField::Purpose, "untuk {keperluan} {salah}".into());
    draft.set(TextField::Place, "  ".into());
    let errors = draft
        .to_settings(&Settings::default(), today())
        .unwrap_err();
    let fields: Vec<TextField> = errors.iter().map(|(f, _)| *f).collect();
    assert!(fields.contains(&TextField::NumberTemplate));
    assert!(fields.contains(&TextField::Copies));
    assert!(fields.contains(&TextField::Purpose));
    assert!(fields.contains(&TextField::Place));
    assert_eq!(
        draft.text(TextField::NumberTemplate),
        "400.9/Dinsos/{tahun}"
    );
    assert_eq!(
        example_number("{nomor:03}/{bulan_romawi}/{tahun}", today()).unwrap(),
        "001/III/2026"
    );
}

#[test]
fn the_age_limit_and_repeat_window_are_whole_numbers_in_range() {
    let base = Settings::default();
    let mut draft = Draft::from_settings(&base);
    assert_eq!(draft.text(TextField::MaxSnapshotAge), "3");
    assert_eq!(draft.text(TextField::RepeatDays), "30");
    draft.set(TextField::MaxSnapshotAge, "0".into());
    draft.set(TextField::RepeatDays, "tiga puluh".into());
    let errors = draft.to_settings(&base, today()).unwrap_err();
    assert_eq!(
        errors,
        [
            (TextField::RepeatDays, "Harus angka.".to_string()),
            (
                TextField::MaxSnapshotAge,
                "Batas umur data harus 1 sampai 24.".to_string()
            ),
        ]
    );
    draft.set(TextField::MaxSnapshotAge, " 6 ".into());
    draft.set(TextField::RepeatDays, "14".into());
    let saved = draft.to_settings(&base, today()).unwrap();
    assert_eq!(
        (saved.max_snapshot_age_months, saved.repeat_window_days),
        (6, 14)
    );
}

#[test]
fn the_retention_is_zero_by_default_and_at_most_twenty_years() {
    let base = Settings::default();
    let mut draft = Draft::from_settings(&base);
    assert_eq!(draft.text(TextField::RetentionMonths), "0");
    draft.set(TextField::RetentionMonths, "241".into());
    let errors = draft.to_settings(&base, today()).unwrap_err();
    assert_eq!(
        errors,
        [(
            TextField::RetentionMonths,
            "Retensi data pribadi harus 0 sampai 240.".to_string()
        )]
    );
    draft.set(TextField::RetentionMonths, "24".into());
    assert_eq!(
        draft.to_settings(&base, today()).unwrap().retention_months,
        24
    );
}
