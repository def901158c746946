//! The opaque engine handle: made from the national rules, a folder or bundle file, or
//! bundle text; described; freed.

use crate::boundary::{c_text, clear_error, guarded, report, respond, text};
use crate::error::{FfiError, WegwijsStatus};
use std::ffi::c_char;
use wegwijs::signing::PublicKey;
use wegwijs::Engine;

/// A loaded, compiled rule set. Opaque to C: only pointers to it cross the boundary.
///
/// Thread safety: every function that takes a `const WegwijsEngine *` may run at the same
/// time as any other such call, on the same engine, from any thread. Only
/// `wegwijs_engine_free` needs the engine to itself (no call on it may run or follow).
pub struct WegwijsEngine {
    pub(crate) inner: Engine,
}

// The promise above rests on this.
const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<WegwijsEngine>();
};

/// Runs a constructor: on success `*engine` is the new handle (free it with
/// `wegwijs_engine_free`), on failure NULL and `*error` (when `error` is not NULL) the
/// error object.
///
/// # Safety
/// `engine`, `error`, `error_len` are each NULL or valid for a write.
unsafe fn construct(
    engine: *mut *mut WegwijsEngine,
    error: *mut *mut c_char,
    error_len: *mut usize,
    load: impl FnOnce() -> Result<Engine, FfiError>,
) -> WegwijsStatus {
    // SAFETY: as the caller guarantees.
    unsafe { clear_error(error, error_len) };
    let result = if engine.is_null() {
        Err(FfiError::null("engine"))
    } else {
        // SAFETY: non-NULL and valid for a write (caller's promise).
        unsafe { *engine = std::ptr::null_mut() };
        guarded(load)
    };
    match result {
        Ok(inner) => {
            // SAFETY: `engine` is non-NULL (checked above) and valid for a write.
            unsafe { *engine = Box::into_raw(Box::new(WegwijsEngine { inner })) };
            WegwijsStatus::Ok
        }
        Err(e) => {
            // SAFETY: as the caller guarantees.
            unsafe { report(&e, error, error_len) };
            e.status
        }
    }
}

/// The engine behind a handle.
///
/// # Safety
/// `engine` is NULL or a live handle from a constructor of this library.
pub(crate) unsafe fn engine_ref<'a>(engine: *const WegwijsEngine) -> Result<&'a Engine, FfiError> {
    // SAFETY: NULL or a live handle (caller's promise); `as_ref` checks NULL.
    unsafe { engine.as_ref() }.map(|e| &e.inner).ok_or_else(|| FfiError::null("engine"))
}

/// The built-in national rule set (its signature by the repository's TEST key verified).
///
/// # Safety
/// `engine` must be valid for a write; `error` and `error_len` each NULL or valid for a write.
#[no_mangle]
pub unsafe extern "C" fn wegwijs_engine_national(
    engine: *mut *mut WegwijsEngine,
    error: *mut *mut c_char,
    error_len: *mut usize,
) -> WegwijsStatus {
    // SAFETY: passed on from the caller.
    unsafe { construct(engine, error, error_len, || Engine::try_national().map_err(|e| FfiError::rule(&e))) }
}

/// The public keys in `trusted[0..trusted_count]` (key file texts), or `None` when `trusted`
/// is NULL.
///
/// # Safety
/// A non-NULL `trusted` points to `trusted_count` NUL-terminated strings.
unsafe fn trusted_keys(
    trusted: *const *const c_char,
    trusted_count: usize,
) -> Result<Option<Vec<PublicKey>>, FfiError> {
    if trusted.is_null() {
        return if trusted_count == 0 {
            Ok(None)
        } else {
            Err(FfiError::invalid("trusted_keys", "is NULL while trusted_count is not 0", None))
        };
    }
    let mut keys = Vec::with_capacity(trusted_count.min(64));
    for i in 0..trusted_count {
        let what = format!("trusted_keys[{i}]");
        // SAFETY: `trusted` has `trusted_count` entries, each NULL or NUL-terminated.
        let text = unsafe { c_text(*trusted.add(i), &what) }?;
        keys.push(PublicKey::from_text(text).map_err(|e| FfiError::argument(&e))?);
    }
    Ok(Some(keys))
}

