//! Plain-text rendering of results for people at a terminal.

use crate::labels::Labels;
use std::fmt::Write as _;
use wegwijs::check::Finding;
use wegwijs::result::{Marker, Proposal, Question, RecordStatus, Status};
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

pub fn proposal(p: &Proposal, labels: &Labels, lang: &str) -> String {
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
    let _ =
        writeln!(o, "{}\n", t(lang, "Dit is een voorstel; het MDT beslist.", "This is a proposal; the MDT decides."));
    if p.questions_first {
        o.push_str(&questions_first(p, labels, lang));
        return o;
    }
    let _ = writeln!(o, "{}", t(lang, "Behoeften per domein", "Needs per area"));
    for n in &p.needs {
        let up = n
            .up_to
            .as_ref()
            .map(|u| format!(", {} {}", t(lang, "mogelijk tot", "possibly up to"), labels.need(u, lang)))
            .unwrap_or_default();
        let _ = writeln!(o, "  {:<16} {}{up}", labels.area(&n.area, lang), labels.need(&n.level, lang));
    }
    let _ = writeln!(o, "\n{}", t(lang, "Verwijzingen", "Referrals"));
    if p.referrals.is_empty() {
        let _ = writeln!(o, "  ({})", t(lang, "geen", "none"));
    }
    for r in &p.referrals {
        let _ = write!(
            o,
            "  [{}] {} ({}, {})",
            labels.urgency(&r.urgency, lang),
            r.label.get(lang),
            labels.area(&r.area, lang),
            status(r.status, lang)
        );
        if let Some(d) = &r.deadline {
            let _ = write!(o, ", {} {d}", t(lang, "uiterlijk", "deadline"));
        }
        if let Some(provider) = &r.provider {
            let _ = write!(o, " — {provider}");
        }
        let _ = writeln!(o);
        if let Some(rejected) = &r.rejected {
            let _ = writeln!(o, "      {}", rejected.text.get(lang));
        }
        for m in [&r.against_wish, &r.outside_consent].into_iter().flatten() {
            o.push_str(&marker(m, lang));
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
    // In a case record the decided regiehouder stays until the MDT decides otherwise: the
    // headline shows it, and the proposal next to it.
    let decided = p.record.as_ref().and_then(|r| r.decided.as_ref()).filter(|d| d.regiehouder.is_some());
    match (&p.regiehouder, decided) {
        (proposed, Some(d)) => {
            let assigned = d.regiehouder.as_deref().unwrap_or_default();
            let now = match proposed {
                Some(h) if h.id != assigned => {
                    format!(", {} {}", t(lang, "voorstel nu:", "proposed now:"), h.label.get(lang))
                }
                _ => String::new(),
            };
            let _ = writeln!(
                o,
                "Regiehouder: {} (MDT {}){now}",
                labels.regiehouder(assigned, lang),
                labels.date(&d.at, lang)
            );
        }
        (Some(h), None) => {
            let ask = if h.consent_first {
                format!(", {}", t(lang, "bespreek eerst toestemming", "discuss consent first"))
            } else {
                String::new()
            };
            let _ = writeln!(o, "Regiehouder: {} ({}{ask})", h.label.get(lang), status(h.status, lang));
        }
        (None, None) => {
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
        o.push_str(&questions(&p.questions, labels, lang));
    }
    if let Some(r) = &p.record {
        o.push_str(&record(r, labels, lang));
    }
    for w in &p.warnings {
        let _ = writeln!(o, "\n{}: {}", t(lang, "Let op", "Note"), w.message.get(lang));
    }
    o
}

/// A referral's marker: its headline, the ground it rests on, and the override's reason.
pub fn marker(m: &Marker, lang: &str) -> String {
    let mut o = format!("      {}", m.label.get(lang));
    if let Some(g) = &m.ground {
        let _ = write!(o, " — {}: {}", t(lang, "grond", "ground"), g.get(lang));
    }
    o.push('\n');
    if let Some(r) = &m.reason {
        let _ = writeln!(o, "        {}", r.get(lang));
    }
    o
}

/// A new or nearly empty case: the first questions, then the referrals that are proposed
/// whatever the answers (the certain ones), then how many depend on the answers — not a
/// regie level and dozens of possible referrals.
fn questions_first(p: &Proposal, labels: &Labels, lang: &str) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{}", t(lang, "Nieuwe zaak: eerst deze vragen", "New case: these questions first"));
    const FIRST: usize = 5;
    o.push_str(&questions(&p.questions[..p.questions.len().min(FIRST)], labels, lang));
    if p.questions.len() > FIRST {
        let more = p.questions.len() - FIRST;
        let _ = writeln!(o, "  … {more} {}", t(lang, "vragen meer (--format json)", "more questions (--format json)"));
    }
    let certain: Vec<_> = p.referrals.iter().filter(|r| r.status == Status::Certain).collect();
    let _ = writeln!(o, "\n{}", t(lang, "Wat in elk geval kan", "What is possible whatever the answers"));
    if certain.is_empty() {
        let _ = writeln!(o, "  ({})", t(lang, "nog niets", "nothing yet"));
    }
    for r in &certain {
        let _ = write!(o, "  {} ({})", r.label.get(lang), r.area);
        if let Some(provider) = &r.provider {
            let _ = write!(o, " — {provider}");
        }
        let _ = writeln!(o);
    }
    let possible = p.referrals.len() - certain.len();
    if possible > 0 {
        let _ = writeln!(
            o,
            "\n{} {possible} {}",
            t(lang, "Nog", "Another"),
            t(
                lang,
                "verwijzingen hangen af van de antwoorden op de vragen hierboven.",
                "referrals depend on the answers to the questions above."
            )
        );
    }
    for w in &p.warnings {
        let _ = writeln!(o, "\n{}: {}", t(lang, "Let op", "Note"), w.message.get(lang));
    }
    o
}

/// The record part: the decision that stays, next to the proposal, and the actions.
fn record(r: &RecordStatus, labels: &Labels, lang: &str) -> String {
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
                d.regiehouder.as_deref().map_or_else(|| "-".to_string(), |h| labels.regiehouder(h, lang))
            );
        }
        None => {
            let _ = writeln!(o, "  {}", t(lang, "Nog geen MDT-besluit.", "No MDT decision yet."));
        }
    }
    for a in &r.actions {
        let _ =
            writeln!(o, "  {} {}: {} ({})", t(lang, "actie", "action"), labels.offer(&a.offer, lang), a.status, a.at);
    }
    for a in &r.not_proposed_again {
        let _ = writeln!(
            o,
            "  {} {} ({})",
            t(lang, "niet opnieuw voorgesteld:", "not proposed again:"),
            labels.offer(&a.offer, lang),
            a.status
        );
    }
    if !r.ranges.is_empty() {
        let ranges: Vec<String> = r.ranges.iter().map(|f| labels.fact(f, lang)).collect();
        let _ = writeln!(o, "  {} {}", t(lang, "tijd als bereik:", "time as a range:"), ranges.join(", "));
    }
    for f in &r.facts_changed {
        let _ = writeln!(
            o,
            "  {} {}",
            t(lang, "veranderd sinds het besluit:", "changed since the decision:"),
            f.text.get(lang)
        );
    }
    for n in &r.renewed {
        let _ = writeln!(o, "  {} {}", t(lang, "opnieuw nodig:", "needed again:"), n.label.get(lang));
    }
    for d in &r.deadline_ranges {
        let _ = writeln!(o, "  {} {}", d.offer, d.text.get(lang));
    }
    o
}

