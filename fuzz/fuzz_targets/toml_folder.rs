//! TOML folder → load: the fuzzer's bytes replace one file of the small test rule set (the
//! first byte picks which). Never a panic; every diagnostic is located (file and line).
#![no_main]

use libfuzzer_sys::fuzz_target;
use wegwijs::Engine;

const MINI: &[(&str, &str)] = &[
    ("manifest.toml", include_str!("../../tests/fixtures/mini/manifest.toml")),
    ("schema.toml", include_str!("../../tests/fixtures/mini/schema.toml")),
    ("derived.toml", include_str!("../../tests/fixtures/mini/derived.toml")),
    ("offers.toml", include_str!("../../tests/fixtures/mini/offers.toml")),
    ("regions.toml", include_str!("../../tests/fixtures/mini/regions.toml")),
    ("rules/main.toml", include_str!("../../tests/fixtures/mini/rules/main.toml")),
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let target = usize::from(pick) % MINI.len();
    let files: Vec<(String, String)> = MINI
        .iter()
        .enumerate()
        .map(|(i, (p, t))| (p.to_string(), if i == target { text.to_string() } else { t.to_string() }))
        .collect();
    if let Err(error) = Engine::from_files(files, "mini") {
        assert!(!error.diagnostics.is_empty(), "an error without diagnostics");
        for d in &error.diagnostics {
            assert!(!d.location.file.is_empty(), "diagnostic without a file: {d:?}");
            assert!(d.location.line > 0, "diagnostic without a line: {d:?}");
        }
    }
});
