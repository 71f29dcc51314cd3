//! The Laporan tab drawn: the period row (with the progress of a computation running),
//! the headline numbers, the export row, the charts ([`super::charts`]) and the summary
//! table. Everything scrolls.

use iced::widget::{button, column, container, progress_bar, row, scrollable, text, text_input};
use iced::{Element, Fill};

use super::charts::{charts, n};
use super::{FROM_FIELD, Message, PATH_FIELD, Preset, State, TO_FIELD};
use crate::core::report::{PeriodReport, ReportFormat, Table, tables};
use crate::ui::theme;
use crate::ui::widget::{bold, error_text, labelled, muted, section, success_text};

fn date_field<'a>(
    id: &'static str,
    value: &'a str,
    on_input: fn(String) -> Message,
) -> Element<'a, Message> {
    text_input("YYYY-MM-DD", value)
        .id(id)
        .on_input(on_input)
        .on_submit(Message::Compute)
        .padding(6)
        .width(130)
        .into()
}

/// A headline number in a small card.
fn figure<'a>(label: &'a str, value: String) -> Element<'a, Message> {
    container(column![muted(label), text(value).size(22)].spacing(2))
        .padding(10)
        .width(170)
        .style(theme::card)
        .into()
}

impl State {
    /// The tab.
    pub fn view(&self) -> Element<'_, Message> {
        let mut presets = row![].spacing(6);
        for (preset, label) in Preset::ALL {
            presets = presets.push(
                button(label)
                    .style(button::secondary)
                    .on_press(Message::Preset(preset)),
            );
        }
        let period = row![
            labelled(
                "Dari tanggal",
                date_field(FROM_FIELD, &self.from, Message::FromChanged),
                None
            ),
            labelled(
                "Sampai tanggal",
                date_field(TO_FIELD, &self.to, Message::ToChanged),
                None
            ),
            column![
                text(" "),
                row![button("Hitung").on_press(Message::Compute), presets].spacing(12)
            ],
        ]
        .spacing(12)
        .wrap();
        let mut body = column![period].spacing(12).padding(16);
        if let Some(running) = &self.computing {
            body = body.push(match running.progress {
                Some((done, total)) if total > 1 => Element::from(
                    row![
                        muted(format!("Menghitung… bulan {done} dari {total}")),
                        container(progress_bar(0.0..=total as f32, done as f32)).width(240),
                    ]
                    .spacing(12)
                    .align_y(iced::Center),
                ),
                _ => muted("Menghitung…").into(),
            });
        }
        if let Some(failure) = &self.failure {
            body = body.push(error_text(failure));
        }
        if let Some(r) = self.report.as_deref() {
            body = body.push(self.report_view(r));
        }
        scrollable(body).height(Fill).into()
    }

    fn report_view<'a>(&'a self, r: &'a PeriodReport) -> Element<'a, Message> {
        let headline = row![
            figure("Permohonan", n(r.applications)),
            figure("Surat terbit", n(r.letters_issued)),
            figure("Slip tidak terdaftar", n(r.slips)),
            figure(
                "Tepat waktu",
                r.times
                    .on_time_percent()
                    .map_or("-".into(), |p| format!("{p:.0}%"))
            ),
            figure("Pengaduan", n(r.complaints.received)),
        ]
        .spacing(8)
        .wrap();
        // The export comes before the charts, so it is at hand without scrolling (and the
        // path field is in sight when the cursor is put there).
        let mut all = column![
            bold(format!("Periode {}", r.period_label())),
            headline,
            self.export_row(),
            charts(r)
        ]
        .spacing(12);
        // The counted tables are drawn as charts; the summary stays a table.
        for t in tables(r).into_iter().filter(|t| t.title == "Ringkasan") {
            all = all.push(section(t.title, table(t)));
        }
        all.into()
    }

    fn export_row(&self) -> Element<'_, Message> {
        let mut buttons = row![].spacing(6);
        for format in ReportFormat::ALL {
            buttons = buttons.push(
                button(text(format!(
                    "Simpan {}",
                    format.extension().to_uppercase()
                )))
                .style(button::secondary)
                .on_press_maybe((!self.exporting).then_some(Message::Export(format))),
            );
        }
        // One line (no card) so the charts start on the first screen.
        let mut content = column![
            row![
                bold("Ekspor"),
                text_input(
                    "Berkas keluaran (kosong: pilih lewat dialog)",
                    &self.out_path
                )
                .id(PATH_FIELD)
                .on_input(Message::OutPathChanged)
                .padding(6)
                .width(Fill),
                buttons
            ]
            .spacing(8)
            .align_y(iced::Center)
        ]
        .spacing(6);
        match &self.notice {
            Some(Ok(done)) => content = content.push(success_text(done)),
            Some(Err(e)) => content = content.push(error_text(e)),
            None => {}
        }
        content.into()
    }
}

/// A two-column table of the report (built for the view, so owned).
fn table<'a>(t: Table) -> Element<'a, Message> {
    let header = row![
        container(bold(t.headers[0])).width(Fill),
        container(bold(t.headers[1])).width(120),
    ];
    let lines: Vec<Element<'a, Message>> = t
        .rows
        .into_iter()
        .map(|[label, value]| {
            row![
                container(text(label.display()).size(14)).width(Fill),
                container(text(value.display()).size(14)).width(120),
            ]
            .into()
        })
        .collect();
    column![header].extend(lines).spacing(3).width(Fill).into()
}
