//! The rule book: the rule set rendered as readable Markdown (in Dutch), so MDT
//! professionals and partner organisations can review the rules without reading TOML.
//! `wegwijs doc DIR` prints it; the national book is committed as `docs/regelboek.md`.

use crate::engine::Engine;
use crate::expr::ast::{Ast, AstKind, BinaryOp, UnaryOp};
use crate::expr::parser;
use crate::ruleset::source::{FactSource, RuleSetSource};
use crate::text::Text;
use std::fmt::Write as _;

impl Engine {
    /// The rule book as Markdown.
    pub fn rule_book(&self) -> String {
        let id = self.id();
        book(self.source(), &id.hash)
    }
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn book(src: &RuleSetSource, hash: &str) -> String {
    let m = &src.manifest;
    let mut o = String::new();
    let _ = writeln!(o, "# Regelboek {} {}\n", m.name, m.version);
    let _ = writeln!(o, "<!-- Gegenereerd met `wegwijs doc`; niet met de hand bewerken. -->\n");
    let _ = writeln!(o, "{}\n", m.description.nl());
    let _ = writeln!(o, "Inhoudshash: `{hash}`\n");
    let _ = writeln!(o, "Wegwijs **stelt voor**; het MDT beslist. Elke regel noemt zijn bron en zijn uitleg.\n");
    let _ = writeln!(o, "## Domeinen, niveaus en regie\n");
    let list = |items: &[crate::ruleset::source::Labelled]| {
        items.iter().map(|l| format!("`{}` {}", l.id, l.label.nl())).collect::<Vec<_>>().join(" · ")
    };
    let _ = writeln!(o, "- Domeinen: {}", list(&m.areas));
    let _ = writeln!(o, "- Behoefteniveaus (laag → hoog): {}", list(&m.need_levels));
    let _ = writeln!(o, "- Urgentie (laag → hoog): {}\n", list(&m.urgencies));
    let _ = writeln!(o, "| Regieniveau | Naam | Betekenis |\n|---|---|---|");
    for l in &m.regie_levels {
        let _ = writeln!(
            o,
            "| `{}` | {} | {} |",
            l.id,
            cell(l.label.nl()),
            cell(l.description.as_ref().map_or("", Text::nl))
        );
    }
    let _ = writeln!(o, "\n| Regiehouder | Organisatie |\n|---|---|");
    for r in &m.regiehouders {
        let _ = writeln!(o, "| {} (`{}`) | {} |", cell(r.label.nl()), r.id, org(src, &r.organisation));
    }

    let _ = writeln!(o, "\n## Gespreksgids (invulformulier)\n");
    let _ = writeln!(
        o,
        "Elke vraag mag onbeantwoord blijven. Wegwijs zegt welke open vragen het voorstel nog kunnen veranderen.\n"
    );
    for section in &src.schema.sections {
        let _ = writeln!(o, "### {}\n\n| Feit | Vraag | Soort |\n|---|---|---|", section.label.nl());
        for f in src.schema.facts.iter().filter(|f| f.section == section.id) {
            let mut question = cell(f.question.nl());
            for (voice, variant) in f.question.variants() {
                question.push_str(&format!("<br>*{voice}:* {}", cell(variant.nl())));
            }
            let marks = match (f.professional_only, f.priority.as_deref()) {
                (true, _) => " *(alleen professional)*",
                (false, Some("danger_now")) => " *(eerst: gevaar nu)*",
                (false, Some("later")) => " *(later: herstel)*",
                _ => "",
            };
            let _ = writeln!(o, "| `{}` {}{marks} | {} | {} |", f.id, cell(f.label.nl()), question, kind(f));
        }
        let _ = writeln!(o);
    }

    let _ = writeln!(o, "## Afgeleide feiten\n\n| Naam | Betekenis | Voorwaarde in woorden |\n|---|---|---|");
    for d in &src.derived {
        let _ = writeln!(o, "| `{}` | {} | {} |", d.id, cell(d.label.nl()), cell(&in_words(src, &d.expr)));
    }

    let _ = writeln!(o, "\n## Aanbod per domein\n");
    for area in &m.areas {
        let _ = writeln!(o, "### {}\n\n| Aanbod | Organisatie | Voor professionals | Alleen met wens van het slachtoffer |\n|---|---|---|---|", area.label.nl());
        for offer in src.offers.iter().filter(|x| x.area == area.id) {
            let wish = offer.wish.as_deref().map(|w| in_words(src, w)).unwrap_or_else(|| "—".into());
            // `renews`: in a case record, the step comes back when one of these facts changes.
            let renews = offer.renews.as_ref().map_or_else(String::new, |r| {
                let facts: Vec<&str> = r
                    .facts
                    .iter()
                    .map(|f| src.schema.facts.iter().find(|x| &x.id == f).map_or(f.as_str(), |x| x.label.nl()))
                    .collect();
                format!(
                    " **Opnieuw nodig** als na \"gedaan\" verandert: {}. Dan: \"{}\" ({}).",
                    facts.join(", "),
                    r.label.nl(),
                    r.urgency
                )
            });
            let _ = writeln!(
                o,
                "| {} (`{}`) | {} | {}{} | {} |",
                cell(offer.label.nl()),
                offer.id,
                org(src, &offer.organisation),
                cell(offer.professional.nl()),
                cell(&renews),
                cell(&wish)
            );
        }
        let _ = writeln!(o);
    }

    let _ = writeln!(o, "## Regels\n");
    for rule in &src.rules {
        let _ = writeln!(o, "### `{}`\n", rule.id);
        let _ = writeln!(o, "- **Als**: {}", in_words(src, &rule.when));
        let mut effects = Vec::new();
        for (area, level) in &rule.need {
            effects.push(format!("behoefte {area}: {level}"));
        }
        for r in &rule.refer {
            let label = src.offers.iter().find(|x| x.id == r.offer).map_or(r.offer.as_str(), |x| x.label.nl());
            let deadline = r
                .deadline
                .as_ref()
                .map(|d| format!(", uiterlijk {} uur na {}", d.hours, fact_label(src, &d.from)))
                .unwrap_or_default();
            effects.push(format!("verwijzen naar {label} ({}{deadline})", r.urgency));
        }
        if let Some(regie) = &rule.regie {
            effects.push(format!("regie minstens {regie}"));
        }
        if let Some(h) = &rule.regiehouder {
            effects.push(format!("regiehouder {} (rang {})", h.id, h.rank));
        }
        let _ = writeln!(o, "- **Dan**: {}", effects.join("; "));
        let _ = writeln!(o, "- **Uitleg**: {}", rule.because.nl());
        if let Some(reason) = &rule.r#override {
            let _ = writeln!(o, "- **Gaat zo nodig tegen de wens in**: {}", reason.nl());
        }
        if let Some(ground) = &rule.legal_ground {
            let _ = writeln!(o, "- **Wettelijke grond (ook zonder toestemming)**: {}", ground.nl());
        }
        if let Some(victim) = &rule.victim {
            let _ = writeln!(o, "- **Voor het slachtoffer**: {}", victim.nl());
        }
        let _ = writeln!(o, "- **Bron**: {}\n", rule.source);
    }

