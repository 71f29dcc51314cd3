//! The settings form: letterhead, signatories, numbering and printing, wording; the
//! "Simpan" bar stays on top so the outcome of a save is always in sight.

use std::fmt;

use iced::widget::{button, checkbox, column, container, pick_list, row, scrollable, text_input};
use iced::{Element, Fill};

use super::draft::{TextField, example_number};
use super::hours::HoursField;
use super::{Message, State};
use crate::core::service_time::ServiceHours;
use crate::core::settings::{Paper, Source};
use crate::ui::widget::{bold, error_text, labelled, muted, section, success_text};

/// The printer a letter goes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrinterChoice {
    /// The system's default printer.
    System,
    /// A printer by its CUPS name.
    Named(String),
}

impl PrinterChoice {
    /// The printer name stored in the settings (`None` for the system default).
    pub fn name(&self) -> Option<String> {
        match self {
            PrinterChoice::System => None,
            PrinterChoice::Named(name) => Some(name.clone()),
        }
    }
}

impl fmt::Display for PrinterChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PrinterChoice::System => f.write_str("Bawaan sistem"),
            PrinterChoice::Named(name) => f.write_str(name),
        }
    }
}

/// The labels of the paper sizes.
const PAPERS: [&str; 2] = ["A4", "F4 (folio)"];

