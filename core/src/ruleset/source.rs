//! The rule set as written: plain serde structures, one per file kind.
//!
//! These mirror the TOML files one to one (see `docs/rule-format.md`); unknown keys are
//! rejected so that a misspelled key is an error, not a silently ignored line. Nothing
//! here is validated beyond its shape: that is the compiler's job.

use super::scenarios::Scenarios;
use super::unique_keys;
use crate::text::Text;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// All files of a rule set, as read.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSetSource {
    /// `manifest.toml`.
    pub manifest: Manifest,
    /// `schema.toml`.
    pub schema: SchemaFile,
    /// `derived.toml`.
    #[serde(default)]
    pub derived: Vec<DerivedSource>,
    /// `offers.toml`.
    pub offers: Vec<OfferSource>,
    /// `rules/*.toml`, in file-name order, then file order.
    pub rules: Vec<RuleSource>,
    /// `regions.toml`.
    #[serde(default)]
    pub regions: Vec<RegionSource>,
    /// `properties.toml`.
    #[serde(default)]
    pub properties: Vec<PropertySource>,
    /// `scenarios/*.toml`; not part of the content hash (they test the rules, they are not
    /// rules). From a bundle they stay JSON text until they are run.
    #[serde(default, skip_serializing_if = "Scenarios::is_empty")]
    pub scenarios: Scenarios,
}

/// `manifest.toml`: identity and the ordered vocabularies of the rule set.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Rule set name, e.g. `wegwijs-nationaal`.
    pub name: String,
    /// Rule set version (semver).
    pub version: String,
    /// Languages every text is expected in; the first is the primary language.
    pub languages: Vec<String>,
    /// What the rule set is for.
    #[serde(default)]
    pub description: Text,
    /// The enum fact whose values are region ids.
    #[serde(default)]
    pub region_fact: Option<String>,
    /// The IANA time zone times are shown in (`Europe/Amsterdam`); UTC when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// The areas (veiligheid, strafrecht, hulp, herstel), in display order.
    pub areas: Vec<Labelled>,
    /// Need levels, low to high.
    pub need_levels: Vec<Labelled>,
    /// Referral urgencies, low to high.
    pub urgencies: Vec<Labelled>,
    /// Regie levels, low to high; the first is the default.
    pub regie_levels: Vec<Labelled>,
    /// Organisations that provide offers.
    pub organisations: Vec<Labelled>,
    /// Who can hold regie.
    pub regiehouders: Vec<RegiehouderSource>,
    /// The voices texts can be written in (e.g. `je`, `u`, `melder`), in order: an
    /// evaluation speaks in the first voice whose condition holds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub voices: Vec<VoiceSource>,
    /// Facts every partner handover holds (within consent), besides the facts read by the
    /// rules that refer to that partner's offers (e.g. age, region).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub handover_basics: Vec<String>,
    /// Per organisation id: the bool fact or derived fact that says whether the consent
    /// scope allows sharing with it. An organisation not listed has no consent.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "unique_keys::map")]
    pub consent: BTreeMap<String, String>,
    /// The legal grounds a rule may name (`ground`): which partners each ground allows
    /// sharing with without consent, and which facts such a partner then receives.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legal_grounds: Vec<LegalGroundSource>,
    /// The professionals' words for the consent and wish markers of a referral; built-in
    /// Dutch and English words when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub markers: Option<MarkerWords>,
    /// The words the victim's (or caller's) summary adds around the rule set's texts, so
    /// that a new language needs no code. Without them there is no summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary_words: Option<SummaryWords>,
    /// What the victim's and the caller's summaries hold: which possible steps, how many
    /// first, the child and easy-read versions, and what a caller may not read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<SummaryRules>,
}

