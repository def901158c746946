//! Reads the arguments of the authoring calls (`authoring.rs`): a rule set's files and the
//! options of `check`. Every read of the caller's values goes through catching `Reflect`
//! calls, so a Proxy or getter that throws gives an `ArgumentError`, never a broken module.

use crate::inputs::{elide, is_array};
use js_sys::{Array, Function, Map, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The most files one rule set may have (a folder has a dozen).
const MAX_FILES: u32 = 10_000;

/// The folder loader's order: top-level files, then `rules/`, then `scenarios/`, each by
/// name (`wegwijs::ruleset::load::read_dir_files`); anything else last.
fn folder_rank(path: &str) -> (u8, String) {
    let rank = match path.split_once('/') {
        None => 0,
        Some(("rules", rest)) if !rest.contains('/') => 1,
        Some(("scenarios", rest)) if !rest.contains('/') => 2,
        Some(_) => 3,
    };
    (rank, path.to_string())
}

/// The `files` argument of `fromFiles` as `(relative path, text)` pairs in folder order.
pub(crate) fn rule_files(value: &JsValue) -> Result<Vec<(String, String)>, String> {
    let shape = "expected the rule set's files: { \"manifest.toml\": text, … }, a Map, or [[path, text], …]";
    if !value.is_object() || value.is_function() {
        return Err(shape.into());
    }
    let pairs = read_pairs(value).map_err(|_| "the files could not be read (a Proxy or getter threw)".to_string())?;
    let mut files = Vec::new();
    for (i, (path, text)) in pairs.into_iter().enumerate() {
        let path = path.as_string().ok_or_else(|| format!("file {i}: its path must be a string"))?;
        let text = text.as_string().ok_or_else(|| format!("file `{}`: its text must be a string", elide(&path)))?;
        if files.iter().any(|(p, _): &(String, String)| *p == path) {
            return Err(format!("file `{}` is given twice", elide(&path)));
        }
        files.push((path, text));
    }
    files.sort_by_cached_key(|(p, _)| folder_rank(p));
    Ok(files)
}

/// The entries of an array of pairs, a Map, or a plain object's own string keys.
fn read_pairs(value: &JsValue) -> Result<Vec<(JsValue, JsValue)>, JsValue> {
    let entries: Array = if is_array(value)? {
        value.clone().unchecked_into()
    } else if value.is_instance_of::<Map>() {
        Array::from(&value.clone().unchecked_into::<Map>().entries().into())
    } else {
        let keys = Reflect::own_keys(value)?;
        let out = Array::new();
        for key in keys.iter() {
            let pair = Array::of2(&key, &Reflect::get(value, &key)?);
            out.push(&pair);
        }
        out
    };
    let length = Reflect::get(&entries, &"length".into())?.as_f64().unwrap_or(f64::INFINITY);
    if !(0.0..=f64::from(MAX_FILES)).contains(&length) {
        return Err(JsValue::NULL);
    }
    let mut pairs = Vec::new();
    for i in 0..length as u32 {
        let pair = Reflect::get_u32(&entries, i)?;
        if !pair.is_object() {
            return Err(JsValue::NULL);
        }
        pairs.push((Reflect::get_u32(&pair, 0)?, Reflect::get_u32(&pair, 1)?));
    }
    Ok(pairs)
}

/// The options of `check`.
pub(crate) struct CheckOptions {
    /// Partial cases the run may visit (`maxCases`).
    pub max_cases: Option<usize>,
    /// Asked during the run; `true` stops it (`stop`).
    pub stop: Option<Function>,
}

/// Reads `{ maxCases?, stop? }` (or nothing).
pub(crate) fn check_options(options: &JsValue) -> Result<CheckOptions, String> {
    let none = CheckOptions { max_cases: None, stop: None };
    if options.is_null() || options.is_undefined() {
        return Ok(none);
    }
    let shape = "options must be a plain object, e.g. { maxCases: 100000, stop: () => cancelled }";
    if !options.is_object() || options.is_function() {
        return Err(shape.into());
    }
    let read = || -> Result<Result<CheckOptions, String>, JsValue> {
        for key in Reflect::own_keys(options)?.iter() {
            match key.as_string() {
                Some(k) if k == "maxCases" || k == "stop" => {}
                Some(k) => return Ok(Err(format!("unknown option `{}` (known: maxCases, stop)", elide(&k)))),
                None => return Ok(Err(shape.into())),
            }
        }
        let max = Reflect::get(options, &"maxCases".into())?;
        let max_cases = if max.is_null() || max.is_undefined() {
            None
        } else {
            match max.as_f64() {
                Some(n) if n.fract() == 0.0 && (1.0..=9.0e15).contains(&n) => Some(n as usize),
                _ => return Ok(Err("maxCases must be a whole number of at least 1".into())),
            }
        };
        let stop = Reflect::get(options, &"stop".into())?;
        let stop = if stop.is_null() || stop.is_undefined() {
            None
        } else {
            match stop.dyn_into::<Function>() {
                Ok(f) => Some(f),
                Err(_) => return Ok(Err("stop must be a function returning true to stop".into())),
            }
        };
        Ok(Ok(CheckOptions { max_cases, stop }))
    };
    read().unwrap_or_else(|_| Err("the options could not be read (a Proxy or getter of them threw)".into()))
}
