//! The compiled form of every expression of a rule set: one arena of operations over
//! fact slots. Names are resolved to slots at load; evaluation never looks up a string
//! and never allocates.

use crate::eval::value::{interval, Tri, Value};
use crate::expr::ast::Span;

/// Index of an operation in the [`Program`].
pub(crate) type NodeId = u32;

/// Integer comparisons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Cmp {
    /// Whether `x cmp y` holds.
    #[inline]
    pub fn holds(self, x: i64, y: i64) -> bool {
        match self {
            Cmp::Eq => x == y,
            Cmp::Ne => x != y,
            Cmp::Lt => x < y,
            Cmp::Le => x <= y,
            Cmp::Gt => x > y,
            Cmp::Ge => x >= y,
        }
    }
}

/// One operation. Children are earlier nodes of the same arena.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Op {
    Const(Value),
    /// The value in a slot (a fact, or a derived fact computed before the rules).
    Load(u16),
    Not(NodeId),
    And(Box<[NodeId]>),
    Or(Box<[NodeId]>),
    Implies(NodeId, NodeId),
    /// Equality of two values of the same type (bool, enum).
    Same(NodeId, NodeId, bool),
    IntCmp(Cmp, NodeId, NodeId),
    /// Enum value is one of the bits of the mask.
    EnumIn(NodeId, u64),
    /// Set intersects the mask.
    SetAny(NodeId, u64),
    /// Set contains every bit of the mask.
    SetAll(NodeId, u64),
    Count(NodeId),
    Add(NodeId, NodeId),
    Sub(NodeId, NodeId),
    Mul(NodeId, NodeId),
    Neg(NodeId),
    /// Whole periods of the given length (seconds) from a time to `now` (floor).
    Since(NodeId, i64),
    Known(NodeId),
}

/// Where a node came from, for why-not explanations and rendering.
#[derive(Clone, Debug)]
pub(crate) struct NodeOrigin {
    /// Index into [`Program::texts`].
    pub text: u32,
    pub span: Span,
}

/// All compiled expressions of a rule set.
#[derive(Clone, Debug, Default)]
pub(crate) struct Program {
    pub ops: Vec<Op>,
    pub origins: Vec<NodeOrigin>,
    /// The source texts of the expressions.
    pub texts: Vec<String>,
    /// Per node: whether `known()` occurs in it (through derived facts too). Such nodes
    /// are not monotone, which the questions analysis must know.
    pub contains_known: Vec<bool>,
    /// Derived-fact slots whose expression contains `known()`.
    pub known_slots: Vec<u16>,
    /// Per node: the height of its tree with the derived facts it loads written out in
    /// place. Every pass that follows derived facts recurses at most this deep, so the
    /// compiler keeps it within [`crate::limits::MAX_INLINED_DEPTH`].
    pub depth: Vec<u32>,
    /// Per slot: the inlined depth of the derived fact in it (0 for schema facts).
    pub slot_depth: Vec<u32>,
}

/// What an evaluation reads: the slots and the evaluation time.
pub(crate) struct Env<'a> {
    pub slots: &'a [Value],
    pub now: i64,
}

impl Program {
    pub fn push(&mut self, op: Op, text: u32, span: Span) -> NodeId {
        let known = match &op {
            Op::Known(_) => true,
            Op::Load(slot) => self.known_slots.contains(slot),
            _ => false,
        };
        self.ops.push(op);
        let id = self.ops.len() - 1;
        let known = known || self.children(id as NodeId).any(|c| self.contains_known[c as usize]);
        let below = match self.ops[id] {
            Op::Load(slot) => self.slot_depth.get(slot as usize).copied().unwrap_or(0),
            _ => self.children(id as NodeId).map(|c| self.depth[c as usize]).max().unwrap_or(0),
        };
        self.contains_known.push(known);
        self.depth.push(below.saturating_add(1));
        self.origins.push(NodeOrigin { text, span });
        // INVARIANT: rule sets are far smaller than 2^32 nodes (checked at load).
        (self.ops.len() - 1) as NodeId
    }

    /// The source text of a node.
    pub fn node_text(&self, id: NodeId) -> &str {
        let o = &self.origins[id as usize];
        self.texts[o.text as usize].get(o.span.clone()).unwrap_or("")
    }

    /// Evaluates a boolean node.
    #[inline]
    pub fn truth(&self, id: NodeId, env: &Env) -> Tri {
        self.eval(id, env).tri()
    }

    /// Evaluates a node, stopping early where Kleene logic allows.
    pub fn eval(&self, id: NodeId, env: &Env) -> Value {
        match &self.ops[id as usize] {
            Op::And(items) => {
                let mut acc = Tri::True;
                for &item in items.iter() {
                    match self.truth(item, env) {
                        Tri::False => return Value::Bool(false),
                        Tri::Unknown => acc = Tri::Unknown,
                        Tri::True => {}
                    }
                }
                acc.value()
            }
            Op::Or(items) => {
                let mut acc = Tri::False;
                for &item in items.iter() {
                    match self.truth(item, env) {
                        Tri::True => return Value::Bool(true),
                        Tri::Unknown => acc = Tri::Unknown,
                        Tri::False => {}
                    }
                }
                acc.value()
            }
            Op::Implies(a, _) => match self.truth(*a, env) {
                Tri::False => Value::Bool(true),
                _ => apply(&self.ops[id as usize], env, |c| self.eval(c, env)),
            },
            op => apply(op, env, |c| self.eval(c, env)),
        }
    }

