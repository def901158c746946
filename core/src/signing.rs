//! Signed rule sets: Ed25519 signatures over a bundle's content hash, checked against
//! public keys the caller trusts.
//!
//! The content hash only catches accidents (anyone can edit a rule and rehash). A signature
//! says *who* vouches for the content: `wegwijs bundle --sign KEYFILE` adds one, and a
//! loader given trusted keys ([`Engine::from_bundle_verified`](crate::Engine::from_bundle_verified))
//! refuses a bundle that is unsigned, signed by another key, or edited after signing. The
//! proposal then records the signer next to the rule set's name, version and hash.
//!
//! Key files are small JSON documents (`docs/signing.md`). The built-in national rules are
//! signed at build time with the repository's TEST key (`keys/`), which proves the
//! mechanism, not an authority: its secret half is public.

use crate::error::{ArgumentError, Diagnostic, DiagnosticKind, Location, RuleError};
use ed25519_dalek::Signer as _;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The key-file format tag.
pub const KEY_FORMAT: &str = "wegwijs-key/1";
/// The only signature algorithm.
pub const ALGORITHM: &str = "ed25519";
/// Domain separation: what a bundle signature signs (then key id, signer, content hash).
const BUNDLE_CONTEXT: &str = "wegwijs-bundle-signature/1";
/// Domain separation for the built-in files (then key id, signer, files digest).
#[cfg(feature = "toml")]
const FILES_CONTEXT: &str = "wegwijs-files-signature/1";

/// Who signed a rule set: the key id and the signer's name, as the signature states them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedBy {
    /// First 16 hex digits of SHA-256 over the 32-byte public key.
    pub key_id: String,
    /// The name the key file gives its owner.
    pub signer: String,
}

/// A signature as stored in a bundle (its `signature` field).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// Always `ed25519`.
    pub algorithm: String,
    /// The signing key's id.
    pub key_id: String,
    /// The signer's name (signed too).
    pub signer: String,
    /// The 64-byte signature, hex.
    pub value: String,
}

/// A public key to trust.
#[derive(Clone, Debug)]
pub struct PublicKey {
    id: SignedBy,
    key: ed25519_dalek::VerifyingKey,
}

/// A secret signing key.
pub struct SigningKey {
    signer: String,
    key: ed25519_dalek::SigningKey,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SigningKey({} {}, secret not shown)", self.public_key().id.key_id, self.signer)
    }
}

/// A key file on disk.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyFile {
    format: String,
    /// `ed25519-public` or `ed25519-secret`.
    kind: String,
    signer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    key_id: Option<String>,
    /// 32 bytes, hex (the public key, or the secret seed).
    key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

fn key_error(what: &str, problem: impl Into<String>) -> ArgumentError {
    ArgumentError { what: what.into(), problem: problem.into() }
}

fn read_key_file(text: &str, what: &str, kind: &str) -> Result<(KeyFile, [u8; 32]), ArgumentError> {
    let file: KeyFile = serde_json::from_str(text).map_err(|e| {
        key_error(what, format!("not a Wegwijs key file (line {} column {}): {e}", e.line(), e.column()))
    })?;
    if file.format != KEY_FORMAT {
        return Err(key_error(what, format!("unsupported key format (this engine reads `{KEY_FORMAT}`)")));
    }
    if file.kind != kind {
        let hint = if kind == "ed25519-public" {
            "give the public key file (`…public.json`) to trust, never the secret one"
        } else {
            "give the secret key file (`…secret.json`) to sign"
        };
        return Err(key_error(what, format!("expected a key of kind `{kind}` ({hint})")));
    }
    let bytes =
        from_hex(&file.key).filter(|b| b.len() == 32).ok_or_else(|| key_error(what, "`key` must be 64 hex digits"))?;
    let mut key = [0u8; 32];
    key.copy_from_slice(&bytes);
    Ok((file, key))
}

impl PublicKey {
    /// Reads a public key file (`kind = "ed25519-public"`).
    pub fn from_text(text: &str) -> Result<Self, ArgumentError> {
        let what = "trusted key";
        let (file, bytes) = read_key_file(text, what, "ed25519-public")?;
        let key = ed25519_dalek::VerifyingKey::from_bytes(&bytes)
            .map_err(|_| key_error(what, "not a valid Ed25519 public key"))?;
        let key_id = key_id(&key);
        if file.key_id.as_ref().is_some_and(|stated| *stated != key_id) {
            return Err(key_error(what, format!("the stated key_id does not match the key (it is {key_id})")));
        }
        Ok(PublicKey { id: SignedBy { key_id, signer: file.signer }, key })
    }

