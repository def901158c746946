//! Plain-text rendering of results for people at a terminal.

use std::fmt::Write as _;
use wegwijs::check::Finding;
use wegwijs::result::{Proposal, Question, RecordStatus, Status};
use wegwijs::scenario::ScenarioResult;
use wegwijs::WhyNot;

/// `nl` or `en` text by language (the CLI's own words; rule texts come from the rule set).
fn t<'a>(lang: &str, nl: &'a str, en: &'a str) -> &'a str {
    if lang == "nl" {
        nl
    } else {
        en
    }
}

fn status(s: Status, lang: &str) -> &'static str {
    match s {
        Status::Certain => t(lang, "zeker", "certain"),
        Status::Possible => t(lang, "mogelijk", "possible"),
    }
}

pub fn proposal(p: &Proposal, lang: &str) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{} ({} {}, {})",
        t(lang, "Wegwijs-voorstel", "Wegwijs proposal"),
        p.ruleset.name,
        p.ruleset.version,
        p.ruleset.hash
    );
    if let Some(by) = &p.ruleset.signed_by {
        let _ = writeln!(o, "{} {} ({})", t(lang, "Ondertekend door", "Signed by"), by.signer, by.key_id);
    }
    let _ = writeln!(
        o,
        "{} {}{}",
        t(lang, "Beoordeeld op", "Evaluated at"),
        p.evaluated_at,
        p.region.as_ref().map(|r| format!(", {} {r}", t(lang, "regio", "region"))).unwrap_or_default()
    );
    let _ = writeln!(
        o,
        "{}\n\n{}",
        t(lang, "Dit is een voorstel; het MDT beslist.", "This is a proposal; the MDT decides."),
        t(lang, "Behoeften per domein", "Needs per area")
    );
    for n in &p.needs {
        let up = n
            .up_to
            .as_ref()
            .map(|u| format!(", {} {u}", t(lang, "mogelijk tot", "possibly up to")))
            .unwrap_or_default();
        let _ = writeln!(o, "  {:<12} {}{up}", n.area, n.level);
    }
    let _ = writeln!(o, "\n{}", t(lang, "Verwijzingen", "Referrals"));
    if p.referrals.is_empty() {
        let _ = writeln!(o, "  ({})", t(lang, "geen", "none"));
    }
    for r in &p.referrals {
        let _ = write!(o, "  [{}] {} ({}, {})", r.urgency, r.label.get(lang), r.area, status(r.status, lang));
        if let Some(d) = &r.deadline {
            let _ = write!(o, ", {} {d}", t(lang, "uiterlijk", "deadline"));
        }
        if let Some(provider) = &r.provider {
            let _ = write!(o, " — {provider}");
        }
        let _ = writeln!(o);
        if r.against_wish {
            let reason = r.against_wish_reason.as_ref().map(|t| t.get(lang).to_string()).unwrap_or_default();
            let _ = writeln!(
                o,
                "      {}: {reason}",
                t(lang, "TEGEN DE WENS VAN HET SLACHTOFFER", "AGAINST THE VICTIM'S WISH")
            );
        }
    }
    let up = p
        .regie
        .up_to
        .as_ref()
        .map(|u| format!(", {} {u}", t(lang, "mogelijk tot", "possibly up to")))
        .unwrap_or_default();
    let _ =
        writeln!(o, "\nRegie: {} {} ({}{up})", p.regie.level, p.regie.label.get(lang), status(p.regie.status, lang));
    match &p.regiehouder {
        Some(h) => {
            let ask = if h.consent_first {
                format!(", {}", t(lang, "bespreek eerst toestemming", "discuss consent first"))
            } else {
                String::new()
            };
            let _ = writeln!(o, "Regiehouder: {} ({}{ask})", h.label.get(lang), status(h.status, lang));
        }
        None => {
            let _ = writeln!(o, "Regiehouder: ({})", t(lang, "geen voorstel", "none proposed"));
        }
    }
    let _ = writeln!(o, "\n{}", t(lang, "Waarom", "Why"));
    for e in &p.explanations {
        let _ = writeln!(
            o,
            "  - {} [{}; {} {}; {}]",
            e.text.get(lang),
            e.rule,
            t(lang, "bron", "source"),
            e.source,
            status(e.status, lang)
        );
    }
    if !p.questions.is_empty() {
        let _ = writeln!(
            o,
            "\n{}",
            t(lang, "Nog te vragen (kan het voorstel veranderen)", "Still to ask (may change the proposal)")
        );
        o.push_str(&questions(&p.questions, lang));
    }
    if let Some(r) = &p.record {
        o.push_str(&record(r, lang));
    }
    for w in &p.warnings {
        let _ = writeln!(o, "\n{}: {}", t(lang, "Let op", "Note"), w.message.get(lang));
    }
    o
}

