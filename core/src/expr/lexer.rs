//! Tokens of the expression language.

use super::ast::Span;
use super::ExprError;

/// A token with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Token<'a> {
    pub kind: Tok<'a>,
    pub span: Span,
}

/// Token kinds. Texts and names borrow from the source: the parser copies the few it keeps
/// into the tree, and a token is copied without an allocation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Tok<'a> {
    Int(i64),
    Text(&'a str),
    Ident(&'a str),
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
    Op(&'static str),
    End,
}

/// Splits `src` into tokens; keywords (`and`, `or`, `not`, `in`, `implies`, `true`,
/// `false`) come out as identifiers and are recognised by the parser.
pub fn tokenize(src: &str) -> Result<Vec<Token<'_>>, ExprError> {
    let bytes = src.as_bytes();
    // Tokens are a few bytes each (`a`, `==`, `'x'`, spaces between): sized once for most.
    let mut out = Vec::with_capacity(src.len() / 3 + 2);
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        let single = |kind: Tok<'static>| Token { kind, span: start..start + 1 };
        match c {
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            b'(' => {
                out.push(single(Tok::LParen));
                i += 1;
            }
            b')' => {
                out.push(single(Tok::RParen));
                i += 1;
            }
            b'[' => {
                out.push(single(Tok::LBracket));
                i += 1;
            }
            b']' => {
                out.push(single(Tok::RBracket));
                i += 1;
            }
            b',' => {
                out.push(single(Tok::Comma));
                i += 1;
            }
            b'+' | b'-' | b'*' => {
                let op = match c {
                    b'+' => "+",
                    b'-' => "-",
                    _ => "*",
                };
                out.push(single(Tok::Op(op)));
                i += 1;
            }
            b'=' | b'!' | b'<' | b'>' => {
                let two = bytes.get(i + 1) == Some(&b'=');
                let op = match (c, two) {
                    (b'=', true) => "==",
                    (b'!', true) => "!=",
                    (b'<', true) => "<=",
                    (b'>', true) => ">=",
                    (b'<', false) => "<",
                    (b'>', false) => ">",
                    (b'=', false) => {
                        return Err(ExprError::new(
                            "`=` is not an operator",
                            start..start + 1,
                            Some("use `==` to compare"),
                        ))
                    }
                    _ => {
                        return Err(ExprError::new(
                            "`!` is not an operator",
                            start..start + 1,
                            Some("use `not` or `!=`"),
                        ))
                    }
                };
                let len = op.len();
                out.push(Token { kind: Tok::Op(op), span: start..start + len });
                i += len;
            }
            b'&' | b'|' => {
                let hint = if c == b'&' { "use `and`" } else { "use `or`" };
                return Err(ExprError::new("unknown operator", start..start + 1, Some(hint)));
            }
            b'\'' | b'"' => {
                let end = src[i + 1..].find(c as char).map(|p| i + 1 + p);
                let Some(end) = end else {
                    return Err(ExprError::new(
                        "text is not closed",
                        start..src.len(),
                        Some("close it with the same quote"),
                    ));
                };
                out.push(Token { kind: Tok::Text(&src[i + 1..end]), span: start..end + 1 });
                i = end + 1;
            }
            b'0'..=b'9' => {
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                let n = src[start..i].parse::<i64>().map_err(|_| ExprError::new("number too large", start..i, None))?;
                out.push(Token { kind: Tok::Int(n), span: start..i });
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                out.push(Token { kind: Tok::Ident(&src[start..i]), span: start..i });
            }
            _ => {
                let ch = src[i..].chars().next().unwrap_or('?');
                return Err(ExprError::new(format!("unexpected character `{ch}`"), start..start + ch.len_utf8(), None));
            }
        }
    }
    out.push(Token { kind: Tok::End, span: src.len()..src.len() });
    Ok(out)
}
