//! The handover to one partner ("tell the story once"): the facts read by the rules that
//! refer to that partner's offers plus the rule set's `handover_basics` — if the consent
//! scope allows it. Without consent, only what a holding override rule with a
//! `legal_ground` reads, and the handover names that ground. The rest is counted only.

use super::output::{Handover, HandoverFact};
use crate::compile::RuleSet;
use crate::engine::Evaluation;
use crate::eval::time::{format_date, format_datetime};
use crate::eval::value::{Tri, Value};
use crate::expr::types::Ty;
use crate::text::Text;
use std::collections::BTreeSet;

/// Builds the handover for the organisation at `org` (an index into the manifest's).
pub(crate) fn build(ev: &Evaluation, org: usize) -> Handover {
    let rules = ev.rules();
    let src = &rules.source;
    let org_id = &src.manifest.organisations[org].id;
    let theirs: Vec<bool> = src.offers.iter().map(|o| &o.organisation == org_id).collect();
    let referring: Vec<usize> =
        (0..rules.rules.len()).filter(|&r| rules.rules[r].refer.iter().any(|f| theirs[f.offer as usize])).collect();
    let consent = consented(ev, rules, org_id);
    let (shared_rules, mut legal_grounds): (Vec<usize>, Vec<Text>) = if consent {
        (referring, Vec::new())
    } else {
        let grounded: Vec<usize> = referring
            .into_iter()
            .filter(|&r| ev.rule_status()[r] == Tri::True && src.rules[r].legal_ground.is_some())
            .collect();
        let grounds = grounded.iter().filter_map(|&r| src.rules[r].legal_ground.clone()).collect();
        (grounded, grounds)
    };
    let mut seen = Vec::new();
    legal_grounds.retain(|g| {
        if seen.contains(g) {
            false
        } else {
            seen.push(g.clone());
            true
        }
    });
    let mut wanted: BTreeSet<usize> =
        shared_rules.iter().flat_map(|&r| rules.rules[r].reads.iter().map(|&f| f as usize)).collect();
    if consent {
        wanted.extend(src.manifest.handover_basics.iter().filter_map(|b| rules.facts.iter().position(|f| &f.id == b)));
    }
    let values = ev.case_values();
    let known = values.iter().filter(|v| !matches!(v, Value::Unknown)).count();
    let facts: Vec<HandoverFact> = wanted
        .into_iter()
        .filter_map(|f| {
            let value = json_value(rules, f, &values[f])?;
            let fact = &src.schema.facts[f];
            Some(HandoverFact { fact: fact.id.clone(), label: fact.label.clone(), value })
        })
        .collect();
    let proposal = ev.proposal();
    let ids: BTreeSet<&str> = shared_rules.iter().map(|&r| src.rules[r].id.as_str()).collect();
    let (referrals, withheld): (Vec<_>, Vec<_>) = proposal
        .referrals
        .into_iter()
        .filter(|r| &r.organisation == org_id)
        .partition(|r| r.rules.iter().any(|id| ids.contains(id.as_str())));
    Handover {
        ruleset: proposal.ruleset,
        evaluated_at: proposal.evaluated_at,
        language: None,
        organisation: org_id.clone(),
        label: src.manifest.organisations[org].label.clone(),
        consent,
        legal_grounds,
        left_out_facts: known - facts.len(),
        facts,
        referrals,
        left_out_referrals: withheld.len(),
        own_view: None,
    }
}

/// Whether the manifest's consent fact for `org` holds for certain.
fn consented(ev: &Evaluation, rules: &RuleSet, org: &str) -> bool {
    let Some(name) = rules.source.manifest.consent.get(org) else { return false };
    let Some(&(slot, _)) = rules.names.get(name) else { return false };
    matches!(ev.env().slots.get(slot as usize), Some(Value::Bool(true)))
}

/// A known fact value as it is written in a case; `None` for an unknown one.
fn json_value(rules: &RuleSet, fact: usize, value: &Value) -> Option<serde_json::Value> {
    let ty = rules.facts[fact].ty;
    let name = |d: u16, i: usize| rules.domains[d as usize].values.get(i).cloned().unwrap_or_default();
    let time = |t: i64| if ty == Ty::Date { format_date(t) } else { format_datetime(t) };
    Some(match (value, ty) {
        (Value::Unknown, _) => return None,
        (Value::Bool(b), _) => serde_json::json!(b),
        (Value::Int(n), _) => serde_json::json!(n),
        (Value::Enum(i), Ty::Enum(d)) => serde_json::json!(name(d, *i as usize)),
        (Value::Set(bits), Ty::Set(d)) => {
            let n = rules.domains[d as usize].values.len();
            serde_json::json!((0..n).filter(|i| bits & (1 << i) != 0).map(|i| name(d, i)).collect::<Vec<_>>())
        }
        (Value::Time(t), _) => serde_json::json!(time(*t)),
        (Value::TimeRange(from, width), _) => {
            serde_json::json!({ "from": time(*from), "to": time(from + i64::from(*width)) })
        }
        (Value::IntRange(low, width), _) => serde_json::json!({ "from": low, "to": low + i64::from(*width) }),
        _ => return None,
    })
}
