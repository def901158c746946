//! The built-in national rules, embedded by `build.rs` as a compact JSON bundle.

use serde_json::Value;
use wegwijs::error::{Diagnostic, DiagnosticKind, Location, RuleError};

/// The bundle, or `{"load_error": [...]}` when the rules did not load at build time.
const NATIONAL: &str = include_str!(concat!(env!("OUT_DIR"), "/national.json"));

/// Loads the embedded national rules and verifies their signature (the repository's TEST
/// key, as in the core's `Engine::national()`).
pub(crate) fn load() -> Result<wegwijs::Engine, RuleError> {
    if NATIONAL.starts_with("{\"load_error\"") {
        return Err(build_time_error());
    }
    wegwijs::Engine::from_bundle_verified(NATIONAL, &[wegwijs::signing::PublicKey::test_key()])
}

/// The diagnostics `build.rs` recorded, as the `RuleError` the core gave then.
fn build_time_error() -> RuleError {
    let value: Value = serde_json::from_str(NATIONAL).unwrap_or(Value::Null);
    let text = |d: &Value, k: &str| d.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
    let num = |d: &Value, k: &str| d.get(k).and_then(Value::as_u64).unwrap_or(0) as usize;
    let mut diagnostics: Vec<Diagnostic> = value
        .get("load_error")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|d| Diagnostic {
            kind: kind(&text(d, "kind")),
            location: Location {
                file: text(d, "file"),
                line: num(d, "line"),
                column: num(d, "column"),
                path: text(d, "path"),
                snippet: text(d, "snippet"),
            },
            message: text(d, "message"),
            hint: d.get("hint").and_then(Value::as_str).map(str::to_string),
        })
        .collect();
    if diagnostics.is_empty() {
        diagnostics.push(Diagnostic {
            kind: DiagnosticKind::Invalid,
            location: Location { file: "rules".into(), ..Location::default() },
            message: "the built-in national rule set did not load when this module was built".into(),
            hint: Some("run `wegwijs check rules` and rebuild".into()),
        });
    }
    RuleError { diagnostics }
}

fn kind(name: &str) -> DiagnosticKind {
    match name {
        "Io" => DiagnosticKind::Io,
        "Syntax" => DiagnosticKind::Syntax,
        "Expression" => DiagnosticKind::Expression,
        "Type" => DiagnosticKind::Type,
        "UnknownName" => DiagnosticKind::UnknownName,
        "Duplicate" => DiagnosticKind::Duplicate,
        "Cycle" => DiagnosticKind::Cycle,
        _ => DiagnosticKind::Invalid,
    }
}