    /// The repository's TEST key, which signs the built-in national rules. Not an authority:
    /// its secret half is in the repository (`keys/`).
    pub fn test_key() -> Self {
        Self::from_text(TEST_PUBLIC_KEY).expect("keys/test-signing-key.public.json is a valid key file")
    }

    /// The key id and signer name.
    pub fn id(&self) -> &SignedBy {
        &self.id
    }

    /// The key file text.
    pub fn to_text(&self) -> String {
        key_file_text(&KeyFile {
            format: KEY_FORMAT.into(),
            kind: "ed25519-public".into(),
            signer: self.id.signer.clone(),
            key_id: Some(self.id.key_id.clone()),
            key: to_hex(self.key.as_bytes()),
            note: None,
        })
    }
}

impl SigningKey {
    /// Reads a secret key file (`kind = "ed25519-secret"`).
    pub fn from_text(text: &str) -> Result<Self, ArgumentError> {
        let (file, seed) = read_key_file(text, "signing key", "ed25519-secret")?;
        Ok(SigningKey { signer: file.signer, key: ed25519_dalek::SigningKey::from_bytes(&seed) })
    }

    /// A key from 32 random bytes (the caller supplies the randomness: the core has no I/O).
    pub fn from_seed(seed: [u8; 32], signer: &str) -> Self {
        SigningKey { signer: signer.into(), key: ed25519_dalek::SigningKey::from_bytes(&seed) }
    }

    /// Its public half, to hand to those who should trust it.
    pub fn public_key(&self) -> PublicKey {
        let key = self.key.verifying_key();
        PublicKey { id: SignedBy { key_id: key_id(&key), signer: self.signer.clone() }, key }
    }

    /// The secret key file text (keep it secret).
    pub fn to_text(&self) -> String {
        key_file_text(&KeyFile {
            format: KEY_FORMAT.into(),
            kind: "ed25519-secret".into(),
            signer: self.signer.clone(),
            key_id: Some(self.public_key().id.key_id),
            key: to_hex(self.key.as_bytes()),
            note: None,
        })
    }

    /// Signs a rule set's content hash.
    pub(crate) fn sign_hash(&self, hash: &str) -> Signature {
        self.sign(BUNDLE_CONTEXT, hash)
    }

    fn sign(&self, context: &str, digest: &str) -> Signature {
        let id = self.public_key().id;
        let value = self.key.sign(message(context, &id.key_id, &self.signer, digest).as_bytes());
        Signature {
            algorithm: ALGORITHM.into(),
            key_id: id.key_id,
            signer: self.signer.clone(),
            value: to_hex(&value.to_bytes()),
        }
    }
}

fn key_file_text(file: &KeyFile) -> String {
    serde_json::to_string_pretty(file).expect("a key file serializes") + "\n"
}

/// The repository's TEST public key (`keys/`).
const TEST_PUBLIC_KEY: &str = include_str!("../../keys/test-signing-key.public.json");

fn key_id(key: &ed25519_dalek::VerifyingKey) -> String {
    to_hex(&Sha256::digest(key.as_bytes())[..8])
}

fn message(context: &str, key_id: &str, signer: &str, digest: &str) -> String {
    format!("{context}\n{key_id}\n{signer}\n{digest}")
}

