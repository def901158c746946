//! Which unanswered intake questions could still change the proposal.
//!
//! A fact is listed only if an undecided rule whose effect is not already outdone by a
//! certain outcome depends on it through a sub-expression that is itself undecided. Kleene
//! logic is monotone (answering a fact never changes a decided sub-expression; `known()`
//! is the one exception and is handled conservatively, also in rules that hold for
//! certain only because a fact is unknown), so a fact not listed can never change the
//! outcome.

use super::outcome::{contribution, Outcome};
use super::value::{Tri, Value};
use crate::compile::program::{Env, NodeId, Op};
use crate::compile::RuleSet;

/// An outcome a question could change.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Affects {
    /// The referral to this offer (index).
    Referral(u16),
    /// Whether this referral goes against the victim's wish.
    AgainstWish(u16),
    /// The need level of this area (index).
    Need(u8),
    /// The regie level.
    Regie,
    /// Who is regiehouder.
    Regiehouder,
    /// The deadline of this referral (its start time is unknown).
    Deadline(u16),
    /// The providers named for the referrals (the region is unknown).
    Provider,
}

/// An open question, before rendering.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenQuestion {
    /// Schema fact index.
    pub fact: u16,
    /// What it could change, sorted.
    pub affects: Vec<Affects>,
    /// Ranking key (higher first): urgency of affected referrals, regie, need.
    pub(crate) rank: (i16, i16, i16),
}

/// The open questions of an evaluated case: those marked `danger_now` first and `later`
/// last; within each, most urgent first, then gespreksgids order.
pub(crate) fn open_questions(
    rules: &RuleSet,
    status: &[Tri],
    slots: &[Value],
    now: i64,
    outcome: &Outcome,
) -> Vec<OpenQuestion> {
    let env = Env { slots, now };
    let values = rules.program.eval_all(&env);
    let urgency = max_urgency_per_offer(rules);
    let facts = rules.facts.len();
    let mut hits: Vec<Vec<Affects>> = vec![Vec::new(); facts];
    let mut mark = Vec::new();
    for (i, (rule, &st)) in rules.rules.iter().zip(status).enumerate() {
        if st == Tri::False {
            continue;
        }
        if st == Tri::True && rules.program.contains_known[rule.when as usize] {
            flippable_rule_questions(rules, i, status, &values, &env, &mut hits);
        }
        let mut effects = Vec::new();
        if st == Tri::Unknown {
            for &(area, level) in &rule.needs {
                if level > outcome.needs[area as usize].certain {
                    effects.push(Affects::Need(area));
                }
            }
            if rule.regie.is_some_and(|l| l > outcome.regie.certain) {
                effects.push(Affects::Regie);
            }
            if let Some((id, rank)) = rule.regiehouder {
                if outcome.regiehouder.as_ref().is_none_or(|h| !h.certain || (h.id != id && rank >= h.rank)) {
                    effects.push(Affects::Regiehouder);
                }
            }
        }
        for refer in &rule.refer {
            let offer = refer.offer as usize;
            let wish = rules.offers[offer].wish.map_or(Tri::True, |w| values[w as usize].tri());
            let merged = outcome.referrals.iter().find(|r| r.offer == refer.offer);
            let settled = merged.is_some_and(|r| r.certain && r.urgency >= refer.urgency);
            // The referral itself, when the rule is undecided (and the wish does not block it).
            if !settled && st == Tri::Unknown && (rule.is_override || wish != Tri::False) {
                effects.push(Affects::Referral(refer.offer));
            }
            // An undecided wish decides an ordinary rule's referral, and whether an override
            // rule's referral goes against the wish.
            let wish_decides = match (rule.is_override, wish) {
                (false, Tri::Unknown) if !settled => Some(Affects::Referral(refer.offer)),
                (true, Tri::Unknown) => Some(Affects::AgainstWish(refer.offer)),
                _ => None,
            };
            if let (Some(affects), Some(w)) = (wish_decides, rules.offers[offer].wish) {
                mark_unknowns_in(rules, w, &values, &env, &mut mark);
                for f in mark.drain(..) {
                    push_unique(&mut hits[f as usize], affects.clone());
                }
            } else if rule.is_override && wish == Tri::False {
                // The wish fails on a missing consent; whether the step also goes against
                // the victim's own wish (the wish with the consent taken as given) may
                // still be open: its facts are questions too.
                own_wish_questions(rules, refer.offer, slots, now, &mut hits);
            }
        }
        // A deadline counts from a time that may still be unknown.
        for refer in &rule.refer {
            if let Some((slot, _)) = refer.deadline {
                let wish = rules.offers[refer.offer as usize].wish.map_or(Tri::True, |w| values[w as usize].tri());
                let proposed = contribution(rule.is_override, st, wish) != Tri::False;
                if proposed {
                    let mut start = Vec::new();
                    mark_slot_unknowns(rules, slot, &values, &env, &mut start);
                    for f in start {
                        push_unique(&mut hits[f as usize], Affects::Deadline(refer.offer));
                    }
                }
            }
        }
        if st == Tri::Unknown && !effects.is_empty() {
            mark_unknowns_in(rules, rule.when, &values, &env, &mut mark);
            for f in mark.drain(..) {
                for e in &effects {
                    push_unique(&mut hits[f as usize], e.clone());
                }
            }
        }
    }
    if let Some((slot, _)) = &rules.region {
        if slots[*slot as usize] == Value::Unknown && !outcome.referrals.is_empty() {
            push_unique(&mut hits[*slot as usize], Affects::Provider);
        }
    }
    let mut out: Vec<OpenQuestion> = hits
        .into_iter()
        .enumerate()
        .filter(|(_, a)| !a.is_empty())
        .map(|(fact, mut affects)| {
            crate::sort::sort(&mut affects);
            let rank = rank_of(rules, &urgency, &affects);
            OpenQuestion { fact: fact as u16, affects, rank }
        })
        .collect();
    // Danger now first, herstel-only last; within each, the most urgent outcome first.
    crate::sort::sort_by_key(&mut out, |q| (rules.facts[q.fact as usize].priority, std::cmp::Reverse(q.rank), q.fact));
    out
}

