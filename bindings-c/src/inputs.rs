//! The arguments every evaluating call starts with: the engine, one required JSON text (a
//! case, a record or an array of records) and the options. Read in one place so that each
//! call names its argument the same way in its errors.

use crate::boundary::{optional_text, text};
use crate::engine::{engine_ref, WegwijsEngine};
use crate::error::FfiError;
use crate::options::Options;
use std::ffi::c_char;
use wegwijs::{Engine, Record};

/// The engine, the call's JSON text and its options.
pub(crate) struct Inputs<'a> {
    pub engine: &'a Engine,
    pub text: &'a str,
    pub options: Options,
}

impl<'a> Inputs<'a> {
    /// Reads the three; `what` names the text argument in errors (`"case_json"`, …).
    ///
    /// # Safety
    /// `engine` is NULL or a live handle; `text_ptr` NULL or `text_len` readable bytes;
    /// `options_json` NULL or `options_len` readable bytes; all unchanged during the call.
    pub(crate) unsafe fn read(
        engine: *const WegwijsEngine,
        text_ptr: *const c_char,
        text_len: usize,
        what: &str,
        options_json: *const c_char,
        options_len: usize,
    ) -> Result<Self, FfiError> {
        // SAFETY: as the caller guarantees (all three reads).
        let (engine, text, options) = unsafe {
            (
                engine_ref(engine)?,
                text(text_ptr, text_len, what)?,
                optional_text(options_json, options_len, "options_json")?,
            )
        };
        Ok(Inputs { engine, text, options: Options::read(options)? })
    }

    /// The text as a case record (a plain case is a record without history).
    pub(crate) fn record(&self) -> Result<Record, FfiError> {
        self.engine.record_from_str(self.text).map_err(|e| FfiError::case(&e))
    }
}
