//! The public entry point: load a rule set once, evaluate many cases.
//!
//! The engine knows cases (values per fact) and nothing above them. A layer built on top,
//! such as the case record (`record/`), turns its own input into values and declined
//! offers, asks the engine (`evaluate_values`, the crate-internal form of
//! [`Engine::evaluate`]), and attaches a [`Layer`] to the [`Evaluation`]: a small set of
//! hooks the engine calls when it renders questions, the proposal or why-not. The engine owns the hooks' shape, the layer fills them, so the
//! arrows point one way (record → engine) and `Evaluation` stays the one result type every
//! binding already uses.

use crate::compile::program::Env;
use crate::compile::{self, RuleSet};
use crate::error::{ArgumentError, CaseError, RuleError};
use crate::error::{Diagnostic, DiagnosticKind, Location};
use crate::eval::case::{Case, CaseBuilder};
use crate::eval::case_json;
use crate::eval::outcome::{self, Outcome};
use crate::eval::questions::{self, OpenQuestion};
use crate::eval::time::{format_datetime, parse_datetime, MAX_SECONDS, MIN_SECONDS};
use crate::eval::value::{Tri, Value};
use crate::eval::why_not::{self, WhyNot};
use crate::explain::proposal;
use crate::result::{Decisions, Declined, Proposal, Question, RuleSetId};
use crate::ruleset::load::{parse_bundle, parse_files, read_dir_files, BUNDLE_FORMAT};
use crate::ruleset::locate::Origins;
use crate::ruleset::source::RuleSetSource;
use crate::ruleset::{content_hash, source};
use crate::signing::{verify_bundle, PublicKey, SignedBy, SigningKey};
use std::fmt;
use std::path::Path;
use std::sync::Arc;

/// A loaded, compiled rule set. Cheap to clone and share across threads (`Send + Sync`).
#[derive(Clone, Debug)]
pub struct Engine {
    rules: Arc<RuleSet>,
}

/// An evaluation time: seconds since the Unix epoch, always within the years 0000 to 9999
/// UTC (what RFC 3339 can write), so every time in a result is valid RFC 3339. The engine
/// never reads the clock; the caller always says what "now" is, so results are
/// reproducible.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp(i64);

impl Timestamp {
    /// The earliest evaluation time, 0000-01-01T00:00:00Z.
    pub const MIN: Timestamp = Timestamp(MIN_SECONDS);
    /// The latest evaluation time, 9999-12-31T23:59:59Z.
    pub const MAX: Timestamp = Timestamp(MAX_SECONDS);

    /// Parses an RFC 3339 datetime with offset.
    pub fn parse(text: &str) -> Result<Self, ArgumentError> {
        parse_datetime(text).map(Timestamp).ok_or_else(|| ArgumentError {
            what: "evaluation time".into(),
            problem:
                "expected an RFC 3339 datetime with offset from the year 0000 to 9999, e.g. 2026-03-01T10:00:00+01:00"
                    .into(),
        })
    }

    /// Seconds since the Unix epoch, if within [`Timestamp::MIN`] to [`Timestamp::MAX`].
    pub fn from_unix(seconds: i64) -> Result<Self, ArgumentError> {
        if (MIN_SECONDS..=MAX_SECONDS).contains(&seconds) {
            Ok(Timestamp(seconds))
        } else {
            Err(out_of_range())
        }
    }

    /// Seconds since the Unix epoch as a float (e.g. from Python or JavaScript), rounded
    /// down; NaN, infinities and times outside the range are an error.
    pub fn from_unix_f64(seconds: f64) -> Result<Self, ArgumentError> {
        let whole = seconds.floor();
        if !whole.is_finite() || whole < MIN_SECONDS as f64 || whole > MAX_SECONDS as f64 {
            return Err(out_of_range());
        }
        // INVARIANT: whole is an integer within the i64 range (checked above).
        Self::from_unix(whole as i64)
    }

    /// Seconds since the Unix epoch.
    pub fn seconds(self) -> i64 {
        self.0
    }

    /// The time as RFC 3339 in UTC, as in a proposal's `evaluated_at`.
    pub fn to_rfc3339(self) -> String {
        format_datetime(self.0)
    }
}

fn out_of_range() -> ArgumentError {
    ArgumentError {
        what: "evaluation time".into(),
        problem: "must be a finite time from 0000-01-01T00:00:00Z to 9999-12-31T23:59:59Z".into(),
    }
}