/// The unknown facts that decide an offer's *own* wish: its `wish` with the consent facts
/// it reads taken as true (see `explain::markers`), when that is still undecided.
fn own_wish_questions(rules: &RuleSet, offer: u16, slots: &[Value], now: i64, hits: &mut [Vec<Affects>]) {
    let o = offer as usize;
    let (Some(wish), consent) = (rules.offers[o].wish, &rules.sharing.offer_consent[o]) else { return };
    if consent.is_empty() {
        return;
    }
    let mut given = slots.to_vec();
    for &s in consent {
        given[s as usize] = Value::Bool(true);
    }
    let env = Env { slots: &given, now };
    let values = rules.program.eval_all(&env);
    if values[wish as usize].tri() != Tri::Unknown {
        return;
    }
    let mut mark = Vec::new();
    mark_unknowns_in(rules, wish, &values, &env, &mut mark);
    for f in mark {
        push_unique(&mut hits[f as usize], Affects::AgainstWish(offer));
    }
}

/// A rule that holds only because a fact is not yet known (`not (known(uses_prep) and
/// uses_prep)`: only a known "yes" to PrEP removes HIV-PEP) stops holding when that fact is
/// answered: `known()` is not monotone. The unknown facts below its `known()` are questions
/// for each referral of the rule that no other certain rule without `known()` gives at
/// least as urgently.
fn flippable_rule_questions(
    rules: &RuleSet,
    index: usize,
    status: &[Tri],
    values: &[Value],
    env: &Env,
    hits: &mut [Vec<Affects>],
) {
    let rule = &rules.rules[index];
    let program = &rules.program;
    let held_elsewhere = |offer: u16, urgency| {
        rules.rules.iter().zip(status).enumerate().any(|(j, (other, &s))| {
            j != index
                && s == Tri::True
                && !program.contains_known[other.when as usize]
                && other.refer.iter().any(|r| r.offer == offer && r.urgency >= urgency)
        })
    };
    let effects: Vec<Affects> =
        rule.refer.iter().filter(|r| !held_elsewhere(r.offer, r.urgency)).map(|r| Affects::Referral(r.offer)).collect();
    if effects.is_empty() {
        return;
    }
    let mut mark = Vec::new();
    mark_unknowns_in(rules, rule.when, values, env, &mut mark);
    for f in mark {
        for e in &effects {
            push_unique(&mut hits[f as usize], e.clone());
        }
    }
}

