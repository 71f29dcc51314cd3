//! A byte-level pass over an XML part as it inflates, before calamine parses it: no tag,
//! text, comment or CDATA section, and no cell element as a whole, may exceed
//! [`MAX_CELL_XML`]. calamine's XML parser buffers one such token at a time and collects
//! a cell's text until the cell ends, so these two bounds bound its memory. Every end tag
//! must close the element it ends and the part must end with all of them closed:
//! calamine's ODS reader loops forever on a table that never ends, and its parser is set
//! to accept mismatched end tags. Start tags are handed to a [`Watcher`] that counts what
//! the part would cost once parsed.

use super::bounds::{MAX_CELL_XML, size};

/// Told about every start (or empty) tag of the part.
pub(super) trait Watcher {
    /// `name` is the qualified name, `tag` the whole tag from `<` to `>`, `empty` true for
    /// `<x/>`, `offset` the part's byte count just after the tag. An `Err` stops the scan
    /// with that reason.
    fn start(&mut self, name: &[u8], tag: &[u8], empty: bool, offset: u64) -> Result<(), String>;
    /// An end tag `</name>`, ending at `offset`.
    fn end(&mut self, name: &[u8], offset: u64) -> Result<(), String>;
}

/// Local names of the elements that hold one cell (XLSX `c` and `si`, ODS table cells).
const CELLS: [&[u8]; 4] = [b"c", b"si", b"table-cell", b"covered-table-cell"];

/// Deepest nesting of elements accepted (spreadsheet XML nests a dozen deep).
const MAX_DEPTH: usize = 256;

#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    Text,
    /// Inside `<…>`, with the quote character of an attribute value if inside one.
    Tag(Option<u8>),
    /// Inside a comment, CDATA, processing instruction or declaration, until `end`.
    Special(&'static [u8]),
}

/// The scanner of one part; feed it the inflated bytes in order.
pub(super) struct XmlScan {
    state: State,
    /// The current tag, from its `<`.
    tag: Vec<u8>,
    /// Bytes of the current token so far.
    token: u64,
    /// Offset where the open cell element started.
    cell_start: Option<u64>,
    offset: u64,
    /// The last bytes seen, to find a special section's end across chunks.
    recent: [u8; 3],
    /// Names of the elements open.
    open: Vec<Vec<u8>>,
}

impl XmlScan {
    /// A scanner at the start of a part.
    pub(super) fn new() -> Self {
        XmlScan {
            state: State::Text,
            tag: Vec::new(),
            token: 0,
            cell_start: None,
            offset: 0,
            recent: [0; 3],
            open: Vec::new(),
        }
    }

    /// Checks the part ended with every element closed.
    pub(super) fn finish(&self) -> Result<(), String> {
        match self.open.last() {
            _ if self.state != State::Text => Err("terpotong di tengah tag".into()),
            Some(name) => Err(format!(
                "terpotong: elemen <{}> tidak pernah ditutup",
                String::from_utf8_lossy(name)
            )),
            None => Ok(()),
        }
    }

    /// Scans the next `chunk` of the part.
    pub(super) fn feed(&mut self, chunk: &[u8], watcher: &mut dyn Watcher) -> Result<(), String> {
        if self.offset == 0 && (chunk.starts_with(b"\xFF\xFE") || chunk.starts_with(b"\xFE\xFF")) {
            return Err("ditulis dalam UTF-16, bukan UTF-8".into());
        }
        for &byte in chunk {
            self.offset += 1;
            self.token += 1;
            self.recent = [self.recent[1], self.recent[2], byte];
            match self.state {
                State::Text if byte == b'<' => {
                    self.token = 1;
                    self.tag.clear();
                    self.tag.push(byte);
                    self.state = State::Tag(None);
                }
                State::Text => {}
                State::Tag(quote) => {
                    self.tag.push(byte);
                    match (quote, byte) {
                        (None, b'"' | b'\'') => self.state = State::Tag(Some(byte)),
                        (Some(q), b) if q == b => self.state = State::Tag(None),
                        (None, b'>') => self.close_tag(watcher)?,
                        _ => self.special_start(),
                    }
                }
                State::Special(end) => {
                    if self.recent.ends_with(end) {
                        self.state = State::Text;
                        self.token = 0;
                    }
                }
            }
            if self.token > MAX_CELL_XML {
                return Err(format!(
                    "berisi tag atau teks sepanjang lebih dari {}",
                    size(MAX_CELL_XML)
                ));
            }
            if self
                .cell_start
                .is_some_and(|s| self.offset - s > MAX_CELL_XML)
            {
                return Err(format!(
                    "berisi sel yang lebih panjang dari {}",
                    size(MAX_CELL_XML)
                ));
            }
        }
        Ok(())
    }

