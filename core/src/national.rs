//! The national rule set (`rules/` in the repository), built into the library.

use crate::error::RuleError;
use crate::signing::{files_digest, verify_files, PublicKey, Signature};
use crate::Engine;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/national_files.rs"));

impl Engine {
    /// The built-in national rule set. Compiled once per process, then shared. Its
    /// signature (by the repository's TEST key, made at build time) is verified at load.
    ///
    /// The built-in files are checked by the test suite, so this cannot fail at run time
    /// for a released build; [`Engine::try_national`] returns the error instead.
    pub fn national() -> Engine {
        Self::try_national().unwrap_or_else(|e| panic!("the built-in national rule set does not load:\n{e}"))
    }

    /// [`Engine::national`], with a `RuleError` instead of a panic if the built-in rules do
    /// not load (or their signature does not verify).
    pub fn try_national() -> Result<Engine, RuleError> {
        static NATIONAL: OnceLock<Engine> = OnceLock::new();
        if let Some(engine) = NATIONAL.get() {
            return Ok(engine.clone());
        }
        let engine = Self::load_national(&[PublicKey::test_key()])?;
        Ok(NATIONAL.get_or_init(|| engine).clone())
    }

    /// The built-in national rule set, refused unless its signature is by one of `trusted`.
    /// (Today it is signed by the TEST key only: see `keys/README.md`.)
    pub fn national_verified(trusted: &[PublicKey]) -> Result<Engine, RuleError> {
        national_signature(trusted)?;
        Self::try_national()
    }

    fn load_national(trusted: &[PublicKey]) -> Result<Engine, RuleError> {
        let signed_by = national_signature(trusted)?;
        Ok(Engine::from_files(Self::national_files(), "rules")?.with_signer(Some(signed_by)))
    }

    /// The built-in national rule set's files, e.g. to bundle or document them.
    pub fn national_files() -> Vec<(String, String)> {
        FILES.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect()
    }
}

fn national_signature(trusted: &[PublicKey]) -> Result<crate::signing::SignedBy, RuleError> {
    let (key_id, signer, value) = SIGNATURE;
    let signature =
        Signature { algorithm: "ed25519".into(), key_id: key_id.into(), signer: signer.into(), value: value.into() };
    verify_files(&signature, &files_digest(FILES), trusted, "rules")
}