fn push_unique(list: &mut Vec<Affects>, a: Affects) {
    if !list.contains(&a) {
        list.push(a);
    }
}

/// The highest urgency any rule gives each offer.
fn max_urgency_per_offer(rules: &RuleSet) -> Vec<i16> {
    let mut max = vec![0i16; rules.offers.len()];
    for refer in rules.rules.iter().flat_map(|r| &r.refer) {
        max[refer.offer as usize] = max[refer.offer as usize].max(i16::from(refer.urgency));
    }
    max
}

fn rank_of(rules: &RuleSet, urgency: &[i16], affects: &[Affects]) -> (i16, i16, i16) {
    let mut rank = (-1i16, -1i16, -1i16);
    for a in affects {
        match a {
            Affects::Referral(o) | Affects::AgainstWish(o) | Affects::Deadline(o) => {
                rank.0 = rank.0.max(urgency[*o as usize]);
            }
            Affects::Regie => rank.1 = rank.1.max(rules.source.manifest.regie_levels.len() as i16),
            Affects::Regiehouder => rank.1 = rank.1.max(0),
            Affects::Need(_) => rank.2 = rank.2.max(0),
            Affects::Provider => {}
        }
    }
    rank
}

/// Collects the unknown schema facts that an undecided `node` still depends on, with every
/// node's value computed once beforehand (`values[node]`), so that walking a tree costs its
/// size, not its size squared.
pub(crate) fn mark_unknowns_in(rules: &RuleSet, node: NodeId, values: &[Value], env: &Env, out: &mut Vec<u16>) {
    let program = &rules.program;
    let op = &program.ops[node as usize];
    if !values[node as usize].is_open() && !program.contains_known[node as usize] {
        return;
    }
    match op {
        Op::Load(slot) => {
            let slot = *slot as usize;
            if slot < rules.facts.len() {
                if env.slots[slot].is_open() && !out.contains(&(slot as u16)) {
                    out.push(slot as u16);
                }
            } else {
                mark_unknowns_in(rules, rules.derived_at(slot).node, values, env, out);
            }
        }
        Op::Known(a) => {
            // known() is not monotone: any unknown fact below it can flip it.
            let mut reads = Vec::new();
            loads(rules, *a, &mut reads);
            for f in reads {
                if env.slots[f as usize] == Value::Unknown && !out.contains(&f) {
                    out.push(f);
                }
            }
        }
        _ => {
            for child in program.children(node) {
                mark_unknowns_in(rules, child, values, env, out);
            }
        }
    }
}

/// The unknown schema facts behind a slot (itself, or what an unknown derived fact reads).
fn mark_slot_unknowns(rules: &RuleSet, slot: u16, values: &[Value], env: &Env, out: &mut Vec<u16>) {
    if (slot as usize) < rules.facts.len() {
        if env.slots[slot as usize].is_open() {
            out.push(slot);
        }
    } else {
        mark_unknowns_in(rules, rules.derived_at(slot as usize).node, values, env, out);
    }
}

fn loads(rules: &RuleSet, node: NodeId, out: &mut Vec<u16>) {
    if let Op::Load(slot) = rules.program.ops[node as usize] {
        if (slot as usize) < rules.facts.len() {
            out.push(slot);
        } else {
            out.extend(&rules.derived_at(slot as usize).reads);
        }
    }
    for child in rules.program.children(node) {
        loads(rules, child, out);
    }
}
