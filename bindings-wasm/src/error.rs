//! Core errors as JavaScript `Error` objects with fields.
//!
//! Every error gets the same fields, `null` where they do not apply, so callers can read
//! them without checks: `kind` (also the error's `name`), `message`, `fact`, `argument`, `problem`,
//! `hint`, `file`, `line`, `column`, `path`, `diagnostics`. Like the core errors they never
//! carry a value from a case (case data is special-category personal data, AVG art. 9).

use js_sys::{Array, Error, Object, Reflect};
use wasm_bindgen::prelude::*;
use wegwijs::error::{ArgumentError, CaseError, Diagnostic, RuleError};

/// The fields of a thrown error besides `kind` and `message`.
#[derive(Default)]
struct Fields {
    fact: Option<String>,
    argument: Option<String>,
    problem: Option<String>,
    hint: Option<String>,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    path: Option<String>,
    diagnostics: Option<Array>,
}

fn opt_str(v: &Option<String>) -> JsValue {
    v.as_deref().map(JsValue::from_str).unwrap_or(JsValue::NULL)
}

fn opt_pos(v: Option<usize>) -> JsValue {
    // 0 means "position not known" in the core (e.g. inside a JSON bundle).
    v.filter(|&n| n > 0).map(|n| JsValue::from_f64(n as f64)).unwrap_or(JsValue::NULL)
}

fn set(target: &Object, key: &str, value: &JsValue) {
    // INVARIANT: `target` is a fresh ordinary object, so defining a property cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

fn build(kind: &str, message: &str, f: Fields) -> JsValue {
    let error = Error::new(message);
    error.set_name(kind);
    let obj: &Object = error.as_ref();
    set(obj, "kind", &JsValue::from_str(kind));
    set(obj, "fact", &opt_str(&f.fact));
    set(obj, "argument", &opt_str(&f.argument));
    set(obj, "problem", &opt_str(&f.problem));
    set(obj, "hint", &opt_str(&f.hint));
    set(obj, "file", &opt_str(&f.file));
    set(obj, "line", &opt_pos(f.line));
    set(obj, "column", &opt_pos(f.column));
    set(obj, "path", &opt_str(&f.path));
    set(obj, "diagnostics", &f.diagnostics.map(JsValue::from).unwrap_or(JsValue::NULL));
    error.into()
}

fn diagnostic(d: &Diagnostic) -> JsValue {
    let obj = Object::new();
    let loc = &d.location;
    set(&obj, "kind", &JsValue::from_str(&format!("{:?}", d.kind)));
    set(&obj, "message", &JsValue::from_str(&d.message));
    set(&obj, "hint", &opt_str(&d.hint));
    set(&obj, "file", &JsValue::from_str(&loc.file));
    set(&obj, "line", &opt_pos(Some(loc.line)));
    set(&obj, "column", &opt_pos(Some(loc.column)));
    set(&obj, "path", &JsValue::from_str(&loc.path));
    set(&obj, "snippet", &JsValue::from_str(&loc.snippet));
    obj.into()
}

/// A rule set that did not load: the first problem's place in the fields, all of them in
/// `diagnostics`.
pub(crate) fn rule_error(e: &RuleError) -> JsValue {
    let first = e.first();
    let loc = &first.location;
    let fields = Fields {
        problem: Some(first.message.clone()),
        hint: first.hint.clone(),
        file: Some(loc.file.clone()),
        line: Some(loc.line),
        column: Some(loc.column),
        path: (!loc.path.is_empty()).then(|| loc.path.clone()),
        diagnostics: Some(e.diagnostics.iter().map(diagnostic).collect()),
        ..Fields::default()
    };
    build("RuleError", &e.to_string(), fields)
}

/// A case that does not fit the schema: the fact and what was expected, never the value.
pub(crate) fn case_error(e: &CaseError) -> JsValue {
    let fields = Fields {
        fact: Some(e.fact.clone()),
        problem: Some(e.problem.clone()),
        hint: e.hint.clone(),
        ..Fields::default()
    };
    build("CaseError", &e.to_string(), fields)
}

/// An evaluation time or other argument that is not valid.
pub(crate) fn argument_error(e: &ArgumentError) -> JsValue {
    let fields = Fields { argument: Some(e.what.clone()), problem: Some(e.problem.clone()), ..Fields::default() };
    build("ArgumentError", &e.to_string(), fields)
}