/// A rule-set folder, or a JSON bundle file, at `path` (NUL-terminated, UTF-8). With
/// `trusted` not NULL only a bundle file signed by one of the `trusted_count` public keys
/// (key file texts) loads; a folder is then refused.
///
/// # Safety
/// `path` is NULL or NUL-terminated; `trusted` as in `wegwijs_engine_from_bundle`; `engine`
/// valid for a write; `error`, `error_len` each NULL or valid for a write.
#[no_mangle]
pub unsafe extern "C" fn wegwijs_engine_load(
    path: *const c_char,
    trusted: *const *const c_char,
    trusted_count: usize,
    engine: *mut *mut WegwijsEngine,
    error: *mut *mut c_char,
    error_len: *mut usize,
) -> WegwijsStatus {
    let load = || {
        // SAFETY: as the caller guarantees.
        let path = unsafe { c_text(path, "path") }?;
        // SAFETY: as the caller guarantees.
        let loaded = match unsafe { trusted_keys(trusted, trusted_count) }? {
            None => Engine::load(path),
            Some(keys) => Engine::load_verified(path, &keys),
        };
        loaded.map_err(|e| FfiError::rule(&e))
    };
    // SAFETY: passed on from the caller.
    unsafe { construct(engine, error, error_len, load) }
}

/// A JSON bundle given as text (`json[0..json_len]`, UTF-8), as written by `wegwijs bundle`
/// or `wegwijs_bundle`. With `trusted` not NULL only a bundle signed by one of the
/// `trusted_count` public keys (key file texts, NUL-terminated) loads, and proposals record
/// the signer; with `trusted` NULL (and `trusted_count` 0) any valid bundle loads.
///
/// # Safety
/// `json` is NULL or points to `json_len` readable bytes; `trusted` is NULL or points to
/// `trusted_count` NUL-terminated strings; `engine` valid for a write; `error`, `error_len`
/// each NULL or valid for a write.
#[no_mangle]
pub unsafe extern "C" fn wegwijs_engine_from_bundle(
    json: *const c_char,
    json_len: usize,
    trusted: *const *const c_char,
    trusted_count: usize,
    engine: *mut *mut WegwijsEngine,
    error: *mut *mut c_char,
    error_len: *mut usize,
) -> WegwijsStatus {
    let load = || {
        // SAFETY: as the caller guarantees.
        let json = unsafe { text(json, json_len, "json") }?;
        // SAFETY: as the caller guarantees.
        let loaded = match unsafe { trusted_keys(trusted, trusted_count) }? {
            None => Engine::from_bundle(json),
            Some(keys) => Engine::from_bundle_verified(json, &keys),
        };
        loaded.map_err(|e| FfiError::rule(&e))
    };
    // SAFETY: passed on from the caller.
    unsafe { construct(engine, error, error_len, load) }
}

/// Frees an engine. NULL is allowed and does nothing.
///
/// # Safety
/// `engine` is NULL or a handle from this library, not freed before; no other call on it
/// may run at the same time or afterwards.
#[no_mangle]
pub unsafe extern "C" fn wegwijs_engine_free(engine: *mut WegwijsEngine) {
    if engine.is_null() {
        return;
    }
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // SAFETY: made by `Box::into_raw` in `construct`, not freed before (caller's promise).
        drop(unsafe { Box::from_raw(engine) });
    }));
}

/// The rule set's identity, as in a proposal's `ruleset`: `{"name": …, "version": …,
/// "hash": "sha256:…", "signed_by": … or null}`.
///
/// # Safety
/// `engine` is NULL or a live handle; `out` valid for a write; `out_len` NULL or valid for a write.
#[no_mangle]
pub unsafe extern "C" fn wegwijs_engine_info(
    engine: *const WegwijsEngine,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> WegwijsStatus {
    // SAFETY: passed on from the caller.
    unsafe {
        respond(out, out_len, || {
            Ok(serde_json::to_string(&engine_ref(engine)?.id()).expect("a rule-set identity always serializes"))
        })
    }
}

/// The intake schema (facts and sections in gespreksgids order), to build forms.
///
/// # Safety
/// As `wegwijs_engine_info`.
#[no_mangle]
pub unsafe extern "C" fn wegwijs_schema(
    engine: *const WegwijsEngine,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> WegwijsStatus {
    // SAFETY: passed on from the caller.
    unsafe {
        respond(out, out_len, || {
            Ok(serde_json::to_string(&engine_ref(engine)?.source().schema).expect("a schema always serializes"))
        })
    }
}

/// The rule set as one JSON bundle (loads back with `wegwijs_engine_from_bundle`, same hash).
///
/// # Safety
/// As `wegwijs_engine_info`.
#[no_mangle]
pub unsafe extern "C" fn wegwijs_bundle(
    engine: *const WegwijsEngine,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> WegwijsStatus {
    // SAFETY: passed on from the caller.
    unsafe { respond(out, out_len, || Ok(engine_ref(engine)?.bundle())) }
}
