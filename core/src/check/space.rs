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

use crate::compile::model::RuleSet;
use crate::compile::program::{NodeId, Op, Program};
use crate::eval::time::{format_date, format_datetime, MAX_SECONDS, MIN_SECONDS};
use crate::eval::value::Value;
use crate::expr::types::Ty;
use serde_json::Value as Json;
use std::collections::HashMap;

/// The evaluation time of every witness: 2026-03-02T12:00:00Z (noon UTC, so that a date
/// fact is a whole number of days and twelve hours in the past).
pub(crate) const NOW: i64 = 1_772_452_800;

/// Integer facts with a range at most this wide are enumerated in full when they are used
/// in a way the constant partition does not cover (arithmetic, comparison of two facts).
const FULL_RANGE: i64 = 300;

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

/// How a side uses one schema fact.
#[derive(Clone, Debug, Default)]
struct Usage {
    read: bool,
    /// Used in a way the partition does not see through: every value is its own cell.
    opaque: bool,
    /// Enum masks, or set masks of `any()` / `in`.
    masks: Vec<u64>,
    /// Set masks of `all()`.
    all_masks: Vec<u64>,
    count: bool,
    /// Integer cell points.
    points: Vec<i64>,
    /// Time: window boundaries, in seconds before [`NOW`].
    bounds: Vec<i64>,
    known: bool,
}

/// A fact-derived integer term: the fact plus a constant offset.
enum Term {
    Fact(u16, i64),
    Since(u16, i64, i64),
    Count(u16),
    Const(i64),
}

struct Walker<'a> {
    rules: &'a RuleSet,
    usage: Vec<Usage>,
    seen_main: Vec<bool>,
    int_consts: Vec<i64>,
}

impl<'a> Walker<'a> {
    fn new(rules: &'a RuleSet) -> Self {
        Walker {
            rules,
            usage: vec![Usage::default(); rules.facts.len()],
            seen_main: vec![false; rules.program.ops.len()],
            int_consts: Vec::new(),
        }
    }

    fn is_main(&self, prog: &Program) -> bool {
        std::ptr::eq(prog, &self.rules.program)
    }

    /// The schema fact a node loads, seeing through derived facts that are plain aliases.
    fn fact_of(&self, prog: &Program, node: NodeId) -> Option<u16> {
        match prog.ops[node as usize] {
            Op::Load(slot) if (slot as usize) < self.rules.facts.len() => Some(slot),
            Op::Load(slot) => {
                let d = self.rules.derived_of(slot)?;
                self.fact_of(&self.rules.program, d.node)
            }
            _ => None,
        }
    }

