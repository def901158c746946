//! The handover to one partner ("tell the story once"). With consent: the facts read by
//! the rules that refer to that partner's offers (and those requested through it), the
//! facts their wishes read, and the rule set's `handover_basics`. Without consent: only
//! what a holding override rule with a `legal_ground` reads — if its `ground` covers this
//! partner — plus the facts that ground lists, and the handover names the ground.
//!
//! Nothing outside consent and ground reaches the partner, in any field: each referral is
//! rebuilt from the shared rules and facts alone (see [`Handover::referrals`]). The rest is
//! counted only.

use super::markers::markers;
use super::output::{Handover, HandoverFact};
use crate::compile::RuleSet;
use crate::engine::Evaluation;
use crate::eval::outcome::contribution;
use crate::eval::time::format_date;
use crate::eval::value::{Tri, Value};
use crate::expr::types::Ty;
use crate::result::{ReferralProposal, RuleSetId, Status};
use crate::text::Text;

/// Builds the handover for the organisation at `org` (an index into the manifest's).
pub(crate) fn build(ev: &Evaluation, org: usize) -> Handover {
    let rules = ev.rules();
    let src = &rules.source;
    let sharing = &rules.sharing;
    let org_id = &src.manifest.organisations[org].id;
    let theirs: Vec<bool> = src
        .offers
        .iter()
        .zip(&sharing.offer_through)
        .map(|(o, via)| &o.organisation == org_id || *via == Some(org))
        .collect();
    let referring: Vec<usize> =
        (0..rules.rules.len()).filter(|&r| rules.rules[r].refer.iter().any(|f| theirs[f.offer as usize])).collect();
    let status = ev.rule_status();
    let consent = matches!(sharing.consent_slot[org].map(|s| ev.env().slots[s as usize]), Some(Value::Bool(true)));
    // A ground covers this partner when it names no `ground` (any partner it refers to) or
    // its ground lists this organisation.
    let covers = |r: usize| sharing.rule_ground[r].is_none_or(|g| sharing.grounds[g].organisations.contains(&org));
    let grounded = |r: usize| status[r] == Tri::True && src.rules[r].legal_ground.is_some() && covers(r);
    let shared_rules: Vec<usize> =
        if consent { referring.clone() } else { referring.iter().copied().filter(|&r| grounded(r)).collect() };
    let mut legal_grounds: Vec<Text> = Vec::new();
    if !consent {
        for &r in &shared_rules {
            if let Some(g) = &src.rules[r].legal_ground {
                if !legal_grounds.contains(g) {
                    legal_grounds.push(g.clone());
                }
            }
        }
    }

    // Per fact: shared or not (slots past the facts are never shared).
    let mut wanted = Wanted(vec![false; rules.facts.len()]);
    for &r in &shared_rules {
        let rule = &rules.rules[r];
        wanted.extend(rule.reads.iter().map(|&f| f as usize));
        // The deadline's start is shared with the deadline.
        wanted.extend(rule.refer.iter().filter_map(|f| f.deadline).map(|(slot, _)| slot as usize));
        if grounded(r) {
            if let Some(g) = sharing.rule_ground[r] {
                wanted.extend(sharing.grounds[g].facts.iter().copied());
            }
        }
    }
    if consent {
        wanted.extend(src.manifest.handover_basics.iter().filter_map(|b| rules.facts.iter().position(|f| &f.id == b)));
        for (o, _) in theirs.iter().enumerate().filter(|(_, t)| **t) {
            wanted.extend(sharing.wish_reads[o].iter().map(|&f| f as usize));
        }
    }
    let values = ev.case_values();
    let known = values.iter().filter(|v| !matches!(v, Value::Unknown)).count();
    let facts: Vec<HandoverFact> = wanted
        .iter()
        .filter_map(|f| {
            let value = json_value(rules, f, &values[f])?;
            let fact = &src.schema.facts[f];
            Some(HandoverFact { fact: fact.id.clone(), label: fact.label.clone(), value })
        })
        .collect();

    // What a case record left out (declined, or rejected by the MDT) stays out. Ordered like the proposal (area,
    // then urgency, most urgent first, then catalogue order), by the shared urgency alone.
    let mut referrals: Vec<(u32, ReferralProposal)> = ev
        .outcome()
        .referrals
        .iter()
        .filter(|r| theirs[r.offer as usize] && !ev.rejected_by_mdt(r.offer))
        .filter_map(|r| referral(ev, rules, r.offer, &shared_rules, &wanted))
        .collect();
    crate::sort::sort_by_key(&mut referrals, |(key, _)| *key);
    let referrals = referrals.into_iter().map(|(_, r)| r).collect();
    Handover {
        ruleset: RuleSetId {
            name: src.manifest.name.clone(),
            version: src.manifest.version.clone(),
            hash: rules.hash.clone(),
            signed_by: rules.signed_by.clone(),
        },
        evaluated_at: ev.evaluated_at(),
        language: None,
        organisation: org_id.clone(),
        label: src.manifest.organisations[org].label.clone(),
        consent,
        legal_grounds,
        left_out_facts: known - facts.len(),
        facts,
        referrals,
    }
}

