//! How one side uses each schema fact: read off the compiled program by walking the
//! rules' conditions, the wishes and the property roots (masks, constants, windows).

use super::SideSpec;
use crate::compile::model::RuleSet;
use crate::compile::program::{NodeId, Op, Program};
use crate::eval::value::Value;
use crate::expr::types::Ty;

/// How a side uses one schema fact.
#[derive(Clone, Debug, Default)]
pub(super) struct Usage {
    pub(super) read: bool,
    /// Used in a way the partition does not see through: every value is its own cell.
    pub(super) opaque: bool,
    /// Enum masks, or set masks of `any()` / `in`.
    pub(super) masks: Vec<u64>,
    /// Set masks of `all()`.
    pub(super) all_masks: Vec<u64>,
    pub(super) count: bool,
    /// Integer cell points.
    pub(super) points: Vec<i64>,
    /// Time: window boundaries, in seconds before [`NOW`](super::NOW).
    pub(super) bounds: Vec<i64>,
    pub(super) known: bool,
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
pub(super) fn usage(spec: &SideSpec) -> (Vec<Usage>, Vec<i64>) {
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