impl Engine {
    /// Loads a rule-set folder or a JSON bundle file.
    pub fn load(path: impl AsRef<Path>) -> Result<Self, RuleError> {
        Self::load_trusting(path, None)
    }

    /// Loads a signed JSON bundle file, refused unless its signature is by one of `trusted`
    /// and matches its content. A folder is refused (only bundles carry a signature).
    pub fn load_verified(path: impl AsRef<Path>, trusted: &[PublicKey]) -> Result<Self, RuleError> {
        Self::load_trusting(path, Some(trusted))
    }

    fn load_trusting(path: impl AsRef<Path>, trusted: Option<&[PublicKey]>) -> Result<Self, RuleError> {
        let path = path.as_ref();
        let name = path.display().to_string();
        if path.is_file() {
            let shown = path.display().to_string();
            let len = crate::ruleset::load::entry_len(path).unwrap_or(0);
            crate::ruleset::load::too_large(&shown, len, crate::limits::MAX_BUNDLE_BYTES)?;
            let text = std::fs::read_to_string(path).map_err(|e| Diagnostic {
                kind: DiagnosticKind::Io,
                location: Location { file: name.clone(), ..Location::default() },
                message: format!("cannot read: {e}"),
                hint: None,
            })?;
            return Self::from_bundle_named(&text, &name, trusted);
        }
        if trusted.is_some() && path.is_dir() {
            return Err(Diagnostic {
                kind: DiagnosticKind::Invalid,
                location: Location { file: name, path: "signature".into(), ..Location::default() },
                message: "a rule-set folder is not signed, and trusted keys were given".into(),
                hint: Some("load a bundle signed with `wegwijs bundle --sign KEYFILE`".into()),
            }
            .into());
        }
        let files = read_dir_files(path)?;
        Self::from_files(files, &name)
    }

    /// Loads a rule set from its files given as `(relative path, text)` pairs
    /// (`manifest.toml`, `rules/hulp.toml`, …), e.g. embedded in a binary.
    pub fn from_files(files: Vec<(String, String)>, display_root: &str) -> Result<Self, RuleError> {
        let (source, origins) = parse_files(files, display_root)?;
        let hash = content_hash(&source);
        Self::compile(source, hash, &origins)
    }

    /// Loads a JSON bundle (as written by [`Engine::bundle`]).
    ///
    /// A signature in the bundle is not checked (and not recorded): use
    /// [`Engine::from_bundle_verified`] to require one.
    pub fn from_bundle(text: &str) -> Result<Self, RuleError> {
        Self::from_bundle_named(text, "<bundle>", None)
    }

    /// Loads a JSON bundle that must be signed by one of `trusted` (see `docs/signing.md`).
    /// An unsigned bundle, one signed by another key, and one changed after signing are
    /// refused; proposals record the signer.
    pub fn from_bundle_verified(text: &str, trusted: &[PublicKey]) -> Result<Self, RuleError> {
        Self::from_bundle_named(text, "<bundle>", Some(trusted))
    }

    fn from_bundle_named(text: &str, name: &str, trusted: Option<&[PublicKey]>) -> Result<Self, RuleError> {
        let (bundle, origins) = parse_bundle(text, name)?;
        let hash = content_hash(&bundle.ruleset);
        if hash != bundle.hash {
            return Err(Diagnostic {
                kind: DiagnosticKind::Invalid,
                location: Location { file: name.into(), path: "hash".into(), ..Location::default() },
                message: "the bundle's content does not match its hash".into(),
                hint: Some("the bundle was edited by hand or damaged; rebuild it with `wegwijs bundle`".into()),
            }
            .into());
        }
        let signed_by = match trusted {
            Some(keys) => Some(verify_bundle(bundle.signature.as_ref(), &hash, keys, name)?),
            None => None,
        };
        Ok(Self::compile(bundle.ruleset, hash, &origins)?.with_signer(signed_by))
    }

    /// Records who signed the rule set (set once, right after loading).
    pub(crate) fn with_signer(mut self, signed_by: Option<SignedBy>) -> Self {
        if let Some(rules) = Arc::get_mut(&mut self.rules) {
            rules.signed_by = signed_by;
        }
        self
    }

    /// Compiles an already parsed source.
    pub fn from_source(source: RuleSetSource) -> Result<Self, RuleError> {
        let hash = content_hash(&source);
        let origins = Origins { bundle: Some("<source>".into()), ..Origins::default() };
        Self::compile(source, hash, &origins)
    }