/// The record part: the decision that stays, next to the proposal, and the actions.
fn record(r: &RecordStatus, lang: &str) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "\n{}", t(lang, "Dossier", "Record"));
    match &r.decided {
        Some(d) => {
            let _ = writeln!(
                o,
                "  {} {} ({}): regie {}, regiehouder {}",
                t(lang, "MDT-besluit", "MDT decision"),
                d.at,
                d.by,
                d.regie,
                d.regiehouder.as_deref().unwrap_or("-")
            );
        }
        None => {
            let _ = writeln!(o, "  {}", t(lang, "Nog geen MDT-besluit.", "No MDT decision yet."));
        }
    }
    for a in &r.actions {
        let _ = writeln!(o, "  {} {}: {} ({})", t(lang, "actie", "action"), a.offer, a.status, a.at);
    }
    for a in &r.not_proposed_again {
        let _ =
            writeln!(o, "  {} {} ({})", t(lang, "niet opnieuw voorgesteld:", "not proposed again:"), a.offer, a.status);
    }
    if !r.ranges.is_empty() {
        let _ = writeln!(o, "  {} {}", t(lang, "tijd als bereik:", "time as a range:"), r.ranges.join(", "));
    }
    o
}

pub fn questions(qs: &[Question], lang: &str) -> String {
    let mut o = String::new();
    for (i, q) in qs.iter().enumerate() {
        let _ = writeln!(
            o,
            "  {}. {}{} ({}; {} {})",
            i + 1,
            if q.professional_only { t(lang, "[professional] ", "[professional] ") } else { "" },
            q.question.get(lang),
            q.fact,
            t(lang, "raakt", "affects"),
            q.affects.join(", ")
        );
    }
    o
}

pub fn why_not(w: &WhyNot) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "Aanbod `{}`: {}", w.offer, w.status);
    if let Some(d) = &w.declined {
        let _ = writeln!(o, "  {}", d.text.nl());
    }
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
    use wegwijs::check::translations::{COUNT, MISSING};
    let mut o = String::new();
    let (translations, others): (Vec<&Finding>, Vec<&Finding>) =
        fs.iter().partition(|f| f.code == COUNT || f.code == MISSING);
    for f in &others {
        let at = f.location.as_ref().map(|l| format!("{l}: ")).unwrap_or_default();
        let _ = writeln!(o, "{:?}[{}] {at}{}", f.severity, f.code, f.message);
        if let Some(w) = &f.witness {
            let _ = writeln!(o, "    witness (now {}): {}", w.now, serde_json::Value::Object(w.case.clone()));
        }
    }
    let _ = writeln!(o, "{} finding(s)", others.len());
    if !translations.is_empty() {
        let _ = writeln!(o, "\nTranslations (a missing text is read in Dutch; a warning, not an error):");
        for f in translations.iter().filter(|f| f.code == COUNT) {
            let _ = writeln!(o, "  {}", f.message);
        }
        for f in translations.iter().filter(|f| f.code == MISSING) {
            let at = f.location.as_ref().map(|l| format!("{l}: ")).unwrap_or_default();
            let _ = writeln!(o, "  {at}{}", f.message);
        }
    }
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
