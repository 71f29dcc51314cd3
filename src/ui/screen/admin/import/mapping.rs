//! The column-mapping step: shown when an import could not find its NIK or NAMA column.
//! It shows the file's first rows; the admin picks the header row and, from its texts,
//! the column of each field. The import then runs again with those overrides (and the
//! core remembers them for the next file with the same header layout).

use std::fmt;

use iced::widget::{button, column, container, pick_list, row, scrollable, text};
use iced::{Element, Fill};

use super::Message;
use super::job::{Mode, mappable_fields};
use crate::core::snapshot::columns::Field;
use crate::core::snapshot::guess;
use crate::core::snapshot::header::ColumnOverride;
use crate::core::snapshot::preview::PreviewRow;
use crate::ui::widget::{bold, error_text, muted};

/// Columns of the preview shown side by side.
const COLUMNS_SHOWN: usize = 8;
/// Width of the labels in front of the pick lists.
const LABEL_WIDTH: f32 = 150.0;
/// Characters of a cell shown in the preview.
const CELL_CHARS: usize = 18;

/// One column of the header row, offered in the pick lists.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnChoice {
    /// Column index, 0-based.
    pub index: usize,
    /// The header text in that column.
    pub header: String,
}

impl fmt::Display for ColumnChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}. {}", column_letter(self.index), self.header)
    }
}

/// "A", "B", ... "Z", "AA": the spreadsheet name of column `index`.
fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut name = String::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        name.insert(0, char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    name
}

/// The mapping step's state.
#[derive(Debug)]
pub struct Mapping {
    /// Why the import was refused (the core's reason).
    pub reason: String,
    /// The first rows, once read (or why they could not be).
    pub rows: Option<Result<Vec<PreviewRow>, String>>,
    /// Line of the header row.
    pub header_line: Option<u64>,
    /// The column chosen for each field.
    pub chosen: Vec<(Field, Option<usize>)>,
    /// What is wrong with the choices, after "Impor dengan Pemetaan Ini".
    pub problem: Option<String>,
}

impl Mapping {
    /// A new step for a refused import, waiting for the file's first rows.
    pub fn new(reason: String) -> Mapping {
        Mapping {
            reason,
            rows: None,
            header_line: None,
            chosen: mappable_fields()
                .into_iter()
                .map(|(f, _)| (f, None))
                .collect(),
            problem: None,
        }
    }

    /// The first rows arrived: the header row and the NIK and name columns are chosen as
    /// their content suggests (else the first row), for the admin to confirm or change.
    pub fn previewed(&mut self, rows: Result<Vec<PreviewRow>, String>) {
        if let Ok(list) = &rows {
            self.header_line = list.first().map(|r| r.line);
            let texts: Vec<Vec<String>> = list.iter().map(|r| r.cells.clone()).collect();
            if let Some(guess) = guess::guess(&texts) {
                self.header_line = Some(list[guess.header_row].line);
                self.pick_column(Field::Nik, Some(guess.nik));
                self.pick_column(Field::Name, guess.name);
            }
        }
        self.rows = Some(rows);
    }

    /// A header row was picked: earlier column choices no longer apply.
    pub fn pick_header(&mut self, line: u64) {
        self.header_line = Some(line);
        for (_, column) in &mut self.chosen {
            *column = None;
        }
    }

    /// A column was picked for `field` (`None`: the file has no such column).
    pub fn pick_column(&mut self, field: Field, column: Option<usize>) {
        if let Some((_, chosen)) = self.chosen.iter_mut().find(|(f, _)| *f == field) {
            *chosen = column;
        }
    }

    fn header(&self) -> Option<&PreviewRow> {
        let rows = self.rows.as_ref()?.as_ref().ok()?;
        rows.iter().find(|r| Some(r.line) == self.header_line)
    }