    if !src.properties.is_empty() {
        let _ = writeln!(o, "## Veiligheidseigenschappen\n\n`wegwijs check` bewijst elke eigenschap voor elke mogelijke casus, of geeft een tegenvoorbeeld.\n");
        for p in &src.properties {
            let rule = match (&p.assert, &p.monotone) {
                (Some(a), _) => in_words(src, a),
                (None, Some(m)) => {
                    format!("een hogere waarde van {} verlaagt {} nooit", fact_label(src, &m.fact), m.outcome)
                }
                (None, None) => String::new(),
            };
            let _ = writeln!(o, "- **{}** (`{}`): {}", p.description.nl(), p.id, rule);
        }
        let _ = writeln!(o);
    }

    if !src.regions.is_empty() {
        let _ = writeln!(o, "## Regio's\n");
        let _ = write!(o, "| Aanbod |");
        for r in &src.regions {
            let _ = write!(o, " {} |", cell(r.label.nl()));
        }
        let _ = write!(o, "\n|---|");
        for _ in &src.regions {
            let _ = write!(o, "---|");
        }
        let _ = writeln!(o);
        for offer in &src.offers {
            let _ = write!(o, "| {} |", cell(offer.label.nl()));
            for r in &src.regions {
                let _ = write!(o, " {} |", cell(r.providers.get(&offer.id).map_or("**ontbreekt**", String::as_str)));
            }
            let _ = writeln!(o);
        }
    }
    o
}

