//! The `Engine` class: load a rule set once, evaluate many cases.

use crate::conv::{bundle_text, case_from_js, now_from_js, offer_id, to_js, trusted_keys};
use crate::error::{argument_error, case_error, rule_error};
use std::sync::OnceLock;
use wasm_bindgen::prelude::*;
use wegwijs::{Case, Evaluation, Timestamp};

/// A loaded, compiled rule set.
#[wasm_bindgen]
pub struct Engine {
    pub(crate) inner: wegwijs::Engine,
}

/// The national rules, compiled once per instance of the module.
static NATIONAL: OnceLock<wegwijs::Engine> = OnceLock::new();

#[wasm_bindgen]
impl Engine {
    /// The built-in national rule set. Throws a `RuleError` (instead of aborting) if the
    /// embedded rules do not load.
    #[wasm_bindgen(js_name = default)]
    pub fn national() -> Result<Engine, JsValue> {
        if let Some(engine) = NATIONAL.get() {
            return Ok(Engine { inner: engine.clone() });
        }
        let engine = crate::national::load().map_err(|e| rule_error(&e))?;
        Ok(Engine { inner: NATIONAL.get_or_init(|| engine).clone() })
    }

    /// Loads a JSON bundle (as written by `wegwijs bundle` or `engine.bundle()`). With
    /// `{ trust: [publicKeyText, …] }` only a bundle signed by one of those keys loads
    /// (`wegwijs bundle --sign`), and proposals record the signer.
    #[wasm_bindgen(js_name = fromBundle)]
    pub fn from_bundle(
        #[wasm_bindgen(unchecked_param_type = "string")] json: &JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "BundleOptions | null")] options: JsValue,
    ) -> Result<Engine, JsValue> {
        let text = bundle_text(json).map_err(|e| argument_error(&e))?;
        let loaded = match trusted_keys(&options).map_err(|e| argument_error(&e))? {
            None => wegwijs::Engine::from_bundle(&text),
            Some(keys) => wegwijs::Engine::from_bundle_verified(&text, &keys),
        };
        loaded.map(|inner| Engine { inner }).map_err(|e| rule_error(&e))
    }

