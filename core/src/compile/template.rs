//! `because` texts with `{expression}` placeholders, `{expression | format}` read-outs and
//! `[optional clauses]` that are left out when a placeholder in them is unknown.

use crate::expr::ast::Span;

/// A piece of a template, before compiling its placeholders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    /// Literal text.
    Text(String),
    /// A placeholder: its expression source and byte span, and its format (`| …`), if any.
    Expr { source: String, span: Span, format: Option<(String, Span)> },
    /// `[`
    Open,
    /// `]`
    Close,
}

/// Splits a template into text, placeholders and clause brackets; an unbalanced brace or
/// bracket is an error with its message and span.
pub(crate) fn split(template: &str) -> Result<Vec<Part>, (String, Span)> {
    let mut out = Vec::new();
    let mut rest = 0;
    let mut depth = 0usize;
    let mut last_open = 0;
    let bytes = template.as_bytes();
    let mut i = 0;
    let flush = |out: &mut Vec<Part>, from: usize, to: usize| {
        if from < to {
            out.push(Part::Text(template[from..to].to_string()));
        }
    };
    while i < bytes.len() {
        match bytes[i] {
            b'{' => {
                let Some(close) = template[i..].find('}').map(|p| i + p) else {
                    return Err(("`{` without a closing `}`".into(), i..template.len()));
                };
                flush(&mut out, rest, i);
                let inner = i + 1..close;
                let (source, span, format) = match template[inner.clone()].find('|') {
                    Some(bar) => {
                        let bar = inner.start + bar;
                        let f = template[bar + 1..close].trim();
                        (
                            template[inner.start..bar].to_string(),
                            inner.start..bar,
                            Some((f.to_string(), bar + 1..close)),
                        )
                    }
                    None => (template[inner.clone()].to_string(), inner, None),
                };
                out.push(Part::Expr { source, span, format });
                i = close + 1;
                rest = i;
            }
            b'}' => return Err(("`}` without an opening `{`".into(), i..i + 1)),
            b'[' => {
                if depth > 0 {
                    return Err(("clauses `[…]` do not nest".into(), i..i + 1));
                }
                flush(&mut out, rest, i);
                out.push(Part::Open);
                depth += 1;
                last_open = i;
                i += 1;
                rest = i;
            }
            b']' => {
                if depth == 0 {
                    return Err(("`]` without an opening `[`".into(), i..i + 1));
                }
                flush(&mut out, rest, i);
                out.push(Part::Close);
                depth -= 1;
                i += 1;
                rest = i;
            }
            // Plain text up to the next brace or bracket in one tight scan (a dispatch per
            // byte was a twentieth of loading a bundle).
            _ => i += bytes[i..].iter().position(|b| matches!(b, b'{' | b'}' | b'[' | b']')).unwrap_or(bytes.len() - i),
        }
    }
    if depth > 0 {
        return Err(("`[` without a closing `]`".into(), last_open..template.len()));
    }
    flush(&mut out, rest, template.len());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_text_placeholders_formats_and_clauses() {
        let parts = split("Er waren [{n | incident / incidenten} ]in 12 maanden.").unwrap();
        assert_eq!(
            parts,
            vec![
                Part::Text("Er waren ".into()),
                Part::Open,
                Part::Expr {
                    source: "n ".into(),
                    span: 11..13,
                    format: Some(("incident / incidenten".into(), 14..36))
                },
                Part::Text(" ".into()),
                Part::Close,
                Part::Text("in 12 maanden.".into()),
            ]
        );
    }

    #[test]
    fn unbalanced_brackets_and_braces_are_errors_with_a_span() {
        assert_eq!(split("a [b").unwrap_err().1, 2..4);
        assert_eq!(split("a ]b").unwrap_err().1, 2..3);
        assert_eq!(split("[a [b]]").unwrap_err().0, "clauses `[…]` do not nest");
        assert!(split("a {b").is_err());
        assert!(split("a }b").is_err());
    }
}
