//! Plain-text rendering of results for people at a terminal.

use std::fmt::Write as _;
use wegwijs::check::Finding;
use wegwijs::result::{Proposal, Question, Status};
use wegwijs::scenario::ScenarioResult;
use wegwijs::WhyNot;

fn status(s: Status) -> &'static str {
    match s {
        Status::Certain => "zeker",
        Status::Possible => "mogelijk",
    }
}

pub fn proposal(p: &Proposal, lang: &str) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "Wegwijs-voorstel ({} {}, {})", p.ruleset.name, p.ruleset.version, p.ruleset.hash);
    let _ = writeln!(o, "Beoordeeld op {}{}", p.evaluated_at, p.region.as_ref().map(|r| format!(", regio {r}")).unwrap_or_default());
    let _ = writeln!(o, "Dit is een voorstel; het MDT beslist.\n\nBehoeften per domein");
    for n in &p.needs {
        let up = n.up_to.as_ref().map(|u| format!(", mogelijk tot {u}")).unwrap_or_default();
        let _ = writeln!(o, "  {:<12} {}{up}", n.area, n.level);
    }
    let _ = writeln!(o, "\nVerwijzingen");
    if p.referrals.is_empty() {
        let _ = writeln!(o, "  (geen)");
    }
    for r in &p.referrals {
        let _ = write!(o, "  [{}] {} ({}, {})", r.urgency, r.label.get(lang), r.area, status(r.status));
        if let Some(d) = &r.deadline {
            let _ = write!(o, ", uiterlijk {d}");
        }
        if let Some(provider) = &r.provider {
            let _ = write!(o, " — {provider}");
        }
        let _ = writeln!(o);
        if r.against_wish {
            let reason = r.against_wish_reason.as_ref().map(|t| t.get(lang).to_string()).unwrap_or_default();
            let _ = writeln!(o, "      TEGEN DE WENS VAN HET SLACHTOFFER: {reason}");
        }
    }
    let up = p.regie.up_to.as_ref().map(|u| format!(", mogelijk tot {u}")).unwrap_or_default();
    let _ = writeln!(o, "\nRegie: {} {} ({}{up})", p.regie.level, p.regie.label.get(lang), status(p.regie.status));
    match &p.regiehouder {
        Some(h) => {
            let _ = writeln!(o, "Regiehouder: {} ({})", h.label.get(lang), status(h.status));
        }
        None => {
            let _ = writeln!(o, "Regiehouder: (geen voorstel)");
        }
    }
    let _ = writeln!(o, "\nWaarom");
    for e in &p.explanations {
        let _ = writeln!(o, "  - {} [{}; bron {}; {}]", e.text.get(lang), e.rule, e.source, status(e.status));
    }
    if !p.questions.is_empty() {
        let _ = writeln!(o, "\nNog te vragen (kan het voorstel veranderen)");
        o.push_str(&questions(&p.questions, lang));
    }
    for w in &p.warnings {
        let _ = writeln!(o, "\nLet op: {}", w.message.get(lang));
    }
    o
}

pub fn questions(qs: &[Question], lang: &str) -> String {
    let mut o = String::new();
    for (i, q) in qs.iter().enumerate() {
        let _ = writeln!(o, "  {}. {} ({}; raakt {})", i + 1, q.question.get(lang), q.fact, q.affects.join(", "));
    }
    o
}

pub fn why_not(w: &WhyNot) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "Aanbod `{}`: {}", w.offer, w.status);
    if w.rules.is_empty() {
        let _ = writeln!(o, "  Geen enkele regel verwijst naar dit aanbod.");
    }
    for r in &w.rules {
        let _ = writeln!(o, "  regel {}: voorwaarde {}", r.rule, r.condition);
        for c in &r.blocking {
            let def = c.defined_as.as_ref().map(|d| format!("  (= {d})")).unwrap_or_default();
            let _ = writeln!(o, "      {} is {}{def}", c.expression, c.value);
        }
        if let Some(wish) = &r.wish {
            let _ = writeln!(o, "      wens van het slachtoffer: {} is {}", wish.expression, wish.value);
        }
    }
    o
}

pub fn findings(fs: &[Finding]) -> String {
    let mut o = String::new();
    for f in fs {
        let at = f.location.as_ref().map(|l| format!("{l}: ")).unwrap_or_default();
        let _ = writeln!(o, "{:?}[{}] {at}{}", f.severity, f.code, f.message);
        if let Some(w) = &f.witness {
            let _ = writeln!(o, "    witness (now {}): {}", w.now, serde_json::Value::Object(w.case.clone()));
        }
    }
    let _ = writeln!(o, "{} finding(s)", fs.len());
    o
}

pub fn scenarios(results: &[ScenarioResult]) -> String {
    let mut o = String::new();
    for r in results {
        let _ = writeln!(o, "{} {}", if r.passed() { "ok  " } else { "FAIL" }, r.id);
        for f in &r.failures {
            let _ = writeln!(o, "       {f}");
        }
    }
    let passed = results.iter().filter(|r| r.passed()).count();
    let _ = writeln!(o, "{} passed, {} failed", passed, results.len() - passed);
    o
}
