//! The hot-path form of the derived facts: every node they need, laid out in one flat array
//! in dependency order (rule conditions and offer wishes are jump code, see
//! [`super::condition_code`]).
//!
//! Evaluating it is one linear pass with no recursion and no short-circuit branches:
//! each operation reads its operands from the value buffer at fixed indices. The result is
//! exactly that of [`Program::eval`] (Kleene logic has no side effects, so evaluating every
//! operand gives the same value as stopping early); the recursive evaluator remains for
//! cold paths (explanations, why-not, analysis).

use super::model::Derived;
use super::program::{Cmp, NodeId, Op, Program};
use crate::eval::value::{interval, Tri, Value};
use std::cell::RefCell;
use std::collections::HashMap;

/// One flat operation; operands are indices into the value buffer.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Step {
    Const(Value),
    Load(u16),
    Not(u32),
    /// `args[start..start + len]`.
    And(u32, u32),
    Or(u32, u32),
    Implies(u32, u32),
    Same(u32, u32, bool),
    IntCmp(Cmp, u32, u32),
    EnumIn(u32, u64),
    SetAny(u32, u64),
    SetAll(u32, u64),
    Count(u32),
    Add(u32, u32),
    Sub(u32, u32),
    Mul(u32, u32),
    Neg(u32),
    Since(u32, i64),
    Known(u32),
}

/// The flat program and where to find each derived fact's value in its buffer.
#[derive(Clone, Debug, Default)]
pub(crate) struct Plan {
    steps: Vec<Step>,
    args: Vec<u32>,
    /// Per derived fact (evaluation order): its slot and its value's index.
    derived: Vec<(u16, u32)>,
}

impl Plan {
    pub fn build(program: &Program, derived: &[Derived]) -> Plan {
        let mut plan = Plan::default();
        // Program node -> buffer index; derived slots alias their expression's value.
        let mut index: Vec<Option<u32>> = vec![None; program.ops.len()];
        let mut slot_alias: Vec<(u16, u32)> = Vec::new();
        // Structurally equal steps are computed once (common sub-expressions).
        let mut seen: HashMap<Step, u32> = HashMap::new();
        let mut lower = |plan: &mut Plan, root: NodeId, slot_alias: &Vec<(u16, u32)>| {
            lower_node(program, root, &mut index, &mut seen, slot_alias, plan)
        };
        for d in derived {
            let at = lower(&mut plan, d.node, &slot_alias);
            slot_alias.push((d.slot, at));
            plan.derived.push((d.slot, at));
        }
        plan
    }

    /// Appends the derived facts' slots to `slots` (the schema facts) and fills them.
    pub fn derive(&self, slots: &mut Vec<Value>, derived_count: usize, now: i64) {
        if derived_count == 0 {
            return;
        }
        // The value buffer is reused per thread: evaluation allocates no scratch space.
        thread_local! {
            static BUFFER: RefCell<Vec<Value>> = const { RefCell::new(Vec::new()) };
        }
        BUFFER.with_borrow_mut(|vals| self.run_with(vals, slots, derived_count, now))
    }

