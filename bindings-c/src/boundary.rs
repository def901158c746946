//! The boundary itself: reading the caller's pointers, catching panics, handing out and
//! taking back the buffers the library allocates. Every `unsafe` of the crate that reads
//! caller memory is here.

use crate::error::{FfiError, WegwijsStatus};
use std::ffi::{c_char, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;

/// Runs `f`, turning a panic into an [`FfiError::internal`] (the payload is dropped unread).
pub(crate) fn guarded<T>(f: impl FnOnce() -> Result<T, FfiError>) -> Result<T, FfiError> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| Err(FfiError::internal()))
}

/// The text of a (pointer, length) argument: `None` for a NULL pointer.
///
/// # Safety
/// A non-NULL `ptr` must point to `len` readable bytes that stay unchanged during the call.
pub(crate) unsafe fn optional_text<'a>(
    ptr: *const c_char,
    len: usize,
    what: &str,
) -> Result<Option<&'a str>, FfiError> {
    if ptr.is_null() {
        return Ok(None);
    }
    if len > isize::MAX as usize {
        return Err(FfiError::invalid(what, "length is larger than any buffer can be", None));
    }
    // SAFETY: the caller guarantees `len` readable bytes at `ptr` (checked non-NULL above).
    let bytes = unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len) };
    std::str::from_utf8(bytes).map(Some).map_err(|e| FfiError::utf8(what, e.valid_up_to()))
}

/// The text of a required (pointer, length) argument.
///
/// # Safety
/// As [`optional_text`].
pub(crate) unsafe fn text<'a>(ptr: *const c_char, len: usize, what: &str) -> Result<&'a str, FfiError> {
    // SAFETY: passed on from the caller.
    unsafe { optional_text(ptr, len, what) }?.ok_or_else(|| FfiError::null(what))
}

/// The text of a required NUL-terminated argument.
///
/// # Safety
/// A non-NULL `ptr` must point to a NUL-terminated string that stays unchanged during the call.
pub(crate) unsafe fn c_text<'a>(ptr: *const c_char, what: &str) -> Result<&'a str, FfiError> {
    if ptr.is_null() {
        return Err(FfiError::null(what));
    }
    // SAFETY: non-NULL and NUL-terminated, as the caller guarantees.
    let bytes = unsafe { CStr::from_ptr(ptr) }.to_bytes();
    std::str::from_utf8(bytes).map_err(|e| FfiError::utf8(what, e.valid_up_to()))
}

/// Clears an output pair so a caller never reads a stale pointer, whatever happens next.
///
/// # Safety
/// `out` and `out_len` are each NULL or valid for a write.
unsafe fn clear(out: *mut *mut c_char, out_len: *mut usize) {
    if !out.is_null() {
        // SAFETY: valid for a write, as the caller guarantees.
        unsafe { *out = ptr::null_mut() };
    }
    if !out_len.is_null() {
        // SAFETY: as above.
        unsafe { *out_len = 0 };
    }
}

/// Hands `text` to the caller as a NUL-terminated buffer it frees with `wegwijs_string_free`.
///
/// # Safety
/// `out` must be valid for a write; `out_len` NULL or valid for a write.
unsafe fn give(text: String, out: *mut *mut c_char, out_len: *mut usize) {
    // INVARIANT: JSON written by serde_json escapes U+0000, so the text has no NUL byte; the
    // fallback keeps that a documented error instead of a panic if it ever did.
    let c = CString::new(text).unwrap_or_else(|_| CString::new(FfiError::internal().to_json()).expect("no NUL"));
    let len = c.as_bytes().len();
    // SAFETY: valid for writes, as the caller guarantees.
    unsafe {
        *out = c.into_raw();
        if !out_len.is_null() {
            *out_len = len;
        }
    }
}

/// Runs a call whose result is JSON text: on success the result goes to `out`, on failure
/// the error object does; the status says which. With `out` NULL nothing is run.
///
/// # Safety
/// `out` and `out_len` are each NULL or valid for a write; `f` may rely on its own
/// caller-guaranteed pointers.
pub(crate) unsafe fn respond(
    out: *mut *mut c_char,
    out_len: *mut usize,
    f: impl FnOnce() -> Result<String, FfiError>,
) -> WegwijsStatus {
    // SAFETY: passed on from the caller.
    unsafe { clear(out, out_len) };
    if out.is_null() {
        return WegwijsStatus::NullPointer;
    }
    let (status, text) = match guarded(f) {
        Ok(text) => (WegwijsStatus::Ok, text),
        Err(e) => (e.status, e.to_json()),
    };
    // SAFETY: `out` is non-NULL and, like `out_len`, valid for a write.
    unsafe { give(text, out, out_len) };
    status
}

/// Writes an error object to an optional error output (constructors): nothing when NULL.
///
/// # Safety
/// `error` and `error_len` are each NULL or valid for a write.
pub(crate) unsafe fn report(e: &FfiError, error: *mut *mut c_char, error_len: *mut usize) {
    if !error.is_null() {
        // SAFETY: as the caller guarantees.
        unsafe { give(e.to_json(), error, error_len) };
    }
}

/// Clears an optional error output (constructors) before a call.
///
/// # Safety
/// As [`report`].
pub(crate) unsafe fn clear_error(error: *mut *mut c_char, error_len: *mut usize) {
    // SAFETY: as the caller guarantees.
    unsafe { clear(error, error_len) };
}

/// Frees a buffer that a `wegwijs_*` function returned (a result or an error object).
/// NULL is allowed and does nothing.
///
/// # Safety
/// `text` is NULL or a pointer returned by this library and not freed before. Any thread may
/// free it.
#[no_mangle]
pub unsafe extern "C" fn wegwijs_string_free(text: *mut c_char) {
    if text.is_null() {
        return;
    }
    // A panic cannot happen here, but none may cross the boundary either.
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: made by `CString::into_raw` in `give`, not freed before (caller's promise).
        drop(unsafe { CString::from_raw(text) });
    }));
}
