//! What calamine would allocate for an ODS's `content.xml`, counted from its tags before
//! it is parsed. calamine reads every table of the file whole, repeating a cell
//! `number-columns-repeated` times and a row `number-rows-repeated` times; empty cells
//! at a row's end and empty rows above and below the data cost nothing. So a repeat of a
//! million is fine on an empty trailing cell (LibreOffice writes those) and refused on a
//! filled one.

use super::bounds::{MAX_COLUMNS, MAX_GRID_CELLS, MAX_REPEATED_TEXT, MAX_ROWS, number, size};
use super::xml_scan::Watcher;

/// Running count over the tables of one `content.xml`.
#[derive(Default)]
pub(super) struct OdsCount {
    /// Cells of the tables finished so far.
    cells: u64,
    /// Rows of the current table so far (with repeats).
    rows: u64,
    /// Rows spanned by the current table's data: from its first to its last filled row.
    span: Option<(u64, u64)>,
    /// Widest filled row of the current table.
    width: u64,
    /// The current row: its repeat, its cells so far, and where its last filled cell ends.
    row: Option<(u64, u64, u64)>,
    /// Text the current row's filled cells copy (XML length times repeats), and the text
    /// of the row once.
    row_text: (u64, u64),
    /// The open filled cell: where its XML starts and its repeat.
    cell: Option<(u64, u64)>,
    /// Text added by repeats in all tables so far.
    text: u64,
}

fn attribute(tag: &[u8], name: &[u8]) -> Option<u64> {
    let at = tag.windows(name.len()).position(|w| w == name)? + name.len();
    let rest = tag[at..].strip_prefix(b"=")?;
    let rest = rest.get(1..)?;
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    std::str::from_utf8(&rest[..digits])
        .ok()?
        .parse::<u64>()
        .ok()
        .or(Some(u64::MAX))
}

impl OdsCount {
    fn table_cells(&self) -> u64 {
        self.span
            .map_or(0, |(first, last)| (last - first).saturating_mul(self.width))
    }

    /// Fails once the tables so far would be past the bounds.
    pub(super) fn check(&self) -> Result<(), String> {
        let height = self.span.map_or(0, |(first, last)| last - first);
        if height > MAX_ROWS {
            return Err(format!(
                "memakai {} baris (dengan pengulangan baris); batasnya {} baris",
                number(height),
                number(MAX_ROWS)
            ));
        }
        let cells = self.cells.saturating_add(self.table_cells());
        if cells > MAX_GRID_CELLS {
            return Err(format!(
                "berisi {} sel setelah pengulangan; batasnya {} sel untuk berkas ODS/XLS \
                 (simpan sebagai .xlsx atau .csv untuk data sebesar ini)",
                number(cells),
                number(MAX_GRID_CELLS)
            ));
        }
        if self.text > MAX_REPEATED_TEXT {
            return Err(format!(
                "pengulangan sel menyalin teks sebanyak {}; batasnya {}",
                size(self.text),
                size(MAX_REPEATED_TEXT)
            ));
        }
        Ok(())
    }

    fn add_cell_text(&mut self, xml: u64, repeat: u64) {
        let (copies, once) = self.row_text;
        self.row_text = (
            copies.saturating_add(xml.saturating_mul(repeat)),
            once + xml,
        );
    }

    fn end_row(&mut self) -> Result<(), String> {
        let Some((repeat, _, filled)) = self.row.take() else {
            return Ok(());
        };
        let start = self.rows;
        self.rows = self.rows.saturating_add(repeat);
        let (copies, once) = std::mem::take(&mut self.row_text);
        let added = copies.saturating_mul(repeat).saturating_sub(once);
        self.text = self.text.saturating_add(added);
        if filled > 0 {
            let first = self.span.map_or(start, |(first, _)| first);
            self.span = Some((first, self.rows));
            self.width = self.width.max(filled);
        }
        self.check()
    }
}

impl Watcher for OdsCount {
    fn start(&mut self, name: &[u8], tag: &[u8], empty: bool, offset: u64) -> Result<(), String> {
        match name {
            b"table:table" => {
                self.cells = self.cells.saturating_add(self.table_cells());
                (self.rows, self.span, self.width, self.row) = (0, None, 0, None);
            }
            b"table:table-row" => {
                self.end_row()?;
                let repeat = attribute(tag, b"table:number-rows-repeated").unwrap_or(1);
                self.row = Some((repeat, 0, 0));
                if empty {
                    self.end_row()?;
                }
            }
            b"table:table-cell" | b"table:covered-table-cell" => {
                let repeat = attribute(tag, b"table:number-columns-repeated").unwrap_or(1);
                let filled = !empty
                    || attribute_present(tag, b"office:value-type")
                    || attribute_present(tag, b"table:formula");
                if filled && empty {
                    self.add_cell_text(tag.len() as u64, repeat);
                } else if filled {
                    self.cell = Some((offset - tag.len() as u64, repeat));
                }
                let (_, cells, last) = self.row.get_or_insert((1, 0, 0));
                *cells = cells.saturating_add(repeat);
                if filled {
                    *last = *cells;
                    if *last > MAX_COLUMNS {
                        return Err(format!(
                            "memakai kolom ke-{}; batasnya {} kolom",
                            number(*last),
                            number(MAX_COLUMNS)
                        ));
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, name: &[u8], offset: u64) -> Result<(), String> {
        match name {
            b"table:table-row" => self.end_row(),
            b"table:table-cell" | b"table:covered-table-cell" => {
                if let Some((start, repeat)) = self.cell.take() {
                    self.add_cell_text(offset - start, repeat);
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

fn attribute_present(tag: &[u8], name: &[u8]) -> bool {
    tag.windows(name.len() + 1)
        .any(|w| w.starts_with(name) && w[name.len()] == b'=')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::snapshot::reader::xml_scan::XmlScan;

    fn count(xml: &str) -> Result<u64, String> {
        let mut counter = OdsCount::default();
        let mut scan = XmlScan::new();
        scan.feed(xml.as_bytes(), &mut counter)?;
        scan.finish()?;
        counter.check()?;
        Ok(counter.cells + counter.table_cells())
    }

    const FILLED: &str =
        r#"<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>"#;

    #[test]
    fn trailing_empty_repeats_cost_nothing_filled_ones_count() {
        let libreoffice = format!(
            r#"<table:table table:name="A"><table:table-row>{FILLED}{FILLED}<table:table-cell table:number-columns-repeated="1022"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>"#
        );
        assert_eq!(count(&libreoffice), Ok(2));
        let wide = r#"<table:table><table:table-row><table:table-cell table:number-columns-repeated="321272406" office:value-type="float" office:value="1"/></table:table-row></table:table>"#;
        assert!(count(wide).unwrap_err().contains("kolom ke-321.272.406"));
        let tall = format!(
            r#"<table:table><table:table-row table:number-rows-repeated="2000000">{FILLED}</table:table-row></table:table>"#
        );
        assert!(count(&tall).unwrap_err().contains("2.000.000 baris"));
        let big = r#"<table:table><table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="10" office:value-type="float" office:value="1"/></table:table-row></table:table>"#;
        assert!(count(big).unwrap_err().contains("10.000.000 sel"));
        let long = format!(
            r#"<table:table><table:table-row table:number-rows-repeated="100"><table:table-cell table:number-columns-repeated="16000" office:value-type="string"><text:p>{}</text:p></table:table-cell></table:table-row></table:table>"#,
            "x".repeat(100)
        );
        assert!(count(&long).unwrap_err().contains("menyalin teks"));
    }
}
