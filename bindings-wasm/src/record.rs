//! Case records over time (docs/case-record.md): evaluate a record, what changed since an
//! earlier proposal or the last decision, the MDT agenda, and recording a decision. Wiring
//! only: the semantics live in the core.

use crate::conv::{now_from_js, to_js};
use crate::engine::Engine;
use crate::error::{argument_error, case_error};
use js_sys::{Array, Error, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wegwijs::{EarlierProposal, Record, Timestamp};

/// A record given as an object or as JSON text, as JSON text (a JS object cannot hold a
/// key twice; text is checked for that by the core).
fn text_of(value: &JsValue) -> Result<String, JsValue> {
    if let Some(s) = value.as_string() {
        return Ok(s);
    }
    JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| Error::new("a case record must be an object or JSON text").into())
}

fn decision_error(e: &wegwijs::DecisionError) -> JsValue {
    let err = Error::new(&e.to_string());
    err.set_name("DecisionError");
    let problems: Array = e.problems.iter().map(|p| JsValue::from_str(p)).collect();
    // INVARIANT: `err` is a fresh Error object, so defining a property cannot fail.
    let _ = Reflect::set(&err, &JsValue::from_str("problems"), &problems);
    err.into()
}

impl Engine {
    pub(crate) fn record(&self, value: &JsValue) -> Result<Record, JsValue> {
        self.inner.record_from_str(&text_of(value)?).map_err(|e| case_error(&e))
    }

    fn at(now: &JsValue) -> Result<Timestamp, JsValue> {
        now_from_js(now).map_err(|e| argument_error(&e))
    }
}

#[wasm_bindgen]
impl Engine {
    /// The proposal for a case record (or a plain case) at `now`: stale facts count as
    /// unknown, done offers are not proposed, the last decision is shown next to it.
    #[wasm_bindgen(js_name = evaluateRecord, unchecked_return_type = "Proposal")]
    pub fn evaluate_record(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CaseRecord | Case | string")] record: &JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Now | null")] now: JsValue,
    ) -> Result<JsValue, JsValue> {
        let record = self.record(record)?;
        Ok(to_js(&self.inner.evaluate_record(&record, Self::at(&now)?).proposal()))
    }

    /// The record's proposal as canonical JSON text (the same bytes as Rust and Python).
    #[wasm_bindgen(js_name = evaluateRecordJson)]
    pub fn evaluate_record_json(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CaseRecord | Case | string")] record: &JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Now | null")] now: JsValue,
    ) -> Result<String, JsValue> {
        let record = self.record(record)?;
        let p = self.inner.evaluate_record(&record, Self::at(&now)?).proposal();
        Ok(serde_json::to_string(&p).expect("a proposal always serializes"))
    }

    /// What changed since `previous`: an earlier proposal, or (when `previous` is omitted or
    /// null) the proposal at the record's last decision. `null` when there is nothing to
    /// compare with.
    #[wasm_bindgen(js_name = changesSince, unchecked_return_type = "Changes | null")]
    pub fn changes_since(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CaseRecord | string")] record: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Proposal | null | undefined")] previous: &JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Now | null")] now: JsValue,
    ) -> Result<JsValue, JsValue> {
        let record = self.record(record)?;
        let ev = self.inner.evaluate_record(&record, Self::at(&now)?);
        let previous: Option<EarlierProposal> = if previous.is_null() || previous.is_undefined() {
            self.inner.proposal_at_last_decision(&record).map(EarlierProposal::from)
        } else {
            let text = text_of(previous)?;
            Some(EarlierProposal::from_json(&text).map_err(|e| Error::new(&format!("`previous` {e}")))?)
        };
        Ok(previous.map_or(JsValue::NULL, |p| to_js(&ev.changes_since(p))))
    }

    /// The MDT agenda over records at `now`, most urgent first. A record without a `case`
    /// reference is named by its position (`#1`, `#2`, …).
    #[wasm_bindgen(unchecked_return_type = "Agenda")]
    pub fn agenda(
        &self,
        #[wasm_bindgen(unchecked_param_type = "(CaseRecord | string)[]")] records: &JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Now | null")] now: JsValue,
    ) -> Result<JsValue, JsValue> {
        let list = Array::from(records);
        let mut named = Vec::with_capacity(list.length() as usize);
        for (i, r) in list.iter().enumerate() {
            // The error names the record's position (`records[2]: …`), never its content.
            let text = text_of(&r).map_err(|_| Error::new(&format!("records[{i}]: must be an object or JSON text")))?;
            let record = self.inner.record_from_str(&text).map_err(|mut e| {
                e.fact = format!("records[{i}]: {}", e.fact);
                case_error(&e)
            })?;
            named.push((format!("#{}", i + 1), record));
        }
        Ok(to_js(&self.inner.agenda(&named, Self::at(&now)?)))
    }

    /// Verifies every decision of a record (`wegwijs verify`): per decision whether its
    /// decision, proposal and chain hashes match, whether it names this case and whether it
    /// was taken on this rule set (else `ruleset_needed`). The hashes detect changes; they
    /// do not sign (docs/case-record.md).
    #[wasm_bindgen(unchecked_return_type = "Verification")]
    pub fn verify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CaseRecord | string")] record: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let record = self.record(record)?;
        Ok(to_js(&self.inner.verify(&record)))
    }

    /// Records an MDT decision: checked against the proposal, stamped, appended. Returns
    /// the updated record; throws a `DecisionError` (with `problems`) when incomplete.
    #[wasm_bindgen(unchecked_return_type = "CaseRecord")]
    pub fn decide(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CaseRecord | string")] record: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Decision | string")] decision: &JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Now | null")] now: JsValue,
    ) -> Result<JsValue, JsValue> {
        let record = self.record(record)?;
        let decision = self.inner.decision_from_str(&text_of(decision)?).map_err(|e| decision_error(&e))?;
        let updated = self.inner.decide(&record, &decision, Self::at(&now)?).map_err(|e| decision_error(&e))?;
        Ok(to_js(&updated.to_json()))
    }
}