    fn compile(source: RuleSetSource, hash: String, origins: &Origins) -> Result<Self, RuleError> {
        Ok(Engine { rules: Arc::new(compile::compile(source, hash, origins)?) })
    }

    /// The whole rule set as one JSON document (hash included); loads back identically.
    pub fn bundle(&self) -> String {
        let value = serde_json::json!({
            "format": BUNDLE_FORMAT,
            "hash": self.rules.hash,
            "ruleset": json_value(&self.rules.source),
        });
        serde_json::to_string_pretty(&value).expect("bundle serializes")
    }

    /// The rule set as one JSON bundle, signed with `key` over its content hash.
    pub fn signed_bundle(&self, key: &SigningKey) -> String {
        let value = serde_json::json!({
            "format": BUNDLE_FORMAT,
            "hash": self.rules.hash,
            "signature": key.sign_hash(&self.rules.hash),
            "ruleset": json_value(&self.rules.source),
        });
        serde_json::to_string_pretty(&value).expect("bundle serializes")
    }

    /// Name, version and content hash.
    pub fn id(&self) -> RuleSetId {
        let m = &self.rules.source.manifest;
        RuleSetId {
            name: m.name.clone(),
            version: m.version.clone(),
            hash: self.rules.hash.clone(),
            signed_by: self.rules.signed_by.clone(),
        }
    }

    /// The rule set as written (schema, offers, rules, …), e.g. to build intake forms.
    pub fn source(&self) -> &source::RuleSetSource {
        &self.rules.source
    }

    /// A builder for a case, fact by fact.
    pub fn case_builder(&self) -> CaseBuilder {
        CaseBuilder::new(self.rules.clone())
    }

    /// Reads a case from a JSON object (`null` or a missing key = unknown).
    pub fn case_from_json(&self, value: &serde_json::Value) -> Result<Case, CaseError> {
        let Some(object) = value.as_object() else {
            return Err(CaseError {
                fact: "(case)".into(),
                problem: "a case must be a JSON object of facts".into(),
                hint: None,
            });
        };
        let mut builder = self.case_builder();
        for (key, v) in object {
            builder.set_json(key, v)?;
        }
        Ok(builder.build())
    }

    /// Reads a case from JSON text (at most [`crate::limits::MAX_CASE_BYTES`]); a key
    /// given twice is an error.
    pub fn case_from_str(&self, text: &str) -> Result<Case, CaseError> {
        let mut builder = self.case_builder();
        for (key, v) in case_json::parse(text)? {
            builder.set_json(&key, &v)?;
        }
        Ok(builder.build())
    }

    /// Evaluates a case at time `now`.
    pub fn evaluate(&self, case: &Case, now: Timestamp) -> Evaluation {
        self.evaluate_values(&case.values, now.0, &[])
    }

    /// Evaluates schema-fact values at `now`, with the wish of the `declined` offers taken
    /// as refused (a declined offer comes back only through an override rule that may go
    /// against the victim's wish, not through one that only covers a missing consent).
    pub(crate) fn evaluate_values(&self, values: &[Value], now: i64, declined: &[u16]) -> Evaluation {
        let rules = &*self.rules;
        let mut slots = Vec::with_capacity(rules.slot_count());
        slots.extend_from_slice(values);
        rules.plan.derive(&mut slots, rules.derived.len(), now);
        // One buffer: each rule's truth, then each offer's wish.
        let mut truth = Vec::with_capacity(rules.rules.len() + rules.offers.len());
        let env = Env { slots: &slots, now };
        rules.conditions.decide_all(&env, &rules.program, &mut truth);
        let split = rules.rules.len();
        for &o in declined {
            truth[split + o as usize] = Tri::False;
        }
        let (status, wishes) = truth.split_at(split);
        let mut outcome = outcome::merge(rules, status, wishes, &slots);
        if !declined.is_empty() {
            outcome::drop_declined(rules, status, declined, &mut outcome);
        }
        Evaluation { rules: self.rules.clone(), now, slots, truth, outcome, layer: None }
    }

    /// Evaluates only the outcome of a case at `now` into `out`, a buffer the caller keeps
    /// and reuses: offers as bit sets, levels as indices; no allocation once `out` has its
    /// size, no sort, no copy of the case. The derived facts are appended to the case's
    /// values during the evaluation and removed after (so the case comes back unchanged).
    /// For explanations, questions or why-not, use [`Engine::evaluate`].
    pub fn outcome_into(&self, case: &mut Case, now: Timestamp, out: &mut crate::OutcomeBuffer) {
        crate::eval::outcome_buffer::evaluate(&self.rules, &mut case.values, now.0, out);
    }

