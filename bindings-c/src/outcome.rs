//! The outcome of one case into memory the caller owns: the outcome-only path of the core
//! (`Engine::outcome_into`), for callers that only need the decision (batches, studies).
//! No text is built and nothing is returned to free, except an error object on failure.

use crate::boundary::{clear_error, guarded, report};
use crate::engine::WegwijsEngine;
use crate::error::{FfiError, WegwijsStatus};
use crate::inputs::Inputs;
use std::cell::RefCell;
use std::ffi::c_char;
use wegwijs::OutcomeBuffer;

/// Where `wegwijs_outcome` writes, all owned by the caller. Offers are bit sets in
/// catalogue order (offer `i` is bit `i % 64` of word `i / 64`); levels are indices into the
/// manifest's lists (`regie_levels`, `need_levels`).
#[repr(C)]
pub struct WegwijsOutcome {
    /// `offer_words` words: the offers referred to with certainty.
    pub certain: *mut u64,
    /// `offer_words` words: the offers open questions could still add.
    pub possible: *mut u64,
    /// The length of `certain` and `possible` in words: at least (offers + 63) / 64.
    pub offer_words: usize,
    /// `areas` bytes: per area (manifest order), the need level reached with certainty.
    pub needs: *mut u8,
    /// `areas` bytes: per area, the highest need level open questions could still give.
    pub needs_up_to: *mut u8,
    /// The length of `needs` and `needs_up_to`: at least the manifest's number of areas.
    pub areas: usize,
    /// Written: the regie level reached with certainty.
    pub regie: u8,
    /// Written: the highest regie level open questions could still give (= `regie` when certain).
    pub regie_up_to: u8,
}

thread_local! {
    /// One buffer per thread, reused by every call.
    static BUFFER: RefCell<OutcomeBuffer> = RefCell::new(OutcomeBuffer::default());
}

/// Copies `src` into the caller's `len` words at `dst`, zeroing the rest.
///
/// # Safety
/// `dst` must be valid for `len` writes.
unsafe fn put<T: Copy + Default>(dst: *mut T, len: usize, src: impl Iterator<Item = T>) {
    // SAFETY: valid for `len` writes (caller's promise, checked non-NULL and sized before).
    let out = unsafe { std::slice::from_raw_parts_mut(dst, len) };
    out.fill(T::default());
    for (o, s) in out.iter_mut().zip(src) {
        *o = s;
    }
}

/// The outcome of a case (a JSON object of facts; not a case record) written into `*outcome`
/// (see `WegwijsOutcome`). Options: `now`. On failure nothing in `*outcome` is meaningful and
/// `*error` (when `error` is not NULL) is the error object, freed with `wegwijs_string_free`.
///
/// # Safety
/// `engine` is NULL or a live handle; `case_json` NULL or `case_len` readable bytes;
/// `options_json` NULL or `options_len` readable bytes; `outcome` NULL or valid for reads and
/// writes, its arrays valid for the lengths it gives; `error` and `error_len` NULL or valid
/// for a write.
#[no_mangle]
pub unsafe extern "C" fn wegwijs_outcome(
    engine: *const WegwijsEngine,
    case_json: *const c_char,
    case_len: usize,
    options_json: *const c_char,
    options_len: usize,
    outcome: *mut WegwijsOutcome,
    error: *mut *mut c_char,
    error_len: *mut usize,
) -> WegwijsStatus {
    // SAFETY: as the caller guarantees.
    unsafe { clear_error(error, error_len) };
    let run = || -> Result<(), FfiError> {
        // SAFETY: as the caller guarantees.
        let Inputs { engine, text: case, options } =
            unsafe { Inputs::read(engine, case_json, case_len, "case_json", options_json, options_len) }?;
        // SAFETY: as the caller guarantees.
        let out = unsafe { outcome.as_mut() }.ok_or_else(|| FfiError::null("outcome"))?;
        options.only_now("wegwijs_outcome")?;
        let src = engine.source();
        let (offers, areas) = (src.offers.len(), src.manifest.areas.len());
        if out.certain.is_null() || out.possible.is_null() || out.offer_words < offers.div_ceil(64) {
            let problem = format!("needs `certain` and `possible` of at least {} words", offers.div_ceil(64));
            return Err(FfiError::invalid("outcome", problem, None));
        }
        if out.needs.is_null() || out.needs_up_to.is_null() || out.areas < areas {
            return Err(FfiError::invalid(
                "outcome",
                format!("needs `needs` and `needs_up_to` of at least {areas} bytes"),
                None,
            ));
        }
        let mut case = engine.case_from_str(case).map_err(|e| FfiError::case(&e))?;
        BUFFER.with_borrow_mut(|buffer| {
            engine.outcome_into(&mut case, options.now, buffer);
            // SAFETY: non-NULL and at least as long as said (checked above; caller's promise).
            unsafe {
                put(out.certain, out.offer_words, buffer.certain_bits().iter().copied());
                put(out.possible, out.offer_words, buffer.possible_bits().iter().copied());
                put(out.needs, out.areas, buffer.needs().iter().map(|l| l.certain));
                put(out.needs_up_to, out.areas, buffer.needs().iter().map(|l| l.up_to));
            }
            out.regie = buffer.regie().certain;
            out.regie_up_to = buffer.regie().up_to;
        });
        Ok(())
    };
    match guarded(run) {
        Ok(()) => WegwijsStatus::Ok,
        Err(e) => {
            // SAFETY: as the caller guarantees.
            unsafe { report(&e, error, error_len) };
            e.status
        }
    }
}
