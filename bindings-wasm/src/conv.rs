//! Conversions at the boundary: JS case objects straight into a core `Case` (no JSON text
//! in between), the evaluation time, and results out as plain JS objects.

use crate::inputs::{bundle_trust, case_entries, now_value, Now};
use js_sys::{Array, BigInt, Date, JSON};
use serde::Serialize;
use serde_json::Value as Json;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wegwijs::error::{ArgumentError, CaseError};
use wegwijs::signing::PublicKey;
use wegwijs::{Case, CaseBuilder, Engine, Timestamp};

/// Reads a case: a plain object or a `Map` of facts (`null`/`undefined`/missing = unknown)
/// or its JSON text (read by the core exactly as the Rust API reads it). Anything else (a
/// class instance, an object with another prototype, Symbol keys, getters, non-enumerable
/// properties) is refused: it would otherwise read as an empty case.
pub(crate) fn case_from_js(engine: &Engine, value: &JsValue) -> Result<Case, CaseError> {
    if let Some(text) = value.as_string() {
        return engine.case_from_str(&text);
    }
    let shape_error = |problem: String| CaseError { fact: "(case)".into(), problem, hint: None };
    if !value.is_object() || value.is_function() {
        return Err(shape_error("a case must be a plain object or a Map of facts (or its JSON text)".into()));
    }
    let entries = case_entries(value).map_err(shape_error)?;
    let mut builder = engine.case_builder();
    for (key, v) in &entries {
        set_fact(&mut builder, key, v)?;
    }
    Ok(builder.build())
}

/// Sets one fact from a value `inputs.rs` read (a primitive, an array of strings, or `{}`;
/// a Date is already its RFC 3339 text). Whatever does not map onto a JSON value of the right
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
    if v.is_bigint() {
        let big: &BigInt = v.unchecked_ref();
        return match i64::try_from(big.clone()) {
            Ok(n) => b.set_int(key, n),
            Err(_) => b.set_json(key, &Json::from(0.5)),
        };
    }
    b.set_json(key, &Json::Object(Default::default()))
}

/// The evaluation time: an RFC 3339 string, a `Date` within the years 0000–9999, or absent
/// for the current time (the binding reads the clock; the core never does).
pub(crate) fn now_from_js(now: &JsValue) -> Result<Timestamp, ArgumentError> {
    let error = |problem: String| ArgumentError { what: "evaluation time".into(), problem };
    let ms = match now_value(now).map_err(error)? {
        Now::Absent => Date::now(),
        Now::Text(text) => return Timestamp::parse(&text),
        Now::Millis(ms) => ms,
    };
    // NaN, the infinities and times RFC 3339 cannot write are refused by the core.
    Timestamp::from_unix_f64(ms / 1000.0)
}

/// The bundle argument of `fromBundle`: its JSON text.
pub(crate) fn bundle_text(json: &JsValue) -> Result<String, ArgumentError> {
    json.as_string().ok_or_else(|| ArgumentError {
        what: "bundle".into(),
        problem: "expected the bundle's JSON text (a string), as written by `wegwijs bundle` or engine.bundle()".into(),
    })
}

/// The `trust` option of `fromBundle`, as public keys.
pub(crate) fn trusted_keys(options: &JsValue) -> Result<Option<Vec<PublicKey>>, ArgumentError> {
    let error = |problem: String| ArgumentError { what: "fromBundle options".into(), problem };
    let Some(texts) = bundle_trust(options).map_err(error)? else { return Ok(None) };
    texts.iter().map(|t| PublicKey::from_text(t)).collect::<Result<Vec<_>, _>>().map(Some)
}

/// The offer argument of `whyNot`: its id.
pub(crate) fn offer_id(offer: &JsValue) -> Result<String, ArgumentError> {
    offer
        .as_string()
        .ok_or_else(|| ArgumentError { what: "offer".into(), problem: "expected the offer's id (a string)".into() })
}

/// A serde value as a plain JS object: its canonical JSON, parsed by the JS engine.
/// (Measured against serde-wasm-bindgen: faster and smaller; see the README.)
pub(crate) fn to_js<T: Serialize>(value: &T) -> JsValue {
    let text = serde_json::to_string(value).expect("result structures always serialize");
    JSON::parse(&text).expect("serde_json writes valid JSON")
}
