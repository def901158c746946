//! The semantic difference of two rule sets: over every case (not a corpus), the classes
//! of cases whose outcome changes, each with the old and new value and a witness case.
//!
//! Both rule sets are evaluated side by side on one case space (facts matched by id). An
//! outcome is one of: the regie level, the need of an area, the regiehouder, the referral
//! to an offer (absent or its urgency), whether it goes against the wish, its deadline
//! (hours after a time fact), and the provider that the proposal names for it in a region.
//! A class is one (outcome, old value, new value); its
//! witness is a case shrunk to the facts that force the change. Outcomes whose formulas
//! are the same in both rule sets (same conditions over the same facts) are skipped
//! without a search.

use super::budget::RunBudget;
use super::formula::{and, atom, not, Atom, Formula, FALSE, TRUE};
use super::search::{Answer, Searcher};
use super::space::{SideSpec, Space};
use super::terms::Terms;
use super::Witness;
use crate::compile::model::RuleSet;
use crate::compile::program::{NodeId, Op};
use crate::engine::Engine;
use crate::eval::value::Value;
use serde::Serialize;

/// One class of cases whose outcome differs between two rule sets.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DiffClass {
    /// What changes: `regie`, `need:<area>`, `regiehouder`, `referral:<offer>`,
    /// `against_wish:<offer>`, `deadline:<offer>:<fact>` or `provider:<offer>:<region>`.
    pub outcome: String,
    /// The value under the old rule set (`absent`/`none` where nothing is proposed).
    pub old: String,
    /// The value under the new rule set.
    pub new: String,
    /// A case of the class, to evaluate with either rule set (absent when incomplete).
    pub witness: Option<Witness>,
    /// The search ran out of budget: this class may or may not be empty.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub incomplete: bool,
}

impl Engine {
    /// The classes of cases whose outcome differs between `self` (old) and `new`, in
    /// outcome order. Empty when the two rule sets decide every case the same.
    ///
    /// A fact or value that only one rule set has is unknown to the other; a witness that
    /// uses one cannot be evaluated by the rule set that lacks it.
    pub fn diff(&self, new: &Engine) -> Vec<DiffClass> {
        let (a, b) = (self.rules(), new.rules());
        let space = Space::new(vec![
            SideSpec { rules: a, props: None, prop_roots: Vec::new(), pins: Vec::new(), masks: region_masks(a) },
            SideSpec { rules: b, props: None, prop_roots: Vec::new(), pins: Vec::new(), masks: region_masks(b) },
        ]);
        let run = RunBudget::unlimited();
        let mut search = Searcher::new(&space, &run);
        let (old_terms, new_terms) = (Terms::new(a, 0), Terms::new(b, 1));
        let mut out = Vec::new();
        let same_atom = unify(a, b);
        for item in items(a, b) {
            let old = (item.values)(&old_terms);
            let new: Values =
                (item.values)(&new_terms).into_iter().map(|(v, f)| (v, f.map_atoms(&same_atom))).collect();
            if same([a, b], &old, &new) {
                continue;
            }
            let guard = (item.guard)(&old_terms, &new_terms).map_atoms(&same_atom);
            for (va, fa) in &old {
                for (vb, fb) in &new {
                    if va == vb || *fa == FALSE || *fb == FALSE {
                        continue;
                    }
                    let target = and([guard.clone(), fa.clone(), fb.clone()]);
                    let answer = search.find_any(target);
                    if answer == Answer::None {
                        continue;
                    }
                    let witness = (answer == Answer::Found).then(|| search.witness(false));
                    out.push(DiffClass {
                        outcome: item.name.clone(),
                        old: va.clone(),
                        new: vb.clone(),
                        witness,
                        incomplete: answer == Answer::Incomplete,
                    });
                }
            }
        }
        providers(a, b, &old_terms, &new_terms, &mut search, &mut out);
        out
    }
}

/// The region fact's values as masks, so the space tells every region apart.
fn region_masks(rules: &RuleSet) -> Vec<(u16, u64)> {
    rules.region.as_ref().map_or(Vec::new(), |(slot, map)| (0..map.len()).map(|i| (*slot, 1u64 << i)).collect())
}

/// The region's value of the region fact, or `None` if the rule set has no such region.
fn region_is(rules: &RuleSet, side: u8, region: &str) -> Option<Formula> {
    let Some((slot, _)) = &rules.region else { return Some(TRUE) };
    let crate::expr::types::Ty::Enum(d) = rules.facts[*slot as usize].ty else { return None };
    let i = rules.domains[d as usize].index(region)?;
    Some(atom(Atom::Value(side, *slot, 1u64 << i)))
}