impl State {
    /// The save bar and the form.
    pub fn view(&self) -> Element<'_, Message> {
        let mut bar = row![
            button(bold("Simpan"))
                .padding([8, 24])
                .on_press(Message::Save),
            button("Batalkan Perubahan")
                .padding([8, 16])
                .style(button::secondary)
                .on_press(Message::Revert),
        ]
        .spacing(12)
        .align_y(iced::Center);
        match &self.notice {
            Some(Ok(done)) => bar = bar.push(success_text(done.as_str())),
            Some(Err(problem)) => bar = bar.push(error_text(problem.as_str())),
            None => {}
        }
        let page = row![
            column![
                section("Nomor, Sumber dan Cetak", self.numbering()),
                section("Kalimat Surat", self.wording()),
            ]
            .spacing(16)
            .width(Fill),
            column![
                section("Kop Surat", self.letterhead()),
                section("Penandatangan", self.signatories()),
                section("Jam Layanan dan Standar Waktu", self.service_time()),
                section(
                    "Berkas yang Diperiksa",
                    self.papers.view(&self.papers_errors)
                ),
                section("Data Pribadi", self.personal_data()),
            ]
            .spacing(16)
            .width(Fill),
        ]
        .spacing(16);
        column![
            container(bar).padding([12, 16]),
            scrollable(container(page).padding([0, 16])).height(Fill),
        ]
        .into()
    }

    /// One labelled text field; Enter saves.
    fn field(&self, field: TextField) -> Element<'_, Message> {
        let input = text_input("", self.draft.text(field))
            .id(field.id())
            .padding(8)
            .on_input(move |t| Message::Edited(field, t))
            .on_submit(Message::Save);
        labelled(field.label(), input, self.error(field))
    }

    /// Fields side by side, sharing the width.
    fn fields(&self, fields: &[TextField]) -> Element<'_, Message> {
        fields
            .iter()
            .fold(row![].spacing(16), |r, f| {
                r.push(container(self.field(*f)).width(Fill))
            })
            .into()
    }

    fn letterhead(&self) -> Element<'_, Message> {
        use TextField::*;
        column![
            // One long value a row (the e-mail too), so a 1024-pixel screen shows them whole.
            self.fields(&[Pemda]),
            self.fields(&[Dinas]),
            self.fields(&[Address]),
            self.fields(&[Phone, Place]),
            self.fields(&[Email]),
            bold("Logo kantor"),
            self.logo.view().map(Message::Logo),
        ]
        .spacing(12)
        .into()
    }

    fn signatories(&self) -> Element<'_, Message> {
        use TextField::*;
        column![
            bold("Kepala Dinas"),
            self.fields(&[HeadTitle, HeadName]),
            self.fields(&[HeadRank, HeadNip]),
            bold("Kepala Bidang"),
            self.fields(&[KabidTitle, KabidName]),
            self.fields(&[KabidRank, KabidNip]),
            checkbox(self.draft.signed_by_kabid)
                .label("Surat ditandatangani Kabid a.n. Kepala Dinas")
                .on_toggle(Message::SignedByKabid),
            bold("Alur layanan"),
            checkbox(self.draft.workflow.papers_step)
                .label("Petugas memeriksa berkas sebelum operator")
                .on_toggle(Message::PapersStep),
            checkbox(self.draft.workflow.paraf_step)
                .label("Kabid memaraf surat sebelum ditandatangani")
                .on_toggle(Message::ParafStep),
        ]
        .spacing(12)
        .into()
    }

    fn numbering(&self) -> Element<'_, Message> {
        let template = self.draft.text(TextField::NumberTemplate);
        let mut template_field = column![self.field(TextField::NumberTemplate)].spacing(4);
        if self.error(TextField::NumberTemplate).is_none() {
            template_field = template_field.push(match example_number(template, self.today) {
                Ok(number) => muted(format!("Contoh nomor hari ini: {number}")),
                Err(problem) => error_text(problem),
            });
        }
        let source = pick_list(
            ["DTKS", "DTSEN"],
            Some(self.draft.source.code()),
            |code: &str| Message::SourcePicked(Source::parse(code).unwrap_or_default()),
        )
        .padding(8)
        .width(Fill);
        let paper = pick_list(
            PAPERS,
            Some(match self.draft.paper {
                Paper::A4 => PAPERS[0],
                Paper::F4 => PAPERS[1],
            }),
            |label: &str| {
                Message::PaperPicked(if label == PAPERS[1] {
                    Paper::F4
                } else {
                    Paper::A4
                })
            },
        )
        .padding(8)
        .width(Fill);
        let (installed, default) = match &self.printers {
            Ok((names, default)) => (names.as_slice(), default.as_deref()),
            Err(_) => (&[][..], None),
        };
        let mut printers: Vec<PrinterChoice> = std::iter::once(PrinterChoice::System)
            .chain(installed.iter().cloned().map(PrinterChoice::Named))
            .collect();
        let selected = self
            .draft
            .printer
            .clone()
            .map_or(PrinterChoice::System, PrinterChoice::Named);
        if !printers.contains(&selected) {
            printers.push(selected.clone());
        }
        let printer = pick_list(printers, Some(selected), Message::PrinterPicked)
            .padding(8)
            .width(Fill);
        let printer_note: Element<'_, Message> = match (&self.printers, default) {
            (Err(problem), _) => {
                error_text(format!("Daftar printer tidak terbaca: {problem}")).into()
            }
            (Ok(_), Some(name)) => muted(format!("Printer bawaan sistem: {name}")).into(),
            (Ok(_), None) => muted("Belum ada printer bawaan sistem.").into(),
        };
        column![
            template_field,
            muted(
                "Isian: {nomor} atau {nomor:03} (wajib), {bulan_romawi}, {bulan}, {tahun}. \
                 Nomor dimulai lagi dari 1 setiap tahun."
            ),
            row![
                container(labelled("Sumber data", source, None)).width(Fill),
                container(labelled("Kertas", paper, None)).width(Fill),
            ]
            .spacing(16),
            row![
                container(self.field(TextField::Copies)).width(Fill),
                container(column![labelled("Printer", printer, None), printer_note].spacing(4))
                    .width(Fill),
            ]
            .spacing(16),
            self.fields(&[TextField::VerifyUrl]),
            self.fields(&[TextField::MaxSnapshotAge, TextField::RepeatDays]),
            muted(
                "Operator diberi peringatan bila data lebih tua dari batas ini (DTSEN \
                 diperbarui tiap 3 bulan); loket menampilkan permohonan dan surat NIK yang \
                 sama dalam jumlah hari ini."
            ),
            self.fields(&[TextField::DailyBackupDir]),
            muted(
                "Saat aplikasi dibuka pertama kali setiap hari, cadangan \
                 loket-cadangan-TAHUN-BULAN-TANGGAL.loket ditulis ke folder ini (mis. \
                 flashdisk /media/usb); berkas yang sudah ada tidak ditimpa."
            ),
        ]
        .spacing(12)
        .into()
    }

    /// One labelled field of the hours section; Enter saves.
    fn hours_field(&self, field: HoursField) -> Element<'_, Message> {
        let input = text_input("tutup", self.hours.text(field))
            .id(field.id())
            .padding(8)
            .on_input(move |t| Message::HoursEdited(field, t))
            .on_submit(Message::Save);
        container(labelled(field.label(), input, self.hours_error(field)))
            .width(Fill)
            .into()
    }

    fn service_time(&self) -> Element<'_, Message> {
        let days = ServiceHours::DAYS
            .chunks(4)
            .fold(column![].spacing(12), |c, chunk| {
                c.push(chunk.iter().fold(row![].spacing(16), |r, (day, _)| {
                    r.push(self.hours_field(HoursField::Day(*day)))
                }))
            });
        column![
            row![
                self.hours_field(HoursField::StepMinutes),
                self.hours_field(HoursField::Total),
            ]
            .spacing(16),
            days,
            muted(
                "Jam ditulis seperti 07:30-15:15; kosongkan untuk hari tutup. Lama menunggu \
                 dihitung hanya di dalam jam layanan; \"1 hari kerja\" berarti selesai paling \
                 lambat saat tutup pada hari kerja berikutnya."
            ),
        ]
        .spacing(12)
        .into()
    }

    fn personal_data(&self) -> Element<'_, Message> {
        column![
            self.fields(&[TextField::RetentionMonths]),
            self.retention
                .view(self.saved.retention_months)
                .map(Message::Retention),
        ]
        .spacing(12)
        .into()
    }

    fn wording(&self) -> Element<'_, Message> {
        use TextField::*;
        [Statement, Registered, Purpose, Closing, Advice]
            .into_iter()
            .fold(column![].spacing(12), |c, f| c.push(self.field(f)))
            .into()
    }
}