    /// Switches to a comment, CDATA section or declaration once its opening is seen.
    fn special_start(&mut self) {
        let end: &'static [u8] = match self.tag.as_slice() {
            b"<!--" => b"-->",
            b"<![CDATA[" => b"]]>",
            b"<?" => b"?>",
            _ => return,
        };
        self.state = State::Special(end);
        self.recent = [0; 3];
    }

    fn close_tag(&mut self, watcher: &mut dyn Watcher) -> Result<(), String> {
        self.state = State::Text;
        self.token = 0;
        let tag = std::mem::take(&mut self.tag);
        let inner = &tag[1..tag.len() - 1];
        let (end, inner) = match inner.strip_prefix(b"/") {
            Some(rest) => (true, rest),
            None => (false, inner),
        };
        let empty = !end && inner.ends_with(b"/");
        let name_len = inner
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/')
            .unwrap_or(inner.len());
        let name = &inner[..name_len];
        let local = name.rsplit(|b| *b == b':').next().unwrap_or(name);
        let is_cell = CELLS.contains(&local);
        let result = if end {
            if is_cell {
                self.cell_start = None;
            }
            match self.open.pop() {
                Some(open) if open == name => watcher.end(name, self.offset),
                _ => Err(format!(
                    "rusak: </{}> tidak menutup elemen yang terbuka",
                    String::from_utf8_lossy(name)
                )),
            }
        } else if name.starts_with(b"!") {
            Ok(())
        } else {
            if is_cell && !empty && self.cell_start.is_none() {
                self.cell_start = Some(self.offset);
            }
            if !empty {
                self.open.push(name.to_vec());
                if self.open.len() > MAX_DEPTH {
                    return Err(format!("bersarang lebih dari {MAX_DEPTH} tingkat"));
                }
            }
            watcher.start(name, &tag, empty, self.offset)
        };
        self.tag = tag;
        result
    }
}

/// Counts the `si` elements of XLSX shared strings.
#[derive(Default)]
pub(super) struct CountStrings {
    /// Shared strings seen so far.
    pub(super) count: u64,
}

impl Watcher for CountStrings {
    fn start(&mut self, name: &[u8], _: &[u8], _: bool, _: u64) -> Result<(), String> {
        if name.rsplit(|b| *b == b':').next() == Some(b"si") {
            self.count += 1;
        }
        Ok(())
    }

    fn end(&mut self, _: &[u8], _: u64) -> Result<(), String> {
        Ok(())
    }
}

/// Watches nothing: only the token and cell bounds apply.
pub(super) struct Plain;

impl Watcher for Plain {
    fn start(&mut self, _: &[u8], _: &[u8], _: bool, _: u64) -> Result<(), String> {
        Ok(())
    }

    fn end(&mut self, _: &[u8], _: u64) -> Result<(), String> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(xml: &[u8], chunk: usize) -> Result<u64, String> {
        let mut scan = XmlScan::new();
        let mut strings = CountStrings::default();
        for piece in xml.chunks(chunk) {
            scan.feed(piece, &mut strings)?;
        }
        scan.finish()?;
        Ok(strings.count)
    }

    #[test]
    fn counts_strings_across_chunk_edges_and_skips_comments_and_cdata() {
        let xml = b"<?xml version=\"1.0\"?><sst><!-- <si> --><si><t>a&gt;b</t></si><x:si a='>'/><![CDATA[<si>]]></sst>";
        for chunk in [1, 2, 3, 7, 1000] {
            assert_eq!(scan(xml, chunk), Ok(2), "chunk {chunk}");
        }
    }

    #[test]
    fn unclosed_or_mismatched_elements_and_long_texts_or_cells_are_refused() {
        assert!(
            scan(b"<sst><si><t>a</t></si>", 3)
                .unwrap_err()
                .contains("<sst>")
        );
        assert!(
            scan(b"<sst><si><t>a</x></si></sst>", 3)
                .unwrap_err()
                .contains("</x>")
        );
        let mut long = b"<sst><x>".to_vec();
        long.extend(std::iter::repeat_n(b'a', (MAX_CELL_XML + 10) as usize));
        assert!(scan(&long, 4096).unwrap_err().contains("tag atau teks"));
        let mut runs = b"<sst><si>".to_vec();
        for _ in 0..(MAX_CELL_XML / 10) {
            runs.extend_from_slice(b"<r>xxxx</r>");
        }
        assert!(
            scan(&runs, 4096)
                .unwrap_err()
                .contains("sel yang lebih panjang")
        );
    }
}
