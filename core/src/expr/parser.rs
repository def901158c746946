//! Precedence-climbing parser: tokens → [`Ast`].
//!
//! Both the parser's own recursion and the height of the tree it builds (left-associative
//! chains like `a and b and c` grow the tree without recursing) are bounded, and so is the
//! length of the text, so hostile input cannot exhaust the stack of any later pass.

use super::ast::*;
use super::lexer::{tokenize, Tok, Token};
use super::ExprError;
use crate::limits::{MAX_EXPRESSION_BYTES, MAX_EXPRESSION_DEPTH};

/// Deepest nesting accepted; far beyond any real rule.
const MAX_DEPTH: usize = MAX_EXPRESSION_DEPTH;
/// Most tokens in one expression (about 250 terms; the national rules' longest has 35).
/// Long left-associative chains (`a + a + …`, `x and x and …`) are as deep as they are long
/// for the passes after parsing, so their length is bounded before any of them runs.
/// Measured: 3,000 terms overflowed WebAssembly's stack and a 512 KB thread (release),
/// 900 a 2 MB test thread (debug build); 250 leave room on all of them.
pub(crate) const MAX_TOKENS: usize = 512;

/// Parses one expression.
pub fn parse(src: &str) -> Result<Ast, ExprError> {
    if src.len() > MAX_EXPRESSION_BYTES {
        return Err(ExprError::new(
            format!("expression is longer than {MAX_EXPRESSION_BYTES} bytes"),
            0..0,
            Some("split it into derived facts"),
        ));
    }
    let tokens = tokenize(src)?;
    if tokens.len() > MAX_TOKENS {
        return Err(ExprError::new(
            format!("expression too long: more than {MAX_TOKENS} tokens"),
            tokens[MAX_TOKENS].span.clone(),
            Some("split it into derived facts (derived.toml) or several rules"),
        ));
    }
    let mut p = Parser { tokens, pos: 0, depth: 0 };
    let ast = p.expr(0)?;
    let t = p.peek();
    if t.kind != Tok::End {
        return Err(ExprError::new(
            "unexpected text after the expression",
            t.span.clone(),
            Some("join conditions with `and` or `or`"),
        ));
    }
    Ok(ast)
}

