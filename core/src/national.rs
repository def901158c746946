//! The national rule set (`rules/` in the repository), built into the library.

use crate::Engine;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/national_files.rs"));

impl Engine {
    /// The built-in national rule set. Compiled once per process, then shared.
    ///
    /// The built-in files are checked by the test suite, so this cannot fail at run time
    /// for a released build.
    pub fn national() -> Engine {
        static NATIONAL: OnceLock<Engine> = OnceLock::new();
        NATIONAL
            .get_or_init(|| {
                Engine::from_files(Self::national_files(), "rules")
                    .unwrap_or_else(|e| panic!("the built-in national rule set does not load:\n{e}"))
            })
            .clone()
    }

    /// The built-in national rule set's files, e.g. to bundle or document them.
    pub fn national_files() -> Vec<(String, String)> {
        FILES.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect()
    }
}
