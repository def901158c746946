//! Expression text → load (as the `when` of a rule in the small test rule set) and, when it
//! loads, `check`. Never a panic; a refused expression is located in its file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wegwijs::Engine;

const MINI: &[(&str, &str)] = &[
    ("manifest.toml", include_str!("../../tests/fixtures/mini/manifest.toml")),
    ("schema.toml", include_str!("../../tests/fixtures/mini/schema.toml")),
    ("derived.toml", include_str!("../../tests/fixtures/mini/derived.toml")),
    ("offers.toml", include_str!("../../tests/fixtures/mini/offers.toml")),
    ("regions.toml", include_str!("../../tests/fixtures/mini/regions.toml")),
];

fuzz_target!(|data: &[u8]| {
    let Ok(expr) = std::str::from_utf8(data) else { return };
    // A TOML literal string cannot hold a newline or a quote: keep the input as the expression.
    if expr.contains(['\'', '\n', '\r']) || expr.chars().any(char::is_control) {
        return;
    }
    let rule = format!(
        "[[rules]]\nid = \"fuzzed\"\nwhen = '{expr}'\nsource = \"F\"\nbecause = {{ nl = \"x\", en = \"x\" }}\nrefer = [{{ offer = \"aangifte\", urgency = \"regulier\" }}]\nregie = \"R1\"\n"
    );
    let mut files: Vec<(String, String)> = MINI.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect();
    files.push(("rules/main.toml".into(), rule));
    match Engine::from_files(files, "mini") {
        Ok(engine) => {
            if expr.len() <= 200 {
                let _ = engine.check();
            }
        }
        Err(error) => {
            for d in &error.diagnostics {
                assert!(d.location.line > 0, "diagnostic without a line: {d:?}");
                assert!(!d.location.file.is_empty(), "diagnostic without a file: {d:?}");
            }
        }
    }
});
