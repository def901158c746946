//! Derived facts that nothing reads: `derived-never-read`.
//!
//! A derived fact is a named judgement ("high risk at home", "online only"). When no rule,
//! offer wish, `because` template, deadline, voice, consent entry, property or other
//! derived fact reads it, the judgement is made and then ignored: usually a rule that was
//! meant to act on it is missing (national rules 0.2.1 computed `hoog_risico_huiselijk`
//! and never used it). The check needs no search: it walks every expression once.

use super::properties::Properties;
use super::{Finding, Severity};
use crate::compile::model::{Piece, RuleSet};
use crate::compile::program::{NodeId, Op, Program};
use crate::ruleset::locate::{Place, Section};

/// One finding per derived fact that nothing reads.
pub(crate) fn findings(rules: &RuleSet) -> Vec<Finding> {
    let facts = rules.facts.len();
    let mut read = vec![false; rules.derived.len()];
    let mark = |slot: u16, read: &mut Vec<bool>| {
        if let Some(i) = (slot as usize).checked_sub(facts) {
            if let Some(r) = read.get_mut(i) {
                *r = true;
            }
        }
    };
    let mut roots: Vec<NodeId> = Vec::new();
    for rule in &rules.rules {
        roots.push(rule.when);
        for template in &rule.because {
            roots.extend(template.iter().filter_map(|p| match p {
                Piece::Expr(node, ..) => Some(*node),
                _ => None,
            }));
        }
        for refer in &rule.refer {
            if let Some((slot, _)) = refer.deadline {
                mark(slot, &mut read);
            }
        }
    }
    roots.extend(rules.offers.iter().filter_map(|o| o.wish));
    roots.extend(rules.voices.iter().filter_map(|v| v.when));
    // A derived fact's own expression reads the derived facts it names.
    roots.extend(rules.derived.iter().map(|d| d.node));
    for node in roots {
        loads(&rules.program, node, &mut |slot| mark(slot, &mut read));
    }
    let props = Properties::compile(rules);
    for node in props.roots() {
        loads(&props.program, node, &mut |slot| mark(slot, &mut read));
    }
    let manifest = &rules.source.manifest;
    for name in manifest.consent.values().chain(&manifest.handover_basics) {
        if let Some(&(slot, _)) = rules.names.get(name.as_str()) {
            mark(slot, &mut read);
        }
    }
    let mut out = Vec::new();
    // Slots follow the order of use, not the file: find each derived fact's slot by name.
    for (i, source) in rules.source.derived.iter().enumerate() {
        let Some(&(slot, _)) = rules.names.get(source.id.as_str()) else { continue };
        if read.get((slot as usize).wrapping_sub(facts)) == Some(&false) {
            out.push(Finding {
                code: "derived-never-read".into(),
                severity: Severity::Warning,
                message: format!(
                    "derived fact `{}` is read by no rule, offer wish, text, property or other derived fact: \
                     it is computed and then ignored (add the rule that acts on it, or remove it)",
                    source.id
                ),
                location: Some(rules.origins.locate(&Place::new(Section::Derived, i).key("id"), None)),
                witness: None,
            });
        }
    }
    out
}

/// Calls `f` with the slot of every `Load` under `node` (not through derived facts: a
/// derived fact read here counts as read, what it reads in turn is its own business).
fn loads(program: &Program, node: NodeId, f: &mut impl FnMut(u16)) {
    if let Op::Load(slot) = program.ops[node as usize] {
        f(slot);
    }
    for child in program.children(node) {
        loads(program, child, f);
    }
}