fn org(src: &RuleSetSource, id: &str) -> String {
    src.manifest.organisations.iter().find(|x| x.id == id).map_or(id.to_string(), |x| x.label.nl().to_string())
}

fn kind(f: &FactSource) -> String {
    match f.kind.as_str() {
        "bool" => "ja/nee".into(),
        "int" => format!("getal {}–{}", f.min.unwrap_or(0), f.max.unwrap_or(0)),
        "enum" => format!("één van: {}", f.values.join(", ")),
        "set" => format!("een of meer van: {}", f.values.join(", ")),
        "datetime" => "datum en tijd".into(),
        "date" => "datum".into(),
        other => other.into(),
    }
}

fn fact_label(src: &RuleSetSource, id: &str) -> String {
    if let Some(f) = src.schema.facts.iter().find(|f| f.id == id) {
        return format!("*{}*", f.label.nl().to_lowercase());
    }
    if let Some(d) = src.derived.iter().find(|d| d.id == id) {
        return format!("*{}*", d.label.nl().to_lowercase());
    }
    format!("`{id}`")
}

/// An expression in Dutch words, with facts by their labels.
fn in_words(src: &RuleSetSource, expr: &str) -> String {
    match parser::parse(expr) {
        Ok(ast) => words(src, &ast, 0),
        Err(_) => format!("`{expr}`"),
    }
}

fn words(src: &RuleSetSource, ast: &Ast, parent: u8) -> String {
    let w = |a: &Ast, p: u8| words(src, a, p);
    match &ast.kind {
        AstKind::Bool(true) => "altijd".into(),
        AstKind::Bool(false) => "nooit".into(),
        AstKind::Int(n) => n.to_string(),
        AstKind::Text(t) => format!("'{t}'"),
        AstKind::Name(n) => fact_label(src, n),
        AstKind::List(items) => items.iter().map(|i| w(i, 9)).collect::<Vec<_>>().join(", "),
        AstKind::Call { name, args, .. } => {
            let a: Vec<String> = args.iter().map(|x| w(x, 9)).collect();
            match name.as_str() {
                "hours_since" => format!("uren sinds {}", a.join(", ")),
                "days_since" => format!("dagen sinds {}", a.join(", ")),
                "known" => format!("{} is bekend", a.join(", ")),
                "count" => format!("aantal {}", a.join(", ")),
                "any" => format!("{} bevat een van: {}", a[0], a.get(1).cloned().unwrap_or_default()),
                "all" => format!("{} bevat alle: {}", a[0], a.get(1).cloned().unwrap_or_default()),
                _ => format!("{name}({})", a.join(", ")),
            }
        }
        AstKind::Unary(UnaryOp::Not, a) => format!("niet ({})", w(a, 0)),
        AstKind::Unary(UnaryOp::Neg, a) => format!("-{}", w(a, 8)),
        AstKind::Binary(op, l, r) => {
            let (prec, _) = op.precedence();
            let word = match op {
                BinaryOp::And => "**en**",
                BinaryOp::Or => "**of**",
                BinaryOp::Implies => "dan",
                BinaryOp::Eq => "is",
                BinaryOp::Ne => "is niet",
                BinaryOp::Lt => "<",
                BinaryOp::Le => "≤",
                BinaryOp::Gt => ">",
                BinaryOp::Ge => "≥",
                BinaryOp::In => match (&l.kind, &r.kind) {
                    (AstKind::Text(_), _) => "zit in",
                    _ => "is een van",
                },
                BinaryOp::Add => "+",
                BinaryOp::Sub => "-",
                BinaryOp::Mul => "×",
            };
            let text = format!("{} {word} {}", w(l, prec), w(r, prec + 1));
            if prec < parent && parent != 9 {
                format!("({text})")
            } else {
                text
            }
        }
    }
}
