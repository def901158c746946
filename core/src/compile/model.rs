//! The compiled rule set: everything resolved to indices, ready to evaluate.

use super::plan::Plan;
use super::program::{Env, NodeId, Program};
use crate::expr::types::{Domain, Ty};
use crate::ruleset::locate::Origins;
use crate::ruleset::source::RuleSetSource;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A map keyed by short identifiers, hashed with FNV-1a: several times faster than the
/// default SipHash for names of a few dozen bytes, and these keys are not attacker-chosen
/// (they come from the rule set; case keys that are not in it simply miss).
pub(crate) type NameMap<V> = HashMap<String, V, BuildHasherDefault<Fnv>>;

/// FNV-1a, 64 bit.
#[derive(Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A compiled, validated rule set. Immutable; shared by every evaluation.
#[derive(Debug)]
pub struct RuleSet {
    pub(crate) source: RuleSetSource,
    pub(crate) hash: String,
    /// Who signed it, when it was loaded against trusted keys and the signature held.
    pub(crate) signed_by: Option<crate::signing::SignedBy>,
    /// The time zone times are shown in.
    pub(crate) zone: crate::eval::time::Zone,
    pub(crate) domains: Vec<Domain>,
    /// Schema facts; fact `i` lives in slot `i`.
    pub(crate) facts: Vec<Fact>,
    /// Derived facts in evaluation (dependency) order.
    pub(crate) derived: Vec<Derived>,
    /// Fact and derived-fact names → slot and type (FNV-hashed: case conversion looks up
    /// every key of every case here).
    pub(crate) names: NameMap<(u16, Ty)>,
    pub(crate) program: Program,
    /// The flat hot-path form of the derived facts.
    pub(crate) plan: Plan,
    /// The hot-path form of the rule conditions and offer wishes.
    pub(crate) conditions: super::condition_code::ConditionCode,
    pub(crate) offers: Vec<Offer>,
    pub(crate) rules: Vec<Rule>,
    /// The rules' effects packed for the outcome-only path's merge.
    pub(crate) effects: crate::eval::outcome_buffer::Effects,
    /// Slot of the region fact and, per value of it, the region index.
    pub(crate) region: Option<(u16, Vec<Option<usize>>)>,
    /// Per region, per offer: the provider.
    pub(crate) providers: Vec<Vec<Option<String>>>,
    /// The manifest's voices, in order; the last is the default.
    pub(crate) voices: Vec<Voice>,
    /// Consent per partner, legal grounds, and which partner receives which offer.
    pub(crate) sharing: super::handover::Sharing,
    /// The manifest's `[summary]`, compiled.
    pub(crate) summary: SummaryPlan,
    /// Where each item came from, to locate findings of `check`.
    pub(crate) origins: Origins,
    /// Node of each derived fact's expression → its slot.
    pub(crate) derived_roots: HashMap<NodeId, u16>,
}

/// An intake fact.
#[derive(Clone, Debug)]
pub(crate) struct Fact {
    pub id: String,
    pub ty: Ty,
    pub min: i64,
    pub max: i64,
    /// Seconds an answer stays current in a case record (`valid_for`).
    pub valid_for: Option<i64>,
    pub priority: Priority,
}

/// Where an open question comes in the order (lowest first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Priority {
    /// Can reveal danger now: asked first.
    DangerNow,
    /// Ranked by the most urgent outcome it affects.
    Normal,
    /// Only matters for later steps (herstel): never before the others.
    Later,
}

/// A voice and the condition that chooses it (`None`: the default).
#[derive(Clone, Debug)]
pub(crate) struct Voice {
    pub id: String,
    pub when: Option<NodeId>,
    /// The voice a text without a variant in this one falls back to.
    pub fallback: Option<usize>,
}

/// The compiled `[summary]` of the manifest (see `ruleset::source::SummaryRules`).
#[derive(Clone, Debug, Default)]
pub(crate) struct SummaryPlan {
    /// A possible referral with a deadline within this many seconds is "maybe needed".
    pub maybe_within_seconds: Option<i64>,
    /// … or with one of these urgencies (indices).
    pub maybe_urgencies: Vec<usize>,
    /// The victim's summary lists this many first, the rest under "later".
    pub first_steps: Option<usize>,
    pub child_when: Option<NodeId>,
    pub easy_when: Option<NodeId>,
    pub not_to_send_when: Option<NodeId>,
    /// Area indices the perpetrator must not see.
    pub hidden_from_perpetrator: Vec<usize>,
    pub own_view_missing_when: Option<NodeId>,
    pub questions_first_below: Option<usize>,
    pub first_questions: usize,
    pub caller_withhold: Vec<Withhold>,
}

