//! The keys of the audit chain and of archive seals: HMAC-SHA256 keyed with a MAC key
//! derived from the office signing key, so the MAC key is never stored on its own.

use std::path::{Path, PathBuf};

use ed25519_dalek::SigningKey;
use hmac::{Hmac, Mac};
use rusqlite::Connection;
use sha2::Sha256;

use crate::core::key;

/// Label the MAC key is derived with (HMAC of the signing key's seed over it).
const DERIVATION_LABEL: &[u8] = b"loket-dtks/audit-mac/v1";

/// A MAC key derived from one signing key.
#[derive(Clone)]
pub(crate) struct MacKey([u8; 32]);

impl MacKey {
    /// The MAC key of `signing`: HMAC-SHA256(seed, [`DERIVATION_LABEL`]).
    pub(crate) fn derive(signing: &SigningKey) -> MacKey {
        let mut mac = new_mac(&signing.to_bytes());
        mac.update(DERIVATION_LABEL);
        MacKey(mac.finalize().into_bytes().into())
    }

    /// Lowercase hex HMAC-SHA256 of `parts`, each followed by a NUL byte.
    pub(crate) fn tag(&self, parts: &[&str]) -> String {
        let mut mac = new_mac(&self.0);
        for part in parts {
            mac.update(part.as_bytes());
            mac.update(&[0u8]);
        }
        super::hex(&mac.finalize().into_bytes())
    }

    /// Whether `tag` is [`tag`](Self::tag) of `parts` (compared in constant time).
    pub(crate) fn matches(&self, parts: &[&str], tag: &str) -> bool {
        let mut mac = new_mac(&self.0);
        for part in parts {
            mac.update(part.as_bytes());
            mac.update(&[0u8]);
        }
        let Ok(expected) = data_encoding::HEXLOWER.decode(tag.as_bytes()) else {
            return false;
        };
        mac.verify_slice(&expected).is_ok()
    }
}

fn new_mac(key: &[u8]) -> Hmac<Sha256> {
    <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes keys of any length")
}

/// The data dir of a register connection (the folder of its database file); `None` for
/// a database in memory.
pub(crate) fn data_dir(conn: &Connection) -> Option<PathBuf> {
    let path = conn.path().filter(|p| !p.is_empty())?;
    Path::new(path).parent().map(Path::to_path_buf)
}

/// The MAC key of the current signing key in `dir` (`None` before the office has one).
pub(crate) fn current(dir: &Path) -> Option<MacKey> {
    key::current(dir).as_ref().map(MacKey::derive)
}

/// The MAC keys of every signing key `dir` still holds, oldest first.
pub(crate) fn known(dir: &Path) -> Vec<MacKey> {
    key::known(dir).iter().map(MacKey::derive).collect()
}
