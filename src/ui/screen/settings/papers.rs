//! The office's paper checklist in the settings screen: each paper's name, its short
//! code for the command line, and when it is required (always, from an age, or only
//! seen when brought). Checked on "Simpan" with the rest of the settings.

use iced::widget::{button, column, pick_list, row, text_input};
use iced::{Element, Fill};

use super::Message;
use crate::core::register::{PaperNeed, PaperRule};
use crate::ui::widget::{error_text, muted};

/// When a paper is required, as offered in the pick list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NeedChoice {
    /// From everyone.
    Always,
    /// From an age (typed beside it).
    FromAge,
    /// Never required.
    Optional,
}

impl NeedChoice {
    const ALL: [NeedChoice; 3] = [
        NeedChoice::Always,
        NeedChoice::FromAge,
        NeedChoice::Optional,
    ];
}

impl std::fmt::Display for NeedChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NeedChoice::Always => "Selalu wajib",
            NeedChoice::FromAge => "Wajib mulai usia",
            NeedChoice::Optional => "Tidak wajib",
        })
    }
}

/// An edit of the checklist.
#[derive(Debug, Clone)]
pub enum PaperEdit {
    /// The name of paper `.0` was edited.
    Name(usize, String),
    /// The code of paper `.0` was edited.
    Code(usize, String),
    /// When paper `.0` is required was chosen.
    Need(usize, NeedChoice),
    /// The age from which paper `.0` is required was edited.
    Age(usize, String),
    /// "Tambah berkas": a new empty row.
    Add,
    /// "Hapus" on paper `.0`.
    Remove(usize),
}

/// One row being edited.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    name: String,
    code: String,
    need: NeedChoice,
    age: String,
}

/// The checklist being edited.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PapersDraft {
    rows: Vec<Row>,
}

impl PapersDraft {
    /// The draft of the saved checklist.
    pub fn from_rules(rules: &[PaperRule]) -> PapersDraft {
        let rows = rules
            .iter()
            .map(|r| {
                let (need, age) = match r.need {
                    PaperNeed::Always => (NeedChoice::Always, String::new()),
                    PaperNeed::FromAge(years) => (NeedChoice::FromAge, years.to_string()),
                    PaperNeed::Optional => (NeedChoice::Optional, String::new()),
                };
                Row {
                    name: r.name.clone(),
                    code: r.code.clone(),
                    need,
                    age,
                }
            })
            .collect();
        PapersDraft { rows }
    }

    /// Applies an edit.
    pub fn edit(&mut self, edit: PaperEdit) {
        match edit {
            PaperEdit::Add => self.rows.push(Row {
                name: String::new(),
                code: String::new(),
                need: NeedChoice::Always,
                age: String::new(),
            }),
            PaperEdit::Remove(i) if i < self.rows.len() => {
                self.rows.remove(i);
            }
            PaperEdit::Remove(_) => {}
            PaperEdit::Name(i, v) => self.with(i, |r| r.name = v),
            PaperEdit::Code(i, v) => self.with(i, |r| r.code = v.to_uppercase()),
            PaperEdit::Need(i, v) => self.with(i, |r| r.need = v),
            PaperEdit::Age(i, v) => self.with(i, |r| r.age = v),
        }
    }

    fn with(&mut self, i: usize, f: impl FnOnce(&mut Row)) {
        if let Some(row) = self.rows.get_mut(i) {
            f(row);
        }
    }