/// One compiled `[[summary.caller_withhold]]`.
#[derive(Clone, Debug)]
pub(crate) struct Withhold {
    /// Area indices; empty for all.
    pub areas: Vec<usize>,
    /// `None` only after a compile error (then the rule set does not load).
    pub when: Option<NodeId>,
    pub reason: crate::text::Text,
}

/// A derived fact: an expression evaluated into its own slot before the rules.
#[derive(Clone, Debug)]
pub(crate) struct Derived {
    pub slot: u16,
    pub node: NodeId,
    /// The schema facts it reads, directly or through other derived facts.
    pub reads: Vec<u16>,
}

/// An offer of the catalogue.
#[derive(Clone, Debug)]
pub(crate) struct Offer {
    pub area: u8,
    /// The victim's wish that gates the offer.
    pub wish: Option<NodeId>,
    /// `renews`: the schema facts (slots) whose change after the offer was done brings it
    /// back in a case record, and the urgency it comes back with.
    pub renews: Option<(Vec<u16>, u8)>,
}

/// A compiled rule.
#[derive(Clone, Debug)]
pub(crate) struct Rule {
    pub when: NodeId,
    pub needs: Vec<(u8, u8)>,
    pub refer: Vec<Refer>,
    pub regie: Option<u8>,
    pub regiehouder: Option<(u16, i64)>,
    pub is_override: bool,
    /// The override covers only a missing consent (`override_for = "consent"`): it does not
    /// go against a victim's refusal recorded as a declined action.
    pub consent_only: bool,
    /// Per manifest language (same order): the `because` template; empty for a language
    /// the rule does not give (the explanation then has only the languages it gives).
    pub because: Vec<Vec<Piece>>,
    /// Schema facts the condition reads (directly or through derived facts), sorted.
    pub reads: Vec<u16>,
}

/// A referral effect.
#[derive(Clone, Debug)]
pub(crate) struct Refer {
    pub offer: u16,
    pub urgency: u8,
    /// Slot of a datetime/date fact and the hours after it.
    pub deadline: Option<(u16, i64)>,
}

/// A piece of a `because` text.
#[derive(Clone, Debug)]
pub(crate) enum Piece {
    Text(String),
    /// An expression; when it is a bare schema fact, its index, so that enum and set
    /// values render by that fact's value labels.
    Expr(NodeId, Ty, Option<u16>, Format),
    /// `[`: a clause that is left out when a placeholder in it is unknown.
    Open,
    /// `]`: the end of that clause.
    Close,
}

/// How a placeholder's value is read out (`{expr | …}`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    /// As it is.
    Plain,
    /// `{n | kind / kinderen}`: the number with its noun ("1 kind", "3 kinderen", "geen kinderen").
    Count { one: String, many: String },
    /// `{days_since(t) | days}`: a number of days as people say it ("ongeveer 30 jaar").
    Days,
    /// `{hours_since(t) | hours}`: a number of hours as people say it ("30 uur", "ongeveer 5 dagen").
    Hours,
}

impl RuleSet {
    /// The voice an evaluation speaks in: the first whose condition holds for certain,
    /// else the default (last). `None` when the rule set declares no voices.
    pub(crate) fn voice_for(&self, env: &Env) -> Option<usize> {
        let default = self.voices.len().checked_sub(1)?;
        let chosen = self.voices.iter().position(|v| {
            v.when.is_some_and(|n| matches!(self.program.eval(n, env), crate::eval::value::Value::Bool(true)))
        });
        Some(chosen.unwrap_or(default))
    }

    /// The voice ids a text is spoken in for voice `v`: `v`, then its fallback.
    pub(crate) fn voice_chain(&self, v: Option<usize>) -> Vec<&str> {
        let Some(voice) = v.and_then(|v| self.voices.get(v)) else { return Vec::new() };
        let mut chain = vec![voice.id.as_str()];
        chain.extend(voice.fallback.map(|f| self.voices[f].id.as_str()));
        chain
    }

    /// Total number of slots (schema facts, then derived facts).
    pub(crate) fn slot_count(&self) -> usize {
        self.facts.len() + self.derived.len()
    }

    /// The derived fact in `slot` (derived slots follow the schema facts, in order).
    pub(crate) fn derived_at(&self, slot: usize) -> &Derived {
        &self.derived[slot - self.facts.len()]
    }

    /// The derived fact in `slot`, if it is a derived slot (constant time).
    pub(crate) fn derived_of(&self, slot: u16) -> Option<&Derived> {
        (slot as usize).checked_sub(self.facts.len()).and_then(|i| self.derived.get(i))
    }

    /// The slot a node fills if it is the expression of a derived fact (constant time:
    /// looked up in [`RuleSet::derived_roots`]).
    pub(crate) fn derived_root(&self, node: NodeId) -> Option<u16> {
        self.derived_roots.get(&node).copied()
    }
}
