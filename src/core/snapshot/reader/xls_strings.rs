//! The shared string table (SST) of an XLS workbook, measured without decoding it: the
//! UTF-8 size each string will take in calamine, which copies the string into every cell
//! that refers to it. Strings whose characters cross into a CONTINUE record restate
//! their character width there, as [MS-XLS] 2.5.293 describes.

use super::bounds::{MAX_SHARED_STRINGS, number};

/// The record data of an SST and its CONTINUE records, read as one stream.
struct Parts<'a> {
    parts: Vec<&'a [u8]>,
    part: usize,
    at: usize,
}

impl Parts<'_> {
    fn left(&self) -> usize {
        self.parts.get(self.part).map_or(0, |p| p.len() - self.at)
    }

    /// Moves to the next record when this one is used up; false at the end.
    fn ensure(&mut self) -> bool {
        while self.part < self.parts.len() && self.left() == 0 {
            self.part += 1;
            self.at = 0;
        }
        self.part < self.parts.len()
    }

    fn byte(&mut self) -> Option<u8> {
        if !self.ensure() {
            return None;
        }
        let b = self.parts[self.part][self.at];
        self.at += 1;
        Some(b)
    }

    fn u16(&mut self) -> Option<u32> {
        Some(u32::from(self.byte()?) | u32::from(self.byte()?) << 8)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(self.u16()? | self.u16()? << 16)
    }

    fn skip(&mut self, mut n: usize) -> Option<()> {
        while n > 0 {
            if !self.ensure() {
                return None;
            }
            let step = n.min(self.left());
            self.at += step;
            n -= step;
        }
        Some(())
    }

    /// Skips `count` characters starting `high` (two bytes each) or not; a record change
    /// inside them starts with a new width byte.
    fn skip_chars(&mut self, mut count: usize, mut high: bool) -> Option<bool> {
        let mut any_high = high;
        loop {
            let width = if high { 2 } else { 1 };
            let step = count.min(self.left() / width);
            self.at += step * width;
            count -= step;
            if count == 0 {
                return Some(any_high);
            }
            self.part += 1;
            self.at = 0;
            high = self.parts.get(self.part)?.first()? & 1 != 0;
            self.at = 1;
            any_high |= high;
        }
    }
}

/// The UTF-8 bytes each string of the SST will take (three per character of a string
/// stored with two-byte characters), from the SST record data and its CONTINUE records.
pub(super) fn string_sizes(parts: Vec<&[u8]>) -> Result<Vec<u32>, String> {
    let mut parts = Parts {
        parts,
        part: 0,
        at: 0,
    };
    let mut sizes = Vec::new();
    if parts.skip(8).is_none() {
        return Ok(sizes);
    }
    while parts.ensure() {
        let Some((cch, flags)) = parts.u16().zip(parts.byte()) else {
            break;
        };
        let runs = if flags & 0x8 != 0 {
            parts.u16()
        } else {
            Some(0)
        };
        let ext = if flags & 0x4 != 0 {
            parts.u32()
        } else {
            Some(0)
        };
        let (Some(runs), Some(ext)) = (runs, ext) else {
            break;
        };
        let Some(high) = parts.skip_chars(cch as usize, flags & 1 != 0) else {
            break;
        };
        sizes.push(if high { cch * 3 } else { cch });
        if sizes.len() as u64 > MAX_SHARED_STRINGS {
            return Err(format!(
                "berisi lebih dari {} teks bersama",
                number(MAX_SHARED_STRINGS)
            ));
        }
        if parts.skip(runs as usize * 4 + ext as usize).is_none() {
            break;
        }
    }
    Ok(sizes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_narrow_wide_rich_and_split_strings() {
        let mut sst = vec![0u8; 8];
        sst.extend_from_slice(&[3, 0, 0]);
        sst.extend_from_slice(b"abc");
        sst.extend_from_slice(&[2, 0, 1, b'x', 0, b'y', 0]);
        sst.extend_from_slice(&[1, 0, 0x8, 1, 0, b'z', 1, 2, 3, 4]);
        sst.extend_from_slice(&[4, 0, 0, b'a', b'b']);
        let cont = [1u8, b'c', 0, b'd', 0];
        assert_eq!(string_sizes(vec![&sst, &cont]), Ok(vec![3, 6, 1, 12]));
    }
}
