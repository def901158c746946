//! The finite case space the analyses search: for every fact, a few representative values
//! that stand for every value the rules can tell apart.
//!
//! The partition is read off the compiled program: enum values by the masks they are
//! tested against, set elements by the masks (and how many of them, where `count()` is
//! used), integers by the constants they are compared with (`c - 1`, `c`, `c + 1`), and
//! datetimes and dates by the hour and day windows they are compared with, at the fixed
//! evaluation time [`NOW`]. Two values in the same cell give every expression the same
//! value, so searching the representatives is exact. A fact read under `known()` also gets
//! "unknown" as a value of its own (that is the one non-monotone operator).
//!
//! A space can hold several sides (rule sets evaluated side by side on the same case):
//! two for `diff`, and the same rule set twice with one fact pinned for monotonicity.

mod reps;
#[cfg(test)]
pub(crate) mod tests;
mod usage;

pub(crate) use usage::reads_of;

use crate::compile::model::RuleSet;
use crate::compile::program::{NodeId, Program};
use crate::eval::value::Value;
use crate::expr::types::Ty;
use reps::representatives;
use serde_json::Value as Json;
use std::collections::HashMap;
use usage::{usage, Usage};

/// The evaluation time of every witness: 2026-03-02T12:00:00Z (noon UTC, so that a date
/// fact is a whole number of days and twelve hours in the past).
pub(crate) const NOW: i64 = 1_772_452_800;

/// One rule set in a space, with the extra expressions compiled for the analysis.
pub(crate) struct Side<'r> {
    pub rules: &'r RuleSet,
    /// Property expressions, compiled against this rule set's names (their own arena).
    pub props: Option<&'r Program>,
    /// Per schema fact of this rule set: its index in the space (None when pinned).
    pub joint: Vec<Option<usize>>,
    /// Facts fixed to a value in this side (monotonicity: the fact before and after).
    pub pins: Vec<(u16, Value)>,
}

/// A fact of the space.
pub(crate) struct SpaceFact {
    pub id: String,
    /// Per side: its slot there.
    pub slots: Vec<Option<u16>>,
    /// The representatives (never empty).
    pub reps: Vec<Rep>,
    /// Read by some rule, wish or property (else it never changes an outcome).
    pub read: bool,
    /// Read under `known()`: decided before anything that reads it is trusted.
    pub known: bool,
}

/// A representative value: per side, and as it is written in a case.
#[derive(Clone, Debug)]
pub(crate) struct Rep {
    pub values: Vec<Value>,
    /// The case JSON value (`null` for unknown).
    pub json: Json,
}

/// What one side asks of a space: the rule set, its property arena and roots, its pins.
pub(crate) struct SideSpec<'r> {
    pub rules: &'r RuleSet,
    pub props: Option<&'r Program>,
    pub prop_roots: Vec<NodeId>,
    pub pins: Vec<(u16, Value)>,
    /// Enum masks tested besides the expressions (`Atom::Value`): slot, mask.
    pub masks: Vec<(u16, u64)>,
}

/// The space of cases over one or more sides.
pub(crate) struct Space<'r> {
    pub sides: Vec<Side<'r>>,
    pub facts: Vec<SpaceFact>,
    /// Facts whose partition may not be exact (used in arithmetic over a wide range).
    pub approximate: Vec<String>,
}

impl<'r> Space<'r> {
    /// Builds the space of the given sides; facts are matched across sides by id.
    pub fn new(specs: Vec<SideSpec<'r>>) -> Space<'r> {
        let usages: Vec<(Vec<Usage>, Vec<i64>)> = specs.iter().map(usage).collect();
        let mut facts: Vec<SpaceFact> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut sides: Vec<Side> = Vec::new();
        for (s, spec) in specs.iter().enumerate() {
            let mut joint = Vec::with_capacity(spec.rules.facts.len());
            for (slot, fact) in spec.rules.facts.iter().enumerate() {
                if spec.pins.iter().any(|&(p, _)| p as usize == slot) {
                    joint.push(None);
                    continue;
                }
                let i = *index.entry(fact.id.clone()).or_insert_with(|| {
                    facts.push(SpaceFact {
                        id: fact.id.clone(),
                        slots: vec![None; specs.len()],
                        reps: Vec::new(),
                        read: false,
                        known: false,
                    });
                    facts.len() - 1
                });
                // A fact whose kind differs between sides stays unknown to the later side.
                let first = facts[i].slots.iter().enumerate().find_map(|(t, sl)| sl.map(|sl| (t, sl)));
                let compatible = first.is_none_or(|(t, sl)| same_kind(specs[t].rules.facts[sl as usize].ty, fact.ty));
                if compatible {
                    facts[i].slots[s] = Some(slot as u16);
                    joint.push(Some(i));
                } else {
                    joint.push(None);
                }
            }
            sides.push(Side { rules: spec.rules, props: spec.props, joint, pins: spec.pins.clone() });
        }
        let mut approximate = Vec::new();
        for fact in &mut facts {
            let present: Vec<(usize, u16)> =
                fact.slots.iter().enumerate().filter_map(|(s, sl)| sl.map(|sl| (s, sl))).collect();
            let uses: Vec<(usize, &RuleSet, &Usage, &[i64])> = present
                .iter()
                .map(|&(s, sl)| (s, specs[s].rules, &usages[s].0[sl as usize], usages[s].1.as_slice()))
                .collect();
            fact.read = uses.iter().any(|u| u.2.read);
            fact.known = uses.iter().any(|u| u.2.known);
            let (reps, exact) = representatives(&present, &uses, specs.len());
            if !exact {
                approximate.push(fact.id.clone());
            }
            fact.reps = reps;
            if fact.known {
                fact.reps.push(Rep { values: vec![Value::Unknown; specs.len()], json: Json::Null });
            }
        }
        Space { sides, facts, approximate }
    }

    /// The space of one rule set (and its property expressions).
    pub fn single(rules: &'r RuleSet, props: Option<&'r Program>, prop_roots: Vec<NodeId>) -> Space<'r> {
        Space::new(vec![SideSpec { rules, props, prop_roots, pins: Vec::new(), masks: Vec::new() }])
    }
}

fn same_kind(a: Ty, b: Ty) -> bool {
    std::mem::discriminant(&a) == std::mem::discriminant(&b)
}
