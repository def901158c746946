//! The content hash of a rule set: SHA-256 over its canonical JSON form.
//!
//! The canonical form is the serialized [`RuleSetSource`] without scenarios (they test the
//! rules; they do not change a result). Struct fields serialize in declaration order and
//! maps are ordered, so the same content gives the same bytes from a folder or a bundle.

use super::source::*;
use serde::Serialize;
#[cfg(not(target_arch = "wasm32"))]
use streaming::Hashing;

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
    hex(digest(&canonical).as_ref())
}

/// Natively: streamed into the digest, without the 1.7 MB buffer (see [`Hashing`]).
#[cfg(not(target_arch = "wasm32"))]
fn digest(canonical: &Canonical) -> impl AsRef<[u8]> {
    let mut hashing = Hashing::new();
    serde_json::to_writer(&mut hashing, canonical).expect("rule-set source always serializes");
    hashing.finish()
}

/// In WebAssembly: through one buffer, the same bytes. The module serializes rule sets to
/// JSON text anyway (`Engine::bundle`, `source`), and a writer of its own would add a
/// second copy of every rule-set type's serializer (about 6 KB of the gzipped module) for
/// a load the browser does once.
#[cfg(target_arch = "wasm32")]
fn digest(canonical: &Canonical) -> impl AsRef<[u8]> {
    use sha2::{Digest, Sha256};
    Sha256::digest(serde_json::to_vec(canonical).expect("rule-set source always serializes"))
}

/// The streaming writer of the native digest.
#[cfg(not(target_arch = "wasm32"))]
mod streaming {
    use sha2::{Digest, Sha256};

    /// Bytes gathered before they are fed to the digest.
    pub(super) const CHUNK: usize = 8 * 1024;

    /// Feeds what the serializer writes to the digest in chunks: the serializer writes a few
    /// bytes at a time (a quote, a colon), and feeding the digest piece by piece cost more than
    /// the hashing; the whole canonical form in one buffer (1.7 MB for the national rules,
    /// grown by reallocation) cost allocations and copies.
    pub(super) struct Hashing {
        digest: Sha256,
        buf: [u8; CHUNK],
        len: usize,
    }

    impl Hashing {
        pub(super) fn new() -> Self {
            Hashing { digest: Sha256::new(), buf: [0; CHUNK], len: 0 }
        }

        /// The digest of everything written.
        pub(super) fn finish(mut self) -> impl AsRef<[u8]> {
            self.digest.update(&self.buf[..self.len]);
            self.digest.finalize()
        }
    }

    impl std::io::Write for Hashing {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.write_all(bytes)?;
            Ok(bytes.len())
        }

        // Inlined into the serializer, like writing to a `Vec`: it writes a few bytes at a time.
        #[inline]
        fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
            match self.buf.get_mut(self.len..self.len + bytes.len()) {
                Some(free) => {
                    free.copy_from_slice(bytes);
                    self.len += bytes.len();
                }
                None => self.spill(bytes),
            }
            Ok(())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Hashing {
        /// Feeds the buffer to the digest, then `bytes` too if they would fill it.
        #[inline(never)]
        fn spill(&mut self, bytes: &[u8]) {
            self.digest.update(&self.buf[..self.len]);
            self.len = 0;
            if bytes.len() >= CHUNK {
                self.digest.update(bytes);
            } else {
                self.buf[..bytes.len()].copy_from_slice(bytes);
                self.len = bytes.len();
            }
        }
    }
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
    use sha2::{Digest, Sha256};
    use streaming::CHUNK;

    /// The borrowed canonical form gives the bytes the whole source gives without scenarios.
    #[test]
    fn canonical_form_is_the_source_without_scenarios() {
        let source = crate::Engine::national().source().clone();
        assert!(!source.scenarios.is_empty(), "the national rules have scenarios");
        let whole = serde_json::to_vec(&RuleSetSource { scenarios: Default::default(), ..source.clone() }).unwrap();
        let expected = hex(&Sha256::digest(&whole));
        assert_eq!(content_hash(&source), expected);
    }

    /// Chunked feeding gives the digest of the bytes, whatever the sizes of the writes.
    #[test]
    fn chunks_hash_like_one_buffer() {
        use std::io::Write;
        let bytes: Vec<u8> = (0..5 * CHUNK as u32).map(|i| (i % 251) as u8).collect();
        for sizes in [&[1, 7, CHUNK - 1, 2][..], &[CHUNK, CHUNK + 1, 3], &[2 * CHUNK + 5], &[CHUNK / 3]] {
            let mut hashing = Hashing::new();
            let mut rest = &bytes[..];
            for size in sizes.iter().cycle() {
                if rest.is_empty() {
                    break;
                }
                let (now, later) = rest.split_at((*size).min(rest.len()));
                hashing.write_all(now).unwrap();
                rest = later;
            }
            assert_eq!(hashing.finish().as_ref(), &Sha256::digest(&bytes)[..], "{sizes:?}");
        }
    }
}
