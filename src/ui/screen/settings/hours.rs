//! The service hours and time standard as typed: one text per weekday ("07:30-15:15",
//! empty for tutup), the minutes per step, and the total ("30 menit" or "1 hari kerja"),
//! checked on "Simpan" with Indonesian messages.

use chrono::Weekday;

use crate::core::service_time::{ServiceHours, Span, TimeStandard, Total};
use crate::core::settings::Settings;

/// The largest total in minutes (one day and night).
const MAX_TOTAL_MINUTES: u32 = 1440;
/// The largest total in working days.
const MAX_TOTAL_DAYS: u32 = 30;
/// The largest standard for one step.
const MAX_STEP_MINUTES: u32 = 480;

/// A field of the hours and standard section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoursField {
    /// Minutes per step.
    StepMinutes,
    /// The total standard, "30 menit" or "1 hari kerja".
    Total,
    /// The hours of one weekday.
    Day(Weekday),
}

impl HoursField {
    /// The label above the field.
    pub fn label(self) -> &'static str {
        match self {
            HoursField::StepMinutes => "Standar per langkah (menit)",
            HoursField::Total => "Standar total (mis. 30 menit, 1 hari kerja)",
            HoursField::Day(day) => ServiceHours::DAYS
                .iter()
                .find(|(d, _)| *d == day)
                .map_or("", |(_, name)| name),
        }
    }

    /// The widget id of the field (for focus and tests): "pengaturan-jam-<nama>".
    pub fn id(self) -> String {
        let key = match self {
            HoursField::StepMinutes => "langkah",
            HoursField::Total => "total",
            HoursField::Day(_) => self.label(),
        };
        format!("pengaturan-jam-{}", key.to_lowercase())
    }
}

/// The hours and standard being edited.
#[derive(Debug, Clone, PartialEq)]
pub struct HoursDraft {
    step_minutes: String,
    total: String,
    /// Monday first, as [`ServiceHours::DAYS`].
    days: [String; 7],
}

impl HoursDraft {
    /// The draft of saved settings.
    pub fn from_settings(s: &Settings) -> HoursDraft {
        HoursDraft {
            step_minutes: s.time_standard.step_minutes.to_string(),
            total: s.time_standard.total.to_string(),
            days: ServiceHours::DAYS.map(|(day, _)| {
                s.service_hours
                    .on(day)
                    .map(|span| span.to_string())
                    .unwrap_or_default()
            }),
        }
    }

    /// The text of `field`.
    pub fn text(&self, field: HoursField) -> &str {
        match field {
            HoursField::StepMinutes => &self.step_minutes,
            HoursField::Total => &self.total,
            HoursField::Day(day) => &self.days[day.num_days_from_monday() as usize],
        }
    }

    /// Replaces the text of `field`.
    pub fn set(&mut self, field: HoursField, value: String) {
        *match field {
            HoursField::StepMinutes => &mut self.step_minutes,
            HoursField::Total => &mut self.total,
            HoursField::Day(day) => &mut self.days[day.num_days_from_monday() as usize],
        } = value;
    }

    /// The hours and standard typed, or each field's problem (in Indonesian).
    pub fn parse(&self) -> Result<(ServiceHours, TimeStandard), Vec<(HoursField, String)>> {
        let mut errors = Vec::new();
        let mut hours = Settings::default().service_hours;
        for (day, _) in ServiceHours::DAYS {
            let text = self.text(HoursField::Day(day)).trim();
            match (text.is_empty(), Span::parse(text)) {
                (true, _) => hours.set(day, None),
                (false, Ok(span)) => hours.set(day, Some(span)),
                (false, Err(problem)) => errors.push((HoursField::Day(day), problem)),
            }
        }
        if errors.is_empty()
            && ServiceHours::DAYS
                .iter()
                .all(|(d, _)| hours.on(*d).is_none())
        {
            errors.push((
                HoursField::Day(Weekday::Mon),
                "Minimal satu hari harus buka.".into(),
            ));
        }
        let step = match self.step_minutes.trim().parse::<u32>() {
            Ok(n) if (1..=MAX_STEP_MINUTES).contains(&n) => Some(n),
            Ok(_) => {
                errors.push((
                    HoursField::StepMinutes,
                    format!("Standar per langkah harus 1 sampai {MAX_STEP_MINUTES} menit."),
                ));
                None
            }
            Err(_) => {
                errors.push((HoursField::StepMinutes, "Harus angka.".into()));
                None
            }
        };
        let total = parse_total(&self.total)
            .map_err(|problem| errors.push((HoursField::Total, problem)))
            .ok();
        match (step, total) {
            (Some(step_minutes), Some(total)) if errors.is_empty() => Ok((
                hours,
                TimeStandard {
                    step_minutes,
                    total,
                },
            )),
            _ => Err(errors),
        }
    }
}

