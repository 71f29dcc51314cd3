//! Verification codes for issued letters, signed with the office's own ed25519 key
//! (kept and rotated by [`crate::core::key`]).
//!
//! A code is `YYYY-NNNN-SSSSSSSSSSSSSSSS`: the letter's year and sequence, then the
//! first 16 base32 characters (80 bits) of the deterministic ed25519 signature over the
//! letter's number, NIK, name and date. Only the holder of the key can produce a matching
//! code, and the office re-signs the stored record to check one: a code whose letter
//! exists but whose signature differs is reported as forged.

use data_encoding::BASE32_NOPAD;
use ed25519_dalek::{Signer, SigningKey};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use crate::core::audit::{self, AuditAction};
use crate::core::{Result, Store, key, nik};

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
    format!(
        "{}-{:04}-{}",
        letter.year,
        letter.seq,
        &signature[..SIGNATURE_CHARS]
    )
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
    /// A letter with this number exists and the code differs from its own by one or two
    /// characters: a typing slip, not a forgery (someone without the office key cannot
    /// come that close). The letter is not shown; the code is to be typed again.
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

/// Takes the code out of what was scanned: a bare code or a URL ending in it.
pub fn extract_code(text: &str) -> String {
    text.trim()
        .trim_end_matches('/')
        .rsplit(['/', '=', ':'])
        .next()
        .unwrap_or("")
        .trim()
        .to_uppercase()
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
    let parts: Vec<&str> = code_text.split('-').collect();
    let (Some(year), Some(seq)) = (
        parts.first().and_then(|y| y.parse::<i32>().ok()),
        parts.get(1).and_then(|s| s.parse::<i64>().ok()),
    ) else {
        return Ok(answer);
    };
    if parts.len() != 3 {
        return Ok(answer);
    }
    let row = store
        .register
        .query_row(
            "SELECT number, nik, name, issued_at, status, id FROM certificate
             WHERE kind = 'surat' AND year = ?1 AND seq = ?2",
            params![year, seq],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, i64>(5)?,
                ))
            },
        )
        .optional()?;
    let Some((number, nik_text, name, issued_at, status, id)) = row else {
        return Ok(answer);
    };
    let expected = code(
        &key::key_for(store, id, &number)?,
        &Signed {
            year,
            seq,
            number: &number,
            nik: &nik_text,
            name: &name,
        },
    );
    answer.status = if expected == code_text {
        if status == "void" {
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
        answer.number = Some(number);
        answer.date = issued_at.get(..10).map(str::to_string);
        answer.nik_masked = Some(nik::mask(&nik_text));
        answer.name = Some(name);
    }
    Ok(answer)
}

/// Characters a code may differ by (missing, extra, changed or swapped) and still be
/// told as a typing slip. A forger guessing 16 base32 characters of an ed25519
/// signature gets within two of the right code with odds far below one in 10^15.
const MAX_TYPO: usize = 2;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slips_are_close_and_other_codes_are_far() {
        let right = "2026-0007-ABCDEFGHIJKLMNOP";
        assert_eq!(strsim::osa_distance(right, right), 0);
        assert_eq!(
            strsim::osa_distance(right, "2026-0007-ABCDEFGHIJKLMNO"),
            1,
            "one missing"
        );
        assert_eq!(
            strsim::osa_distance(right, "2026-0007-ABCDEFGHIJKLMNPO"),
            1,
            "two swapped"
        );
        assert_eq!(strsim::osa_distance(right, "2026-0007-ABCDEFGH1JKLMN0P"), 2);
        assert!(strsim::osa_distance(right, "2026-0007-QRSTUVWXYZ234567") > MAX_TYPO);
    }

    #[test]
    fn codes_are_deterministic_and_differ_between_offices() {
        let a = SigningKey::from_bytes(&[7u8; 32]);
        let b = SigningKey::from_bytes(&[7u8; 32]);
        let letter = Signed {
            year: 2026,
            seq: 7,
            number: "400.9/007/Dinsos/XI/2026",
            nik: "3520011705850001",
            name: "Budi Santoso",
        };
        let c = code(&a, &letter);
        assert!(c.starts_with("2026-0007-"));
        assert_eq!(c.len(), "2026-0007-".len() + SIGNATURE_CHARS);
        assert_eq!(c, code(&b, &letter));
        let other = SigningKey::from_bytes(&[8u8; 32]);
        assert_ne!(
            c,
            code(&other, &letter),
            "another office's key gives another code"
        );
    }

    #[test]
    fn a_mistyped_code_is_a_slip_and_a_made_up_one_a_forgery() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let issued = crate::core::letter::issue_certificate(
            &store,
            &crate::core::letter::issue::tests::request(),
        )
        .unwrap();
        let code = issued.verification_code.clone();
        assert_eq!(verify(&store, &code).unwrap().status, Status::Valid);
        let missing_one = &code[..code.len() - 1];
        let slip = verify(&store, missing_one).unwrap();
        assert_eq!(slip.status, Status::Typo);
        assert_eq!(slip.name, None, "nothing about the person for a wrong code");
        let made_up = format!("{}QRSTUVWXYZ234567", &code[..10]);
        assert_eq!(verify(&store, &made_up).unwrap().status, Status::Forged);
    }

    #[test]
    fn extracts_code_from_a_url() {
        assert_eq!(
            extract_code("https://dinsos.example.go.id/verifikasi/2026-0007-abcd"),
            "2026-0007-ABCD"
        );
        assert_eq!(extract_code(" 2026-0007-ABCD "), "2026-0007-ABCD");
    }
}