    /// The rule set's name.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.inner.id().name
    }

    /// The rule set's version.
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.inner.id().version
    }

    /// The content hash (`sha256:…`).
    #[wasm_bindgen(getter)]
    pub fn hash(&self) -> String {
        self.inner.id().hash
    }

    /// The proposal for a case at time `now` (default: the current time). A case record
    /// (an object or JSON text with `facts`) is evaluated as `evaluateRecord` does; so are
    /// the other calls that take a case (`questions`, `whyNot`, …).
    #[wasm_bindgen(unchecked_return_type = "Proposal")]
    pub fn evaluate(
        &self,
        #[wasm_bindgen(js_name = "facts", unchecked_param_type = "Case | CaseRecord | string")] case: &JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Now | null")] now: JsValue,
    ) -> Result<JsValue, JsValue> {
        let ev = self.run(case, &now)?;
        Ok(to_js(&ev.proposal()))
    }

    /// The proposal as its canonical JSON text: the same bytes as Rust's
    /// `serde_json::to_string(&evaluation.proposal())` and Python's.
    #[wasm_bindgen(js_name = evaluateJson)]
    pub fn evaluate_json(
        &self,
        #[wasm_bindgen(js_name = "facts", unchecked_param_type = "Case | CaseRecord | string")] case: &JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Now | null")] now: JsValue,
    ) -> Result<String, JsValue> {
        let ev = self.run(case, &now)?;
        Ok(serde_json::to_string(&ev.proposal()).expect("a proposal always serializes"))
    }

    /// The unanswered questions that could still change the proposal, most urgent first.
    #[wasm_bindgen(unchecked_return_type = "Question[]")]
    pub fn questions(
        &self,
        #[wasm_bindgen(js_name = "facts", unchecked_param_type = "Case | CaseRecord | string")] case: &JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Now | null")] now: JsValue,
    ) -> Result<JsValue, JsValue> {
        let ev = self.run(case, &now)?;
        Ok(to_js(&ev.questions()))
    }

    /// Why `offer` is not (certainly) proposed for the case.
    #[wasm_bindgen(js_name = whyNot)]
    #[wasm_bindgen(unchecked_return_type = "WhyNot")]
    pub fn why_not(
        &self,
        #[wasm_bindgen(js_name = "facts", unchecked_param_type = "Case | CaseRecord | string")] case: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Now | null | undefined")] now: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] offer: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let offer = offer_id(offer).map_err(|e| argument_error(&e))?;
        let ev = self.run(case, &now)?;
        let why = ev.why_not(&offer).map_err(|e| argument_error(&e))?;
        Ok(to_js(&why))
    }

    /// The proposal for an audience (issue 11): `"professional"` (the proposal),
    /// `"slachtoffer"` or `"melder"` (a short plain-language summary), or a partner
    /// organisation id (a handover within the consent scope). With `lang` (one of the
    /// rule set's languages), every text holds only that language, or Dutch where it has
    /// none, and the result says `language`.
    #[wasm_bindgen(js_name = forAudience)]
    #[wasm_bindgen(unchecked_return_type = "Proposal | Summary | Handover")]
    pub fn for_audience(
        &self,
        #[wasm_bindgen(js_name = "facts", unchecked_param_type = "Case | CaseRecord | string")] case: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Now | null | undefined")] now: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] audience: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] lang: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = self.for_audience_json(case, now, audience, lang)?;
        Ok(js_sys::JSON::parse(&text).expect("serde_json writes valid JSON"))
    }

    /// [`Self::for_audience`] as canonical JSON text: the same bytes as Rust and Python.
    #[wasm_bindgen(js_name = forAudienceJson)]
    pub fn for_audience_json(
        &self,
        #[wasm_bindgen(js_name = "facts", unchecked_param_type = "Case | CaseRecord | string")] case: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "Now | null | undefined")] now: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] audience: &JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] lang: JsValue,
    ) -> Result<String, JsValue> {
        let lang = match (lang.is_null() || lang.is_undefined(), lang.as_string()) {
            (true, _) => None,
            (false, Some(l)) => Some(l),
            (false, None) => {
                return Err(argument_error(&wegwijs::error::ArgumentError {
                    what: "lang".into(),
                    problem: "expected one of the rule set's languages (a string), e.g. \"ar\"".into(),
                }))
            }
        };
        let audience = audience.as_string().ok_or_else(|| {
            argument_error(&wegwijs::error::ArgumentError {
                what: "audience".into(),
                problem: "expected slachtoffer, melder, professional or an organisation id (a string)".into(),
            })
        })?;
        let ev = self.run(case, &now)?;
        let audience = wegwijs::audience::Audience::parse(&audience);
        let view = match lang.as_deref() {
            None => ev.for_audience(&audience),
            Some(lang) => ev.for_audience_in(&audience, lang),
        }
        .map_err(|e| argument_error(&e))?;
        Ok(serde_json::to_string(&view).expect("an audience view always serializes"))
    }

    /// The intake facts and their sections, in gespreksgids order.
    #[wasm_bindgen(unchecked_return_type = "Schema")]
    pub fn schema(&self) -> JsValue {
        to_js(&self.inner.source().schema)
    }

    /// The whole rule set as written: manifest, schema, offers, rules, regions, ….
    #[wasm_bindgen(unchecked_return_type = "RuleSetSource")]
    pub fn source(&self) -> JsValue {
        to_js(self.inner.source())
    }

    /// The rule set as one JSON bundle (loads back with `Engine.fromBundle`, same hash).
    pub fn bundle(&self) -> String {
        self.inner.bundle()
    }
}

impl Engine {
    fn case(&self, case: &JsValue) -> Result<Case, JsValue> {
        case_from_js(&self.inner, case).map_err(|e| case_error(&e))
    }

    fn now(now: &JsValue) -> Result<Timestamp, JsValue> {
        now_from_js(now).map_err(|e| argument_error(&e))
    }

    /// Evaluates a case, or a case record told apart by its shape as `wegwijs eval` does
    /// (an object or JSON text with `facts`, unless the schema has a fact of that name).
    fn run(&self, case: &JsValue, now: &JsValue) -> Result<Evaluation, JsValue> {
        let now = Self::now(now)?;
        if let Some(text) = case.as_string() {
            return match self.inner.case_or_record_from_str(&text).map_err(|e| case_error(&e))? {
                wegwijs::CaseOrRecord::Case(case) => Ok(self.inner.evaluate(&case, now)),
                wegwijs::CaseOrRecord::Record(record) => Ok(self.inner.evaluate_record(&record, now)),
            };
        }
        if self.is_record(case) {
            let record = self.record(case)?;
            return Ok(self.inner.evaluate_record(&record, now));
        }
        let case = self.case(case)?;
        Ok(self.inner.evaluate(&case, now))
    }

    /// Whether an object (not a Map) has the record key, and the schema no fact of that name.
    fn is_record(&self, value: &JsValue) -> bool {
        let key = wegwijs::RECORD_KEY;
        self.inner.is_record_key(key)
            && value.is_object()
            && !value.is_function()
            && !value.is_instance_of::<js_sys::Map>()
            && js_sys::Reflect::has(value, &JsValue::from_str(key)).unwrap_or(false)
    }
}