struct Parser<'a> {
    tokens: Vec<Token<'a>>,
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> &Token<'a> {
        &self.tokens[self.pos]
    }

    fn next(&mut self) -> Token<'a> {
        let t = self.tokens[self.pos].clone();
        if t.kind != Tok::End {
            self.pos += 1;
        }
        t
    }

    fn binary_op(&self) -> Option<BinaryOp> {
        Some(match &self.peek().kind {
            Tok::Ident(w) => match *w {
                "and" => BinaryOp::And,
                "or" => BinaryOp::Or,
                "implies" => BinaryOp::Implies,
                "in" => BinaryOp::In,
                _ => return None,
            },
            Tok::Op(op) => match *op {
                "==" => BinaryOp::Eq,
                "!=" => BinaryOp::Ne,
                "<" => BinaryOp::Lt,
                "<=" => BinaryOp::Le,
                ">" => BinaryOp::Gt,
                ">=" => BinaryOp::Ge,
                "+" => BinaryOp::Add,
                "-" => BinaryOp::Sub,
                "*" => BinaryOp::Mul,
                _ => return None,
            },
            _ => return None,
        })
    }

    fn expr(&mut self, min_prec: u8) -> Result<Ast, ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ExprError::new(
                "expression nested too deeply",
                self.peek().span.clone(),
                Some("split it into derived facts"),
            ));
        }
        let mut lhs = self.prefix()?;
        while let Some(op) = self.binary_op() {
            let (prec, right) = op.precedence();
            if prec < min_prec {
                break;
            }
            self.next();
            let rhs = self.expr(if right { prec } else { prec + 1 })?;
            if prec == 5 {
                if let AstKind::Binary(prev, _, _) = &lhs.kind {
                    if prev.precedence().0 == 5 && lhs.span.start == lhs_start(&lhs) {
                        return Err(ExprError::new(
                            "comparisons cannot be chained",
                            lhs.span.start..rhs.span.end,
                            Some("write `a < b and b < c`"),
                        ));
                    }
                }
            }
            let span = lhs.span.start..rhs.span.end;
            let depth = tree_depth(lhs.depth.max(rhs.depth), &span)?;
            lhs = Ast { kind: AstKind::Binary(op, Box::new(lhs), Box::new(rhs)), span, depth };
        }
        self.depth -= 1;
        Ok(lhs)
    }

    fn prefix(&mut self) -> Result<Ast, ExprError> {
        let t = self.peek().clone();
        match &t.kind {
            Tok::Ident("not") => {
                self.next();
                let inner = self.expr(NOT_PRECEDENCE)?;
                let span = t.span.start..inner.span.end;
                let depth = tree_depth(inner.depth, &span)?;
                Ok(Ast { kind: AstKind::Unary(UnaryOp::Not, Box::new(inner)), span, depth })
            }
            Tok::Op("-") => {
                self.next();
                let inner = self.expr(8)?;
                let span = t.span.start..inner.span.end;
                let depth = tree_depth(inner.depth, &span)?;
                Ok(Ast { kind: AstKind::Unary(UnaryOp::Neg, Box::new(inner)), span, depth })
            }
            _ => self.primary(),
        }
    }

    fn primary(&mut self) -> Result<Ast, ExprError> {
        let t = self.next();
        let kind = match t.kind {
            Tok::Int(n) => AstKind::Int(n),
            Tok::Text(s) => AstKind::Text(s.to_string()),
            Tok::Ident(w) => match w {
                "true" => AstKind::Bool(true),
                "false" => AstKind::Bool(false),
                "and" | "or" | "in" | "implies" | "not" => {
                    return Err(ExprError::new(format!("`{w}` needs something before it"), t.span, None));
                }
                _ if self.peek().kind == Tok::LParen => {
                    self.next();
                    let args = self.list_items(Tok::RParen)?;
                    let end = self.tokens[self.pos - 1].span.end;
                    let span = t.span.start..end;
                    let depth = tree_depth(args.iter().map(|a| a.depth).max().unwrap_or(0), &span)?;
                    let name = w.to_string();
                    return Ok(Ast { kind: AstKind::Call { name, name_span: t.span.clone(), args }, span, depth });
                }
                _ => AstKind::Name(w.to_string()),
            },
            Tok::LParen => {
                let inner = self.expr(0)?;
                let close = self.next();
                if close.kind != Tok::RParen {
                    return Err(ExprError::new("expected `)`", close.span, Some("every `(` needs a `)`")));
                }
                return Ok(Ast { kind: inner.kind, span: t.span.start..close.span.end, depth: inner.depth });
            }
            Tok::LBracket => {
                let items = self.list_items(Tok::RBracket)?;
                let end = self.tokens[self.pos - 1].span.end;
                let span = t.span.start..end;
                let depth = tree_depth(items.iter().map(|a| a.depth).max().unwrap_or(0), &span)?;
                return Ok(Ast { kind: AstKind::List(items), span, depth });
            }
            Tok::End => {
                return Err(ExprError::new(
                    "expression ends too early",
                    t.span,
                    Some("something is missing at the end"),
                ))
            }
            _ => return Err(ExprError::new("expected a value, a name or `(`", t.span, None)),
        };
        Ok(Ast { kind, span: t.span, depth: 1 })
    }

    fn list_items(&mut self, close: Tok<'a>) -> Result<Vec<Ast>, ExprError> {
        let mut items = Vec::new();
        if self.peek().kind == close {
            self.next();
            return Ok(items);
        }
        loop {
            items.push(self.expr(0)?);
            let t = self.next();
            if t.kind == close {
                return Ok(items);
            }
            if t.kind != Tok::Comma {
                let want = if close == Tok::RParen { ")" } else { "]" };
                return Err(ExprError::new(format!("expected `,` or `{want}`"), t.span, None));
            }
        }
    }
}

