//! Rendering `because` templates with a case's values.

use crate::compile::model::Piece;
use crate::compile::program::Env;
use crate::compile::RuleSet;
use crate::eval::time::format_date;
use crate::eval::value::Value;
use crate::expr::types::Ty;

/// Renders one template in `lang`.
pub(crate) fn render(rules: &RuleSet, pieces: &[Piece], env: &Env, lang: &str) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Expr(node, ty, fact) => {
                value_text(rules, rules.program.eval(*node, env), *ty, *fact, lang, &mut out)
            }
        }
    }
    out
}

/// A value's text: enum and set values by the fact's label for them where it has one.
fn value_text(rules: &RuleSet, value: Value, ty: Ty, fact: Option<u16>, lang: &str, out: &mut String) {
    let label = |d: u16, i: usize| -> String {
        let id = &rules.domains[d as usize].values[i];
        fact.and_then(|f| rules.source.schema.facts[f as usize].value_labels.get(id))
            .map_or_else(|| id.replace('_', " "), |t| t.get(lang).to_string())
    };
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
        (Value::Enum(i), Ty::Enum(d)) => out.push_str(&label(d, i as usize)),
        (Value::Set(bits), Ty::Set(d)) => {
            let count = rules.domains[d as usize].values.len();
            let names: Vec<String> = (0..count).filter(|i| bits >> i & 1 == 1).map(|i| label(d, i)).collect();
            out.push_str(&names.join(", "));
        }
        (Value::Time(t), Ty::Date) => out.push_str(&format_date(t)),
        (Value::Time(t), _) => out.push_str(&rules.zone.format(t)),
        (Value::TimeRange(..), _) => {
            let (from, to) = value.time_bounds().unwrap_or_default();
            let show = |t: i64| if ty == Ty::Date { format_date(t) } else { rules.zone.format(t) };
            let (between, and) = if nl { ("tussen", "en") } else { ("between", "and") };
            out.push_str(&format!("{between} {} {and} {}", show(from), show(to)));
        }
        (Value::IntRange(lo, w), _) => {
            out.push_str(&format!("{lo}–{}", lo.saturating_add(i64::from(w))));
        }
        _ => out.push('?'),
    }
}