/// The referral to `offer` as the shared rules alone make it, or `None` when none of them
/// brings it. Urgency, deadline and status merge like the proposal's, over these rules.
/// With it, its sort key.
fn referral(
    ev: &Evaluation,
    rules: &RuleSet,
    offer: u16,
    shared: &[usize],
    wanted: &Wanted,
) -> Option<(u32, ReferralProposal)> {
    let src = &rules.source;
    let m = &src.manifest;
    let env = ev.env();
    let wish = ev.wishes()[offer as usize];
    let mut behind: Vec<u16> = Vec::new();
    let mut best: Option<(bool, u8, Option<i64>)> = None; // certain, urgency, deadline
    for &r in shared {
        let rule = &rules.rules[r];
        for f in rule.refer.iter().filter(|f| f.offer == offer) {
            let through = contribution(rule.is_override, ev.rule_status()[r], wish);
            if through == Tri::False {
                continue;
            }
            if !behind.contains(&(r as u16)) {
                behind.push(r as u16);
            }
            let sure = through == Tri::True;
            let deadline = f.deadline.and_then(|(slot, hours)| match env.slots[slot as usize] {
                Value::Time(t) | Value::TimeRange(t, _) => Some(t.saturating_add(hours.saturating_mul(3600))),
                _ => None,
            });
            best = Some(match best {
                None => (sure, f.urgency, deadline),
                Some((c, _, _)) if sure && !c => (true, f.urgency, deadline),
                Some((c, u, d)) if sure == c => {
                    let d = match (d, deadline) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                    (c, u.max(f.urgency), d)
                }
                Some(kept) => kept,
            });
        }
    }
    let (certain, urgency, deadline) = best?;
    let all_shared = |facts: &[u16]| facts.iter().all(|&f| wanted.contains(&(f as usize)));
    let sharing = &rules.sharing;
    let (outside, against) = markers(rules, &env, wish, offer, &behind);
    let outside = outside.filter(|_| all_shared(&sharing.offer_consent_reads[offer as usize]));
    let against = against.filter(|_| all_shared(&sharing.wish_reads[offer as usize]));
    let provider = rules.region.as_ref().and_then(|(slot, map)| {
        if !wanted.contains(&(*slot as usize)) {
            return None;
        }
        let Value::Enum(v) = env.slots[*slot as usize] else { return None };
        let region = map.get(v as usize).copied().flatten()?;
        rules.providers[region][offer as usize].clone()
    });
    let o = &src.offers[offer as usize];
    let key =
        (u32::from(rules.offers[offer as usize].area) << 24) | (u32::from(255 - urgency) << 16) | u32::from(offer);
    Some((
        key,
        ReferralProposal {
            offer: o.id.clone(),
            area: o.area.clone(),
            organisation: o.organisation.clone(),
            label: o.label.clone(),
            urgency: m.urgencies[urgency as usize].id.clone(),
            deadline: deadline.map(|d| rules.zone.format(d)),
            status: if certain { Status::Certain } else { Status::Possible },
            outside_consent: outside,
            against_wish: against,
            provider,
            rules: behind.iter().map(|&i| src.rules[i as usize].id.clone()).collect(),
            rejected: None,
        },
    ))
}

/// A known fact value as it is written in a case, times in the rule set's time zone;
/// `None` for an unknown one.
fn json_value(rules: &RuleSet, fact: usize, value: &Value) -> Option<serde_json::Value> {
    let ty = rules.facts[fact].ty;
    let name = |d: u16, i: usize| rules.domains[d as usize].values.get(i).cloned().unwrap_or_default();
    let time = |t: i64| if ty == Ty::Date { format_date(t) } else { rules.zone.format(t) };
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

/// The facts a handover shares: one flag per fact, so that they come out in fact order
/// (a set of indices did the same with a B-tree, a copy of its code in the module).
struct Wanted(Vec<bool>);

impl Wanted {
    /// Marks `facts`; indices past the facts (other slots) are not shared.
    fn extend(&mut self, facts: impl IntoIterator<Item = usize>) {
        for f in facts {
            if let Some(flag) = self.0.get_mut(f) {
                *flag = true;
            }
        }
    }

    fn contains(&self, fact: &usize) -> bool {
        self.0.get(*fact).copied().unwrap_or(false)
    }

    /// The shared facts, in fact order.
    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().filter(|(_, &flag)| flag).map(|(f, _)| f)
    }
}
