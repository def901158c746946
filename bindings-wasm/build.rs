//! Embeds the national rule set as a compact JSON bundle without its scenario tests.
//!
//! The core embeds the national rules as TOML files; loading those in the browser would
//! ship the TOML parser and the scenario tests, which only `wegwijs test` needs. Here the
//! core itself (as a build dependency) loads them once, at build time, and writes its own
//! bundle (`Engine::bundle`, minus `scenarios`, which are not part of the content hash), so
//! the module only needs the JSON reader: a smaller `.wasm` and a faster start.
//!
//! The bundle is signed with the repository's TEST key (`keys/`), like the core's built-in
//! rules, and `Engine.default()` verifies it, so proposals record the same signer as the
//! Rust and Python APIs.
//!
//! If the rules do not load, the diagnostics are embedded instead, and `Engine.default()`
//! throws them as a `RuleError` at run time (the build itself does not fail).

use serde_json::{json, Value};
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let key_path = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"))
        .join("../keys/test-signing-key.secret.json");
    println!("cargo:rerun-if-changed={}", key_path.display());
    let key_text = std::fs::read_to_string(&key_path).expect("keys/test-signing-key.secret.json exists");
    let key = wegwijs::signing::SigningKey::from_text(&key_text).expect("the test key file is valid");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("national.json");
    let text = match wegwijs::Engine::from_files(wegwijs::Engine::national_files(), "rules") {
        Ok(engine) => {
            let mut bundle: Value = serde_json::from_str(&engine.signed_bundle(&key)).expect("a bundle is JSON");
            if let Some(ruleset) = bundle.get_mut("ruleset").and_then(Value::as_object_mut) {
                ruleset.remove("scenarios");
            }
            bundle.to_string()
        }
        Err(error) => {
            println!("cargo:warning=the national rules do not load; Engine.default() will throw:\n{error}");
            let diagnostics: Vec<Value> = error
                .diagnostics
                .iter()
                .map(|d| {
                    json!({
                        "kind": format!("{:?}", d.kind),
                        "file": d.location.file,
                        "line": d.location.line,
                        "column": d.location.column,
                        "path": d.location.path,
                        "snippet": d.location.snippet,
                        "message": d.message,
                        "hint": d.hint,
                    })
                })
                .collect();
            json!({ "load_error": diagnostics }).to_string()
        }
    };
    std::fs::write(&out, text).expect("OUT_DIR is writable");
}
