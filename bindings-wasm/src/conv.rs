//! Conversions at the boundary: JS case objects straight into a core `Case` (no JSON text
//! in between), the evaluation time, and results out as plain JS objects.

use js_sys::{Array, BigInt, Date, Object, JSON};
use serde::Serialize;
use serde_json::Value as Json;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wegwijs::error::{ArgumentError, CaseError};
use wegwijs::{Case, CaseBuilder, Engine, Timestamp};

/// Reads a case: a plain object of facts (`null`/`undefined`/missing = unknown) or its JSON
/// text (read by the core exactly as the Rust API reads it).
pub(crate) fn case_from_js(engine: &Engine, value: &JsValue) -> Result<Case, CaseError> {
    if let Some(text) = value.as_string() {
        return engine.case_from_str(&text);
    }
    if !value.is_object() || Array::is_array(value) || value.is_function() {
        return Err(CaseError {
            fact: "(case)".into(),
            problem: "a case must be an object of facts (or its JSON text)".into(),
            hint: None,
        });
    }
    let mut builder = engine.case_builder();
    for entry in Object::entries(value.unchecked_ref()).iter() {
        let entry: Array = entry.unchecked_into();
        let key = entry.get(0).as_string().unwrap_or_default();
        set_fact(&mut builder, &key, &entry.get(1))?;
    }
    Ok(builder.build())
}

/// Sets one fact from a JS value. Whatever does not map onto a JSON value of the right
/// kind is handed to the core as a placeholder of the same JSON kind, so the error is the
/// one the JSON reader gives (it names the fact and what was expected, never the value).
fn set_fact(b: &mut CaseBuilder, key: &str, v: &JsValue) -> Result<(), CaseError> {
    if v.is_null() || v.is_undefined() {
        return b.set_unknown(key);
    }
    if let Some(flag) = v.as_bool() {
        return b.set_bool(key, flag);
    }
    if let Some(n) = v.as_f64() {
        // INVARIANT: only whole numbers within ±2^53 are converted; the others (1.5, NaN,
        // 1e300) get the core's "expected …" error through a non-integer placeholder.
        return if n.is_finite() && n.fract() == 0.0 && n.abs() <= 9_007_199_254_740_992.0 {
            b.set_int(key, n as i64)
        } else {
            b.set_json(key, &Json::from(0.5))
        };
    }
    if let Some(text) = v.as_string() {
        return b.set_text(key, &text);
    }
    if Array::is_array(v) {
        let items: &Array = v.unchecked_ref();
        let mut texts = Vec::with_capacity(items.length() as usize);
        for item in items.iter() {
            match item.as_string() {
                Some(t) => texts.push(t),
                None => return b.set_json(key, &Json::Array(vec![Json::from(0)])),
            }
        }
        return b.set_texts(key, texts.iter().map(String::as_str));
    }
    if let Some(date) = v.dyn_ref::<Date>() {
        // A Date for a datetime fact: its instant, as RFC 3339 UTC.
        if date.get_time().is_finite() {
            return b.set_text(key, &String::from(date.to_iso_string()));
        }
        return b.set_json(key, &Json::Object(Default::default()));
    }
    if v.is_bigint() {
        let big: &BigInt = v.unchecked_ref();
        return match i64::try_from(big.clone()) {
            Ok(n) => b.set_int(key, n),
            Err(_) => b.set_json(key, &Json::from(0.5)),
        };
    }
    b.set_json(key, &Json::Object(Default::default()))
}

/// The evaluation time: an RFC 3339 string, a `Date`, or absent for the current time
/// (the binding reads the clock; the core never does).
pub(crate) fn now_from_js(now: &JsValue) -> Result<Timestamp, ArgumentError> {
    if now.is_null() || now.is_undefined() {
        return Timestamp::from_unix_f64(Date::now() / 1000.0);
    }
    if let Some(text) = now.as_string() {
        return Timestamp::parse(&text);
    }
    if let Some(date) = now.dyn_ref::<Date>() {
        let ms = date.get_time();
        if ms.is_finite() {
            return Timestamp::from_unix_f64(ms / 1000.0);
        }
    }
    Err(ArgumentError {
        what: "evaluation time".into(),
        problem: "expected an RFC 3339 datetime with offset (e.g. 2026-03-01T10:00:00+01:00) or a valid Date".into(),
    })
}

/// A serde value as a plain JS object: its canonical JSON, parsed by the JS engine.
/// (Measured against serde-wasm-bindgen: faster and smaller; see the README.)
pub(crate) fn to_js<T: Serialize>(value: &T) -> JsValue {
    let text = serde_json::to_string(value).expect("result structures always serialize");
    JSON::parse(&text).expect("serde_json writes valid JSON")
}