/// The provider of `offer` in `region`, as the proposal names it.
fn provider<'a>(rules: &'a RuleSet, offer: &str, region: &str) -> Option<&'a str> {
    let o = offer_index(rules, offer)? as usize;
    let r = rules.source.regions.iter().position(|x| x.id == region)?;
    rules.providers.get(r)?.get(o)?.as_deref()
}

/// `provider:<offer>:<region>`: where both rule sets propose the offer to a victim in the
/// region, but name different providers.
fn providers(a: &RuleSet, b: &RuleSet, old: &Terms, new: &Terms, search: &mut Searcher, out: &mut Vec<DiffClass>) {
    let regions = union(a.source.regions.iter().map(|r| r.id.clone()), b.source.regions.iter().map(|r| r.id.clone()));
    let offers = union(a.source.offers.iter().map(|o| o.id.clone()), b.source.offers.iter().map(|o| o.id.clone()));
    for offer in &offers {
        let (Some(oa), Some(ob)) = (offer_index(a, offer), offer_index(b, offer)) else { continue };
        for region in &regions {
            let (pa, pb) = (provider(a, offer, region), provider(b, offer, region));
            if pa == pb {
                continue;
            }
            let (Some(ra), Some(rb)) = (region_is(a, 0, region), region_is(b, 1, region)) else { continue };
            let target = and([old.referred_at_least(oa, 0), new.referred_at_least(ob, 0), ra, rb]);
            let answer = search.find_any(target);
            if answer == Answer::None {
                continue;
            }
            out.push(DiffClass {
                outcome: format!("provider:{offer}:{region}"),
                old: pa.unwrap_or("none").to_string(),
                new: pb.unwrap_or("none").to_string(),
                witness: (answer == Answer::Found).then(|| search.witness(false)),
                incomplete: answer == Answer::Incomplete,
            });
        }
    }
}

/// The values an outcome can take in one rule set, each with "the outcome has this value".
type Values = Vec<(String, Formula)>;

/// The values of an outcome in one rule set.
type ValuesOf<'r> = Box<dyn Fn(&Terms<'r>) -> Values + 'r>;

/// A condition over both rule sets.
type Guard<'r> = Box<dyn Fn(&Terms<'r>, &Terms<'r>) -> Formula + 'r>;

/// One outcome compared between the two rule sets.
struct Item<'r> {
    name: String,
    values: ValuesOf<'r>,
    /// Only cases where this holds count (a deadline only where both propose the offer).
    guard: Guard<'r>,
}

fn item<'r>(name: String, values: impl Fn(&Terms<'r>) -> Values + 'r) -> Item<'r> {
    Item { name, values: Box::new(values), guard: Box::new(|_, _| TRUE) }
}

/// A graded outcome: value `k` holds when "at least k" holds and "at least k + 1" does not.
fn graded(names: Vec<String>, at_least: impl Fn(u8) -> Formula) -> Values {
    let n = names.len();
    let ge = |k: usize| {
        if k == 0 {
            TRUE
        } else if k < n {
            at_least(k as u8)
        } else {
            FALSE
        }
    };
    names.into_iter().enumerate().map(|(k, name)| (name, and([ge(k), not(ge(k + 1))]))).collect()
}

fn ids(list: &[crate::ruleset::source::Labelled]) -> Vec<String> {
    list.iter().map(|l| l.id.clone()).collect()
}

