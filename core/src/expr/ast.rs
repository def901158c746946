//! The untyped syntax tree of an expression, with byte spans into its source text.

use std::ops::Range;

/// Byte range into the expression text.
pub type Span = Range<usize>;

/// A parsed expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Ast {
    pub kind: AstKind,
    pub span: Span,
    /// Height of the tree below and including this node (a leaf is 1); the parser keeps
    /// it within [`crate::limits::MAX_EXPRESSION_DEPTH`], which bounds every recursive
    /// pass over the tree (type check, compile, drop).
    pub depth: u32,
}

/// Expression forms.
#[derive(Clone, Debug, PartialEq)]
pub enum AstKind {
    Bool(bool),
    Int(i64),
    /// A quoted text: an enum value.
    Text(String),
    /// A fact or derived-fact name.
    Name(String),
    /// `[a, b, c]`.
    List(Vec<Ast>),
    /// `f(args)`; the span of the name is kept for did-you-mean errors.
    Call {
        name: String,
        name_span: Span,
        args: Vec<Ast>,
    },
    Unary(UnaryOp, Box<Ast>),
    Binary(BinaryOp, Box<Ast>, Box<Ast>),
}

/// Prefix operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Not,
    Neg,
}

/// Infix operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Implies,
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    Add,
    Sub,
    Mul,
}

impl BinaryOp {
    /// Binding power (higher binds tighter) and whether the operator is right-associative.
    pub fn precedence(self) -> (u8, bool) {
        match self {
            BinaryOp::Implies => (1, true),
            BinaryOp::Or => (2, false),
            BinaryOp::And => (3, false),
            BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge | BinaryOp::In => {
                (5, false)
            }
            BinaryOp::Add | BinaryOp::Sub => (6, false),
            BinaryOp::Mul => (7, false),
        }
    }

    /// How the operator is written.
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Implies => "implies",
            BinaryOp::Or => "or",
            BinaryOp::And => "and",
            BinaryOp::Eq => "==",
            BinaryOp::Ne => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::In => "in",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
        }
    }
}

/// Binding power of `not` (looser than comparisons, tighter than `and`).
pub const NOT_PRECEDENCE: u8 = 4;