/// `[summary]`: the rendering rules of the victim's and caller's summaries (issue 18). Each
/// `when` is an expression over facts; "holds" means holds for certain, except for
/// `[[summary.caller_withhold]]`, which holds back unless its `when` is certainly false.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryRules {
    /// A possible referral whose deadline falls within this many days is listed under
    /// "maybe needed".
    #[serde(default)]
    pub maybe_within_days: Option<i64>,
    /// A possible referral with one of these urgencies is listed under "maybe needed".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub maybe_urgencies: Vec<String>,
    /// The victim's summary lists this many steps first and the rest under `later`.
    #[serde(default)]
    pub first_steps: Option<usize>,
    /// When the victim reads the short child version (e.g. `age < 12`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub child_when: Option<String>,
    /// When the victim reads the easy-read texts (e.g. `'lvb' in vulnerabilities`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub easy_when: Option<String>,
    /// When the summary must not be sent (e.g. `not safe_to_contact`): it then opens with
    /// `summary_words.not_to_send` and leaves out the areas in `hidden_from_perpetrator`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_to_send_when: Option<String>,
    /// Areas whose steps the perpetrator must not see.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hidden_from_perpetrator: Vec<String>,
    /// When the caller's wish stands in for the victim's own view (the summary then says
    /// `summary_words.own_view_not_asked`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub own_view_missing_when: Option<String>,
    /// A case with fewer known facts than this opens with the first questions.
    #[serde(default)]
    pub questions_first_below: Option<usize>,
    /// How many questions such a case opens with.
    #[serde(default)]
    pub first_questions: Option<usize>,
    /// What the caller does not read, with the reason the caller is told.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub caller_withhold: Vec<WithholdSource>,
    /// Words for people: a professional term (`regiehouder`, `LANGZS`) and what the
    /// victim's and caller's texts say instead.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plain_words: Vec<PlainWordSource>,
}

/// One rule of what a caller does not read.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WithholdSource {
    /// The areas held back; empty for all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<String>,
    /// When (an expression over facts); held back unless it is certainly false.
    pub when: String,
    /// What the caller is told instead (when this leaves nothing).
    pub reason: Text,
}

/// A professional term and what victim texts say instead.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlainWordSource {
    /// The term as it appears in texts (case-sensitive), e.g. `de regiehouder`.
    pub term: String,
    /// What to say instead, per language and voice.
    pub say: Text,
}

/// `[[legal_grounds]]`: a ground to share without consent (meldrecht, a duty to report),
/// scoped to the partners it covers. A handover under it holds these facts (when known)
/// besides the facts the rules with this ground read.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegalGroundSource {
    /// Identifier a rule's `ground` names.
    pub id: String,
    /// The organisations this ground allows informing (the meldrecht: Veilig Thuis only).
    pub organisations: Vec<String>,
    /// The schema facts a partner receives under this ground, in the order given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<String>,
}

/// `[markers]`: the headline of each marker a referral can carry, for professionals.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkerWords {
    /// Consent to share with the partner is missing ("bespreek eerst toestemming").
    pub outside_consent: Text,
    /// An unknown fact decides whether consent is there ("mogelijk buiten de toestemming").
    pub possibly_outside_consent: Text,
    /// The step goes against the victim's stated wish, on a ground.
    pub against_wish: Text,
    /// An unknown fact decides whether it goes against the stated wish.
    pub possibly_against_wish: Text,
}

/// `[summary_words]`: the frame of the victim summary. Each text may have a variant per
/// voice (`je`, `melder`); the plain text is the formal default.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryWords {
    /// The opening line.
    pub intro: Text,
    /// Said of a step that goes ahead without consent because a law allows it (when the
    /// rule has no `victim` text of its own).
    pub even_against_wish: Text,
    /// Said of a step that needs consent not (yet) given.
    pub ask_first: Text,
    /// The label before the provider ("Waar").
    #[serde(rename = "where")]
    pub where_label: Text,
    /// Said when open questions could still add steps.
    pub more_possible: Text,
    /// Said when nothing is proposed (yet).
    pub nothing_yet: Text,
    /// For a deadline that has passed.
    pub as_soon_as_possible: Text,
    /// For a step at the lowest urgency without a deadline.
    pub no_hurry: Text,
    /// A deadline in words, with `{weekday}`, `{day}`, `{month}`, `{hour}` and `{minute}`
    /// (two digits), e.g. `"vóór {weekday} {day} {month} {hour}.{minute} uur"`.
    pub before: Text,
    /// Monday to Sunday.
    pub weekdays: Vec<Text>,
    /// January to December.
    pub months: Vec<Text>,
    /// Optional: a line the summary ends with in each language (other than `nl`) that the
    /// note gives explicitly, e.g. that the texts are a machine-assisted translation not yet
    /// reviewed by a native speaker. A language that falls back to Dutch gets no line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation_note: Option<Text>,
    /// The heading of possible steps that may be needed soon ("Misschien nodig").
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub maybe_needed: Text,
    /// The heading of the steps after the first ones ("Later bespreken we ook").
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub later_too: Text,
    /// The first line of a summary that must not be sent.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub not_to_send: Text,
    /// Said when the caller's wish stands in for the victim's own view.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub own_view_not_asked: Text,
    /// A step for the caller whose offer has no `melder` text, with `{label}`.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub caller_fallback: Text,
    /// The opening of the child version.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub child_intro: Text,
    /// Said in the child version: the rest goes to the parent.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub child_rest_to_parent: Text,
    /// The heading of the first questions of a new or nearly empty case.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub first_questions: Text,
    /// Where a step is at the same place as an earlier one, with `{n}` (that step's number).
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub same_place: Text,
    /// The heading of the steps possible whatever the answers, after those questions.
    #[serde(default, skip_serializing_if = "Text::is_empty")]
    pub possible_anyway: Text,
}

