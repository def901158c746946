//! Case records over time (docs/case-record.md): what changed since an earlier proposal or
//! the last decision, the MDT agenda over many records, and recording a decision. Wiring
//! only: the semantics live in the core.

use crate::boundary::{optional_text, respond, text};
use crate::engine::WegwijsEngine;
use crate::error::{FfiError, WegwijsStatus};
use crate::evaluate::json;
use crate::inputs::Inputs;
use serde_json::value::RawValue;
use std::ffi::c_char;
use wegwijs::EarlierProposal;

/// What changed since `previous` (a proposal's JSON, `previous_len` bytes), or, with
/// `previous` NULL, since the proposal at the record's last decision: a JSON object, or
/// `null` when there is nothing to compare with. Options: `now`.
///
/// # Safety
/// `engine` is NULL or a live handle; `record_json`, `previous`, `options_json` each NULL
/// or pointing to their length in readable bytes; `out` valid for a write; `out_len` NULL or
/// valid for a write.
#[no_mangle]
pub unsafe extern "C" fn wegwijs_changes(
    engine: *const WegwijsEngine,
    record_json: *const c_char,
    record_len: usize,
    previous: *const c_char,
    previous_len: usize,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> WegwijsStatus {
    let run = || {
        // SAFETY: as the caller guarantees (all reads).
        let (inputs, previous) = unsafe {
            (
                Inputs::read(engine, record_json, record_len, "record_json", options_json, options_len)?,
                optional_text(previous, previous_len, "previous")?,
            )
        };
        inputs.options.only_now("wegwijs_changes")?;
        let (engine, record) = (inputs.engine, inputs.record()?);
        let previous: Option<EarlierProposal> = match previous {
            None => engine.proposal_at_last_decision(&record).map(EarlierProposal::from),
            Some(text) => Some(EarlierProposal::from_json(text).map_err(|_| {
                FfiError::invalid(
                    "previous",
                    "is not a Wegwijs proposal",
                    Some("pass the JSON that wegwijs_evaluate returned".into()),
                )
            })?),
        };
        let ev = engine.evaluate_record(&record, inputs.options.now);
        Ok(previous.map_or_else(|| "null".to_string(), |p| json(&ev.changes_since(p))))
    };
    // SAFETY: passed on from the caller.
    unsafe { respond(out, out_len, run) }
}

/// The MDT agenda at `now` over records given as a JSON array (`records_json`), most urgent
/// first. A record without a `case` reference is named by its position (`#1`, `#2`, …).
/// Options: `now`.
///
/// # Safety
/// As `wegwijs_changes`.
#[no_mangle]
pub unsafe extern "C" fn wegwijs_agenda(
    engine: *const WegwijsEngine,
    records_json: *const c_char,
    records_len: usize,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> WegwijsStatus {
    let run = || {
        // SAFETY: as the caller guarantees.
        let Inputs { engine, text: records, options } =
            unsafe { Inputs::read(engine, records_json, records_len, "records_json", options_json, options_len) }?;
        options.only_now("wegwijs_agenda")?;
        let not_array = || {
            FfiError::invalid(
                "records_json",
                "must be a JSON array of case records",
                Some("e.g. [record1, record2]".into()),
            )
        };
        // Each element's own text, so the core's reader sees it as written (it refuses a key
        // given twice, which a parsed JSON value would have dropped silently).
        let texts: Vec<&RawValue> = serde_json::from_str(records).map_err(|_| not_array())?;
        let mut named = Vec::with_capacity(texts.len());
        for (i, text) in texts.iter().enumerate() {
            let record = engine
                .record_from_str(text.get())
                .map_err(|e| FfiError::case(&e).in_argument(format!("records_json[{i}]")))?;
            named.push((format!("#{}", i + 1), record));
        }
        Ok(json(&engine.agenda(&named, options.now)))
    };
    // SAFETY: passed on from the caller.
    unsafe { respond(out, out_len, run) }
}

/// Records an MDT decision (`decision_json`, docs/case-record.md): checked against the
/// proposal, stamped, appended. On success `*out` is the updated record's JSON; an
/// incomplete decision is `WEGWIJS_STATUS_DECISION_ERROR` with every problem in `problems`.
/// Options: `now` (the decision time when the decision has no `at`).
///
/// # Safety
/// As `wegwijs_changes`; `decision_json` NULL or `decision_len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn wegwijs_decide(
    engine: *const WegwijsEngine,
    record_json: *const c_char,
    record_len: usize,
    decision_json: *const c_char,
    decision_len: usize,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> WegwijsStatus {
    let run = || {
        // SAFETY: as the caller guarantees (all reads).
        let (inputs, decision) = unsafe {
            (
                Inputs::read(engine, record_json, record_len, "record_json", options_json, options_len)?,
                text(decision_json, decision_len, "decision_json")?,
            )
        };
        inputs.options.only_now("wegwijs_decide")?;
        let (engine, record) = (inputs.engine, inputs.record()?);
        let decision = engine.decision_from_str(decision).map_err(|e| FfiError::decision(&e))?;
        let updated = engine.decide(&record, &decision, inputs.options.now).map_err(|e| FfiError::decision(&e))?;
        Ok(json(&updated.to_json()))
    };
    // SAFETY: passed on from the caller.
    unsafe { respond(out, out_len, run) }
}

/// Verifies every decision of a record (`wegwijs verify`, docs/case-record.md): on success
/// `*out` is a JSON object with `verified` and, per decision, whether its decision,
/// proposal and chain hashes match, whether it names this case and whether it was taken
/// on the loaded rule set (else `ruleset_needed`). The hashes detect changes; they do not
/// sign. Options: only `now` is accepted, and not used (each decision is checked as of
/// its own time); `options_json` may be NULL.
///
/// # Safety
/// `engine` is NULL or a live handle; `record_json` and `options_json` each NULL or
/// pointing to their length in readable bytes; `out` valid for a write; `out_len` NULL or
/// valid for a write.
#[no_mangle]
pub unsafe extern "C" fn wegwijs_verify(
    engine: *const WegwijsEngine,
    record_json: *const c_char,
    record_len: usize,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> WegwijsStatus {
    let run = || {
        // SAFETY: as the caller guarantees.
        let inputs =
            unsafe { Inputs::read(engine, record_json, record_len, "record_json", options_json, options_len) }?;
        inputs.options.only_now("wegwijs_verify")?;
        Ok(json(&inputs.engine.verify(&inputs.record()?)))
    };
    // SAFETY: passed on from the caller.
    unsafe { respond(out, out_len, run) }
}