/// The start of the left-most operand (to tell `a < b < c` from `(a < b) < c`).
fn lhs_start(mut ast: &Ast) -> usize {
    while let AstKind::Binary(_, l, _) = &ast.kind {
        ast = l;
    }
    ast.span.start
}

/// The depth of a node over children of depth `below`, or an error past the limit.
fn tree_depth(below: u32, span: &Span) -> Result<u32, ExprError> {
    let depth = below + 1;
    if depth as usize > MAX_EXPRESSION_DEPTH {
        return Err(ExprError::new(
            format!("expression nested too deeply (more than {MAX_EXPRESSION_DEPTH} levels)"),
            span.start..span.start,
            Some("a long chain of `and`, `or` or `+` counts one level per operator: split it into derived facts"),
        ));
    }
    Ok(depth)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(src: &str) -> String {
        fn go(a: &Ast) -> String {
            match &a.kind {
                AstKind::Bool(b) => b.to_string(),
                AstKind::Int(n) => n.to_string(),
                AstKind::Text(s) => format!("'{s}'"),
                AstKind::Name(n) => n.clone(),
                AstKind::List(items) => format!("[{}]", items.iter().map(go).collect::<Vec<_>>().join(",")),
                AstKind::Call { name, args, .. } => {
                    format!("{name}({})", args.iter().map(go).collect::<Vec<_>>().join(","))
                }
                AstKind::Unary(UnaryOp::Not, x) => format!("(not {})", go(x)),
                AstKind::Unary(UnaryOp::Neg, x) => format!("(-{})", go(x)),
                AstKind::Binary(op, l, r) => format!("({} {} {})", go(l), op.symbol(), go(r)),
            }
        }
        go(&parse(src).unwrap())
    }

    #[test]
    fn precedence_follows_the_documented_table() {
        assert_eq!(shape("a or b and not c"), "(a or (b and (not c)))");
        assert_eq!(shape("not a == 'x'"), "(not (a == 'x'))");
        assert_eq!(shape("a implies b implies c"), "(a implies (b implies c))");
        assert_eq!(shape("1 + 2 * 3 <= x - 1"), "((1 + (2 * 3)) <= (x - 1))");
        assert_eq!(shape("'p' in acts and r in ['a', \"b\"]"), "(('p' in acts) and (r in ['a','b']))");
        assert_eq!(shape("hours_since(t) <= 72"), "(hours_since(t) <= 72)");
    }

    #[test]
    fn errors_point_at_the_problem() {
        let e = parse("a = 1").unwrap_err();
        assert_eq!(e.span, 2..3);
        assert!(parse("a and").is_err());
        assert!(parse("(a").is_err());
        assert!(parse("a < b < c").is_err());
        assert!(parse("'open").is_err());
        assert!(parse(&"(".repeat(500)).is_err());
    }

    #[test]
    fn the_tree_depth_is_bounded_for_chains_too() {
        let chain = |n: usize| vec!["a"; n].join(" and ");
        // n terms make n - 1 levels of `and` above the leaves.
        assert!(parse(&chain(MAX_EXPRESSION_DEPTH)).is_ok());
        let e = parse(&chain(MAX_EXPRESSION_DEPTH + 1)).unwrap_err();
        assert!(e.message.contains("nested too deeply"), "{}", e.message);
        let sum = vec!["1"; MAX_EXPRESSION_DEPTH + 1].join(" + ");
        assert!(parse(&format!("{sum} > 3")).is_err());
        assert!(parse(&"x".repeat(MAX_EXPRESSION_BYTES + 1)).is_err());
    }
}
