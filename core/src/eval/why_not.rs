//! Why an offer was not proposed: for every rule that could have proposed it, the parts of
//! its condition (and the victim's wish) that are false or still unknown.

use super::value::Tri;
use crate::compile::program::{Env, NodeId, Op};
use crate::compile::RuleSet;
use serde::Serialize;

/// The answer to "why is this offer not (certainly) proposed?".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WhyNot {
    /// The offer asked about.
    pub offer: String,
    /// `certain`, `possible` or `absent`.
    pub status: String,
    /// Every rule that refers to the offer.
    pub rules: Vec<WhyNotRule>,
    /// For a case record: the victim declined the offer, or the MDT rejected it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declined: Option<crate::result::Declined>,
}

/// One rule that could propose the offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WhyNotRule {
    /// Rule id.
    pub rule: String,
    /// `true`, `false` or `unknown`.
    pub condition: String,
    /// The parts of the condition that are false or unknown.
    pub blocking: Vec<Clause>,
    /// The victim's wish gating the offer, when it is false or unknown (not for override rules).
    pub wish: Option<Clause>,
}

/// A part of a condition and its value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Clause {
    /// The expression text as written in the rule file.
    pub expression: String,
    /// `false` or `unknown`.
    pub value: String,
    /// For a derived fact: its own expression.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub defined_as: Option<String>,
}

pub(crate) fn tri_name(t: Tri) -> &'static str {
    match t {
        Tri::True => "true",
        Tri::False => "false",
        Tri::Unknown => "unknown",
    }
}

pub(crate) fn why_not(rules: &RuleSet, offer: u16, status: &[Tri], env: &Env, proposed: &str) -> WhyNot {
    let mut out = Vec::new();
    for (i, rule) in rules.rules.iter().enumerate() {
        if !rule.refer.iter().any(|r| r.offer == offer) {
            continue;
        }
        let st = status[i];
        let blocking = if st == Tri::True { Vec::new() } else { failing_clauses(rules, rule.when, env) };
        let wish = match (rule.is_override, rules.offers[offer as usize].wish) {
            (false, Some(w)) => {
                let t = rules.program.truth(w, env);
                (t != Tri::True).then(|| clause(rules, w, t))
            }
            _ => None,
        };
        out.push(WhyNotRule { rule: rules.source.rules[i].id.clone(), condition: tri_name(st).into(), blocking, wish });
    }
    WhyNot {
        offer: rules.source.offers[offer as usize].id.clone(),
        status: proposed.into(),
        rules: out,
        declined: None,
    }
}

fn failing_clauses(rules: &RuleSet, node: NodeId, env: &Env) -> Vec<Clause> {
    let parts: Vec<NodeId> = match &rules.program.ops[node as usize] {
        Op::And(items) => items.to_vec(),
        _ => vec![node],
    };
    parts
        .into_iter()
        .filter_map(|p| {
            let t = rules.program.truth(p, env);
            (t != Tri::True).then(|| clause(rules, p, t))
        })
        .collect()
}

fn clause(rules: &RuleSet, node: NodeId, t: Tri) -> Clause {
    let defined_as = match rules.program.ops[node as usize] {
        Op::Load(slot) => {
            rules.derived.iter().find(|d| d.slot == slot).map(|d| rules.program.node_text(d.node).to_string())
        }
        _ => None,
    };
    Clause { expression: rules.program.node_text(node).to_string(), value: tri_name(t).into(), defined_as }
}