    fn term(&self, prog: &Program, node: NodeId) -> Option<Term> {
        match &prog.ops[node as usize] {
            Op::Const(Value::Int(c)) => Some(Term::Const(*c)),
            Op::Load(slot) if (*slot as usize) >= self.rules.facts.len() => {
                let d = self.rules.derived_of(*slot)?;
                self.term(&self.rules.program, d.node)
            }
            Op::Load(_) => {
                let f = self.fact_of(prog, node)?;
                (self.rules.facts[f as usize].ty == Ty::Int).then_some(Term::Fact(f, 0))
            }
            Op::Since(a, unit) => {
                let f = self.fact_of(prog, *a)?;
                Some(Term::Since(f, *unit, 0))
            }
            Op::Count(a) => {
                let f = self.fact_of(prog, *a)?;
                Some(Term::Count(f))
            }
            Op::Add(a, b) | Op::Sub(a, b) => {
                let sign = if matches!(prog.ops[node as usize], Op::Sub(..)) { -1 } else { 1 };
                let (x, y) = (self.term(prog, *a)?, self.term(prog, *b)?);
                // Checked: an offset that overflows makes the term opaque (every value its
                // own cell), never a wrong cell boundary.
                match (x, y) {
                    (Term::Fact(f, k), Term::Const(c)) => Some(Term::Fact(f, k.checked_add(c.checked_mul(sign)?)?)),
                    (Term::Since(f, u, k), Term::Const(c)) => {
                        Some(Term::Since(f, u, k.checked_add(c.checked_mul(sign)?)?))
                    }
                    (Term::Const(c), Term::Fact(f, k)) if sign == 1 => Some(Term::Fact(f, k.checked_add(c)?)),
                    (Term::Const(c), Term::Since(f, u, k)) if sign == 1 => Some(Term::Since(f, u, k.checked_add(c)?)),
                    (Term::Const(c), Term::Const(d)) => Some(Term::Const(c.checked_add(d.checked_mul(sign)?)?)),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    fn walk(&mut self, prog: &Program, node: NodeId) {
        if self.is_main(prog) {
            if self.seen_main[node as usize] {
                return;
            }
            self.seen_main[node as usize] = true;
        }
        let op = prog.ops[node as usize].clone();
        match op {
            Op::Const(Value::Int(c)) => self.int_consts.push(c),
            Op::Const(_) => {}
            Op::Load(slot) => {
                if (slot as usize) < self.rules.facts.len() {
                    let u = &mut self.usage[slot as usize];
                    u.read = true;
                    if self.rules.facts[slot as usize].ty != Ty::Bool {
                        u.opaque = true;
                    }
                } else if let Some(d) = self.rules.derived_of(slot) {
                    let rules = self.rules;
                    self.walk(&rules.program, d.node);
                }
            }
            Op::IntCmp(_, a, b) => {
                let (x, y) = (self.term(prog, a), self.term(prog, b));
                let offset = |t: &Term| match t {
                    Term::Fact(_, k) | Term::Since(_, _, k) => *k,
                    _ => 0,
                };
                let (t, c) = match (x, y) {
                    (Some(Term::Const(c)), Some(t)) | (Some(t), Some(Term::Const(c)))
                        if c.checked_sub(offset(&t))
                            .is_some_and(|c| c.checked_add(1).is_some() && c.checked_sub(1).is_some()) =>
                    {
                        (t, c)
                    }
                    _ => {
                        self.walk(prog, a);
                        self.walk(prog, b);
                        return;
                    }
                };
                self.int_consts.push(c);
                match t {
                    Term::Fact(f, k) => {
                        let u = &mut self.usage[f as usize];
                        u.read = true;
                        let c = c - k;
                        u.points.extend([c - 1, c, c + 1]);
                    }
                    Term::Since(f, unit, k) => {
                        let u = &mut self.usage[f as usize];
                        u.read = true;
                        let c = c.saturating_sub(k);
                        u.bounds.extend([c.saturating_mul(unit), c.saturating_add(1).saturating_mul(unit)]);
                    }
                    Term::Count(f) => {
                        let u = &mut self.usage[f as usize];
                        u.read = true;
                        u.count = true;
                    }
                    Term::Const(_) => {}
                }
            }
            Op::EnumIn(a, mask) => match self.fact_of(prog, a) {
                Some(f) => {
                    let u = &mut self.usage[f as usize];
                    u.read = true;
                    u.masks.push(mask);
                }
                None => self.walk(prog, a),
            },
            Op::Same(a, b, _) => {
                let konst = |n: NodeId| match prog.ops[n as usize] {
                    Op::Const(Value::Enum(i)) => Some(i),
                    _ => None,
                };
                let pair = match (self.fact_of(prog, a), konst(b), self.fact_of(prog, b), konst(a)) {
                    (Some(f), Some(i), _, _) | (_, _, Some(f), Some(i))
                        if matches!(self.rules.facts[f as usize].ty, Ty::Enum(_)) =>
                    {
                        Some((f, i))
                    }
                    _ => None,
                };
                match pair {
                    Some((f, i)) => {
                        let u = &mut self.usage[f as usize];
                        u.read = true;
                        u.masks.push(1u64 << i);
                    }
                    None => {
                        self.walk(prog, a);
                        self.walk(prog, b);
                    }
                }
            }
            Op::SetAny(a, mask) | Op::SetAll(a, mask) => match self.fact_of(prog, a) {
                Some(f) => {
                    let all = matches!(prog.ops[node as usize], Op::SetAll(..));
                    let u = &mut self.usage[f as usize];
                    u.read = true;
                    if all {
                        u.all_masks.push(mask);
                    } else {
                        u.masks.push(mask);
                    }
                }
                None => self.walk(prog, a),
            },
            Op::Count(a) => match self.fact_of(prog, a) {
                Some(f) => {
                    let u = &mut self.usage[f as usize];
                    u.read = true;
                    u.count = true;
                }
                None => self.walk(prog, a),
            },
            Op::Known(a) => {
                let mut facts = Vec::new();
                reads_of(self.rules, prog, a, &mut facts);
                for f in facts {
                    let u = &mut self.usage[f as usize];
                    u.read = true;
                    u.known = true;
                }
                self.walk(prog, a);
            }
            _ => {
                for c in prog.children(node) {
                    self.walk(prog, c);
                }
            }
        }
    }
}

/// The schema facts a node reads, directly or through derived facts (unsorted, may repeat).
pub(crate) fn reads_of(rules: &RuleSet, prog: &Program, node: NodeId, out: &mut Vec<u16>) {
    if let Op::Load(slot) = prog.ops[node as usize] {
        if (slot as usize) < rules.facts.len() {
            out.push(slot);
        } else if let Some(d) = rules.derived_of(slot) {
            out.extend(&d.reads);
        }
    }
    for c in prog.children(node) {
        reads_of(rules, prog, c, out);
    }
}

/// The usage of every schema fact by the rules, wishes and extra roots of one side.
fn usage(spec: &SideSpec) -> (Vec<Usage>, Vec<i64>) {
    let rules = spec.rules;
    let mut w = Walker::new(rules);
    for r in &rules.rules {
        w.walk(&rules.program, r.when);
    }
    for o in &rules.offers {
        if let Some(wish) = o.wish {
            w.walk(&rules.program, wish);
        }
    }
    if let Some(props) = spec.props {
        for &n in &spec.prop_roots {
            w.walk(props, n);
        }
    }
    for &(slot, mask) in &spec.masks {
        let u = &mut w.usage[slot as usize];
        u.read = true;
        u.masks.push(mask);
    }
    (w.usage, w.int_consts)
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

type Uses<'a> = [(usize, &'a RuleSet, &'a Usage, &'a [i64])];

/// The representatives of one fact over the sides that have it; false if not exact.
fn representatives(present: &[(usize, u16)], uses: &Uses, sides: usize) -> (Vec<Rep>, bool) {
    let Some(&(_, slot0)) = present.first() else {
        return (vec![Rep { values: vec![Value::Unknown; sides], json: Json::Null }], true);
    };
    let ty = uses[0].1.facts[slot0 as usize].ty;
    match ty {
        Ty::Bool => {
            let reps = [false, true]
                .into_iter()
                .map(|b| Rep { values: per_side(present, sides, |_, _| Value::Bool(b)), json: Json::Bool(b) })
                .collect();
            (reps, true)
        }
        Ty::Enum(_) => (enum_reps(present, uses, sides), true),
        Ty::Set(_) => (set_reps(present, uses, sides), true),
        Ty::Int => int_reps(present, uses, sides),
        Ty::DateTime | Ty::Date => time_reps(present, uses, sides, ty == Ty::Date),
    }
}

fn per_side(present: &[(usize, u16)], sides: usize, mut f: impl FnMut(usize, usize) -> Value) -> Vec<Value> {
    let mut v = vec![Value::Unknown; sides];
    for (k, &(s, _)) in present.iter().enumerate() {
        v[s] = f(k, s);
    }
    v
}

fn domain_values(rules: &RuleSet, slot: u16) -> &[String] {
    match rules.facts[slot as usize].ty {
        Ty::Enum(d) | Ty::Set(d) => &rules.domains[d as usize].values,
        _ => &[],
    }
}

/// The value names of a fact over all sides (first side's order, then the others' extras).
fn names(present: &[(usize, u16)], uses: &Uses) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (k, &(_, slot)) in present.iter().enumerate() {
        for v in domain_values(uses[k].1, slot) {
            if !out.contains(v) {
                out.push(v.clone());
            }
        }
    }
    out
}

/// Per value name: what each side can tell about it (absent, or membership in its masks).
fn signature(present: &[(usize, u16)], uses: &Uses, name: &str, salt: usize) -> Vec<i64> {
    let mut sig = Vec::new();
    for (k, &(_, slot)) in present.iter().enumerate() {
        let u = uses[k].2;
        match domain_values(uses[k].1, slot).iter().position(|v| v == name) {
            None => sig.push(-1),
            Some(_) if u.opaque => sig.push(1_000_000 + salt as i64),
            Some(i) => {
                sig.push(-2);
                for m in u.masks.iter().chain(&u.all_masks) {
                    sig.push(i64::from(m >> i & 1 == 1));
                }
            }
        }
    }
    sig
}

fn enum_reps(present: &[(usize, u16)], uses: &Uses, sides: usize) -> Vec<Rep> {
    let names = names(present, uses);
    let mut classes: Vec<(Vec<i64>, &String)> = Vec::new();
    for (i, n) in names.iter().enumerate() {
        let sig = signature(present, uses, n, i);
        if !classes.iter().any(|(s, _)| *s == sig) {
            classes.push((sig, n));
        }
    }
    classes
        .into_iter()
        .map(|(_, name)| Rep {
            values: per_side(present, sides, |k, _| {
                let slot = present[k].1;
                domain_values(uses[k].1, slot)
                    .iter()
                    .position(|v| v == name)
                    .map_or(Value::Unknown, |i| Value::Enum(i as u16))
            }),
            json: Json::String(name.clone()),
        })
        .collect()
}

fn set_reps(present: &[(usize, u16)], uses: &Uses, sides: usize) -> Vec<Rep> {
    let names = names(present, uses);
    let count = uses.iter().any(|u| u.2.count || u.2.opaque);
    // Elements grouped by what the masks can tell apart.
    let mut classes: Vec<(Vec<i64>, Vec<&String>)> = Vec::new();
    for n in &names {
        let sig = signature(present, uses, n, 0);
        match classes.iter_mut().find(|(s, _)| *s == sig) {
            Some((_, members)) => members.push(n),
            None => classes.push((sig, vec![n])),
        }
    }
    // Per class: how many of its elements to take.
    let choices: Vec<Vec<usize>> = classes
        .iter()
        .map(|(sig, members)| {
            let n = members.len();
            let tested = sig.contains(&1);
            let in_all = members.iter().any(|m| {
                present.iter().enumerate().any(|(k, &(_, slot))| {
                    domain_values(uses[k].1, slot)
                        .iter()
                        .position(|v| v == *m)
                        .is_some_and(|i| uses[k].2.all_masks.iter().any(|mask| mask >> i & 1 == 1))
                })
            });
            let mut c: Vec<usize> = if count {
                (0..=n).collect()
            } else if in_all {
                vec![0, 1, n]
            } else if tested {
                vec![0, 1]
            } else {
                vec![0]
            };
            c.dedup();
            c
        })
        .collect();
    let mut reps = Vec::new();
    let mut pick = vec![0usize; classes.len()];
    loop {
        let chosen: Vec<&String> = classes
            .iter()
            .enumerate()
            .flat_map(|(c, (_, members))| members.iter().take(choices[c][pick[c]]).copied())
            .collect();
        reps.push(Rep {
            values: per_side(present, sides, |k, _| {
                let domain = domain_values(uses[k].1, present[k].1);
                let bits =
                    chosen.iter().filter_map(|n| domain.iter().position(|v| v == *n)).fold(0u64, |b, i| b | 1 << i);
                Value::Set(bits)
            }),
            json: Json::Array(chosen.iter().map(|n| Json::String((*n).clone())).collect()),
        });
        // Next combination (odometer).
        let mut c = 0;
        loop {
            if c == pick.len() {
                return reps;
            }
            pick[c] += 1;
            if pick[c] < choices[c].len() {
                break;
            }
            pick[c] = 0;
            c += 1;
        }
    }
}

fn int_reps(present: &[(usize, u16)], uses: &Uses, sides: usize) -> (Vec<Rep>, bool) {
    let lo = present.iter().enumerate().map(|(k, &(_, sl))| uses[k].1.facts[sl as usize].min).min().unwrap_or(0);
    let hi = present.iter().enumerate().map(|(k, &(_, sl))| uses[k].1.facts[sl as usize].max).max().unwrap_or(0);
    let opaque = uses.iter().any(|u| u.2.opaque);
    let mut exact = true;
    let mut points: Vec<i64> =
        present.iter().enumerate().map(|(k, &(_, sl))| uses[k].1.facts[sl as usize].min).collect();
    if opaque && hi.saturating_sub(lo) <= FULL_RANGE {
        points.extend(lo..=hi);
    } else {
        for u in uses {
            points.extend(&u.2.points);
            if opaque {
                exact = false;
                points.extend(u.3.iter().flat_map(|&c| [c.saturating_sub(1), c, c.saturating_add(1)]));
            }
        }
    }
    points.retain(|&p| p >= lo && p <= hi);
    points.sort_unstable();
    points.dedup();
    let reps = points
        .into_iter()
        .map(|p| Rep {
            values: per_side(present, sides, |k, _| {
                let f = &uses[k].1.facts[present[k].1 as usize];
                if p >= f.min && p <= f.max {
                    Value::Int(p)
                } else {
                    Value::Unknown
                }
            }),
            json: Json::from(p),
        })
        .collect();
    (reps, exact)
}

fn time_reps(present: &[(usize, u16)], uses: &Uses, sides: usize, date: bool) -> (Vec<Rep>, bool) {
    let opaque = uses.iter().any(|u| u.2.opaque);
    let mut bounds: Vec<i64> = uses.iter().flat_map(|u| u.2.bounds.iter().copied()).collect();
    if opaque {
        // Compared in arithmetic: use every constant as hours and as days (not exact).
        for u in uses {
            bounds.extend(u.3.iter().flat_map(|&c| {
                let next = c.saturating_add(1);
                [
                    c.saturating_mul(3600),
                    next.saturating_mul(3600),
                    c.saturating_mul(86_400),
                    next.saturating_mul(86_400),
                ]
            }));
        }
    }
    bounds.sort_unstable();
    bounds.dedup();
    // Seconds before NOW, one per window.
    let mut elapsed: Vec<i64> = Vec::new();
    const HALF_DAY: i64 = 43_200;
    if bounds.is_empty() {
        elapsed.push(if date { HALF_DAY } else { 1800 });
    }
    // A bound only matters within the times a case can hold; clamping to that range first
    // keeps the arithmetic below far from overflow.
    let span = MAX_SECONDS - MIN_SECONDS;
    for &b in &bounds {
        let b = b.clamp(-span, span);
        if date {
            // Saturating: a constant near the i64 range gives an extreme (out-of-range) time.
            let shifted = b.saturating_sub(HALF_DAY);
            let d = shifted.div_euclid(86_400) + i64::from(shifted.rem_euclid(86_400) != 0);
            let day = |d: i64| d.saturating_mul(86_400).saturating_add(HALF_DAY);
            elapsed.extend([day(d - 1), day(d)]);
        } else {
            elapsed.extend([b.saturating_sub(1800), b.saturating_add(1800)]);
        }
    }
    // Times a case can hold only (RFC 3339, years 0000 to 9999): a window beyond them is
    // represented by the nearest time that is in it or next to it.
    let mut times: Vec<i64> = elapsed.into_iter().map(|e| (NOW - e).clamp(MIN_SECONDS, MAX_SECONDS)).collect();
    times.sort_unstable_by(|a, b| b.cmp(a));
    times.dedup();
    let reps = times
        .into_iter()
        .map(|t| Rep {
            values: per_side(present, sides, |_, _| Value::Time(t)),
            json: Json::String(if date { format_date(t) } else { format_datetime(t) }),
        })
        .collect();
    (reps, !opaque)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::compile::program::Env;
    use crate::engine::Engine;
    use crate::eval::outcome::{derive, wish_status};
    use crate::eval::value::Tri;

    /// A small deterministic generator (xorshift), enough to spread test cases.
    pub(crate) struct Rng(pub u64);

    impl Rng {
        pub fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        pub fn below(&mut self, n: u64) -> u64 {
            self.next() % n.max(1)
        }
    }

    /// A random value anywhere in the fact's domain (not only the representatives).
    pub(crate) fn random_value(rng: &mut Rng, rules: &RuleSet, slot: usize) -> Value {
        let f = &rules.facts[slot];
        match f.ty {
            Ty::Bool => Value::Bool(rng.below(2) == 1),
            Ty::Int => {
                let span = (f.max - f.min) as u64 + 1;
                // Half the time near a small number, where the rules' constants are.
                let v = if rng.below(2) == 0 {
                    f.min + rng.below(span.min(40)) as i64
                } else {
                    f.min + rng.below(span) as i64
                };
                Value::Int(v.min(f.max))
            }
            Ty::Enum(d) => Value::Enum(rng.below(rules.domains[d as usize].values.len() as u64) as u16),
            Ty::Set(d) => Value::Set(rng.next() & ((1u64 << rules.domains[d as usize].values.len()) - 1)),
            Ty::DateTime => {
                let e = match rng.below(3) {
                    0 => rng.below(400 * 3600) as i64,
                    1 => rng.below(15 * 365 * 86_400) as i64,
                    _ => rng.below(3 * 86_400) as i64 - 86_400,
                };
                Value::Time(NOW - e)
            }
            Ty::Date => Value::Time(NOW - 43_200 - (rng.below(6000) as i64 - 300) * 86_400),
        }
    }

    /// Every rule's and every wish's truth on a case.
    pub(crate) fn decisions(rules: &RuleSet, case: &[Value]) -> Vec<Tri> {
        let mut slots = case.to_vec();
        derive(rules, &mut slots, NOW);
        let env = Env { slots: &slots, now: NOW };
        let mut out: Vec<Tri> = rules.rules.iter().map(|r| rules.program.truth(r.when, &env)).collect();
        out.extend((0..rules.offers.len()).map(|o| wish_status(rules, o, &env)));
        out
    }

    pub(crate) fn mini() -> Engine {
        Engine::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/mini")).expect("the mini fixture loads")
    }

    /// The partition is exact: in any case, any value of a fact can be replaced by one of
    /// its representatives without changing a single rule or wish.
    #[test]
    fn every_value_behaves_like_one_of_its_representatives() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for engine in [Engine::national(), mini()] {
            let rules = engine.rules();
            let space = Space::single(rules, None, Vec::new());
            for _ in 0..60 {
                let case: Vec<Value> = (0..rules.facts.len()).map(|s| random_value(&mut rng, rules, s)).collect();
                let want = decisions(rules, &case);
                for fact in &space.facts {
                    let slot = fact.slots[0].expect("one side") as usize;
                    let same = fact.reps.iter().any(|r| {
                        let mut other = case.clone();
                        other[slot] = r.values[0];
                        decisions(rules, &other) == want
                    });
                    assert!(same, "no representative of `{}` behaves like {:?}", fact.id, case[slot]);
                }
            }
        }
    }

    #[test]
    fn the_partition_follows_the_constants_and_windows_the_rules_use() {
        let engine = mini();
        let space = Space::single(engine.rules(), None, Vec::new());
        let reps = |id: &str| {
            space.facts.iter().find(|f| f.id == id).unwrap().reps.iter().map(|r| r.json.clone()).collect::<Vec<_>>()
        };
        // age < 18: 0 (the minimum), 17, 18, 19.
        assert_eq!(reps("age"), [0, 17, 18, 19].map(Json::from));
        // hours_since(t) <= 72: half an hour before the 72nd hour, within it, after it.
        let times = reps("last_incident_at");
        assert_eq!(
            times,
            ["2026-02-27T12:30:00Z", "2026-02-27T11:30:00Z", "2026-02-27T10:30:00Z"].map(Json::from),
            "{times:?}"
        );
        // relation in ['partner', 'gezinslid']: `partner` and `gezinslid` are one cell.
        assert_eq!(reps("relation"), [Json::from("onbekend"), Json::from("partner")]);
        // 'penetratie' in acts: with it or without it.
        assert_eq!(reps("acts").len(), 2);
        // Read by nothing: one value.
        assert_eq!(reps("region").len(), 1);
    }
}
