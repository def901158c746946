//! The content hash of a rule set: SHA-256 over its canonical JSON form.
//!
//! The canonical form is the serialized [`RuleSetSource`] without scenarios (they test the
//! rules; they do not change a result). Struct fields serialize in declaration order and
//! maps are ordered, so the same content gives the same bytes from a folder or a bundle.

use super::source::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The fields of [`RuleSetSource`] that the hash covers, borrowed and in the same order:
/// serializes to exactly the bytes of the source with its scenarios left out, without
/// copying the rule set (a copy of a 10,000-rule set cost more than hashing it).
#[derive(Serialize)]
struct Canonical<'a> {
    manifest: &'a Manifest,
    schema: &'a SchemaFile,
    derived: &'a [DerivedSource],
    offers: &'a [OfferSource],
    rules: &'a [RuleSource],
    regions: &'a [RegionSource],
    properties: &'a [PropertySource],
}

/// Feeds serialized bytes straight into the digest (no buffer of the whole canonical form).
struct DigestWriter(Sha256);

impl std::io::Write for DigestWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `sha256:<hex>` of the canonical form of `source`.
pub fn content_hash(source: &RuleSetSource) -> String {
    let RuleSetSource { manifest, schema, derived, offers, rules, regions, properties, scenarios: _ } = source;
    let canonical = Canonical { manifest, schema, derived, offers, rules, regions, properties };
    let mut writer = DigestWriter(Sha256::new());
    serde_json::to_writer(&mut writer, &canonical).expect("rule-set source always serializes");
    hex(&writer.0.finalize())
}

/// `sha256:` and the digest in lowercase hex.
fn hex(digest: &[u8]) -> String {
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for byte in digest.iter() {
        out.push(char::from_digit(u32::from(byte >> 4), 16).expect("nibble"));
        out.push(char::from_digit(u32::from(byte & 0xf), 16).expect("nibble"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The borrowed canonical form gives the bytes the whole source gives without scenarios.
    #[test]
    fn canonical_form_is_the_source_without_scenarios() {
        let source = crate::Engine::national().source().clone();
        assert!(!source.scenarios.is_empty(), "the national rules have scenarios");
        let whole = serde_json::to_vec(&RuleSetSource { scenarios: Default::default(), ..source.clone() }).unwrap();
        let expected = hex(&Sha256::digest(&whole));
        assert_eq!(content_hash(&source), expected);
    }
}