/// The digest the built-in files' signature covers: SHA-256 over every (path, text) in
/// order, each length-prefixed. `build.rs` computes the same.
#[cfg(feature = "toml")]
pub(crate) fn files_digest(files: &[(&str, &str)]) -> String {
    let mut hasher = Sha256::new();
    for (path, text) in files {
        for part in [path.as_bytes(), text.as_bytes()] {
            hasher.update((part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
    }
    format!("sha256:{}", to_hex(&hasher.finalize()))
}

/// Checks a bundle's signature over its content `hash` against the trusted keys; on
/// success, who signed it (the key id and signer name covered by the signature).
pub(crate) fn verify_bundle(
    signature: Option<&Signature>,
    hash: &str,
    trusted: &[PublicKey],
    file: &str,
) -> Result<SignedBy, RuleError> {
    verify(BUNDLE_CONTEXT, signature, hash, trusted, file)
}

/// Checks the built-in files' signature (see [`files_digest`]).
#[cfg(feature = "toml")]
pub(crate) fn verify_files(
    signature: &Signature,
    digest: &str,
    trusted: &[PublicKey],
    file: &str,
) -> Result<SignedBy, RuleError> {
    verify(FILES_CONTEXT, Some(signature), digest, trusted, file)
}

fn verify(
    context: &str,
    signature: Option<&Signature>,
    digest: &str,
    trusted: &[PublicKey],
    file: &str,
) -> Result<SignedBy, RuleError> {
    let refuse = |message: String, hint: &str| -> RuleError {
        Diagnostic {
            kind: DiagnosticKind::Invalid,
            location: Location { file: file.into(), path: "signature".into(), ..Location::default() },
            message,
            hint: Some(hint.into()),
        }
        .into()
    };
    let Some(sig) = signature else {
        return Err(refuse(
            "the rule set is not signed, and trusted keys were given".into(),
            "sign the bundle with `wegwijs bundle --sign KEYFILE`, or load it without trusted keys",
        ));
    };
    if sig.algorithm != ALGORITHM {
        return Err(refuse(format!("unsupported signature algorithm (only `{ALGORITHM}`)"), "re-sign the bundle"));
    }
    let Some(key) = trusted.iter().find(|k| k.id.key_id == sig.key_id) else {
        let known: Vec<&str> = trusted.iter().map(|k| k.id.key_id.as_str()).collect();
        return Err(refuse(
            format!(
                "signed by key `{}` ({}), which is not trusted",
                crate::limits::echo(&sig.key_id),
                crate::limits::echo(&sig.signer)
            ),
            &format!("trusted keys: {}", known.join(", ")),
        ));
    };
    let value = from_hex(&sig.value)
        .and_then(|b| <[u8; 64]>::try_from(b.as_slice()).ok())
        .map(|b| ed25519_dalek::Signature::from_bytes(&b));
    let signed = message(context, &sig.key_id, &sig.signer, digest);
    let ok = value.is_some_and(|v| key.key.verify_strict(signed.as_bytes(), &v).is_ok());
    if !ok {
        return Err(refuse(
            format!("the signature of key `{}` does not match the rule set's content", sig.key_id),
            "the rule set was changed after it was signed: do not use it; get the signed original",
        ));
    }
    // Who signed is what was signed: the trust file only says which keys are trusted.
    Ok(SignedBy { key_id: sig.key_id.clone(), signer: sig.signer.clone() })
}

fn to_hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(char::from_digit(u32::from(byte >> 4), 16).expect("nibble"));
        out.push(char::from_digit(u32::from(byte & 0xf), 16).expect("nibble"));
    }
    out
}

fn from_hex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 || !text.is_ascii() {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_only_for_its_content_and_key() {
        let key = SigningKey::from_seed([7; 32], "Test signer");
        let other = SigningKey::from_seed([8; 32], "Other");
        let sig = key.sign_hash("sha256:aa");
        let trust = [key.public_key()];
        assert_eq!(verify_bundle(Some(&sig), "sha256:aa", &trust, "b").unwrap().signer, "Test signer");
        assert!(verify_bundle(Some(&sig), "sha256:ab", &trust, "b").is_err());
        assert!(verify_bundle(Some(&sig), "sha256:aa", &[other.public_key()], "b").is_err());
        assert!(verify_bundle(None, "sha256:aa", &trust, "b").is_err());
        let mut renamed = sig.clone();
        renamed.signer = "Someone else".into();
        assert!(verify_bundle(Some(&renamed), "sha256:aa", &trust, "b").is_err());
    }

    #[test]
    fn key_files_round_trip_and_kinds_are_not_mixed_up() {
        let key = SigningKey::from_seed([9; 32], "Round trip");
        let public = PublicKey::from_text(&key.public_key().to_text()).unwrap();
        assert_eq!(public.id(), key.public_key().id());
        let again = SigningKey::from_text(&key.to_text()).unwrap();
        assert_eq!(again.public_key().id(), key.public_key().id());
        assert!(PublicKey::from_text(&key.to_text()).unwrap_err().problem.contains("ed25519-public"));
        assert!(SigningKey::from_text(&public.to_text()).is_err());
        assert!(PublicKey::from_text("{}").is_err());
    }

    #[test]
    fn the_test_key_is_the_one_in_the_repository() {
        let secret = SigningKey::from_text(include_str!("../../keys/test-signing-key.secret.json")).unwrap();
        assert_eq!(secret.public_key().id(), PublicKey::test_key().id());
        assert!(PublicKey::test_key().id().signer.contains("TEST"));
    }
}