    /// The checklist, or every problem in Indonesian.
    pub fn parse(&self) -> Result<Vec<PaperRule>, Vec<String>> {
        let mut errors = Vec::new();
        let mut rules: Vec<PaperRule> = Vec::new();
        for (i, row) in self.rows.iter().enumerate() {
            let n = i + 1;
            let (name, code) = (row.name.trim(), row.code.trim());
            if name.is_empty() {
                errors.push(format!("Berkas {n}: nama wajib diisi."));
            }
            if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
                errors.push(format!("Berkas {n}: kode harus huruf/angka tanpa spasi."));
            }
            if rules
                .iter()
                .any(|r| r.name.eq_ignore_ascii_case(name) || r.code == code)
            {
                errors.push(format!("Berkas {n}: nama atau kode sudah dipakai."));
            }
            let need = match row.need {
                NeedChoice::Always => PaperNeed::Always,
                NeedChoice::Optional => PaperNeed::Optional,
                NeedChoice::FromAge => match row.age.trim().parse::<u32>() {
                    Ok(age) if (1..=100).contains(&age) => PaperNeed::FromAge(age),
                    _ => {
                        errors.push(format!("Berkas {n}: usia harus 1 sampai 100 tahun."));
                        PaperNeed::Always
                    }
                },
            };
            rules.push(PaperRule {
                name: name.to_string(),
                code: code.to_string(),
                need,
            });
        }
        if rules.is_empty() {
            errors.push("Daftar berkas tidak boleh kosong.".into());
        }
        if errors.is_empty() {
            Ok(rules)
        } else {
            Err(errors)
        }
    }

    /// The rows with their fields, "Tambah berkas", and the problems found on save.
    pub fn view<'a>(&'a self, errors: &'a [String]) -> Element<'a, Message> {
        let edit = |e| Message::Papers(e);
        let mut list = column![muted(
            "Berkas yang diperiksa petugas. Berkas wajib yang tidak dibawa mengembalikan \
             permohonan, kecuali ada alasan pengecualian."
        )]
        .spacing(8);
        for (i, r) in self.rows.iter().enumerate() {
            let mut line = row![
                text_input("Nama berkas", &r.name)
                    .on_input(move |v| edit(PaperEdit::Name(i, v)))
                    .padding(6)
                    .width(Fill),
                text_input("Kode", &r.code)
                    .on_input(move |v| edit(PaperEdit::Code(i, v)))
                    .padding(6)
                    .width(110),
                pick_list(NeedChoice::ALL, Some(r.need), move |v| edit(
                    PaperEdit::Need(i, v)
                ))
                .padding(6),
            ]
            .spacing(6)
            .align_y(iced::Center);
            if r.need == NeedChoice::FromAge {
                line = line.push(
                    text_input("17", &r.age)
                        .on_input(move |v| edit(PaperEdit::Age(i, v)))
                        .padding(6)
                        .width(50),
                );
            }
            line = line.push(
                button("Hapus")
                    .style(button::secondary)
                    .on_press(edit(PaperEdit::Remove(i))),
            );
            list = list.push(line);
        }
        list = list.push(
            button("Tambah berkas")
                .style(button::secondary)
                .on_press(edit(PaperEdit::Add)),
        );
        list.extend(errors.iter().map(|e| error_text(e.as_str()).into()))
            .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::register::default_papers;

    #[test]
    fn the_default_checklist_round_trips_and_bad_rows_are_named() {
        let mut draft = PapersDraft::from_rules(&default_papers());
        assert_eq!(draft.parse().unwrap(), default_papers());
        draft.edit(PaperEdit::Add);
        draft.edit(PaperEdit::Name(5, "Surat keterangan sekolah".into()));
        draft.edit(PaperEdit::Code(5, "sekolah".into()));
        draft.edit(PaperEdit::Need(5, NeedChoice::FromAge));
        let errors = draft.parse().unwrap_err();
        assert_eq!(errors, ["Berkas 6: usia harus 1 sampai 100 tahun."]);
        draft.edit(PaperEdit::Age(5, "7".into()));
        let rules = draft.parse().unwrap();
        assert_eq!(rules[5].code, "SEKOLAH");
        assert_eq!(rules[5].need, PaperNeed::FromAge(7));
        draft.edit(PaperEdit::Code(5, "KK".into()));
        assert!(draft.parse().is_err(), "codes are unique");
        for _ in 0..6 {
            draft.edit(PaperEdit::Remove(0));
        }
        assert_eq!(
            draft.parse().unwrap_err(),
            ["Daftar berkas tidak boleh kosong."]
        );
    }
}