    pub(crate) fn rules(&self) -> &RuleSet {
        &self.rules
    }

    pub(crate) fn rules_arc(&self) -> &Arc<RuleSet> {
        &self.rules
    }
}

/// The compact result of one evaluation. Texts are rendered only when asked
/// ([`Evaluation::proposal`]), so large batches stay cheap.
#[derive(Clone, Debug)]
pub struct Evaluation {
    rules: Arc<RuleSet>,
    now: i64,
    slots: Vec<Value>,
    /// Per rule, whether its condition holds; then per offer, whether the wish allows it.
    truth: Vec<Tri>,
    outcome: Outcome,
    /// What a layer above the engine (a case record) adds, if any.
    layer: Option<Arc<dyn Layer>>,
}

/// What a layer above the engine adds to an [`Evaluation`] (the case record is one: it
/// drops questions about settled offers, adds its status and warnings, and says why an
/// offer was declined). The engine calls these hooks without knowing what the layer is.
pub(crate) trait Layer: Send + Sync {
    /// The open questions that still matter to this layer, from those the rules leave open.
    fn filter_questions(&self, rules: &RuleSet, open: Vec<OpenQuestion>) -> Vec<OpenQuestion>;
    /// Adds the layer's part to a rendered proposal (after its questions were filtered).
    fn annotate(&self, rules: &RuleSet, proposal: &mut Proposal);
    /// A "no" to `offer` beyond the rules (a decline, a rejection), for why-not.
    fn declined(&self, rules: &RuleSet, offer: u16) -> Option<Declined>;
    /// Whether the MDT rejected `offer` (it stays out of what the victim, the caller and
    /// partners read until a later decision accepts it).
    fn rejected(&self, offer: u16) -> bool;
    /// The layer itself, for the layer's own code to read back what it attached.
    fn as_any(&self) -> &dyn std::any::Any;
}

/// A layer shows as `Layer { .. }`. `Debug` is not a supertrait of [`Layer`]: through the
/// vtable it pulled the Debug code of the whole record model into every build, 4 KB of the
/// gzipped browser module, for output only a debugger reads.
impl fmt::Debug for dyn Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Layer { .. }")
    }
}

impl Evaluation {
    /// The merged outcomes (indices into the rule set).
    pub fn outcome(&self) -> &Outcome {
        &self.outcome
    }

    /// The full proposal with explanations, questions and warnings.
    pub fn proposal(&self) -> Proposal {
        self.proposal_with_voice(self.voice())
    }

    /// The voice the case's facts choose (an index into the manifest's voices).
    fn voice(&self) -> Option<usize> {
        self.rules.voice_for(&Env { slots: &self.slots, now: self.now })
    }

    /// The proposal in `voice`, with what a layer adds (its questions and points).
    pub(crate) fn proposal_with_voice(&self, voice: Option<usize>) -> Proposal {
        let (rules, now, outcome) = (&self.rules, self.now, &self.outcome);
        let mut p = proposal::build_in_voice(rules, now, &self.slots, self.status(), self.wishes(), outcome, voice);
        if let Some(layer) = &self.layer {
            p.questions = proposal::questions(rules, &self.open_questions(), voice);
            layer.annotate(rules, &mut p);
        }
        p
    }

    /// The proposal's needs, referrals, regie, regiehouder and region, without rendering
    /// explanations, questions or warnings.
    pub fn decisions(&self) -> Decisions {
        proposal::decisions(&self.rules, self.now, &self.slots, self.status(), self.wishes(), &self.outcome)
    }

    /// The evaluation time.
    pub fn now(&self) -> Timestamp {
        Timestamp(self.now)
    }

    /// The evaluation time as the proposal writes it (RFC 3339 in the rule set's time zone).
    pub fn evaluated_at(&self) -> String {
        self.rules.zone.format(self.now)
    }

    /// The case's own values (one per schema fact, in schema order), as given: enough to
    /// evaluate it again, e.g. after a binding sent the evaluation to another process.
    pub fn case_values(&self) -> &[Value] {
        &self.slots[..self.rules.facts.len()]
    }

    /// The proposal with its victim-facing texts in `voice` (one of the manifest's voices)
    /// instead of the voice the case's facts choose, e.g. the caller's version.
    pub fn proposal_in_voice(&self, voice: &str) -> Result<Proposal, ArgumentError> {
        let Some(index) = self.rules.voices.iter().position(|v| v.id == voice) else {
            return Err(ArgumentError {
                what: format!("voice `{voice}`"),
                problem: format!(
                    "is not declared in the manifest ({})",
                    crate::suggest::hint(voice, self.rules.voices.iter().map(|v| v.id.as_str()))
                ),
            });
        };
        Ok(self.proposal_with_voice(Some(index)))
    }

