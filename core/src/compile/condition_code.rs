//! The hot-path form of every rule condition and offer wish: short-circuit jump code over
//! fact slots, evaluated two-valued while every fact it reaches is one exact value.
//!
//! Each leaf is a test of one slot against constants (`b`, `x in [...]`, `age < 16`,
//! `hours_since(t) <= 72`, …) or, for anything else, a node of the [`Program`]. A leaf jumps
//! to the next leaf or to a verdict, as compiled `&&` and `||` do, so a condition stops at
//! its first deciding leaf and reads nothing else. When a leaf it reaches meets an unknown
//! fact (or one known only as a range), that condition alone is evaluated again by the
//! recursive three-valued evaluator, which stays the reference: where every fact a
//! short-circuit path reads is exact, Kleene logic and two-valued logic give the same value.

use super::model::{Offer, Rule};
use super::program::{Cmp, Env, NodeId, Op, Program};
use crate::eval::value::{Tri, Value};

/// Jump target meaning "the condition holds".
const TRUE: u32 = u32::MAX;
/// Jump target meaning "the condition does not hold"; every target at or above it is a verdict.
const FALSE: u32 = u32::MAX - 1;

/// A leaf test.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Test {
    /// A bool slot equals `want`.
    Bool { slot: u16, want: bool },
    /// An enum slot's value is one of the bits of `mask`.
    Enum { slot: u16, mask: u64 },
    /// `slot cmp k` for an int slot.
    Int { slot: u16, cmp: Cmp, k: i64 },
    /// `since(slot, unit) cmp k` for a datetime or date slot.
    Since { slot: u16, cmp: Cmp, unit: i64, k: i64 },
    /// A set slot intersects `mask`.
    SetAny { slot: u16, mask: u64 },
    /// A set slot contains every bit of `mask`.
    SetAll { slot: u16, mask: u64 },
    /// Any other boolean node, evaluated by the program.
    Node(NodeId),
}

/// A leaf and where to go next for each of its answers.
#[derive(Clone, Copy, Debug)]
struct Instr {
    test: Test,
    on_true: u32,
    on_false: u32,
}

/// The jump code of every rule condition and offer wish of a rule set.
#[derive(Clone, Debug, Default)]
pub(crate) struct ConditionCode {
    code: Vec<Instr>,
    /// Per rule: the entry of its condition (may be a verdict).
    rules: Vec<u32>,
    /// Per offer: the entry of its wish, if it has one.
    wishes: Vec<Option<u32>>,
}

impl ConditionCode {
    pub fn build(program: &Program, rules: &[Rule], offers: &[Offer]) -> ConditionCode {
        let mut out = ConditionCode::default();
        for r in rules {
            let entry = out.compile(program, r.when);
            out.rules.push(entry);
        }
        for o in offers {
            let entry = o.wish.map(|w| out.compile(program, w));
            out.wishes.push(entry);
        }
        out
    }

    /// Compiles one boolean root and returns its entry.
    fn compile(&mut self, program: &Program, root: NodeId) -> u32 {
        // Emitted back to front (each leaf's targets are known when it is emitted), then
        // reversed into place after the code already there.
        let mut reversed = Vec::new();
        let entry = emit(program, root, TRUE, FALSE, &mut reversed);
        let base = self.code.len() as u32;
        let last = reversed.len() as u32;
        // A target `p` < FALSE is a position in `reversed`: it lands at `base + last - 1 - p`.
        let place = |t: u32| if t >= FALSE { t } else { base + last - 1 - t };
        for ins in reversed.iter().rev() {
            self.code.push(Instr { test: ins.test, on_true: place(ins.on_true), on_false: place(ins.on_false) });
        }
        place(entry)
    }

    /// Whether rule `rule`'s condition holds for the case in `env`.
    #[inline]
    pub fn rule(&self, rule: usize, when: NodeId, env: &Env, program: &Program) -> Tri {
        match self.decide(self.rules[rule], env, program) {
            Some(b) => tri(b),
            None => program.truth(when, env),
        }
    }

    /// Whether the victim's wish allows offer `offer` (true when it has none).
    #[inline]
    pub fn wish(&self, offer: usize, wish: Option<NodeId>, env: &Env, program: &Program) -> Tri {
        match (self.wishes[offer], wish) {
            (Some(entry), Some(node)) => match self.decide(entry, env, program) {
                Some(b) => tri(b),
                None => program.truth(node, env),
            },
            _ => Tri::True,
        }
    }