    fn choices(&self) -> Vec<ColumnChoice> {
        self.header()
            .map(|h| {
                h.cells
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| !t.trim().is_empty())
                    .map(|(index, t)| ColumnChoice {
                        index,
                        header: t.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The overrides to import with, or the Indonesian reason they are not complete.
    pub fn overrides(&self, mode: Mode) -> Result<Vec<ColumnOverride>, String> {
        let header = self.header().ok_or("Pilih baris judul terlebih dahulu.")?;
        let mut used: Vec<usize> = Vec::new();
        let mut overrides = Vec::new();
        for ((field, column), (_, label)) in self.chosen.iter().zip(mappable_fields()) {
            let required =
                *field == Field::Nik || (*field == Field::Name && mode == Mode::Snapshot);
            let Some(index) = column else {
                if required {
                    return Err(format!("Pilih kolom untuk {label}."));
                }
                continue;
            };
            if used.contains(index) {
                return Err(format!(
                    "Kolom {} dipilih untuk lebih dari satu isian.",
                    column_letter(*index)
                ));
            }
            used.push(*index);
            overrides.push(ColumnOverride {
                field: field.clone(),
                header: header.cells.get(*index).cloned().unwrap_or_default(),
            });
        }
        Ok(overrides)
    }

    /// The first rows, the header row choice and one pick list per field.
    pub fn view(&self, mode: Mode) -> Element<'_, Message> {
        let content = column![
            error_text(self.reason.as_str()),
            muted(
                "Tentukan baris judul dan kolom mana yang berisi NIK dan Nama (isian lain boleh \
                 dikosongkan). Pemetaan ini diingat untuk berkas dengan susunan judul yang sama."
            ),
        ]
        .spacing(10);
        let rows = match &self.rows {
            None => return content.push(muted("Membaca baris pertama berkas…")).into(),
            Some(Err(e)) => return content.push(error_text(e.as_str())).into(),
            Some(Ok(rows)) => rows,
        };
        let mut actions = row![
            button(bold("Impor dengan Pemetaan Ini"))
                .padding([8, 16])
                .on_press(Message::ImportMapped),
            button("Batal")
                .padding([8, 16])
                .style(button::secondary)
                .on_press(Message::CloseMapping),
        ]
        .spacing(12)
        .align_y(iced::Center);
        if let Some(problem) = &self.problem {
            actions = actions.push(error_text(problem.as_str()));
        }
        let lines: Vec<u64> = rows.iter().map(|r| r.line).collect();
        let header_row = row![
            container(muted("Baris judul")).width(LABEL_WIDTH),
            pick_list(lines, self.header_line, Message::HeaderRowPicked)
                .padding(6)
                .width(120),
        ]
        .spacing(8)
        .align_y(iced::Center);
        content
            .push(actions)
            .push(preview_table(rows, self.header_line))
            .push(header_row)
            .push(self.fields(mode))
            .into()
    }

    /// One pick list per field, in two columns.
    fn fields(&self, mode: Mode) -> Element<'_, Message> {
        let choices = self.choices();
        let mut grid = column![].spacing(6);
        let mut pair = row![].spacing(24);
        for (n, ((field, column), (_, label))) in
            self.chosen.iter().zip(mappable_fields()).enumerate()
        {
            let selected = column.and_then(|i| choices.iter().find(|c| c.index == i).cloned());
            let picked = field.clone();
            let required =
                *field == Field::Nik || (*field == Field::Name && mode == Mode::Snapshot);
            let note: Element<'_, Message> = if required {
                muted("wajib").into()
            } else if column.is_some() {
                button("Kosongkan")
                    .style(button::text)
                    .on_press(Message::ColumnPicked(field.clone(), None))
                    .into()
            } else {
                muted("").into()
            };
            pair = pair.push(
                row![
                    container(text(label)).width(LABEL_WIDTH),
                    pick_list(choices.clone(), selected, move |c: ColumnChoice| {
                        Message::ColumnPicked(picked.clone(), Some(c.index))
                    })
                    .placeholder("Pilih kolom…")
                    .padding(6)
                    .width(280),
                    container(note).width(100),
                ]
                .spacing(8)
                .align_y(iced::Center),
            );
            if n % 2 == 1 {
                grid = grid.push(std::mem::replace(&mut pair, row![].spacing(24)));
            }
        }
        grid.push(pair).into()
    }
}

/// The first rows as a small grid, the header row in bold.
fn preview_table(rows: &[PreviewRow], header: Option<u64>) -> Element<'_, Message> {
    let widest = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let shown = widest.min(COLUMNS_SHOWN);
    let mut grid = column![].spacing(4);
    let letters = (0..shown).fold(row![container(muted("Baris")).width(60)], |r, i| {
        r.push(container(muted(column_letter(i))).width(140))
    });
    grid = grid.push(letters);
    for r in rows {
        let is_header = Some(r.line) == header;
        let mut line = row![container(text(r.line.to_string()).size(14)).width(60)];
        for i in 0..shown {
            let cell = r.cells.get(i).map(String::as_str).unwrap_or("");
            let shortened = shorten(cell);
            let t = if is_header {
                bold(shortened)
            } else {
                text(shortened)
            };
            line = line.push(container(t.size(14)).width(140));
        }
        grid = grid.push(line);
    }
    if widest > shown {
        grid = grid.push(muted(format!(
            "… dan {} kolom lainnya (tetap dapat dipilih di bawah)",
            widest - shown
        )));
    }
    scrollable(grid)
        .direction(scrollable::Direction::Horizontal(
            scrollable::Scrollbar::default(),
        ))
        .width(Fill)
        .into()
}

/// A cell cut to [`CELL_CHARS`] characters.
fn shorten(cell: &str) -> String {
    if cell.chars().count() <= CELL_CHARS {
        cell.to_string()
    } else {
        let cut: String = cell.chars().take(CELL_CHARS - 1).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_columns_like_a_spreadsheet() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
    }
}
