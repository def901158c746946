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

/// `sha256:<hex>` of the canonical form of `source`.
pub fn content_hash(source: &RuleSetSource) -> String {
    let RuleSetSource { manifest, schema, derived, offers, rules, regions, properties, scenarios: _ } = source;
    let canonical = Canonical { manifest, schema, derived, offers, rules, regions, properties };
    // Into one buffer, then one digest: the serializer writes a few bytes at a time (a
    // quote, a colon), and feeding the digest piece by piece cost more than the hashing.
    let bytes = serde_json::to_vec(&canonical).expect("rule-set source always serializes");
    hex(&Sha256::digest(&bytes))
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