    /// Runs the code from `entry` two-valued; `None` as soon as a leaf meets a value that is
    /// not one exact value.
    #[inline]
    fn decide(&self, entry: u32, env: &Env, program: &Program) -> Option<bool> {
        let mut pc = entry;
        while pc < FALSE {
            let ins = &self.code[pc as usize];
            let slot = |s: u16| env.slots[s as usize];
            let holds = match ins.test {
                Test::Bool { slot: s, want } => match slot(s) {
                    Value::Bool(b) => b == want,
                    _ => return None,
                },
                Test::Enum { slot: s, mask } => match slot(s) {
                    Value::Enum(i) => mask >> i & 1 == 1,
                    _ => return None,
                },
                Test::Int { slot: s, cmp, k } => match slot(s) {
                    Value::Int(x) => cmp.holds(x, k),
                    _ => return None,
                },
                Test::Since { slot: s, cmp, unit, k } => match slot(s) {
                    Value::Time(t) => cmp.holds(env.now.saturating_sub(t).div_euclid(unit), k),
                    _ => return None,
                },
                Test::SetAny { slot: s, mask } => match slot(s) {
                    Value::Set(x) => x & mask != 0,
                    _ => return None,
                },
                Test::SetAll { slot: s, mask } => match slot(s) {
                    Value::Set(x) => x & mask == mask,
                    _ => return None,
                },
                Test::Node(n) => match program.eval(n, env) {
                    Value::Bool(b) => b,
                    _ => return None,
                },
            };
            pc = if holds { ins.on_true } else { ins.on_false };
        }
        Some(pc == TRUE)
    }
}

#[inline]
fn tri(b: bool) -> Tri {
    if b {
        Tri::True
    } else {
        Tri::False
    }
}

/// Emits `node` with its verdict targets (positions in `out`, which is built back to front)
/// and returns its entry.
fn emit(program: &Program, node: NodeId, on_true: u32, on_false: u32, out: &mut Vec<Instr>) -> u32 {
    match &program.ops[node as usize] {
        Op::And(items) => items.iter().rev().fold(on_true, |next, &item| emit(program, item, next, on_false, out)),
        Op::Or(items) => items.iter().rev().fold(on_false, |next, &item| emit(program, item, on_true, next, out)),
        Op::Not(a) => emit(program, *a, on_false, on_true, out),
        _ => {
            out.push(Instr { test: leaf(program, node), on_true, on_false });
            (out.len() - 1) as u32
        }
    }
}

/// The cheapest test that gives the boolean `node`'s value on exact slot values.
fn leaf(program: &Program, node: NodeId) -> Test {
    let op = |n: NodeId| &program.ops[n as usize];
    let general = Test::Node(node);
    match op(node) {
        Op::Load(slot) => Test::Bool { slot: *slot, want: true },
        Op::EnumIn(a, mask) => match op(*a) {
            Op::Load(slot) => Test::Enum { slot: *slot, mask: *mask },
            _ => general,
        },
        Op::SetAny(a, mask) => match op(*a) {
            Op::Load(slot) => Test::SetAny { slot: *slot, mask: *mask },
            _ => general,
        },
        Op::SetAll(a, mask) => match op(*a) {
            Op::Load(slot) => Test::SetAll { slot: *slot, mask: *mask },
            _ => general,
        },
        Op::Same(a, b, equal) => match (op(*a), op(*b)) {
            (Op::Load(slot), Op::Const(c)) | (Op::Const(c), Op::Load(slot)) => match *c {
                Value::Bool(v) => Test::Bool { slot: *slot, want: v == *equal },
                Value::Enum(i) if i < 64 => {
                    let bit = 1u64 << i;
                    Test::Enum { slot: *slot, mask: if *equal { bit } else { !bit } }
                }
                _ => general,
            },
            _ => general,
        },
        Op::IntCmp(cmp, a, b) => {
            let (value, k, cmp) = match (op(*a), op(*b)) {
                (_, Op::Const(Value::Int(k))) => (*a, *k, *cmp),
                (Op::Const(Value::Int(k)), _) => (*b, *k, flip(*cmp)),
                _ => return general,
            };
            match op(value) {
                Op::Load(slot) => Test::Int { slot: *slot, cmp, k },
                Op::Since(t, unit) => match op(*t) {
                    Op::Load(slot) => Test::Since { slot: *slot, cmp, unit: *unit, k },
                    _ => general,
                },
                _ => general,
            }
        }
        _ => general,
    }
}

/// `k cmp x` as `x flip(cmp) k`.
fn flip(cmp: Cmp) -> Cmp {
    match cmp {
        Cmp::Lt => Cmp::Gt,
        Cmp::Le => Cmp::Ge,
        Cmp::Gt => Cmp::Lt,
        Cmp::Ge => Cmp::Le,
        Cmp::Eq | Cmp::Ne => cmp,
    }
}
