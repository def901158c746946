//! `because` texts with `{expression}` placeholders.

use crate::expr::ast::Span;

/// A piece of a template: literal text, or a placeholder's source and its byte span.
pub(crate) type Part = Result<String, (String, Span)>;

/// Splits a template into text and placeholder sources (with their byte spans); an
/// unbalanced brace is an error with its message and span.
pub(crate) fn split(template: &str) -> Result<Vec<Part>, (String, Span)> {
    let mut out = Vec::new();
    let mut rest = 0;
    let bytes = template.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => {
                let Some(close) = template[i..].find('}').map(|p| i + p) else {
                    return Err(("`{` without a closing `}`".into(), i..template.len()));
                };
                if rest < i {
                    out.push(Ok(template[rest..i].to_string()));
                }
                out.push(Err((template[i + 1..close].to_string(), i + 1..close)));
                i = close + 1;
                rest = i;
            }
            b'}' => return Err(("`}` without an opening `{`".into(), i..i + 1)),
            _ => i += 1,
        }
    }
    if rest < template.len() {
        out.push(Ok(template[rest..].to_string()));
    }
    Ok(out)
}