    /// The unanswered questions that could still change the proposal, most urgent first.
    pub fn questions(&self) -> Vec<Question> {
        proposal::questions(&self.rules, &self.open_questions(), self.voice())
    }

    pub(crate) fn open_questions(&self) -> Vec<OpenQuestion> {
        let open = questions::open_questions(&self.rules, self.status(), &self.slots, self.now, &self.outcome);
        match &self.layer {
            Some(layer) => layer.filter_questions(&self.rules, open),
            None => open,
        }
    }

    pub(crate) fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Whether a layer (a case record's MDT) rejected `offer` and no later decision accepted it.
    pub(crate) fn rejected_by_mdt(&self, offer: u16) -> bool {
        self.layer.as_ref().is_some_and(|layer| layer.rejected(offer))
    }

    /// Every slot (facts, then derived facts) with the evaluation time, to evaluate
    /// rule-set expressions against this case.
    pub(crate) fn env(&self) -> Env<'_> {
        Env { slots: &self.slots, now: self.now }
    }

    /// The merged outcome, for a layer to adjust before it attaches itself.
    pub(crate) fn outcome_mut(&mut self) -> &mut Outcome {
        &mut self.outcome
    }

    /// What a layer above the engine attached, if any.
    pub(crate) fn layer(&self) -> Option<&dyn Layer> {
        self.layer.as_deref()
    }

    /// Attaches what a layer above the engine adds (see [`Layer`]).
    pub(crate) fn set_layer(&mut self, layer: Arc<dyn Layer>) {
        self.layer = Some(layer);
    }

    /// Why `offer` is not (certainly) proposed.
    pub fn why_not(&self, offer: &str) -> Result<WhyNot, ArgumentError> {
        let Some(index) = self.rules.source.offers.iter().position(|o| o.id == offer) else {
            return Err(ArgumentError {
                what: format!("offer `{}`", crate::limits::echo(offer)),
                problem: format!(
                    "is not in the catalogue ({})",
                    crate::suggest::hint(offer, self.rules.source.offers.iter().map(|o| o.id.as_str()))
                ),
            });
        };
        let status = match self.outcome.referrals.iter().find(|r| r.offer as usize == index) {
            Some(r) if r.certain => "certain",
            Some(_) => "possible",
            None => "absent",
        };
        let env = Env { slots: &self.slots, now: self.now };
        let mut why = why_not::why_not(&self.rules, index as u16, self.status(), &env, status);
        why.declined = self.layer.as_ref().and_then(|layer| layer.declined(&self.rules, index as u16));
        Ok(why)
    }

    /// Per rule, in rule-set order: whether its condition holds.
    pub fn rule_status(&self) -> &[Tri] {
        &self.truth[..self.rules.rules.len()]
    }

    /// Per offer, in catalogue order: whether the victim's wish allows it.
    pub(crate) fn wishes(&self) -> &[Tri] {
        &self.truth[self.rules.rules.len()..]
    }

    fn status(&self) -> &[Tri] {
        self.rule_status()
    }
}

// Engines and evaluations cross threads (batch evaluation, web servers): keep it so.
const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<Engine>();
    send_sync::<Evaluation>();
};

/// `value` as a JSON value, by way of its JSON text: the same value `serde_json::to_value`
/// gives for these types (no floats, string map keys), but through the serializer that
/// hashing and results already instantiate for every type, not a second one (the value
/// serializer) for the whole rule set. (Their nesting is far below the parser's limit of 128.)
pub(crate) fn json_value<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Value {
    let text = serde_json::to_string(value).expect("rule-set and record structures always serialize");
    serde_json::from_str(&text).expect("serde_json writes valid JSON")
}

#[cfg(test)]
mod json_value_tests {
    /// The bundle's bytes depend on it: the value through text is the value `to_value` gives.
    #[test]
    fn json_value_is_to_value_for_the_national_rules() {
        let engine = crate::Engine::national();
        let direct = serde_json::to_value(engine.source()).unwrap();
        assert_eq!(super::json_value(engine.source()), direct);
        assert_eq!(super::json_value(&engine.source().offers), serde_json::to_value(&engine.source().offers).unwrap());
    }
}
