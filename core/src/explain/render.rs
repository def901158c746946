//! Rendering `because` templates with a case's values.
//!
//! Nothing unknown is read out: an unknown placeholder leaves out its `[clause]`, or, outside
//! a clause, its whole sentence. Numbers are read as people say them where the template
//! asks (`{n | kind / kinderen}`, `{days_since(t) | days}`, `{hours_since(t) | hours}`).

use crate::compile::model::{Format, Piece};
use crate::compile::program::Env;
use crate::compile::RuleSet;
use crate::eval::time::format_date;
use crate::eval::value::Value;
use crate::expr::types::Ty;

/// Renders one template in `lang`.
pub(crate) fn render(rules: &RuleSet, pieces: &[Piece], env: &Env, lang: &str) -> String {
    let mut out = String::new();
    let mut sentence_start = 0;
    let mut drop_sentence = false;
    let mut dropped = false;
    // Start of the open clause in `out`, and whether a placeholder in it is unknown.
    let mut clause: Option<(usize, bool)> = None;
    // A `| days` read-out of 0 or 1 just written (its start in `out`, the number).
    let mut recent: Option<(usize, i64)> = None;
    for piece in pieces {
        let piece_text;
        let piece = match (piece, recent.take()) {
            (Piece::Text(t), Some((start, n))) => match relative_day(t, n, lang) {
                Some((word, rest)) => {
                    out.truncate(start);
                    out.push_str(word);
                    piece_text = Piece::Text(rest.to_string());
                    &piece_text
                }
                None => piece,
            },
            _ => piece,
        };
        match piece {
            Piece::Text(t) if clause.is_some() => out.push_str(t),
            Piece::Text(t) => {
                for (i, ch) in t.char_indices() {
                    out.push(ch);
                    let next = t[i + ch.len_utf8()..].chars().next();
                    let boundary = ch == ' '
                        && out.len() >= 2
                        && matches!(out.as_bytes()[out.len() - 2], b'.' | b'!' | b'?')
                        && next.is_none_or(|c| c.is_uppercase() || c == '{' || c == '[');
                    if boundary {
                        if drop_sentence {
                            out.truncate(sentence_start);
                            dropped = true;
                        }
                        sentence_start = out.len();
                        drop_sentence = false;
                    }
                }
            }
            Piece::Open => clause = Some((out.len(), false)),
            Piece::Close => {
                if let Some((start, true)) = clause {
                    out.truncate(start);
                    dropped = true;
                }
                clause = None;
            }
            Piece::Expr(node, ty, fact, format) => {
                let value = rules.program.eval(*node, env);
                if value == Value::Unknown {
                    match &mut clause {
                        Some((_, unknown)) => *unknown = true,
                        None => drop_sentence = true,
                    }
                } else {
                    if let (Format::Days, Value::Int(n @ 0..=1)) = (format, &value) {
                        recent = Some((out.len(), *n));
                    }
                    value_text(rules, value, *ty, *fact, format, lang, &mut out);
                }
            }
        }
    }
    if drop_sentence {
        out.truncate(sentence_start);
        dropped = true;
    }
    if dropped {
        tidy(&out)
    } else {
        out
    }
}

/// "0 dagen geleden" and "1 dag geleden" as people say them: "vandaag", "gisteren" (and
/// "today", "yesterday"); with the rest of the text after "geleden" / "ago".
fn relative_day<'t>(text: &'t str, days: i64, lang: &str) -> Option<(&'static str, &'t str)> {
    let (suffix, today, yesterday) = match lang {
        "nl" => (" geleden", "vandaag", "gisteren"),
        "en" => (" ago", "today", "yesterday"),
        _ => return None,
    };
    let rest = text.strip_prefix(suffix)?;
    Some((if days == 0 { today } else { yesterday }, rest))
}

/// Removes the double spaces and the spaces before punctuation that a left-out part leaves.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.trim().chars() {
        if ch == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        if matches!(ch, '.' | ',' | ':' | ';' | ')') && out.ends_with(' ') {
            out.pop();
        }
        out.push(ch);
    }
    out
}

