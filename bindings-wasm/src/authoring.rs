//! Working on a rule set, for every host (the workbench page is one): load it from its
//! files, run its scenario tests, `check` it within a budget, compare two rule sets
//! semantically, and write it as a (signed) bundle. Wiring only: each call is one core call
//! (`Engine::from_files`, `run_scenarios`, `check_with`, `diff`, `signed_bundle`).

use crate::conv::to_js;
use crate::engine::Engine;
use crate::error::{argument_error, rule_error};
use crate::files::{check_options, rule_files, CheckOptions};
use std::cell::Cell;
use wasm_bindgen::prelude::*;
use wegwijs::check::CheckBudget;
use wegwijs::error::ArgumentError;
use wegwijs::signing::SigningKey;

#[wasm_bindgen]
impl Engine {
    /// Loads a rule set from its files, as `wegwijs` loads a folder: `files` maps relative
    /// paths (`manifest.toml`, `rules/hulp.toml`, `scenarios/x.toml`) to their text, as a
    /// plain object, a `Map` or an array of `[path, text]` pairs. The files are read in the
    /// folder loader's order (top level, then `rules/`, then `scenarios/`, each by name), so
    /// the content hash equals `wegwijs bundle DIR`'s. A rule set that does not load throws
    /// a `RuleError` whose `diagnostics` name file, line, column and hint; `root` is put in
    /// front of the file names in them (default: none).
    #[wasm_bindgen(js_name = fromFiles)]
    pub fn from_files(
        #[wasm_bindgen(unchecked_param_type = "RuleFiles")] files: &JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] root: JsValue,
    ) -> Result<Engine, JsValue> {
        let files =
            rule_files(files).map_err(|problem| argument_error(&ArgumentError { what: "files".into(), problem }))?;
        let root = match (root.is_null() || root.is_undefined(), root.as_string()) {
            (true, _) => String::new(),
            (false, Some(r)) => r,
            (false, None) => {
                return Err(argument_error(&ArgumentError {
                    what: "root".into(),
                    problem: "expected the folder name to show in front of the file names (a string)".into(),
                }))
            }
        };
        wegwijs::Engine::from_files(files, &root).map(|inner| Engine { inner }).map_err(|e| rule_error(&e))
    }

    /// Runs the rule set's scenario tests (`scenarios/*.toml`): one result per scenario,
    /// with every expectation that did not hold in `failures` (empty = passed). The
    /// built-in rules (`Engine.default()`) carry no scenarios; load the files to test them.
    #[wasm_bindgen(js_name = runTests)]
    #[wasm_bindgen(unchecked_return_type = "ScenarioResult[]")]
    pub fn run_tests(&self) -> JsValue {
        to_js(&self.inner.run_scenarios())
    }

    /// `wegwijs check`: every finding about the rule set, most serious first. Options:
    /// `maxCases` (partial cases the whole run may visit; default 1,000,000) and `stop`, a
    /// function asked every few thousand partial cases and once per question: returning
    /// `true` (or throwing) stops the run (a time limit, a cancel button, a progress
    /// report). What a stopped or exhausted run left undecided is reported as
    /// `analysis-incomplete` findings, never skipped.
    #[wasm_bindgen(unchecked_return_type = "Finding[]")]
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions | null")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let CheckOptions { max_cases, stop } = check_options(&options)
            .map_err(|problem| argument_error(&ArgumentError { what: "check options".into(), problem }))?;
        // Once the caller said stop (or its function threw), it is not asked again.
        let stopped = Cell::new(false);
        let ask = || {
            if stopped.get() {
                return true;
            }
            let answer = stop.as_ref().is_some_and(|f| f.call0(&JsValue::NULL).map_or(true, |v| v.is_truthy()));
            stopped.set(answer);
            answer
        };
        let budget = CheckBudget {
            cases: max_cases.unwrap_or(wegwijs::check::DEFAULT_CASES),
            stop: stop.is_some().then_some(&ask as &dyn Fn() -> bool),
        };
        Ok(to_js(&self.inner.check_with(&budget)))
    }

    /// The semantic difference to `other` (this rule set is the old one, `other` the new):
    /// the classes of cases whose outcome changes, each with the old and new value and a
    /// witness case, in outcome order. Empty when both decide every case the same.
    #[wasm_bindgen(unchecked_return_type = "DiffClass[]")]
    pub fn diff(&self, other: &Engine) -> JsValue {
        to_js(&self.inner.diff(&other.inner))
    }

    /// The rule set as one JSON bundle signed with the secret key file's text (as written
    /// by `wegwijs keygen`); `Engine.fromBundle(text, { trust: [publicKey] })` loads it.
    #[wasm_bindgen(js_name = signedBundle)]
    pub fn signed_bundle(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] secret_key: &JsValue,
    ) -> Result<String, JsValue> {
        let text = secret_key.as_string().ok_or_else(|| {
            argument_error(&ArgumentError {
                what: "secret key".into(),
                problem: "expected the text of a secret key file (a string)".into(),
            })
        })?;
        let key = SigningKey::from_text(&text).map_err(|e| argument_error(&e))?;
        Ok(self.inner.signed_bundle(&key))
    }
}