/// "30", "30 menit", "1 hari" or "1 hari kerja" (any case), within the limits.
fn parse_total(text: &str) -> Result<Total, String> {
    let text = text.trim().to_lowercase();
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let (number, unit) = text.split_at(digits);
    let wrong = || "Tulis seperti \"30 menit\" atau \"1 hari kerja\".".to_string();
    let n: u32 = number.parse().map_err(|_| wrong())?;
    let (total, max, what) = match unit.trim() {
        "" | "menit" => (Total::Minutes(n), MAX_TOTAL_MINUTES, "menit"),
        "hari" | "hari kerja" => (Total::WorkingDays(n), MAX_TOTAL_DAYS, "hari kerja"),
        _ => return Err(wrong()),
    };
    if !(1..=max).contains(&n) {
        return Err(format!("Standar total harus 1 sampai {max} {what}."));
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_round_trip() {
        let s = Settings::default();
        let draft = HoursDraft::from_settings(&s);
        assert_eq!(draft.text(HoursField::Day(Weekday::Fri)), "08:00-13:00");
        assert_eq!(draft.text(HoursField::Day(Weekday::Sat)), "");
        assert_eq!(draft.text(HoursField::Total), "30 menit");
        assert_eq!(draft.parse().unwrap(), (s.service_hours, s.time_standard));
    }

    #[test]
    fn a_working_day_standard_and_a_saturday_are_taken() {
        let mut draft = HoursDraft::from_settings(&Settings::default());
        draft.set(HoursField::Total, " 1 Hari Kerja ".into());
        draft.set(HoursField::Day(Weekday::Sat), "8.00 - 12.00".into());
        let (hours, standard) = draft.parse().unwrap();
        assert_eq!(standard.total, Total::WorkingDays(1));
        assert_eq!(hours.saturday.unwrap().to_string(), "08:00-12:00");
    }

    #[test]
    fn bad_fields_are_refused_with_their_reasons() {
        let mut draft = HoursDraft::from_settings(&Settings::default());
        draft.set(HoursField::StepMinutes, "lima".into());
        draft.set(HoursField::Total, "0 menit".into());
        draft.set(HoursField::Day(Weekday::Fri), "13:00-08:00".into());
        assert_eq!(
            draft.parse().unwrap_err(),
            [
                (
                    HoursField::Day(Weekday::Fri),
                    "Jam tutup harus sesudah jam buka.".to_string()
                ),
                (HoursField::StepMinutes, "Harus angka.".to_string()),
                (
                    HoursField::Total,
                    "Standar total harus 1 sampai 1440 menit.".to_string()
                ),
            ]
        );
        assert_eq!(
            parse_total("sehari").unwrap_err(),
            parse_total("2 jam").unwrap_err()
        );
    }

    #[test]
    fn an_office_closed_every_day_is_refused() {
        let mut draft = HoursDraft::from_settings(&Settings::default());
        for (day, _) in ServiceHours::DAYS {
            draft.set(HoursField::Day(day), " ".into());
        }
        let errors = draft.parse().unwrap_err();
        assert_eq!(
            errors,
            [(
                HoursField::Day(Weekday::Mon),
                "Minimal satu hari harus buka.".to_string()
            )]
        );
        assert_eq!(HoursField::Day(Weekday::Mon).id(), "pengaturan-jam-senin");
    }
}
