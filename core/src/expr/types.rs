//! Type checking: [`Ast`] → operations in the [`Program`], with every name resolved to a
//! slot and every enum text resolved to its index.

use super::ast::*;
use super::ExprError;
use crate::compile::model::NameMap;
use crate::compile::program::{Cmp, NodeId, Op, Program};
use crate::error::DiagnosticKind;
use crate::eval::value::Value;
use crate::suggest;

/// The type of an expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ty {
    Bool,
    Int,
    /// A value of the enum domain with this index.
    Enum(u16),
    /// A set of values of the enum domain with this index.
    Set(u16),
    DateTime,
    Date,
}

/// An enum domain: the ordered value list shared by facts with the same values.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Domain {
    pub values: Vec<String>,
}

impl Domain {
    pub fn index(&self, value: &str) -> Option<u16> {
        self.values.iter().position(|v| v == value).map(|i| i as u16)
    }
}

/// What names mean while checking.
pub(crate) struct Scope<'a> {
    pub names: &'a NameMap<(u16, Ty)>,
    pub domains: &'a [Domain],
    /// Slots below this are schema facts.
    pub fact_count: usize,
}

impl Ty {
    pub fn describe(self, domains: &[Domain]) -> String {
        match self {
            Ty::Bool => "a bool".into(),
            Ty::Int => "an int".into(),
            Ty::Enum(d) => format!("an enum ({})", short_list(&domains[d as usize].values)),
            Ty::Set(d) => format!("a set ({})", short_list(&domains[d as usize].values)),
            Ty::DateTime => "a datetime".into(),
            Ty::Date => "a date".into(),
        }
    }
}

fn short_list(values: &[String]) -> String {
    if values.len() <= 6 {
        values.join("|")
    } else {
        format!("{}|…", values[..5].join("|"))
    }
}

/// Compiles `ast` (parsed from text number `text`) into `program`.
pub(crate) fn check(program: &mut Program, scope: &Scope, text: u32, ast: &Ast) -> Result<(NodeId, Ty), ExprError> {
    Checker { program, scope, text }.expr(ast)
}

struct Checker<'p, 's> {
    program: &'p mut Program,
    scope: &'s Scope<'s>,
    text: u32,
}

impl Checker<'_, '_> {
    fn push(&mut self, op: Op, span: &Span) -> NodeId {
        self.program.push(op, self.text, span.clone())
    }

    fn expect(&mut self, ast: &Ast, want: Ty, role: &str) -> Result<NodeId, ExprError> {
        let (node, ty) = self.expr(ast)?;
        if ty != want {
            return Err(ExprError::typed(
                format!(
                    "{role} must be {}, but this is {}",
                    want.describe(self.scope.domains),
                    ty.describe(self.scope.domains)
                ),
                ast.span.clone(),
                None,
            ));
        }
        Ok(node)
    }

    fn expr(&mut self, ast: &Ast) -> Result<(NodeId, Ty), ExprError> {
        let span = &ast.span;
        match &ast.kind {
            AstKind::Bool(b) => Ok((self.push(Op::Const(Value::Bool(*b)), span), Ty::Bool)),
            AstKind::Int(n) => Ok((self.push(Op::Const(Value::Int(*n)), span), Ty::Int)),
            AstKind::Text(t) => Err(ExprError::typed(
                format!("the text '{t}' stands alone"),
                span.clone(),
                Some("a text is an enum value: compare it with an enum fact, e.g. `police_wish == 'aangifte'`".into()),
            )),
            AstKind::List(_) => {
                Err(ExprError::typed("a list can only stand right of `in` or in any()/all()", span.clone(), None))
            }
            AstKind::Name(name) => match self.scope.names.get(name) {
                Some(&(slot, ty)) => Ok((self.push(Op::Load(slot), span), ty)),
                None => Err(ExprError {
                    kind: DiagnosticKind::UnknownName,
                    message: format!("unknown fact `{name}`"),
                    span: span.clone(),
                    hint: Some(suggest::hint(name, self.scope.names.keys().map(String::as_str))),
                }),
            },
            AstKind::Unary(UnaryOp::Not, a) => {
                let a = self.expect(a, Ty::Bool, "the operand of `not`")?;
                Ok((self.push(Op::Not(a), span), Ty::Bool))
            }
            AstKind::Unary(UnaryOp::Neg, a) => {
                let a = self.expect(a, Ty::Int, "the operand of `-`")?;
                Ok((self.push(Op::Neg(a), span), Ty::Int))
            }
            AstKind::Call { name, name_span, args } => self.call(name, name_span, args, span),
            AstKind::Binary(op, l, r) => self.binary(*op, l, r, span),
        }
    }

