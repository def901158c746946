//! Bundle JSON → load. Never a panic; a refused bundle names the bundle.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wegwijs::Engine;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Err(error) = Engine::from_bundle(text) {
        assert!(!error.diagnostics.is_empty(), "an error without diagnostics");
        for d in &error.diagnostics {
            assert_eq!(d.location.file, "<bundle>", "diagnostic not located in the bundle: {d:?}");
        }
    }
});
