//! Turning file rows into person records (on the reading thread, see [`super::reading`]).

use crate::core::nik::Sex;
use crate::core::snapshot::columns::{ColumnMap, Field, classify};
use crate::core::snapshot::evidence::Evidence;
use crate::core::snapshot::import::Reject;
use crate::core::snapshot::normalize;
use crate::core::snapshot::reader::Cell;

use crate::core::snapshot::person_row::PersonRow;

/// The outcome for one data row.
pub enum Parsed {
    /// A person to insert (subject to the duplicate check).
    Person(Box<PersonRow>),
    /// A refused row.
    Reject(Reject),
}

/// Which column holds each field.
pub struct Columns {
    nik: Option<usize>,
    name: Option<usize>,
    kk: Option<usize>,
    birth: Option<usize>,
    place: Option<usize>,
    place_date: Option<usize>,
    sex: Option<usize>,
    address: Option<usize>,
    rt: Option<usize>,
    rw: Option<usize>,
    desa: Option<usize>,
    kec: Option<usize>,
    id_dtks: Option<usize>,
    desil: Option<usize>,
    programs: Option<usize>,
    period: Option<usize>,
    flags: Vec<(usize, String)>,
}

impl Columns {
    /// The columns of a header's map.
    pub fn new(map: &ColumnMap) -> Columns {
        let col = |field: Field| map.index(&field);
        Columns {
            nik: col(Field::Nik),
            name: col(Field::Name),
            kk: col(Field::Kk),
            birth: col(Field::BirthDate),
            place: col(Field::BirthPlace),
            place_date: col(Field::BirthPlaceDate),
            sex: col(Field::Sex),
            address: col(Field::Address),
            rt: col(Field::Rt),
            rw: col(Field::Rw),
            desa: col(Field::Desa),
            kec: col(Field::Kec),
            id_dtks: col(Field::IdDtks),
            desil: col(Field::Desil),
            programs: col(Field::Programs),
            period: col(Field::Period),
            flags: map.flags().map(|(i, p)| (i, p.to_string())).collect(),
        }
    }

    /// Parses one data row found on `line`, noting what it shows about its columns.
    pub fn parse(&self, line: u64, cells: &[Cell], evidence: &mut Evidence) -> Parsed {
        let empty = Cell::Empty;
        let cell = |i: Option<usize>| i.and_then(|i| cells.get(i)).unwrap_or(&empty);
        let nik_rounded = evidence.nik.observe(cell(self.nik));
        let nik = match normalize::nik(cell(self.nik)) {
            Ok(n) => n,
            Err(reason) => return Parsed::Reject(Reject { row: line, reason }),
        };
        let name = normalize::display_name(&cell(self.name).as_text());
        if name.is_empty() {
            return Parsed::Reject(Reject {
                row: line,
                reason: "NAMA kosong".into(),
            });
        }
        let mut row = PersonRow::new(line, nik.number());
        row.suspect.nik_rounded = nik_rounded;
        row.suspect.kk_rounded = evidence.kk.observe(cell(self.kk));
        row.sex = Sex::parse(&cell(self.sex).as_text()).map(Sex::code);
        row.desil = normalize::desil(&cell(self.desil).as_text());
        row.push(cell(self.kk).as_text().trim_start_matches('\''));
        row.push(&name);
        row.push(&normalize::name_key(&name));
        let (ttl_place, ttl_date) = match self.place_date {
            Some(_) => normalize::place_and_date(&cell(self.place_date).as_text()),
            None => (None, None),
        };
        let birth_cell = cell(self.birth);
        let birth = match normalize::date(birth_cell) {
            Some(date) => {
                row.suspect.date_swapped = evidence.dates.observe(birth_cell, date, &nik);
                Some(date)
            }
            None => ttl_date,
        };
        row.push(&birth.map(normalize::iso_date).unwrap_or_default());
        let place = cell(self.place).as_text();
        row.push(if place.is_empty() {
            ttl_place.as_deref().unwrap_or_default()
        } else {
            &place
        });
        if self.rt.is_none() && self.rw.is_none() {
            row.push(&cell(self.address).as_text());
        } else {
            row.push(&self.address(cells));
        }
        for column in [self.desa, self.kec, self.id_dtks] {
            row.push(&cell(column).as_text());
        }
        self.push_programs(&mut row, cell(self.programs));
        row.push_flags(cells, &self.flags);
        Parsed::Person(Box::new(row))
    }

    /// The address, with RT/RW appended when the file keeps them in their own columns
    /// ("Dusun Krajan RT 001/RW 002").
    fn address(&self, cells: &[Cell]) -> String {
        let text = |column: Option<usize>| {
            column
                .and_then(|i| cells.get(i))
                .map(|c| c.as_text().into_owned())
                .filter(|t| !t.is_empty())
        };
        let mut address = text(self.address).unwrap_or_default();
        let parts: Vec<String> = [("RT", text(self.rt)), ("RW", text(self.rw))]
            .into_iter()
            .filter_map(|(label, value)| value.map(|v| format!("{label} {v:0>3}")))
            .collect();
        if !parts.is_empty() {
            if !address.is_empty() {
                address.push(' ');
            }
            address.push_str(&parts.join("/"));
        }
        address
    }