    fn binary(&mut self, op: BinaryOp, l: &Ast, r: &Ast, span: &Span) -> Result<(NodeId, Ty), ExprError> {
        match op {
            BinaryOp::And | BinaryOp::Or => {
                let mut items = Vec::new();
                self.flatten(op, l, &mut items)?;
                self.flatten(op, r, &mut items)?;
                let op = if op == BinaryOp::And { Op::And(items.into()) } else { Op::Or(items.into()) };
                Ok((self.push(op, span), Ty::Bool))
            }
            BinaryOp::Implies => {
                let a = self.expect(l, Ty::Bool, "the left of `implies`")?;
                let b = self.expect(r, Ty::Bool, "the right of `implies`")?;
                Ok((self.push(Op::Implies(a, b), span), Ty::Bool))
            }
            BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul => {
                let a = self.expect(l, Ty::Int, "arithmetic")?;
                let b = self.expect(r, Ty::Int, "arithmetic")?;
                let op = match op {
                    BinaryOp::Add => Op::Add(a, b),
                    BinaryOp::Sub => Op::Sub(a, b),
                    _ => Op::Mul(a, b),
                };
                Ok((self.push(op, span), Ty::Int))
            }
            BinaryOp::In => self.membership(l, r, span),
            BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => {
                self.compare(op, l, r, span)
            }
        }
    }

    /// `a and b and c` becomes one n-ary node, so evaluation stops at the first false.
    fn flatten(&mut self, op: BinaryOp, ast: &Ast, items: &mut Vec<NodeId>) -> Result<(), ExprError> {
        if let AstKind::Binary(inner, l, r) = &ast.kind {
            if *inner == op {
                self.flatten(op, l, items)?;
                return self.flatten(op, r, items);
            }
        }
        let role = if op == BinaryOp::And { "each side of `and`" } else { "each side of `or`" };
        items.push(self.expect(ast, Ty::Bool, role)?);
        Ok(())
    }

    fn compare(&mut self, op: BinaryOp, l: &Ast, r: &Ast, span: &Span) -> Result<(NodeId, Ty), ExprError> {
        // A text literal takes its enum type from the other side.
        if let AstKind::Text(_) = l.kind {
            if !matches!(r.kind, AstKind::Text(_)) {
                let swapped = match op {
                    BinaryOp::Lt => BinaryOp::Gt,
                    BinaryOp::Le => BinaryOp::Ge,
                    BinaryOp::Gt => BinaryOp::Lt,
                    BinaryOp::Ge => BinaryOp::Le,
                    o => o,
                };
                return self.compare(swapped, r, l, span);
            }
        }
        let (a, ta) = self.expr(l)?;
        let equality = matches!(op, BinaryOp::Eq | BinaryOp::Ne);
        if let (Ty::Enum(d), AstKind::Text(t)) = (ta, &r.kind) {
            if !equality {
                return Err(ExprError::typed(
                    format!("`{}` does not apply to enum values", op.symbol()),
                    span.clone(),
                    Some("enum values are compared with `==`, `!=` or `in [...]`".into()),
                ));
            }
            let bit = self.enum_value(d, t, &r.span)?;
            let node = self.push(Op::EnumIn(a, 1u64 << bit), span);
            return Ok(if op == BinaryOp::Ne { (self.push(Op::Not(node), span), Ty::Bool) } else { (node, Ty::Bool) });
        }
        let (b, tb) = self.expr(r)?;
        if ta != tb {
            return Err(ExprError::typed(
                format!("cannot compare {} with {}", ta.describe(self.scope.domains), tb.describe(self.scope.domains)),
                span.clone(),
                None,
            ));
        }
        match ta {
            Ty::Int => {
                let cmp = match op {
                    BinaryOp::Eq => Cmp::Eq,
                    BinaryOp::Ne => Cmp::Ne,
                    BinaryOp::Lt => Cmp::Lt,
                    BinaryOp::Le => Cmp::Le,
                    BinaryOp::Gt => Cmp::Gt,
                    _ => Cmp::Ge,
                };
                Ok((self.push(Op::IntCmp(cmp, a, b), span), Ty::Bool))
            }
            Ty::Bool | Ty::Enum(_) if equality => Ok((self.push(Op::Same(a, b, op == BinaryOp::Eq), span), Ty::Bool)),
            _ => Err(ExprError::typed(
                format!("`{}` does not apply to {}", op.symbol(), ta.describe(self.scope.domains)),
                span.clone(),
                Some("use hours_since()/days_since() to compare times".into()),
            )),
        }
    }

