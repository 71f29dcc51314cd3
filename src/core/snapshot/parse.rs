//! Turning file rows into person records on a background thread, so that reading and
//! normalising (one core) overlap with writing to SQLite (the other core).

use std::sync::mpsc::{Receiver, sync_channel};

use crate::core::Result;
use crate::core::nik::Sex;
use crate::core::snapshot::columns::{ColumnMap, Field};
use crate::core::snapshot::import::Reject;
use crate::core::snapshot::normalize;
use crate::core::snapshot::reader::{Cell, Rows};

/// Rows sent to the writer at a time.
const BATCH: usize = 4096;

/// One person row, cleaned and ready to insert.
pub struct PersonRow {
    /// Line in the file.
    pub line: u64,
    /// The NIK as a number (how it is stored).
    pub key: u64,
    /// Family card number.
    pub kk: Option<String>,
    /// Display name.
    pub name: String,
    /// Search key of the name.
    pub name_key: String,
    /// `YYYY-MM-DD`.
    pub birth_date: Option<String>,
    /// Place of birth.
    pub birth_place: Option<String>,
    /// "L" or "P".
    pub sex: Option<&'static str>,
    /// Address.
    pub address: Option<String>,
    /// Village.
    pub desa: Option<String>,
    /// District.
    pub kec: Option<String>,
    /// ID DTKS.
    pub id_dtks: Option<String>,
    /// Decile 1-10.
    pub desil: Option<i64>,
    /// Programs, comma separated.
    pub programs: Option<String>,
}

/// The outcome for one data row.
pub enum Parsed {
    /// A person to insert (subject to the duplicate check).
    Person(Box<PersonRow>),
    /// A refused row.
    Reject(Reject),
}

/// A batch of parsed rows with the reader's position.
pub struct Batch {
    /// Parsed rows, in file order.
    pub items: Vec<Parsed>,
    /// Data rows read so far (blank and totals rows excluded).
    pub rows_read: u64,
    /// Fraction of the file read.
    pub fraction: f32,
}

/// Which column holds each field.
struct Columns {
    nik: Option<usize>,
    name: Option<usize>,
    kk: Option<usize>,
    birth: Option<usize>,
    place: Option<usize>,
    sex: Option<usize>,
    address: Option<usize>,
    desa: Option<usize>,
    kec: Option<usize>,
    id_dtks: Option<usize>,
    desil: Option<usize>,
    programs: Option<usize>,
    flags: Vec<(usize, String)>,
}

impl Columns {
    fn new(map: &ColumnMap) -> Columns {
        let col = |field: Field| map.index(&field);
        Columns {
            nik: col(Field::Nik),
            name: col(Field::Name),
            kk: col(Field::Kk),
            birth: col(Field::BirthDate),
            place: col(Field::BirthPlace),
            sex: col(Field::Sex),
            address: col(Field::Address),
            desa: col(Field::Desa),
            kec: col(Field::Kec),
            id_dtks: col(Field::IdDtks),
            desil: col(Field::Desil),
            programs: col(Field::Programs),
            flags: map.flags().map(|(i, p)| (i, p.to_string())).collect(),
        }
    }

    fn parse(&self, line: u64, cells: &[Cell]) -> Parsed {
        let empty = Cell::Empty;
        let cell = |i: Option<usize>| i.and_then(|i| cells.get(i)).unwrap_or(&empty);
        let text = |i: Option<usize>| {
            let t = cell(i).as_text();
            (!t.is_empty()).then(|| t.into_owned())
        };
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
        let mut programs: Vec<String> = text(self.programs)
            .map(|t| normalize::program_list(&t))
            .unwrap_or_default();
        for (i, program) in &self.flags {
            if normalize::flag(cell(Some(*i))) && !programs.contains(program) {
                programs.push(program.clone());
            }
        }
        Parsed::Person(Box::new(PersonRow {
            line,
            key: nik.as_str().parse().unwrap_or_default(),
            kk: Some(cell(self.kk).as_text())
                .map(|k| k.trim_start_matches('\'').to_string())
                .filter(|k| !k.is_empty()),
            name_key: normalize::name_key(&name),
            name,
            birth_date: normalize::date(cell(self.birth)).map(normalize::iso_date),
            birth_place: text(self.place),
            sex: Sex::parse(&cell(self.sex).as_text()).map(Sex::code),
            address: text(self.address),
            desa: text(self.desa),
            kec: text(self.kec),
            id_dtks: text(self.id_dtks),
            desil: text(self.desil).and_then(|d| normalize::desil(&d)),
            programs: (!programs.is_empty()).then(|| programs.join(", ")),
        }))
    }
}

/// Reads and parses the remaining rows on a new thread; batches arrive on the receiver.
/// Dropping the receiver stops the thread at its next batch.
pub fn spawn(mut rows: Rows, map: &ColumnMap) -> Receiver<Result<Batch>> {
    let columns = Columns::new(map);
    let (send, receive) = sync_channel(4);
    std::thread::spawn(move || {
        let mut rows_read = 0u64;
        let mut items = Vec::with_capacity(BATCH);
        while let Some(row) = rows.next_row() {
            let (line, cells) = match row {
                Ok(row) => row,
                Err(e) => {
                    let _ = send.send(Err(e));
                    return;
                }
            };
            if cells.iter().all(Cell::is_blank) || normalize::is_totals_row(&cells) {
                continue;
            }
            rows_read += 1;
            items.push(columns.parse(line, &cells));
            if items.len() == BATCH {
                let batch = Batch {
                    items: std::mem::replace(&mut items, Vec::with_capacity(BATCH)),
                    rows_read,
                    fraction: rows.fraction(),
                };
                if send.send(Ok(batch)).is_err() {
                    return;
                }
            }
        }
        let _ = send.send(Ok(Batch {
            items,
            rows_read,
            fraction: 1.0,
        }));
    });
    receive
}