    /// The period in this row's PERIODE column, when the file has one and it is filled.
    pub fn period(&self, cells: &[Cell]) -> Option<String> {
        let cell = cells.get(self.period?)?;
        normalize::period(cell)
    }

    /// A header row repeated inside the data (reports printed page by page repeat it on
    /// every page): the NIK and name cells are header words again.
    pub fn is_repeated_header(&self, cells: &[Cell]) -> bool {
        let is = |column: Option<usize>, field: Field| {
            column
                .and_then(|i| cells.get(i))
                .is_some_and(|cell| classify(&cell.as_text()) == Some(field))
        };
        // Data rows (almost all of them) have a digit or an apostrophe first in the NIK
        // cell; only a word there is worth the header check.
        let starts_with_letter = self
            .nik
            .and_then(|i| cells.get(i))
            .is_some_and(|cell| cell.as_text().starts_with(char::is_alphabetic));
        starts_with_letter && is(self.nik, Field::Nik) && is(self.name, Field::Name)
    }

    fn push_programs(&self, row: &mut PersonRow, list: &Cell) {
        for program in normalize::program_list(&list.as_text()) {
            row.add_program(&program);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::snapshot::person_row::Text;

    fn parse_row(headers: &[&str], values: &[&str]) -> Parsed {
        let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
        let columns = Columns::new(&ColumnMap::from_headers(&headers));
        let cells: Vec<Cell> = values.iter().map(|v| Cell::Text(v.to_string())).collect();
        columns.parse(7, &cells, &mut Evidence::default())
    }

    #[test]
    fn packs_every_column_and_merges_program_flags_into_the_list() {
        let headers = [
            "NIK",
            "NAMA",
            "NO KK",
            "TGL LAHIR",
            "DESA",
            "PROGRAM",
            "PKH",
            "BPNT",
            "DESIL",
        ];
        let values = [
            "'3520011705850001",
            " Ma'ruf  Amin ",
            "'3520010101010001",
            "17/05/1985",
            "",
            "pkh, PBI-JK",
            "YA",
            "Ya",
            "Desil 3",
        ];
        let Parsed::Person(row) = parse_row(&headers, &values) else {
            panic!("the row must parse");
        };
        assert_eq!((row.line, row.key), (7, 3520011705850001));
        assert_eq!(row.text(Text::Kk), Some("3520010101010001"));
        assert_eq!(row.text(Text::Name), Some("Ma'ruf Amin"));
        assert_eq!(row.text(Text::NameKey), Some("maruf amin"));
        assert_eq!(row.text(Text::BirthDate), Some("1985-05-17"));
        assert_eq!(row.text(Text::Desa), None);
        assert_eq!(row.text(Text::Address), None);
        assert_eq!(row.text(Text::Programs), Some("PKH, PBI JK, BPNT"));
        assert_eq!(row.desil, Some(3));
    }

    #[test]
    fn a_combined_place_and_date_column_fills_both() {
        let Parsed::Person(row) = parse_row(
            &["NIK", "NAMA", "TEMPAT/TGL LAHIR"],
            &["3520011705850001", "Budi", "MAGETAN, 17-05-1985"],
        ) else {
            panic!("the row must parse");
        };
        assert_eq!(row.text(Text::BirthPlace), Some("MAGETAN"));
        assert_eq!(row.text(Text::BirthDate), Some("1985-05-17"));
    }

    #[test]
    fn rt_and_rw_columns_join_the_address() {
        let headers = ["NIK", "NAMA", "ALAMAT", "RT", "RW"];
        let Parsed::Person(row) = parse_row(
            &headers,
            &["3520011705850001", "Budi", "Dusun Krajan", "1", "02"],
        ) else {
            panic!("the row must parse");
        };
        assert_eq!(row.text(Text::Address), Some("Dusun Krajan RT 001/RW 002"));
        let Parsed::Person(row) = parse_row(&headers, &["3520011705850001", "Budi", "", "", "3"])
        else {
            panic!("the row must parse");
        };
        assert_eq!(row.text(Text::Address), Some("RW 003"));
    }

    #[test]
    fn a_row_without_programs_has_none() {
        let Parsed::Person(row) = parse_row(
            &["NIK", "NAMA", "PKH"],
            &["3520011705850001", "Budi", "TIDAK"],
        ) else {
            panic!("the row must parse");
        };
        assert_eq!(row.text(Text::Programs), None);
        assert_eq!(row.text(Text::Kk), None);
    }

    #[test]
    fn a_header_repeated_on_every_page_is_recognised() {
        let headers: Vec<String> = ["No", "NIK", "Nama"]
            .iter()
            .map(|h| h.to_string())
            .collect();
        let columns = Columns::new(&ColumnMap::from_headers(&headers));
        let row = |values: [&str; 3]| -> Vec<Cell> {
            values.iter().map(|v| Cell::Text(v.to_string())).collect()
        };
        assert!(columns.is_repeated_header(&row(["No.", "N I K", "NAMA"])));
        assert!(!columns.is_repeated_header(&row(["1", "3520011705850001", "Nama"])));
    }

    #[test]
    fn a_row_without_a_name_is_rejected() {
        let Parsed::Reject(reject) = parse_row(&["NIK", "NAMA"], &["3520011705850001", "  "])
        else {
            panic!("the row must be refused");
        };
        assert_eq!((reject.row, reject.reason.as_str()), (7, "NAMA kosong"));
    }
}