pub fn questions(qs: &[Question], labels: &Labels, lang: &str) -> String {
    let mut o = String::new();
    for (i, q) in qs.iter().enumerate() {
        let _ = writeln!(
            o,
            "  {}. {}{} ({}; {} {})",
            i + 1,
            if q.professional_only { t(lang, "[professional] ", "[professional] ") } else { "" },
            q.question.get(lang),
            q.label.get(lang),
            t(lang, "raakt", "affects"),
            q.affects.iter().map(|a| labels.affects(a, lang)).collect::<Vec<_>>().join("; ")
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

/// `wegwijs verify`: one line per decision, then the verdict.
pub fn verification(v: &wegwijs::Verification) -> String {
    let name = |x: &dyn erased::Name| x.name();
    let mut o = String::new();
    for d in &v.decisions {
        let needed = d.ruleset_needed.as_deref().map(|h| format!(" (needs {h})")).unwrap_or_default();
        let _ = writeln!(
            o,
            "decisions[{}] {}: decision {}, proposal {}, chain {}, case {}, rule set {}{needed}{}",
            d.index,
            d.at,
            name(&d.decision),
            name(&d.proposal),
            name(&d.chain),
            name(&d.case),
            name(&d.ruleset),
            if d.verified() { "" } else { "  <-- NOT VERIFIED" }
        );
    }
    let verdict = match (v.decisions.is_empty(), v.verified) {
        (true, _) => "no decisions to verify",
        (false, true) => "every decision verified",
        (false, false) => "NOT every decision verified: see the lines marked above (docs/case-record.md)",
    };
    let _ = writeln!(o, "{verdict}");
    o
}

/// The JSON name of a verification status.
mod erased {
    /// A status with its JSON name.
    pub trait Name {
        /// The JSON name (`ok`, `mismatch`, …).
        fn name(&self) -> String;
    }
    impl<T: serde::Serialize> Name for T {
        fn name(&self) -> String {
            serde_json::to_value(self).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
        }
    }
}