fn union(a: impl IntoIterator<Item = String>, b: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = a.into_iter().collect();
    for x in b {
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

/// Every outcome of either rule set.
fn items<'r>(a: &'r RuleSet, b: &'r RuleSet) -> Vec<Item<'r>> {
    let (ma, mb) = (&a.source.manifest, &b.source.manifest);
    let mut out = vec![item("regie".into(), |t: &Terms<'r>| {
        graded(ids(&t.rules.source.manifest.regie_levels), |k| t.regie_at_least(k))
    })];
    for area in union(ids(&ma.areas), ids(&mb.areas)) {
        let id = area.clone();
        out.push(item(format!("need:{area}"), move |t: &Terms<'r>| {
            let m = &t.rules.source.manifest;
            match m.areas.iter().position(|x| x.id == id) {
                Some(i) => graded(ids(&m.need_levels), |k| t.need_at_least(i as u8, k)),
                None => vec![("absent".into(), TRUE)],
            }
        }));
    }
    out.push(item("regiehouder".into(), |t: &Terms<'r>| {
        let holders = &t.rules.source.manifest.regiehouders;
        let mut v = vec![("none".to_string(), t.no_regiehouder())];
        v.extend(holders.iter().enumerate().map(|(i, h)| (h.id.clone(), t.regiehouder_is(i as u16))));
        v
    }));
    let offers = union(a.source.offers.iter().map(|o| o.id.clone()), b.source.offers.iter().map(|o| o.id.clone()));
    for offer in offers {
        let id = offer.clone();
        out.push(item(format!("referral:{offer}"), move |t: &Terms<'r>| match offer_index(t.rules, &id) {
            Some(o) => {
                let names =
                    std::iter::once("absent".to_string()).chain(ids(&t.rules.source.manifest.urgencies)).collect();
                graded(names, |k| t.referred_at_least(o, k - 1))
            }
            None => vec![("absent".into(), TRUE)],
        }));
        let id = offer.clone();
        out.push(item(format!("against_wish:{offer}"), move |t: &Terms<'r>| {
            let f = offer_index(t.rules, &id).map_or(FALSE, |o| t.against_wish(o));
            vec![("no".into(), not(f.clone())), ("yes".into(), f)]
        }));
        for fact in
            deadline_facts(a, &offer).into_iter().chain(deadline_facts(b, &offer)).fold(Vec::new(), |mut v, f| {
                if !v.contains(&f) {
                    v.push(f);
                }
                v
            })
        {
            let (id, from) = (offer.clone(), fact.clone());
            let (gid, gid2) = (offer.clone(), offer.clone());
            out.push(Item {
                name: format!("deadline:{offer}:{fact}"),
                values: Box::new(move |t: &Terms<'r>| deadline_values(t, &id, &from)),
                guard: Box::new(move |x: &Terms<'r>, y: &Terms<'r>| {
                    let referred =
                        |t: &Terms<'r>, id: &str| offer_index(t.rules, id).map_or(FALSE, |o| t.referred_at_least(o, 0));
                    and([referred(x, &gid), referred(y, &gid2)])
                }),
            });
        }
    }
    out
}

fn offer_index(rules: &RuleSet, id: &str) -> Option<u16> {
    rules.source.offers.iter().position(|o| o.id == id).map(|o| o as u16)
}

/// The time facts the deadlines of referrals to `offer` count from.
fn deadline_facts(rules: &RuleSet, offer: &str) -> Vec<String> {
    let Some(o) = offer_index(rules, offer) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for r in &rules.rules {
        for f in r.refer.iter().filter(|f| f.offer == o) {
            if let Some((slot, _)) = f.deadline {
                let name = slot_name(rules, slot);
                if !out.contains(&name) {
                    out.push(name);
                }
            }
        }
    }
    out
}

fn slot_name(rules: &RuleSet, slot: u16) -> String {
    rules.names.iter().find(|(_, &(s, _))| s == slot).map(|(n, _)| n.clone()).unwrap_or_default()
}

/// The earliest deadline (hours after `from`) of the referral to `offer`, or `none`.
fn deadline_values(t: &Terms, offer: &str, from: &str) -> Values {
    let Some(o) = offer_index(t.rules, offer) else {
        return vec![("none".into(), TRUE)];
    };
    let Some(&(slot, _)) = t.rules.names.get(from) else {
        return vec![("none".into(), TRUE)];
    };
    let mut hours: Vec<i64> = t
        .rules
        .rules
        .iter()
        .flat_map(|r| &r.refer)
        .filter(|f| f.offer == o)
        .filter_map(|f| f.deadline.filter(|d| d.0 == slot).map(|d| d.1))
        .collect();
    hours.sort_unstable();
    hours.dedup();
    let within = |h: i64| t.deadline_within(o, slot, h);
    let mut out = Vec::new();
    for (k, &h) in hours.iter().enumerate() {
        let earlier = if k == 0 { FALSE } else { within(hours[k - 1]) };
        out.push((format!("{h}h"), and([within(h), not(earlier)])));
    }
    let last = hours.last().map_or(FALSE, |&h| within(h));
    out.push(("none".into(), not(last)));
    out
}

