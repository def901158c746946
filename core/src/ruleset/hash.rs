//! The content hash of a rule set: SHA-256 over its canonical JSON form.
//!
//! The canonical form is the serialized [`RuleSetSource`] without scenarios (they test the
//! rules; they do not change a result). Struct fields serialize in declaration order and
//! maps are ordered, so the same content gives the same bytes from a folder or a bundle.

use super::source::RuleSetSource;
use sha2::{Digest, Sha256};

/// `sha256:<hex>` of the canonical form of `source`.
pub fn content_hash(source: &RuleSetSource) -> String {
    let canonical = RuleSetSource { scenarios: Vec::new(), ..source.clone() };
    let bytes = serde_json::to_vec(&canonical).expect("rule-set source always serializes");
    let digest = Sha256::digest(&bytes);
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for byte in digest.iter() {
        out.push(char::from_digit(u32::from(byte >> 4), 16).expect("nibble"));
        out.push(char::from_digit(u32::from(byte & 0xf), 16).expect("nibble"));
    }
    out
}
