//! Evaluating one case or case record: the proposal (or an audience's view of it), the
//! open questions, why an offer is not proposed.

use crate::boundary::{c_text, respond};
use crate::engine::WegwijsEngine;
use crate::error::{FfiError, WegwijsStatus};
use crate::inputs::Inputs;
use crate::options::Options;
use serde::Serialize;
use std::ffi::c_char;
use wegwijs::language::InLanguage;
use wegwijs::Evaluation;

/// Compact JSON of a result: the canonical bytes the other APIs give.
pub(crate) fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("result structures always serialize")
}

/// Reads the engine, the case or record and the options, and evaluates.
///
/// # Safety
/// The pointers are as the public functions below document.
pub(crate) unsafe fn evaluation(
    engine: *const WegwijsEngine,
    case_json: *const c_char,
    case_len: usize,
    options_json: *const c_char,
    options_len: usize,
) -> Result<(Evaluation, Options), FfiError> {
    // SAFETY: as the caller guarantees.
    let inputs = unsafe { Inputs::read(engine, case_json, case_len, "case_json", options_json, options_len) }?;
    let record = inputs.record()?;
    Ok((inputs.engine.evaluate_record(&record, inputs.options.now), inputs.options))
}

/// The proposal for a case (a JSON object of facts) or a case record (docs/case-record.md),
/// as compact JSON: the same bytes as the Rust, Python and WebAssembly APIs.
///
/// `options_json` (NULL for all defaults) is a JSON object with, each optional:
/// - `now`: the evaluation time, RFC 3339 with offset or whole Unix seconds (default: the
///   current time);
/// - `for`: `"professional"` (the proposal), `"slachtoffer"` or `"melder"` (a short
///   plain-language summary), or a partner organisation id (a handover within the consent
///   scope);
/// - `voice`: a voice declared in the manifest (e.g. `"melder"`), for the proposal's
///   victim-facing texts; not together with `for`;
/// - `lang`: one of the rule set's languages (e.g. `"ar"`): every text keeps only that
///   language, or Dutch where it has none, and the result says `"language"`.
///
/// On success `*out` is the result; otherwise the error object. Either way free it with
/// `wegwijs_string_free`. `*out_len` (when `out_len` is not NULL) is its length in bytes.
///
/// # Safety
/// `engine` is NULL or a live handle; `case_json` NULL or `case_len` readable bytes;
/// `options_json` NULL or `options_len` readable bytes; `out` valid for a write; `out_len`
/// NULL or valid for a write.
#[no_mangle]
pub unsafe extern "C" fn wegwijs_evaluate(
    engine: *const WegwijsEngine,
    case_json: *const c_char,
    case_len: usize,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> WegwijsStatus {
    let run = || {
        // SAFETY: as the caller guarantees.
        let (ev, options) = unsafe { evaluation(engine, case_json, case_len, options_json, options_len) }?;
        let argument = |e: wegwijs::error::ArgumentError| FfiError::argument(&e);
        if let Some(audience) = &options.audience {
            let view = match &options.lang {
                Some(lang) => ev.for_audience_in(audience, lang),
                None => ev.for_audience(audience),
            };
            return view.map(|view| json(&view)).map_err(argument);
        }
        let mut proposal = match &options.voice {
            Some(voice) => ev.proposal_in_voice(voice).map_err(argument)?,
            None => ev.proposal(),
        };
        if let Some(lang) = &options.lang {
            ev.check_language(lang).map_err(argument)?;
            proposal.in_language(lang);
        }
        Ok(json(&proposal))
    };
    // SAFETY: passed on from the caller.
    unsafe { respond(out, out_len, run) }
}

/// The unanswered questions that could still change the proposal, most urgent first: a
/// JSON array (the proposal's `questions`). Options: `now` (`for` and `voice` are refused:
/// they do not change the questions).
///
/// # Safety
/// As `wegwijs_evaluate`.
#[no_mangle]
pub unsafe extern "C" fn wegwijs_questions(
    engine: *const WegwijsEngine,
    case_json: *const c_char,
    case_len: usize,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> WegwijsStatus {
    let run = || {
        // SAFETY: as the caller guarantees.
        let (ev, options) = unsafe { evaluation(engine, case_json, case_len, options_json, options_len) }?;
        options.only_now("wegwijs_questions")?;
        Ok(json(&ev.questions()))
    };
    // SAFETY: passed on from the caller.
    unsafe { respond(out, out_len, run) }
}

/// Why `offer` (an offer id, NUL-terminated) is not (certainly) proposed for the case: the
/// rules that would propose it and which of their conditions fail or are unknown.
/// Options: `now`.
///
/// # Safety
/// As `wegwijs_evaluate`; `offer` NULL or NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn wegwijs_why_not(
    engine: *const WegwijsEngine,
    case_json: *const c_char,
    case_len: usize,
    offer: *const c_char,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> WegwijsStatus {
    let run = || {
        // SAFETY: as the caller guarantees.
        let offer = unsafe { c_text(offer, "offer") }?;
        // SAFETY: as the caller guarantees.
        let (ev, options) = unsafe { evaluation(engine, case_json, case_len, options_json, options_len) }?;
        options.only_now("wegwijs_why_not")?;
        ev.why_not(offer).map(|w| json(&w)).map_err(|e| FfiError::argument(&e))
    };
    // SAFETY: passed on from the caller.
    unsafe { respond(out, out_len, run) }
}