    /// Every node's value, in one pass (nodes come after their operands in the arena).
    pub fn eval_all(&self, env: &Env) -> Vec<Value> {
        let mut values: Vec<Value> = Vec::with_capacity(self.ops.len());
        for op in &self.ops {
            let value = apply(op, env, |c| values[c as usize]);
            values.push(value);
        }
        values
    }

    /// The direct children of a node, in order. An iterator, not a `Vec`: walks over the
    /// program (compiling, questions, checks) ask for the children of every node.
    pub fn children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let (pair, items): ([Option<NodeId>; 2], &[NodeId]) = match &self.ops[id as usize] {
            Op::Const(_) | Op::Load(_) => ([None, None], &[]),
            Op::Not(a)
            | Op::EnumIn(a, _)
            | Op::SetAny(a, _)
            | Op::SetAll(a, _)
            | Op::Count(a)
            | Op::Neg(a)
            | Op::Since(a, _)
            | Op::Known(a) => ([Some(*a), None], &[]),
            Op::And(items) | Op::Or(items) => ([None, None], items),
            Op::Implies(a, b)
            | Op::Same(a, b, _)
            | Op::IntCmp(_, a, b)
            | Op::Add(a, b)
            | Op::Sub(a, b)
            | Op::Mul(a, b) => ([Some(*a), Some(*b)], &[]),
        };
        pair.into_iter().flatten().chain(items.iter().copied())
    }
}

/// The value of `op` given its operands' values (`operand(child)`). Logical operators
/// here read every operand; [`Program::eval`] short-circuits them itself.
#[inline]
pub(crate) fn apply(op: &Op, env: &Env, operand: impl Fn(NodeId) -> Value) -> Value {
    match op {
        Op::Const(v) => *v,
        Op::Load(slot) => env.slots[*slot as usize],
        Op::Not(a) => (!operand(*a).tri()).value(),
        Op::And(items) => items.iter().map(|&i| operand(i).tri()).min().unwrap_or(Tri::True).value(),
        Op::Or(items) => items.iter().map(|&i| operand(i).tri()).max().unwrap_or(Tri::False).value(),
        Op::Implies(a, b) => (!operand(*a).tri()).max(operand(*b).tri()).value(),
        Op::Same(a, b, equal) => match (operand(*a), operand(*b)) {
            (Value::Unknown, _) | (_, Value::Unknown) => Value::Unknown,
            (x @ (Value::Bool(_) | Value::Enum(_)), y) => Value::Bool((x == y) == *equal),
            (x, y) => interval::same(x, y, *equal),
        },
        Op::IntCmp(cmp, a, b) => match (operand(*a), operand(*b)) {
            (Value::Int(x), Value::Int(y)) => Value::Bool(cmp.holds(x, y)),
            (Value::Unknown, _) | (_, Value::Unknown) => Value::Unknown,
            (x, y) => interval::cmp(&|p, q| cmp.holds(p, q), x, y),
        },
        Op::EnumIn(a, mask) => match operand(*a) {
            Value::Enum(i) => Value::Bool(mask >> i & 1 == 1),
            _ => Value::Unknown,
        },
        Op::SetAny(a, mask) => match operand(*a) {
            Value::Set(s) => Value::Bool(s & mask != 0),
            _ => Value::Unknown,
        },
        Op::SetAll(a, mask) => match operand(*a) {
            Value::Set(s) => Value::Bool(s & mask == *mask),
            _ => Value::Unknown,
        },
        Op::Count(a) => match operand(*a) {
            Value::Set(s) => Value::Int(i64::from(s.count_ones())),
            _ => Value::Unknown,
        },
        Op::Add(a, b) => int2(operand(*a), operand(*b), i64::saturating_add),
        Op::Sub(a, b) => int2(operand(*a), operand(*b), i64::saturating_sub),
        Op::Mul(a, b) => int2(operand(*a), operand(*b), i64::saturating_mul),
        Op::Neg(a) => match operand(*a) {
            Value::Int(x) => Value::Int(x.saturating_neg()),
            Value::Unknown => Value::Unknown,
            x => interval::neg(x),
        },
        Op::Since(a, unit) => match operand(*a) {
            Value::Time(t) => Value::Int(env.now.saturating_sub(t).div_euclid(*unit)),
            Value::Unknown => Value::Unknown,
            x => interval::since(x, env.now, *unit),
        },
        Op::Known(a) => Value::Bool(operand(*a) != Value::Unknown),
    }
}

#[inline]
fn int2(a: Value, b: Value, f: fn(i64, i64) -> i64) -> Value {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Value::Int(f(x, y)),
        (Value::Unknown, _) | (_, Value::Unknown) => Value::Unknown,
        (x, y) => interval::arith(x, y, f),
    }
}