/// A voice (manner of address) a text may have a variant in.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VoiceSource {
    /// Identifier; a text table's key for its variant in this voice.
    pub id: String,
    /// Display label.
    pub label: Text,
    /// When this voice is chosen (an expression over facts); the last voice has none
    /// and is the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// The voice a text without a variant in this one falls back to (`ouder` → `melder`),
    /// before the plain text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback: Option<String>,
}

/// An id with a label and an optional description.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labelled {
    /// Identifier.
    pub id: String,
    /// Display label.
    pub label: Text,
    /// Longer description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

/// A possible regiehouder (the one fixed contact per case).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegiehouderSource {
    /// Identifier.
    pub id: String,
    /// The organisation the regiehouder works for.
    pub organisation: String,
    /// Display label.
    pub label: Text,
}

/// `schema.toml`: the intake facts, in gespreksgids order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaFile {
    /// Gespreksgids sections, in order.
    pub sections: Vec<Labelled>,
    /// Facts, in order.
    pub facts: Vec<FactSource>,
}

/// One intake fact (a question of the invulformulier).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactSource {
    /// Identifier used in expressions and cases.
    pub id: String,
    /// `bool`, `int`, `enum`, `set`, `datetime` or `date`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Allowed values (enum, set).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// Labels of the values (enum, set).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "unique_keys::map")]
    pub value_labels: BTreeMap<String, Text>,
    /// Lowest allowed value (int).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    /// Highest allowed value (int).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// Gespreksgids section.
    pub section: String,
    /// Short label.
    pub label: Text,
    /// The question as asked in the conversation (B1 Dutch).
    pub question: Text,
    /// Guidance for the intake worker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    /// Recorded for the MDT's file only: no rule is expected to read it, so `check` does
    /// not report it as a question asked for nothing.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dossier: bool,
    /// How long an answer stays current in a case record (`"1d"`, `"12h"`): older answers
    /// count as unknown and are asked again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_for: Option<String>,
    /// Where the question comes in the order of open questions: `danger_now` (can reveal
    /// danger now: asked first), `normal` (default: by the most urgent outcome it affects)
    /// or `later` (only matters for later steps such as herstel: never before the others).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    /// Answered by a professional from their own records, never asked of the victim.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub professional_only: bool,
}

/// A named expression (`derived.toml`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DerivedSource {
    /// Identifier usable like a fact.
    pub id: String,
    /// The expression.
    pub expr: String,
    /// Display label.
    #[serde(default)]
    pub label: Text,
}

/// An offer of the catalogue (`offers.toml`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfferSource {
    /// Identifier.
    pub id: String,
    /// The area it belongs to.
    pub area: String,
    /// The providing organisation.
    pub organisation: String,
    /// Short label.
    pub label: Text,
    /// Text for professionals.
    pub professional: Text,
    /// Plain-language text for the victim.
    pub victim: Text,
    /// The same for the caller, about the victim in the third person ("het slachtoffer";
    /// an `ouder` variant says "uw kind").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub melder: Option<Text>,
    /// The short text of the child version (a victim under 12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub child: Option<Text>,
    /// The easy-read text (a victim with `lvb`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub easy: Option<Text>,
    /// The victim's wish that gates the offer; only override rules go against it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wish: Option<String>,
    /// The organisation the offer is requested through, which then receives it in its
    /// handover too (a LOEF examination is requested through the police).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_through: Option<String>,
    /// In a case record: the offer is needed again when one of these facts changes after
    /// the offer was done (`docs/rule-format.md`, "renews").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renews: Option<RenewsSource>,
}

/// `renews = { facts = [...], urgency = "...", label = { nl = "..." } }` of an offer: a done
/// offer comes back, as this step, when one of `facts` changed after the action's `at`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RenewsSource {
    /// Schema facts whose change after the offer was done makes it needed again.
    pub facts: Vec<String>,
    /// The urgency of the renewed step (an urgency id of the manifest).
    pub urgency: String,
    /// What the renewed step is called ("Nieuwe informatie vandaag aan Veilig Thuis doorgeven").
    pub label: Text,
}