    fn run_with(&self, vals: &mut Vec<Value>, slots: &mut Vec<Value>, derived_count: usize, now: i64) {
        let base = slots.len();
        slots.resize(base + derived_count, Value::Unknown);
        vals.clear();
        vals.reserve(self.steps.len());
        for step in &self.steps {
            let v = |i: &u32| vals[*i as usize];
            let value = match step {
                Step::Const(c) => *c,
                Step::Load(s) => slots[*s as usize],
                Step::Not(a) => match v(a) {
                    Value::Bool(b) => Value::Bool(!b),
                    _ => Value::Unknown,
                },
                Step::And(start, len) => {
                    let mut acc = Tri::True;
                    for i in &self.args[*start as usize..(*start + *len) as usize] {
                        acc = acc.min(vals[*i as usize].tri());
                    }
                    acc.value()
                }
                Step::Or(start, len) => {
                    let mut acc = Tri::False;
                    for i in &self.args[*start as usize..(*start + *len) as usize] {
                        acc = acc.max(vals[*i as usize].tri());
                    }
                    acc.value()
                }
                Step::Implies(a, b) => (!v(a).tri()).max(v(b).tri()).value(),
                Step::Same(a, b, equal) => match (v(a), v(b)) {
                    (Value::Unknown, _) | (_, Value::Unknown) => Value::Unknown,
                    (x @ (Value::Bool(_) | Value::Enum(_)), y) => Value::Bool((x == y) == *equal),
                    (x, y) => interval::same(x, y, *equal),
                },
                Step::IntCmp(cmp, a, b) => match (v(a), v(b)) {
                    (Value::Int(x), Value::Int(y)) => Value::Bool(cmp.holds(x, y)),
                    (Value::Unknown, _) | (_, Value::Unknown) => Value::Unknown,
                    (x, y) => interval::cmp(&|p, q| cmp.holds(p, q), x, y),
                },
                Step::EnumIn(a, mask) => match v(a) {
                    Value::Enum(i) => Value::Bool(mask >> i & 1 == 1),
                    _ => Value::Unknown,
                },
                Step::SetAny(a, mask) => match v(a) {
                    Value::Set(s) => Value::Bool(s & mask != 0),
                    _ => Value::Unknown,
                },
                Step::SetAll(a, mask) => match v(a) {
                    Value::Set(s) => Value::Bool(s & mask == *mask),
                    _ => Value::Unknown,
                },
                Step::Count(a) => match v(a) {
                    Value::Set(s) => Value::Int(i64::from(s.count_ones())),
                    _ => Value::Unknown,
                },
                Step::Add(a, b) => int2(v(a), v(b), i64::saturating_add),
                Step::Sub(a, b) => int2(v(a), v(b), i64::saturating_sub),
                Step::Mul(a, b) => int2(v(a), v(b), i64::saturating_mul),
                Step::Neg(a) => match v(a) {
                    Value::Int(x) => Value::Int(x.saturating_neg()),
                    Value::Unknown => Value::Unknown,
                    x => interval::neg(x),
                },
                Step::Since(a, unit) => match v(a) {
                    Value::Time(t) => Value::Int(now.saturating_sub(t).div_euclid(*unit)),
                    Value::Unknown => Value::Unknown,
                    x => interval::since(x, now, *unit),
                },
                Step::Known(a) => Value::Bool(v(a) != Value::Unknown),
            };
            vals.push(value);
        }
        for &(slot, at) in &self.derived {
            slots[slot as usize] = vals[at as usize];
        }
    }
}

