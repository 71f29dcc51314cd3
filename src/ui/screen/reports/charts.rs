//! The report's charts, two to a row: the applications by outcome and the on-time share,
//! by channel and purpose, by desa and petugas, the proposals' stages and the survey per
//! item; then the applications per day (per month on a period longer than a month).
//! Long lists show their largest lines; every line is in the exports.

use chrono::Datelike;
use iced::widget::{column, row, text};
use iced::{Color, Element};

use super::Message;
use super::chart::{Line, bar, bars};
use crate::core::letter::wording::month_name;
use crate::core::numbers::thousands;
use crate::core::report::{Count, DayCount, Outcome, PeriodReport};
use crate::core::skm::ITEMS;
use crate::ui::theme;
use crate::ui::widget::{muted, section};

/// The most lines a chart of typed names (purposes, desa, petugas) shows.
const TOP: usize = 8;
/// The longest period shown per day; a longer one is shown per month.
const DAYS_SHOWN: usize = 31;

/// A count with Indonesian thousands separators.
pub fn n(count: i64) -> String {
    let text = thousands(count.unsigned_abs());
    if count < 0 { format!("-{text}") } else { text }
}

/// The colour of an outcome's bar.
fn outcome_color(outcome: Outcome) -> Color {
    match outcome {
        Outcome::SuratTerbit => theme::SUCCESS,
        Outcome::TidakTerdaftar => theme::WARNING,
        Outcome::BerkasTidakLengkap => theme::DANGER,
        Outcome::Dibatalkan => theme::MUTED,
        Outcome::Berjalan => theme::PRIMARY,
    }
}

fn line(label: String, count: i64, color: Color) -> Line {
    Line {
        label,
        value: count as f64,
        shown: n(count),
        color,
    }
}

/// A chart of `counts` in `color`, the largest [`TOP`] lines, then how many are left out.
fn counted<'a>(counts: &[Count], color: Color) -> Element<'a, Message> {
    let lines = counts
        .iter()
        .take(TOP)
        .map(|c| line(c.label.clone(), c.count, color))
        .collect();
    let chart = bars(lines, None);
    match counts.len().saturating_sub(TOP) {
        0 => chart,
        more => column![
            chart,
            muted(format!(
                "dan {more} lainnya; semuanya ada di berkas ekspor."
            ))
        ]
        .spacing(4)
        .into(),
    }
}

/// The on-time share as a bar out of 100%, with the times in words.
fn on_time(r: &PeriodReport) -> Element<'_, Message> {
    let t = &r.times;
    let (share, words) = match t.on_time_percent() {
        Some(p) => (
            p,
            format!(
                "{} dari {} permohonan selesai dalam standar ({:.0}%).",
                n(t.on_time),
                n(t.finished),
                p
            ),
        ),
        None => (0.0, "Belum ada permohonan yang selesai.".into()),
    };
    let minutes = |m: Option<i64>| m.map_or("-".to_string(), |m| format!("{} menit", n(m)));
    column![
        muted(t.standard.clone()),
        bar(share, 100.0, theme::SUCCESS),
        text(words),
        text(format!(
            "Median {}, terlama {} (menit kerja). Masih terbuka melewati standar: {}.",
            minutes(t.median_minutes),
            minutes(t.worst_minutes),
            n(t.open_late)
        )),
    ]
    .spacing(6)
    .into()
}

/// The applications by outcome, each outcome in its colour.
fn outcomes(r: &PeriodReport) -> Element<'_, Message> {
    let lines = Outcome::ALL
        .into_iter()
        .zip(&r.by_outcome)
        .map(|(o, c)| line(c.label.clone(), c.count, outcome_color(o)))
        .collect();
    bars(lines, None)
}

/// The survey's mean per item on its 1-4 scale.
fn skm(r: &PeriodReport) -> Element<'_, Message> {
    if r.skm.respondents == 0 {
        return muted("Belum ada responden SKM pada periode ini.").into();
    }
    let lines = ITEMS
        .iter()
        .zip(r.skm.nrr)
        .map(|(item, nrr)| Line {
            label: (*item).into(),
            value: nrr,
            shown: format!("{nrr:.2}").replace('.', ","),
            color: theme::SUCCESS,
        })
        .collect();
    bars(lines, Some(4.0))
}

/// Per day, or per month when the period is longer than [`DAYS_SHOWN`] days.
fn over_time(days: &[DayCount]) -> (&'static str, Element<'_, Message>) {
    if days.len() <= DAYS_SHOWN {
        let lines = days
            .iter()
            .map(|d| {
                line(
                    d.date.format("%d-%m-%Y").to_string(),
                    d.count,
                    theme::HEADER,
                )
            })
            .collect();
        return ("Permohonan per hari", bars(lines, None));
    }
    let mut months: Vec<Line> = Vec::new();
    let mut last = None;
    for d in days {
        let month = (d.date.year(), d.date.month());
        if last != Some(month) {
            last = Some(month);
            let label = format!("{} {}", month_name(month.1), month.0);
            months.push(line(label, 0, theme::HEADER));
        }
        if let Some(current) = months.last_mut() {
            current.value += d.count as f64;
        }
    }
    for m in &mut months {
        m.shown = n(m.value as i64);
    }
    ("Permohonan per bulan", bars(months, None))
}

/// Two charts side by side, each half the width.
fn pair<'a>(left: Element<'a, Message>, right: Element<'a, Message>) -> Element<'a, Message> {
    row![left, right].spacing(12).into()
}

/// Every chart of the report.
pub fn charts(r: &PeriodReport) -> Element<'_, Message> {
    let (over_time_title, over_time) = over_time(&r.per_day);
    column![
        pair(
            section("Hasil permohonan", outcomes(r)),
            section("Selesai tepat waktu", on_time(r)),
        ),
        pair(
            section(
                "Permohonan per kanal",
                counted(&r.by_channel, theme::PRIMARY)
            ),
            section("Keperluan", counted(&r.by_purpose, theme::PRIMARY)),
        ),
        pair(
            section("Desa/Kelurahan", counted(&r.by_desa, theme::PRIMARY)),
            section("Petugas pencatat", counted(&r.by_petugas, theme::HEADER)),
        ),
        pair(
            section(
                "Tahap usulan DTKS",
                counted(&r.usulan_by_stage, theme::WARNING)
            ),
            section("SKM per unsur (skala 1-4)", skm(r)),
        ),
        section(over_time_title, over_time),
    ]
    .spacing(12)
    .into()
}