/// A rule (`rules/*.toml`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSource {
    /// Identifier.
    pub id: String,
    /// Condition.
    pub when: String,
    /// Reference to the source (R-number) or `voorstel`.
    pub source: String,
    /// Plain-language explanation, with `{expression}` placeholders.
    pub because: Text,
    /// Need level per area.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "unique_keys::map")]
    pub need: BTreeMap<String, String>,
    /// Referrals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refer: Vec<ReferSource>,
    /// At least this regie level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regie: Option<String>,
    /// Regiehouder candidate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regiehouder: Option<RegiehouderChoice>,
    /// Present on rules that may go against the victim's wish: the safety reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#override: Option<Text>,
    /// What the override may go against: `wish` (default: the victim's wish, e.g. for
    /// safety) or `consent` (only a missing consent to share with the partner: "bespreek
    /// eerst toestemming"). A `consent` override never brings back an offer the victim
    /// declined in a case record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub override_for: Option<String>,
    /// For an override rule: what the victim is told about going against their wish, in
    /// plain language (with voice variants).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub victim: Option<Text>,
    /// For an override rule: the legal ground that allows it without consent (meldrecht,
    /// a duty to report). Without one, an override means "discuss consent first".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_ground: Option<Text>,
    /// For a rule with a `legal_ground`: the manifest's `[[legal_grounds]]` entry it is,
    /// which scopes the partners it may inform and the facts they receive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ground: Option<String>,
}

/// A referral effect.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferSource {
    /// Offer id.
    pub offer: String,
    /// Urgency id.
    pub urgency: String,
    /// Deadline relative to a datetime fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<DeadlineSource>,
}

/// `deadline = { from = "last_incident_at", hours = 72 }`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeadlineSource {
    /// A datetime or date fact.
    pub from: String,
    /// Hours after it.
    pub hours: i64,
}

/// `regiehouder = { id = "veilig_thuis", rank = 80 }`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegiehouderChoice {
    /// Regiehouder id.
    pub id: String,
    /// Higher rank wins.
    pub rank: i64,
}

/// A region and the providers of each offer there (`regions.toml`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionSource {
    /// Region id (a value of the manifest's `region_fact`).
    pub id: String,
    /// Display label.
    pub label: Text,
    /// Offer id to provider name.
    #[serde(default, deserialize_with = "unique_keys::map")]
    pub providers: BTreeMap<String, String>,
}

/// A safety property that must hold for every case (`properties.toml`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PropertySource {
    /// Identifier.
    pub id: String,
    /// What it guarantees.
    #[serde(default)]
    pub description: Text,
    /// The assertion (an expression over facts and outcomes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assert: Option<String>,
    /// Monotonicity: raising this fact never lowers the outcome.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monotone: Option<MonotoneSource>,
}

/// `monotone = { fact = "strangulation", outcome = "regie" }`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MonotoneSource {
    /// The fact that gets worse (false → true, or up its value list).
    pub fact: String,
    /// `regie` or `need:<area>`.
    pub outcome: String,
}

/// A scenario test (`scenarios/*.toml`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioSource {
    /// Identifier.
    pub id: String,
    /// What the scenario is.
    #[serde(default)]
    pub description: String,
    /// Evaluation time (RFC 3339).
    pub now: String,
    /// The case.
    pub case: serde_json::Map<String, serde_json::Value>,
    /// What must come out.
    pub expect: ExpectSource,
}

/// The expected outcome of a scenario; every key given is checked.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectSource {
    /// Offers proposed with certainty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub referrals: Vec<String>,
    /// Offers proposed as possible.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub possible: Vec<String>,
    /// Offers not proposed at all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub absent: Vec<String>,
    /// Offers proposed against the stated wish; when given, exactly these (an empty list
    /// means nothing may go against the wish).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub against_wish: Option<Vec<String>>,
    /// Certain regie level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regie: Option<String>,
    /// Regiehouder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regiehouder: Option<String>,
    /// Whether the regiehouder is marked "bespreek eerst toestemming" (outside the consent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regiehouder_consent_first: Option<bool>,
    /// Certain need level per area.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "unique_keys::map")]
    pub needs: BTreeMap<String, String>,
    /// Urgency per proposed offer (the merged referral's urgency).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "unique_keys::map")]
    pub urgency: BTreeMap<String, String>,
    /// The voice the proposal speaks in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voice: Option<String>,
    /// Facts that must be among the open questions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<String>,
    /// Facts that must not be among the open questions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub no_questions: Vec<String>,
}
