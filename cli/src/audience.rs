//! Plain-text rendering of `eval --for`: the victim's or caller's summary as is, a
//! partner handover as a short list.

use std::fmt::Write as _;
use wegwijs::audience::{AudienceView, Handover};

/// `nl` or `en` text by language (the CLI's own words; rule texts come from the rule set).
fn t<'a>(lang: &str, nl: &'a str, en: &'a str) -> &'a str {
    if lang == "nl" {
        nl
    } else {
        en
    }
}

pub fn text(view: &AudienceView, lang: &str) -> String {
    match view {
        AudienceView::Professional(p) => crate::text::proposal(p, lang),
        AudienceView::Summary(s) => s.text.get(lang).to_string(),
        AudienceView::Handover(h) => handover(h, lang),
    }
}

fn handover(h: &Handover, lang: &str) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{}: {}", t(lang, "Overdracht aan", "Handover to"), h.label.get(lang));
    if h.consent {
        let _ = writeln!(o, "{}", t(lang, "Met toestemming.", "With consent."));
    } else if h.legal_grounds.is_empty() {
        let _ =
            writeln!(o, "{}", t(lang, "Geen toestemming: er wordt niets gedeeld.", "No consent: nothing is shared."));
    } else {
        let _ = writeln!(o, "{}", t(lang, "Zonder toestemming, op grond van:", "Without consent, on the ground of:"));
        for g in &h.legal_grounds {
            let _ = writeln!(o, "  - {}", g.get(lang));
        }
    }
    if !h.facts.is_empty() {
        let _ = writeln!(o, "\n{}", t(lang, "Gegevens:", "Facts:"));
        for f in &h.facts {
            let _ = writeln!(o, "  - {}: {}", f.label.get(lang), f.value);
        }
    }
    if !h.referrals.is_empty() {
        let _ = writeln!(o, "\n{}", t(lang, "Voorstel voor deze partner:", "Proposed for this partner:"));
        for r in &h.referrals {
            let deadline = r.deadline.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
            let _ = writeln!(o, "  - {} [{}]{deadline}", r.label.get(lang), r.urgency);
        }
    }
    let _ = writeln!(
        o,
        "\n{}: {} {}, {} {}.",
        t(lang, "Niet gedeeld", "Not shared"),
        h.left_out_facts,
        t(lang, "gegevens", "facts"),
        h.left_out_referrals,
        t(lang, "verwijzingen", "referrals")
    );
    if let Some(v) = &h.own_view {
        let _ = writeln!(o, "{}", v.get(lang));
    }
    o
}
