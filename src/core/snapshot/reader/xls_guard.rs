//! Legacy XLS (a BIFF8 workbook inside a Compound File) checked before calamine opens it.
//! calamine trusts the container's sector numbers and lengths and the sheets' declared
//! sizes: a sector number past the end, a cycle in a sector chain, or a dimension of
//! 4 billion rows makes it allocate terabytes (an abort, not an error) or loop forever.
//! So the chains it will follow are walked here first, and every sheet's declared size
//! and used area are added up against [`MAX_GRID_CELLS`], and the text its cells copy
//! (a shared string is copied into every cell that names it) against [`MAX_GRID_TEXT`].

use std::path::Path;

use super::bounds::{MAX_COLUMNS, MAX_GRID_CELLS, MAX_GRID_TEXT, number, size};
use super::xls_strings::string_sizes;
use crate::core::{Error, Result};

/// Largest XLS read (calamine holds the whole file in memory; Excel 97–2003 files stop at
/// 65,536 rows, far below this).
pub const MAX_XLS_BYTES: u64 = 256 << 20;

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const RESERVED: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;

fn u16_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_le_bytes(
        b.get(at..at + 2)?.try_into().ok()?,
    )))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// Checks the XLS at `path`; `Ok` when calamine may open it.
pub(super) fn check(path: &Path) -> Result<()> {
    let len = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    if len > MAX_XLS_BYTES {
        return Err(Error::import(
            path,
            format!(
                "berkas XLS berukuran {}; batasnya {} (simpan sebagai .xlsx atau .csv)",
                size(len),
                size(MAX_XLS_BYTES)
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let stream = workbook_stream(&bytes)
        .map_err(|e| Error::import(path, format!("berkas XLS rusak ({e})")))?;
    check_sheets(&stream).map_err(|e| Error::import(path, e))
}

/// A Compound File as calamine will read it.
struct Container<'a> {
    bytes: &'a [u8],
    sector: usize,
    sectors: u32,
    fat: Vec<u32>,
}

impl Container<'_> {
    fn sector(&self, id: u32) -> &[u8] {
        let start = (id as usize + 1) * self.sector;
        &self.bytes[start.min(self.bytes.len())..(start + self.sector).min(self.bytes.len())]
    }

    /// The sectors of the chain from `start` in `table`, which must stay below `count`
    /// and end properly, as calamine follows it without any check.
    fn chain(
        &self,
        start: u32,
        table: &[u32],
        count: u32,
    ) -> std::result::Result<Vec<u32>, String> {
        let mut ids = Vec::new();
        let mut id = start;
        while id != END_OF_CHAIN {
            if id >= count || id as usize >= table.len() || ids.len() > table.len() {
                return Err("rantai sektor rusak".into());
            }
            ids.push(id);
            id = table[id as usize];
        }
        Ok(ids)
    }

    fn read(&self, start: u32, len: usize) -> std::result::Result<Vec<u8>, String> {
        let mut data = Vec::new();
        for id in self.chain(start, &self.fat, self.sectors)? {
            data.extend_from_slice(self.sector(id));
        }
        data.truncate(len);
        Ok(data)
    }
}

/// The `Workbook` (or `Book`) stream, after checking every chain calamine follows.
fn workbook_stream(bytes: &[u8]) -> std::result::Result<Vec<u8>, String> {
    let header = bytes.get(..512).ok_or("kepala berkas terpotong")?;
    let sector = match u16_at(header, 30) {
        Some(9) => 512,
        Some(12) => 4096,
        _ => return Err("ukuran sektor tidak dikenal".into()),
    };
    let sectors = u32::try_from(bytes.len().div_ceil(sector)).map_err(|e| e.to_string())?;
    let field = |at| u32_at(header, at).unwrap_or(0);
    // calamine sizes vectors from these before reading anything (one of them from bytes
    // 62..66, an odd slice of its own); each must fit the file.
    for (at, limit) in [(40, sectors), (44, sectors), (64, sectors), (62, 1 << 24)] {
        if field(at) > limit.max(1 << 16) {
            return Err("kepala berkas menyebut ukuran di luar berkas".into());
        }
    }
    let mut difat: Vec<u32> = (0..109).map(|i| field(76 + 4 * i)).collect();
    let mut next = field(68);
    let mut container = Container {
        bytes,
        sector,
        sectors,
        fat: Vec::new(),
    };
    let mut steps = 0;
    while next < RESERVED {
        steps += 1;
        if next >= sectors || steps > sectors {
            return Err("rantai DIFAT rusak".into());
        }
        let data = container.sector(next);
        difat.extend(data.chunks_exact(4).map(|c| u32_at(c, 0).unwrap_or(0)));
        next = difat.pop().unwrap_or(END_OF_CHAIN);
    }
    let mut fat = Vec::new();
    for id in difat.into_iter().filter(|id| *id < DIFSECT) {
        if id >= sectors {
            return Err("tabel FAT menunjuk ke luar berkas".into());
        }
        let data = container.sector(id);
        fat.extend(data.chunks_exact(4).map(|c| u32_at(c, 0).unwrap_or(0)));
    }
    container.fat = fat;
    let dirs = container.read(field(48), usize::MAX)?;
    let entries: Vec<(String, u32, u64)> = dirs
        .chunks_exact(128)
        .map(|d| {
            let name: String = d[..64]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .take_while(|c| *c != 0)
                .map(|c| char::from_u32(u32::from(c)).unwrap_or('?'))
                .collect();
            let len = if sector == 512 {
                u64::from(field_of(d, 120))
            } else {
                u64::from(field_of(d, 120)) | u64::from(field_of(d, 124)) << 32
            };
            (name, field_of(d, 116), len)
        })
        .collect();
    if entries.iter().any(|(_, _, len)| *len > bytes.len() as u64) {
        return Err("panjang aliran melebihi berkas".into());
    }
    if entries
        .iter()
        .any(|(name, _, _)| name == "_VBA_PROJECT_CUR")
    {
        return Err("berisi makro VBA; simpan ulang tanpa makro sebagai .xlsx".into());
    }
    let (mini_fat, mini) = match (field(64), entries.first()) {
        (0, _) | (_, None) => (Vec::new(), Vec::new()),
        (_, Some((_, start, len))) => {
            let table = container.read(field(60), usize::MAX)?;
            let table = table
                .chunks_exact(4)
                .map(|c| u32_at(c, 0).unwrap_or(0))
                .collect();
            (table, container.read(*start, *len as usize)?)
        }
    };
    let (_, start, len) = ["Workbook", "Book"]
        .iter()
        .find_map(|wanted| entries.iter().find(|(name, _, _)| name == wanted))
        .ok_or("tidak ada aliran Workbook")?;
    if *len >= 4096 {
        return container.read(*start, *len as usize);
    }
    let count = u32::try_from(mini.len().div_ceil(64)).map_err(|e| e.to_string())?;
    let mut data = Vec::new();
    for id in container.chain(*start, &mini_fat, count)? {
        let at = id as usize * 64;
        data.extend_from_slice(&mini[at.min(mini.len())..(at + 64).min(mini.len())]);
    }
    data.truncate(*len as usize);
    Ok(data)
}

fn field_of(d: &[u8], at: usize) -> u32 {
    u32_at(d, at).unwrap_or(0)
}

/// BIFF records (type, data) of `stream` from offset `at`, until they run out.
fn records(stream: &[u8], mut at: usize) -> impl Iterator<Item = (u32, &[u8])> {
    std::iter::from_fn(move || {
        let typ = u16_at(stream, at)?;
        let len = u16_at(stream, at + 2)? as usize;
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some((typ, data))
    })
}

/// Adds up the sheets calamine will build: each declared size it reserves, each used
/// area it allocates and the text its cells copy.
fn check_sheets(stream: &[u8]) -> std::result::Result<(), String> {
    let sheets: Vec<usize> = records(stream, 0)
        .filter(|(typ, _)| *typ == 0x0085)
        .filter_map(|(_, data)| u32_at(data, 0).map(|p| p as usize))
        .filter(|p| *p < stream.len())
        .collect();
    let mut sst = Vec::new();
    for (typ, data) in records(stream, 0).skip_while(|(typ, _)| *typ != 0x00FC) {
        match (typ, sst.is_empty()) {
            (0x00FC, true) | (0x003C, false) => sst.push(data),
            _ => break,
        }
    }
    let strings = string_sizes(sst)?;
    let mut cells = 0u64;
    let mut text = 0u64;
    let mut scanned = 0u64;
    for pos in sheets {
        let mut area: Option<(u32, u32, u32, u32)> = None;
        for (typ, data) in records(stream, pos) {
            scanned += 4 + data.len() as u64;
            if scanned > 2 * stream.len() as u64 + (1 << 20) {
                return Err("berkas XLS rusak (lembar-lembarnya saling bertumpuk)".into());
            }
            text += match typ {
                0x00FD => u32_at(data, 6)
                    .and_then(|i| strings.get(i as usize))
                    .map_or(0, |n| u64::from(*n)),
                0x0204 | 0x0207 => 2 * data.len() as u64,
                _ => 0,
            };
            if text > MAX_GRID_TEXT {
                return Err(format!(
                    "berisi teks sel sebanyak lebih dari {}; batasnya {}",
                    size(text),
                    size(MAX_GRID_TEXT)
                ));
            }
            let (row, first, last) = match typ {
                0x000A => break,
                0x0200 => {
                    let reserved = declared_cells(data);
                    if reserved > MAX_GRID_CELLS {
                        return Err(too_many(reserved));
                    }
                    continue;
                }
                0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                    match (u16_at(data, 0), u16_at(data, 2)) {
                        (Some(r), Some(c)) => (r, c, c),
                        _ => continue,
                    }
                }
                0x00BD => match (u16_at(data, 0), u16_at(data, 2), data.len().checked_sub(2)) {
                    (Some(r), Some(c), Some(end)) => (r, c, u16_at(data, end).unwrap_or(c)),
                    _ => continue,
                },
                _ => continue,
            };
            if u64::from(first.max(last)) >= MAX_COLUMNS {
                return Err(format!(
                    "memakai kolom ke-{}; batasnya {} kolom",
                    number(u64::from(first.max(last)) + 1),
                    number(MAX_COLUMNS)
                ));
            }
            let (r0, r1, c0, c1) = area.unwrap_or((row, row, first, last));
            area = Some((r0.min(row), r1.max(row), c0.min(first), c1.max(last)));
        }
        if let Some((r0, r1, c0, c1)) = area {
            cells += u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1);
            if cells > MAX_GRID_CELLS {
                return Err(too_many(cells));
            }
        }
    }
    Ok(())
}

/// The cells calamine reserves for a Dimensions record (computed as it does, wrapping).
fn declared_cells(data: &[u8]) -> u64 {
    let fields = match data.len() {
        10 => (
            u16_at(data, 0),
            u16_at(data, 2),
            u16_at(data, 4),
            u16_at(data, 6),
        ),
        14 => (
            u32_at(data, 0),
            u32_at(data, 4),
            u16_at(data, 8),
            u16_at(data, 10),
        ),
        _ => return 0,
    };
    let (Some(rf), Some(rl), Some(cf), Some(cl)) = fields else {
        return 0;
    };
    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
    if rl == 0 || cl == 0 {
        return 1;
    }
    let rows = u64::from((rl - 1).wrapping_sub(rf).wrapping_add(1));
    let cols = u64::from((cl - 1).wrapping_sub(cf).wrapping_add(1));
    rows.saturating_mul(cols)
}

fn too_many(cells: u64) -> String {
    format!(
        "berisi {} sel; batasnya {} sel untuk berkas XLS (simpan sebagai .xlsx atau .csv)",
        number(cells),
        number(MAX_GRID_CELLS)
    )
}
