//! Reads the caller's JS values into plain data before the rest of the binding looks at them.
//!
//! Only `catch` imports touch a caller's object here (`Reflect.*`, and built-ins called
//! through `Reflect.apply`): whatever a getter, Proxy trap or iterator throws comes back as
//! an `Err` and becomes a `CaseError`/`ArgumentError`. An exception unwinding through the
//! module instead would leave the engine borrowed and the stack pointer moved, and break
//! every later call on the instance. What comes out holds only primitives and fresh arrays.
//! Problems never contain a case value; a key is echoed at most 64 characters, elided.

use js_sys::{Array, Date, Function, Map, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// No fact has more values than this; longer arrays are not walked (a sparse array can
/// claim a length of 2^32 - 1).
const LIST_MAX: u32 = 4096;
/// What is said when the caller's own code threw (its message could hold a case value).
const THREW: &str = "the case could not be read: a getter, Proxy or iterator of it threw";

/// A key as it may appear in an error (at most 64 characters, the core's limit).
pub(crate) use wegwijs::limits::echo as elide;

/// Whether a JS `length` is a walkable list length (NaN and infinities are not).
fn small_length(length: f64) -> bool {
    (0.0..=f64::from(LIST_MAX)).contains(&length)
}

fn get(target: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    Reflect::get(target, &JsValue::from_str(key))
}

fn prototype(value: &JsValue) -> Result<JsValue, JsValue> {
    // INVARIANT: only called on objects (Reflect.getPrototypeOf throws on primitives; caught).
    Reflect::get_prototype_of(value).map(JsValue::from)
}

/// A built-in method by name from a prototype we created ourselves.
fn method(proto: &JsValue, name: &str) -> Result<Function, JsValue> {
    get(proto, name)?.dyn_into::<Function>()
}

fn apply(f: &Function, this: &JsValue, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let list = Array::new();
    for a in args {
        list.push(a);
    }
    Reflect::apply(f, this, &list)
}

pub(crate) fn is_array(value: &JsValue) -> Result<bool, JsValue> {
    // Array.isArray throws on a revoked Proxy: through Reflect.apply, that is caught.
    let array_ctor = get(&js_sys::global(), "Array")?;
    let f = method(&array_ctor, "isArray")?;
    Ok(apply(&f, &array_ctor, &[value])?.is_truthy())
}

/// One fact value as plain data: primitives stay; a Date becomes its instant (RFC 3339,
/// UTC); an array becomes a fresh array of its strings (anything else in it becomes `0`,
/// which the engine refuses for a set with a clear error); any other object becomes `{}`
/// (refused the same way).
fn fact_value(v: &JsValue) -> Result<JsValue, JsValue> {
    if v.is_null() || v.is_undefined() {
        return Ok(JsValue::NULL);
    }
    if !v.is_object() {
        // boolean, number, string, bigint stay; a symbol or function becomes `{}`.
        let plain = v.as_bool().is_some() || v.as_f64().is_some() || v.as_string().is_some() || v.is_bigint();
        return Ok(if plain { v.clone() } else { Object::new().into() });
    }
    if is_array(v)? {
        let length = get(v, "length")?.as_f64().unwrap_or(f64::INFINITY);
        if !small_length(length) {
            return Ok(Object::new().into());
        }
        let out = Array::new();
        for i in 0..length as u32 {
            let item = Reflect::get_u32(v, i)?;
            out.push(&if item.as_string().is_some() { item } else { JsValue::from(0) });
        }
        return Ok(out.into());
    }
    let date_proto = prototype(&Date::new_0().into())?;
    if prototype(v)? == date_proto {
        let ms = apply(&method(&date_proto, "getTime")?, v, &[])?.as_f64().unwrap_or(f64::NAN);
        if ms.is_finite() {
            return Ok(Date::new(&JsValue::from_f64(ms)).to_iso_string().into());
        }
    }
    Ok(Object::new().into())
}

/// The `(key, value)` pairs of a case: a plain object (prototype `Object.prototype` or
/// `null`; own, enumerable data properties with string keys) or a `Map` with string keys.
pub(crate) fn case_entries(value: &JsValue) -> Result<Vec<(String, JsValue)>, String> {
    read_case(value).map_err(|e| match e {
        Refused::Shape(problem) => problem,
        Refused::Threw => THREW.to_string(),
    })
}

enum Refused {
    /// The case has a shape we refuse.
    Shape(String),
    /// The caller's code threw (what it threw is dropped unread).
    Threw,
}

impl From<JsValue> for Refused {
    fn from(_: JsValue) -> Self {
        Refused::Threw
    }
}

fn read_case(value: &JsValue) -> Result<Vec<(String, JsValue)>, Refused> {
    let proto = prototype(value)?;
    let map_proto = prototype(&Map::new().into())?;
    let object_proto = prototype(&Object::new().into())?;
    let keys = Reflect::own_keys(value)?;
    let mut out = Vec::new();
    if proto == map_proto {
        if keys.length() > 0 {
            return Err(Refused::Shape("a Map case must not have own properties: put the facts in the Map".into()));
        }
        let array_ctor = get(&js_sys::global(), "Array")?;
        let pairs = apply(&method(&array_ctor, "from")?, &array_ctor, &[value])?;
        for i in 0..get(&pairs, "length")?.as_f64().unwrap_or(0.0) as u32 {
            let pair = Reflect::get_u32(&pairs, i)?;
            let key = Reflect::get_u32(&pair, 0)?;
            let Some(key) = key.as_string() else {
                return Err(Refused::Shape("a Map case must have string keys (fact names)".into()));
            };
            out.push((key, fact_value(&Reflect::get_u32(&pair, 1)?)?));
        }
        return Ok(out);
    }
    if proto != object_proto && !proto.is_null() {
        return Err(Refused::Shape(
            "a case must be a plain object or a Map of facts (not an instance of a class, or an object with another prototype)"
                .into(),
        ));
    }
    let object: &Object = value.unchecked_ref();
    for key in keys.iter() {
        let Some(name) = key.as_string() else {
            return Err(Refused::Shape("a case must not have Symbol keys: facts are named by strings".into()));
        };
        let d = Reflect::get_own_property_descriptor(object, &key)?;
        if !get(&d, "enumerable")?.is_truthy() {
            return Err(Refused::Shape(format!(
                "fact `{}` is not enumerable: give facts as ordinary properties",
                elide(&name)
            )));
        }
        if !Reflect::has(&d, &JsValue::from_str("value"))? {
            return Err(Refused::Shape(format!(
                "fact `{}` is a getter or setter: give facts as ordinary properties",
                elide(&name)
            )));
        }
        out.push((name, fact_value(&get(&d, "value")?)?));
    }
    Ok(out)
}

/// The evaluation time as given.
pub(crate) enum Now {
    /// Absent: the current time.
    Absent,
    /// A string, to be read as RFC 3339.
    Text(String),
    /// A Date's milliseconds since the epoch (maybe NaN).
    Millis(f64),
}

/// Reads `now`: `null`/`undefined`, a string, or a Date.
pub(crate) fn now_value(value: &JsValue) -> Result<Now, String> {
    let expected = "expected an RFC 3339 datetime with offset (e.g. 2026-03-01T10:00:00+01:00) or a valid Date";
    if value.is_null() || value.is_undefined() {
        return Ok(Now::Absent);
    }
    if let Some(text) = value.as_string() {
        return Ok(Now::Text(text));
    }
    if !value.is_object() {
        return Err(expected.into());
    }
    let read = || -> Result<Option<f64>, JsValue> {
        let date_proto = prototype(&Date::new_0().into())?;
        if prototype(value)? != date_proto {
            return Ok(None);
        }
        Ok(Some(apply(&method(&date_proto, "getTime")?, value, &[])?.as_f64().unwrap_or(f64::NAN)))
    };
    match read() {
        Ok(Some(ms)) => Ok(Now::Millis(ms)),
        Ok(None) => Err(expected.into()),
        Err(_) => Err("the evaluation time could not be read (a Proxy or getter of it threw)".into()),
    }
}

/// The `trust` option of `fromBundle` (`{ trust: [publicKeyFileText, …] }`): the key texts,
/// or `None` when no options or no `trust` are given.
pub(crate) fn bundle_trust(options: &JsValue) -> Result<Option<Vec<String>>, String> {
    if options.is_null() || options.is_undefined() {
        return Ok(None);
    }
    let shape = "options must be a plain object, e.g. { trust: [publicKeyText] }";
    if !options.is_object() {
        return Err(shape.into());
    }
    let read = || -> Result<Result<Option<Vec<String>>, String>, JsValue> {
        if prototype(options)? != prototype(&Object::new().into())? {
            return Ok(Err(shape.into()));
        }
        for key in Reflect::own_keys(options)?.iter() {
            match key.as_string() {
                Some(k) if k == "trust" => {}
                Some(k) => return Ok(Err(format!("unknown option `{}` (known: trust)", elide(&k)))),
                None => return Ok(Err("options must not have Symbol keys".into())),
            }
        }
        let trust = get(options, "trust")?;
        if trust.is_null() || trust.is_undefined() {
            return Ok(Ok(None));
        }
        if !is_array(&trust)? {
            return Ok(Err("trust must be an array of public key file texts".into()));
        }
        let length = get(&trust, "length")?.as_f64().unwrap_or(f64::INFINITY);
        if !small_length(length) {
            return Ok(Err("trust has too many keys".into()));
        }
        let mut texts = Vec::new();
        for i in 0..length as u32 {
            match Reflect::get_u32(&trust, i)?.as_string() {
                Some(text) => texts.push(text),
                None => return Ok(Err(format!("trust[{i}] must be the text of a public key file"))),
            }
        }
        Ok(Ok(Some(texts)))
    };
    read().unwrap_or_else(|_| Err("the options could not be read (a Proxy or getter of them threw)".into()))
}
