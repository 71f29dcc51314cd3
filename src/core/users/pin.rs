//! PINs: 4-8 digits, stored as argon2id PHC strings (argon2's default parameters, about
//! 50 ms on a counter PC) and compared only through argon2's verify.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

use crate::core::{Error, Result};

/// Checks that `pin` is 4-8 digits.
pub fn validate_pin(pin: &str) -> Result<()> {
    if (4..=8).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(Error::Invalid("PIN harus 4 sampai 8 angka.".into()))
    }
}

/// The PHC string of a valid `pin`, with a fresh random salt.
pub(super) fn hash(pin: &str) -> Result<String> {
    validate_pin(pin)?;
    Argon2::default()
        .hash_password(pin.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| Error::Invalid(format!("PIN tidak dapat disimpan: {e}")))
}

/// True when `pin` matches the stored PHC string (false for a damaged one).
pub(super) fn matches(pin: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| {
            Argon2::default()
                .verify_password(pin.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}
