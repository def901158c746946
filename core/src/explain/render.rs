//! Rendering `because` templates with a case's values.

use crate::compile::model::Piece;
use crate::compile::program::Env;
use crate::compile::RuleSet;
use crate::eval::time::{format_date, format_datetime};
use crate::eval::value::Value;
use crate::expr::types::Ty;

/// Renders one template in `lang`.
pub(crate) fn render(rules: &RuleSet, pieces: &[Piece], env: &Env, lang: &str) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Expr(node, ty) => value_text(rules, rules.program.eval(*node, env), *ty, lang, &mut out),
        }
    }
    out
}

fn value_text(rules: &RuleSet, value: Value, ty: Ty, lang: &str, out: &mut String) {
    let nl = lang == "nl";
    match (value, ty) {
        (Value::Unknown, _) => out.push_str(if nl { "onbekend" } else { "unknown" }),
        (Value::Bool(b), _) => out.push_str(match (b, nl) {
            (true, true) => "ja",
            (false, true) => "nee",
            (true, false) => "yes",
            (false, false) => "no",
        }),
        (Value::Int(n), _) => out.push_str(&n.to_string()),
        (Value::Enum(i), Ty::Enum(d)) => out.push_str(&rules.domains[d as usize].values[i as usize].replace('_', " ")),
        (Value::Set(bits), Ty::Set(d)) => {
            let values = &rules.domains[d as usize].values;
            let names: Vec<String> = (0..values.len()).filter(|i| bits >> i & 1 == 1).map(|i| values[i].replace('_', " ")).collect();
            out.push_str(&names.join(", "));
        }
        (Value::Time(t), Ty::Date) => out.push_str(&format_date(t)),
        (Value::Time(t), _) => out.push_str(&format_datetime(t)),
        _ => out.push('?'),
    }
}