/// Maps the new rule set's atoms to the old one's where they are the same expression over
/// the same facts, so that unchanged rules are one atom and contradictions show at once.
fn unify<'a>(a: &'a RuleSet, b: &'a RuleSet) -> impl Fn(Atom) -> Atom + 'a {
    let rules: Vec<String> = a.rules.iter().map(|r| node(a, r.when)).collect();
    let wishes: Vec<Option<String>> = a.offers.iter().map(|o| o.wish.map(|w| node(a, w))).collect();
    let rule_map: Vec<Option<u16>> = b
        .rules
        .iter()
        .map(|r| node(b, r.when))
        .map(|fp| rules.iter().position(|x| *x == fp).map(|i| i as u16))
        .collect();
    let wish_map: Vec<Option<u16>> = b
        .offers
        .iter()
        .map(|o| o.wish.map(|w| node(b, w)))
        .map(|fp| fp.and_then(|fp| wishes.iter().position(|x| x.as_ref() == Some(&fp)).map(|i| i as u16)))
        .collect();
    move |atom| match atom {
        Atom::Rule(1, r) => rule_map[r as usize].map_or(atom, |i| Atom::Rule(0, i)),
        Atom::Wish(1, o) => wish_map[o as usize].map_or(atom, |i| Atom::Wish(0, i)),
        _ => atom,
    }
}

/// The two rule sets give the outcome by the same formulas over the same facts.
fn same(sides: [&RuleSet; 2], old: &Values, new: &Values) -> bool {
    old.len() == new.len()
        && old.iter().zip(new).all(|((va, fa), (vb, fb))| va == vb && fingerprint(sides, fa) == fingerprint(sides, fb))
}

/// A text that is equal for two formulas that mean the same on every case: atoms are
/// written as their expressions over fact ids (with the facts' types and values).
fn fingerprint(sides: [&RuleSet; 2], f: &Formula) -> String {
    match f {
        Formula::Const(b) => b.to_string(),
        Formula::Atom(a) => {
            let rules = sides[a.side()];
            match a {
                Atom::Rule(_, r) => format!("R[{}]", node(rules, rules.rules[*r as usize].when)),
                Atom::Wish(_, o) => {
                    rules.offers[*o as usize].wish.map_or("W[]".into(), |w| format!("W[{}]", node(rules, w)))
                }
                Atom::Node(_, n) => node(rules, *n),
                Atom::Prop(..) => "P".into(),
                Atom::Value(_, slot, mask) => format!("V[{}:{mask}]", rules.facts[*slot as usize].id),
            }
        }
        Formula::Not(g) => format!("!{}", fingerprint(sides, g)),
        Formula::And(items) => {
            format!("&({})", items.iter().map(|g| fingerprint(sides, g)).collect::<Vec<_>>().join(","))
        }
        Formula::Or(items) => {
            format!("|({})", items.iter().map(|g| fingerprint(sides, g)).collect::<Vec<_>>().join(","))
        }
    }
}

fn node(rules: &RuleSet, n: NodeId) -> String {
    let p = &rules.program;
    let kids = || p.children(n).map(|c| node(rules, c)).collect::<Vec<_>>().join(",");
    match &p.ops[n as usize] {
        Op::Load(slot) if (*slot as usize) < rules.facts.len() => {
            let f = &rules.facts[*slot as usize];
            let values = match f.ty {
                crate::expr::types::Ty::Enum(d) | crate::expr::types::Ty::Set(d) => {
                    rules.domains[d as usize].values.join("|")
                }
                _ => String::new(),
            };
            format!("{}:{:?}:{}:{}:{values}", f.id, std::mem::discriminant(&f.ty), f.min, f.max)
        }
        Op::Load(slot) => rules.derived_of(*slot).map_or("?".into(), |d| format!("({})", node(rules, d.node))),
        Op::Const(v) => match v {
            Value::Unknown => "u".into(),
            v => format!("{v:?}"),
        },
        op => {
            let head = format!("{op:?}");
            let head = head.split('(').next().unwrap_or("");
            let extra = match op {
                Op::IntCmp(c, ..) => format!("{c:?}"),
                Op::Same(_, _, eq) => eq.to_string(),
                Op::EnumIn(_, m) | Op::SetAny(_, m) | Op::SetAll(_, m) => m.to_string(),
                Op::Since(_, u) => u.to_string(),
                _ => String::new(),
            };
            format!("{head}{extra}({})", kids())
        }
    }
}
