//! Verification codes for issued letters, signed with the office's own ed25519 key
//! (kept and rotated by [`crate::core::key`]).
//!
//! A code is `YYYY-NNNN-SSSSSSSSSSSSSSSSC`: the letter's year and sequence, then the
//! first 16 base32 characters (80 bits) of the deterministic ed25519 signature over the
//! letter's number, NIK and name, then a check character over all of it
//! ([`check_char`]). Only the holder of the key can produce a matching code, and the
//! office re-signs the stored record to check one: a code whose letter exists but whose
//! signature differs is reported as forged. A code whose check character does not match
//! was mistyped (in any part, the number included) and is reported as such without
//! looking the number up.
//!
//! Letters issued before the check character have 16-character codes; they keep
//! verifying as they were printed, the stored code telling which form a letter has.

use data_encoding::BASE32_NOPAD;
use ed25519_dalek::{Signer, SigningKey};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use crate::core::audit::{self, AuditAction};
use crate::core::{Result, Store, key, nik};

pub mod check_char;

/// Characters of the signature kept in a code.
const SIGNATURE_CHARS: usize = 16;

/// What a letter's code vouches for.
pub struct Signed<'a> {
    /// Year of the letter number.
    pub year: i32,
    /// Sequence within the year.
    pub seq: i64,
    /// Letter number.
    pub number: &'a str,
    /// NIK of the person.
    pub nik: &'a str,
    /// Name of the person.
    pub name: &'a str,
}

/// The verification code for a letter.
pub fn code(key: &SigningKey, letter: &Signed<'_>) -> String {
    let message = format!(
        "loket-dtks/v1|{}|{}|{}",
        letter.number, letter.nik, letter.name
    );
    let signature = BASE32_NOPAD.encode(&key.sign(message.as_bytes()).to_bytes());
    let body = format!(
        "{}-{:04}-{}",
        letter.year,
        letter.seq,
        &signature[..SIGNATURE_CHARS]
    );
    let check = check_char::check_char(&body).expect("digits and base32 only");
    format!("{body}{check}")
}

/// The outcome of checking a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Issued by this office and in force.
    Valid,
    /// Issued by this office, then voided.
    Void,
    /// No letter of this office has this code's number.
    Unknown,
    /// A letter with this number exists but the code was not made for it.
    Forged,
    /// A typing slip: the check character does not match the rest of the code (whatever
    /// part was mistyped, and whether or not the number exists), or a letter with this
    /// number exists and the code differs from its own by one or two characters (someone
    /// without the office key cannot come that close), e.g. a new code typed without its
    /// check character. The letter is not shown; the code is to be typed again.
    Typo,
}

impl Status {
    /// Indonesian label shown on screen.
    pub fn label(self) -> &'static str {
        match self {
            Status::Valid => "SAH",
            Status::Void => "DIBATALKAN",
            Status::Unknown => "TIDAK DIKENAL",
            Status::Forged => "PALSU",
            Status::Typo => "SALAH KETIK",
        }
    }

    /// What the status means, for the person at the counter (the window and the CLI).
    pub fn explanation(self) -> &'static str {
        match self {
            Status::Valid => "Surat ini diterbitkan oleh kantor ini dan masih berlaku.",
            Status::Void => "Surat ini pernah diterbitkan, tetapi sudah dibatalkan.",
            Status::Unknown => "Tidak ada surat kantor ini dengan kode tersebut.",
            Status::Forged => {
                "Nomor surat ada, tetapi kodenya tidak cocok: surat ini kemungkinan dipalsukan."
            }
            Status::Typo => {
                "Kode salah ketik, periksa lagi: ketik ulang kode lengkap persis seperti \
                 tercetak di bawah QR, sampai huruf terakhir. Jika sudah persis sama dan \
                 tetap salah, kode itu bukan buatan kantor ini."
            }
        }
    }
}

/// The answer of `verify` (the CLI's JSON shape).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verification {
    /// The code checked.
    pub code: String,
    /// Valid, void, unknown, forged or typo.
    pub status: Status,
    /// Letter number, when the letter is known.
    pub number: Option<String>,
    /// Date of issue, when known.
    pub date: Option<String>,
    /// NIK with the middle hidden, when known.
    pub nik_masked: Option<String>,
    /// Name, when known.
    pub name: Option<String>,
}

/// Takes the code out of what was scanned or typed: a bare code or a URL ending in it,
/// in upper case. Spaces and hyphens both separate groups, and everything after the
/// second group is the signature: `2026 0007 k3j5 q2m7…` reads `2026-0007-K3J5Q2M7…`.
pub fn extract_code(text: &str) -> String {
    let last = text
        .trim()
        .trim_end_matches('/')
        .rsplit(['/', '=', ':'])
        .next()
        .unwrap_or("")
        .to_uppercase();
    let groups: Vec<&str> = last
        .split(|c: char| c == '-' || c.is_whitespace())
        .filter(|g| !g.is_empty())
        .collect();
    match groups.as_slice() {
        [year, seq, signature @ ..] if !signature.is_empty() => {
            let signature: String = signature
                .concat()
                .chars()
                .enumerate()
                .map(|(i, c)| if i < SIGNATURE_CHARS { as_letter(c) } else { c })
                .collect();
            format!("{}-{}-{signature}", as_digits(year), as_digits(seq))
        }
        _ => groups.join("-"),
    }
}