    fn membership(&mut self, l: &Ast, r: &Ast, span: &Span) -> Result<(NodeId, Ty), ExprError> {
        if let AstKind::Text(t) = &l.kind {
            let (set, ty) = self.expr(r)?;
            let Ty::Set(d) = ty else {
                return Err(ExprError::typed(
                    format!("right of `'{t}' in` must be a set, but this is {}", ty.describe(self.scope.domains)),
                    r.span.clone(),
                    None,
                ));
            };
            let bit = self.enum_value(d, t, &l.span)?;
            return Ok((self.push(Op::SetAny(set, 1u64 << bit), span), Ty::Bool));
        }
        let (a, ty) = self.expr(l)?;
        let Ty::Enum(d) = ty else {
            return Err(ExprError::typed(
                format!("left of `in` must be an enum fact or a text, but this is {}", ty.describe(self.scope.domains)),
                l.span.clone(),
                None,
            ));
        };
        let mask = self.value_list(d, r)?;
        Ok((self.push(Op::EnumIn(a, mask), span), Ty::Bool))
    }

    fn call(&mut self, name: &str, name_span: &Span, args: &[Ast], span: &Span) -> Result<(NodeId, Ty), ExprError> {
        const FUNCTIONS: [&str; 6] = ["hours_since", "days_since", "known", "count", "any", "all"];
        let arity = match name {
            "hours_since" | "days_since" | "known" | "count" => 1,
            "any" | "all" => 2,
            _ => {
                return Err(ExprError {
                    kind: DiagnosticKind::UnknownName,
                    message: format!("unknown function `{name}`"),
                    span: name_span.clone(),
                    hint: Some(suggest::hint(name, FUNCTIONS)),
                })
            }
        };
        if args.len() != arity {
            return Err(ExprError::typed(
                format!("`{name}` takes {arity} argument(s), not {}", args.len()),
                span.clone(),
                None,
            ));
        }
        match name {
            "hours_since" | "days_since" => {
                let (t, ty) = self.expr(&args[0])?;
                if !matches!(ty, Ty::DateTime | Ty::Date) {
                    return Err(ExprError::typed(
                        format!("`{name}` needs a datetime or date, but this is {}", ty.describe(self.scope.domains)),
                        args[0].span.clone(),
                        None,
                    ));
                }
                let unit = if name == "hours_since" { 3600 } else { 86_400 };
                Ok((self.push(Op::Since(t, unit), span), Ty::Int))
            }
            "known" => {
                let (x, _) = self.expr(&args[0])?;
                Ok((self.push(Op::Known(x), span), Ty::Bool))
            }
            "count" => {
                let (s, ty) = self.expr(&args[0])?;
                if !matches!(ty, Ty::Set(_)) {
                    return Err(ExprError::typed("`count` needs a set", args[0].span.clone(), None));
                }
                Ok((self.push(Op::Count(s), span), Ty::Int))
            }
            _ => {
                let (s, ty) = self.expr(&args[0])?;
                let Ty::Set(d) = ty else {
                    return Err(ExprError::typed(format!("`{name}` needs a set first"), args[0].span.clone(), None));
                };
                let mask = self.value_list(d, &args[1])?;
                let op = if name == "any" { Op::SetAny(s, mask) } else { Op::SetAll(s, mask) };
                Ok((self.push(op, span), Ty::Bool))
            }
        }
    }

    fn value_list(&mut self, domain: u16, ast: &Ast) -> Result<u64, ExprError> {
        let AstKind::List(items) = &ast.kind else {
            return Err(ExprError::typed("expected a list of values, e.g. ['a', 'b']", ast.span.clone(), None));
        };
        let mut mask = 0u64;
        for item in items {
            let AstKind::Text(t) = &item.kind else {
                return Err(ExprError::typed("list items must be quoted values", item.span.clone(), None));
            };
            mask |= 1u64 << self.enum_value(domain, t, &item.span)?;
        }
        Ok(mask)
    }

    fn enum_value(&self, domain: u16, value: &str, span: &Span) -> Result<u16, ExprError> {
        let d = &self.scope.domains[domain as usize];
        d.index(value).ok_or_else(|| ExprError {
            kind: DiagnosticKind::UnknownName,
            message: format!("'{value}' is not one of the values"),
            span: span.clone(),
            hint: Some(suggest::hint(value, d.values.iter().map(String::as_str))),
        })
    }
}