/// Lowers `node` and its operands (each once) and returns its buffer index.
fn lower_node(
    program: &Program,
    node: NodeId,
    index: &mut Vec<Option<u32>>,
    seen: &mut HashMap<Step, u32>,
    slot_alias: &Vec<(u16, u32)>,
    plan: &mut Plan,
) -> u32 {
    if let Some(at) = index[node as usize] {
        return at;
    }
    let mut l = |n: NodeId, plan: &mut Plan| lower_node(program, n, index, seen, slot_alias, plan);
    let step = match &program.ops[node as usize] {
        Op::Const(v) => Step::Const(*v),
        Op::Load(slot) => match slot_alias.iter().find(|(s, _)| s == slot) {
            // A derived fact is the value of its expression: no copy through the slot.
            Some(&(_, at)) => {
                index[node as usize] = Some(at);
                return at;
            }
            None => Step::Load(*slot),
        },
        Op::Not(a) => Step::Not(l(*a, plan)),
        Op::And(items) | Op::Or(items) => {
            let lowered: Vec<u32> = items.iter().map(|&i| l(i, plan)).collect();
            let start = plan.args.len() as u32;
            plan.args.extend(&lowered);
            if matches!(program.ops[node as usize], Op::And(_)) {
                Step::And(start, lowered.len() as u32)
            } else {
                Step::Or(start, lowered.len() as u32)
            }
        }
        Op::Implies(a, b) => Step::Implies(l(*a, plan), l(*b, plan)),
        Op::Same(a, b, e) => Step::Same(l(*a, plan), l(*b, plan), *e),
        Op::IntCmp(c, a, b) => Step::IntCmp(*c, l(*a, plan), l(*b, plan)),
        Op::EnumIn(a, m) => Step::EnumIn(l(*a, plan), *m),
        Op::SetAny(a, m) => Step::SetAny(l(*a, plan), *m),
        Op::SetAll(a, m) => Step::SetAll(l(*a, plan), *m),
        Op::Count(a) => Step::Count(l(*a, plan)),
        Op::Add(a, b) => Step::Add(l(*a, plan), l(*b, plan)),
        Op::Sub(a, b) => Step::Sub(l(*a, plan), l(*b, plan)),
        Op::Mul(a, b) => Step::Mul(l(*a, plan), l(*b, plan)),
        Op::Neg(a) => Step::Neg(l(*a, plan)),
        Op::Since(a, u) => Step::Since(l(*a, plan), *u),
        Op::Known(a) => Step::Known(l(*a, plan)),
    };
    // INVARIANT: operands are lowered before the step that reads them, so the buffer is
    // always filled in order.
    let at = *seen.entry(step).or_insert_with_key(|step| {
        plan.steps.push(step.clone());
        (plan.steps.len() - 1) as u32
    });
    index[node as usize] = Some(at);
    at
}

#[inline]
fn int2(a: Value, b: Value, f: fn(i64, i64) -> i64) -> Value {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Value::Int(f(x, y)),
        (Value::Unknown, _) | (_, Value::Unknown) => Value::Unknown,
        (x, y) => interval::arith(x, y, f),
    }
}

#[cfg(test)]
mod tests {
    use crate::eval::outcome;
    use crate::eval::value::Value;
    use crate::expr::types::Ty;
    use crate::Engine;

    /// The flat plan and the recursive evaluator agree on every derived fact, for complete
    /// and partial cases of the national rules.
    #[test]
    fn plan_agrees_with_the_recursive_evaluator() {
        let engine = Engine::national();
        let rules = engine.rules();
        let now = 1_780_000_000;
        for seed in 0u64..3000 {
            let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
            let mut next = || {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x
            };
            let values: Vec<Value> = rules
                .facts
                .iter()
                .map(|f| {
                    let r = next();
                    if r % 3 == 0 {
                        return Value::Unknown;
                    }
                    match f.ty {
                        Ty::Bool => Value::Bool(r % 2 == 0),
                        Ty::Int => Value::Int(f.min + (r >> 8) as i64 % (f.max - f.min + 1).clamp(1, 40)),
                        Ty::Enum(d) => Value::Enum(((r >> 8) % rules.domains[d as usize].values.len() as u64) as u16),
                        Ty::Set(d) => Value::Set((r >> 8) & ((1u64 << rules.domains[d as usize].values.len()) - 1)),
                        Ty::DateTime | Ty::Date if r % 5 == 1 => {
                            let to = now - ((r >> 8) % (24 * 400)) as i64 * 3600;
                            Value::time_range(to - ((r >> 20) % (24 * 30)) as i64 * 3600 - 1, to)
                        }
                        Ty::DateTime | Ty::Date => Value::Time(now - ((r >> 8) % (24 * 400)) as i64 * 3600),
                    }
                })
                .collect();
            let (mut a, mut b) = (values.clone(), values);
            rules.plan.derive(&mut a, rules.derived.len(), now);
            outcome::derive(rules, &mut b, now);
            assert_eq!(a, b, "derived facts differ for seed {seed}");
        }
    }
}