/// The year and the sequence are digits: a letter O, I or L typed there is meant as
/// 0 or 1.
fn as_digits(group: &str) -> String {
    group
        .chars()
        .map(|c| match c {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect()
}

/// The signature is base32 (A-Z, 2-7), which has no 0, 1 or 8: typed there they are
/// the look-alike letters O, I and B. (The check character may be any of 0-9 and A-Z,
/// so it is read as typed.)
fn as_letter(c: char) -> char {
    match c {
        '0' => 'O',
        '1' => 'I',
        '8' => 'B',
        c => c,
    }
}

/// Verifikasi Surat, from the window or the CLI: checks `text` (a code or the whole QR
/// text) and logs the check by `actor` ([`AuditAction::VerifikasiSurat`], the code and
/// the status only).
pub fn check(store: &Store, text: &str, actor: &str) -> Result<Verification> {
    let answer = verify(store, text)?;
    audit::record(
        &store.register,
        actor,
        AuditAction::VerifikasiSurat,
        &answer.code,
        answer.status.label(),
        chrono::Local::now(),
    )?;
    Ok(answer)
}

/// Checks a code (or the whole QR text) against the register.
///
/// A code whose last group has 17 characters carries a check character: if it does not
/// match, the code is a slip ([`Status::Typo`]) at once. Otherwise the letter with the
/// code's year and sequence is looked up and its own code (as it was printed: with the
/// check character, or without it for letters issued before) compared: the same is
/// valid or void, one or two characters off a slip, anything else forged.
pub fn verify(store: &Store, text: &str) -> Result<Verification> {
    let code_text = extract_code(text);
    let mut answer = Verification {
        code: code_text.clone(),
        status: Status::Unknown,
        number: None,
        date: None,
        nik_masked: None,
        name: None,
    };
    let [year, seq, signature] = code_text.split('-').collect::<Vec<_>>()[..] else {
        return Ok(answer);
    };
    if signature.chars().count() == SIGNATURE_CHARS + 1 && !check_char::is_valid(&code_text) {
        answer.status = Status::Typo;
        return Ok(answer);
    }
    let (Ok(year), Ok(seq)) = (year.parse::<i32>(), seq.parse::<i64>()) else {
        return Ok(answer);
    };
    let Some(letter) = Letter::find(store, year, seq)? else {
        return Ok(answer);
    };
    let expected = letter.printed_code(store, year, seq)?;
    answer.status = if expected == code_text {
        if letter.void {
            Status::Void
        } else {
            Status::Valid
        }
    } else if strsim::osa_distance(&expected, &code_text) <= MAX_TYPO {
        Status::Typo
    } else {
        Status::Forged
    };
    if matches!(answer.status, Status::Valid | Status::Void) {
        answer.number = Some(letter.number);
        answer.date = letter.issued_at.get(..10).map(str::to_string);
        answer.nik_masked = Some(nik::mask(&letter.nik));
        answer.name = Some(letter.name);
    }
    Ok(answer)
}

/// The issued letter a code's number points to.
struct Letter {
    id: i64,
    number: String,
    nik: String,
    name: String,
    issued_at: String,
    void: bool,
    /// The code stored when the letter was issued.
    stored_code: Option<String>,
}

impl Letter {
    /// The letter of `year` and `seq`, if one was issued.
    fn find(store: &Store, year: i32, seq: i64) -> Result<Option<Letter>> {
        Ok(store
            .register
            .query_row(
                "SELECT id, number, nik, name, issued_at, status, verification_code
                 FROM certificate WHERE kind = 'surat' AND year = ?1 AND seq = ?2",
                params![year, seq],
                |r| {
                    Ok(Letter {
                        id: r.get(0)?,
                        number: r.get(1)?,
                        nik: r.get(2)?,
                        name: r.get(3)?,
                        issued_at: r.get(4)?,
                        void: r.get::<_, String>(5)? == "void",
                        stored_code: r.get(6)?,
                    })
                },
            )
            .optional()?)
    }

    /// The code printed on the letter, signed again with the key it was issued under:
    /// with the check character, unless the letter was issued before there was one (its
    /// stored code is the signed code without it).
    fn printed_code(&self, store: &Store, year: i32, seq: i64) -> Result<String> {
        let mut full = code(
            &key::key_for(store, self.id, &self.number)?,
            &Signed {
                year,
                seq,
                number: &self.number,
                nik: &self.nik,
                name: &self.name,
            },
        );
        let without_check = &full[..full.len() - 1];
        if self.stored_code.as_deref() == Some(without_check) {
            full.pop();
        }
        Ok(full)
    }
}

/// Characters a code may differ by (missing, extra, changed or swapped) and still be
/// told as a typing slip. A forger guessing 16 base32 characters of an ed25519
/// signature gets within two of the right code with odds far below one in 10^15.
const MAX_TYPO: usize = 2;

#[cfg(test)]
mod tests;