/// A value's text: enum and set values by the fact's label for them where it has one.
pub(crate) fn value_text(
    rules: &RuleSet,
    value: Value,
    ty: Ty,
    fact: Option<u16>,
    format: &Format,
    lang: &str,
    out: &mut String,
) {
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
        (Value::Int(n), _) => out.push_str(&read_out(n, format, nl)),
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

/// A number as people say it, in Dutch (`nl`) or English.
pub(crate) fn read_out(n: i64, format: &Format, nl: bool) -> String {
    let count = |n: i64, one: &str, many: &str| match n {
        0 => format!("{} {many}", if nl { "geen" } else { "no" }),
        1 => format!("1 {one}"),
        _ => format!("{n} {many}"),
    };
    let words = |nl_one: &str, nl_many: &str, en_one: &str, en_many: &str| {
        if nl {
            (nl_one.to_string(), nl_many.to_string())
        } else {
            (en_one.to_string(), en_many.to_string())
        }
    };
    let about = if nl { "ongeveer" } else { "about" };
    let days = |d: i64| -> String {
        // Rounded to the nearest week, month or year: nobody says "10950 dagen".
        let round = |x: i64, per: f64| ((x as f64) / per).round() as i64;
        if d < 14 {
            let (one, many) = words("dag", "dagen", "day", "days");
            format!("{d} {}", if d == 1 { one } else { many })
        } else if d < 61 {
            let (_, many) = words("week", "weken", "week", "weeks");
            format!("{about} {} {many}", round(d, 7.0))
        } else if d < 730 {
            let (_, many) = words("maand", "maanden", "month", "months");
            format!("{about} {} {many}", round(d, 30.44))
        } else {
            let (_, many) = words("jaar", "jaar", "year", "years");
            format!("{about} {} {many}", round(d, 365.25))
        }
    };
    match format {
        Format::Plain => n.to_string(),
        Format::Count { one, many } => count(n, one, many),
        Format::Days => days(n),
        Format::Hours if n < 48 => {
            let (one, many) = words("uur", "uur", "hour", "hours");
            format!("{n} {}", if n == 1 { one } else { many })
        }
        Format::Hours if n < 24 * 14 => {
            let (_, many) = words("dag", "dagen", "day", "days");
            format!("{about} {} {many} ({n} {})", (n + 12) / 24, if nl { "uur" } else { "hours" })
        }
        Format::Hours => days(n / 24),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nl(n: i64, f: &Format) -> String {
        read_out(n, f, true)
    }

    #[test]
    fn zero_and_one_days_ago_read_as_today_and_yesterday() {
        let engine = crate::engine::Engine::national();
        let now = crate::engine::Timestamp::parse("2026-03-04T12:00:00+01:00").unwrap();
        for (closed, nl_says, en_says) in [
            ("2026-03-04", "vandaag afgesloten", "closed today"),
            ("2026-03-03", "gisteren afgesloten", "closed yesterday"),
            ("2026-03-01", "3 dagen geleden afgesloten", "closed 3 days ago"),
        ] {
            let case = format!(r#"{{"previous_regie_level": "R1", "previous_case_closed_at": "{closed}"}}"#);
            let p = engine.evaluate(&engine.case_from_str(&case).unwrap(), now).proposal();
            let text = &p.explanations.iter().find(|e| e.text.nl().contains("eerdere MDT-zaak")).unwrap().text;
            assert!(text.nl().contains(nl_says), "{}", text.nl());
            assert!(text.get("en").contains(en_says), "{}", text.get("en"));
            assert!(!text.nl().contains("0 dagen") && !text.nl().contains("1 dag geleden"));
        }
    }

    #[test]
    fn numbers_read_as_people_say_them() {
        let kind = Format::Count { one: "kind".into(), many: "kinderen".into() };
        assert_eq!(nl(1, &kind), "1 kind");
        assert_eq!(nl(3, &kind), "3 kinderen");
        assert_eq!(nl(0, &kind), "geen kinderen");
        assert_eq!(nl(10950, &Format::Days), "ongeveer 30 jaar");
        assert_eq!(nl(1, &Format::Days), "1 dag");
        assert_eq!(nl(10, &Format::Days), "10 dagen");
        assert_eq!(nl(21, &Format::Days), "ongeveer 3 weken");
        assert_eq!(nl(240, &Format::Days), "ongeveer 8 maanden");
        assert_eq!(read_out(10950, &Format::Days, false), "about 30 years");
        assert_eq!(nl(30, &Format::Hours), "30 uur");
        assert_eq!(read_out(1, &Format::Hours, false), "1 hour");
        assert_eq!(nl(100, &Format::Hours), "ongeveer 4 dagen (100 uur)");
        assert_eq!(nl(24 * 400, &Format::Hours), "ongeveer 13 maanden");
        assert_eq!(nl(42, &Format::Plain), "42");
    }

    #[test]
    fn tidy_removes_the_gaps_a_left_out_part_leaves() {
        assert_eq!(tidy(" Er waren  in 12 maanden ."), "Er waren in 12 maanden.");
    }
}
