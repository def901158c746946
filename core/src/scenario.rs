//! Scenario tests carried by the rule set (`scenarios/*.toml`), run by `wegwijs test`.

use crate::engine::{Engine, Timestamp};
use crate::result::{Proposal, Status};
use crate::suggest;
use serde::Serialize;

/// The outcome of one scenario.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScenarioResult {
    /// Scenario id.
    pub id: String,
    /// What the scenario is.
    pub description: String,
    /// Every expectation that did not hold (empty = passed).
    pub failures: Vec<String>,
}

impl ScenarioResult {
    /// Whether every expectation held.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

impl Engine {
    /// Runs every scenario of the rule set. A bundle's scenarios are parsed here; if they
    /// do not parse, the one result is a failure that says where (id `scenarios`).
    pub fn run_scenarios(&self) -> Vec<ScenarioResult> {
        match self.source().scenarios.parsed() {
            Ok(list) => list.iter().map(|s| self.run_scenario(s)).collect(),
            Err(e) => vec![ScenarioResult {
                id: "scenarios".into(),
                description: "the rule set's scenarios".into(),
                failures: vec![format!("they do not parse: {e}")],
            }],
        }
    }

    fn run_scenario(&self, s: &crate::ruleset::source::ScenarioSource) -> ScenarioResult {
        let mut failures = Vec::new();
        let result = Timestamp::parse(&s.now).map_err(|e| e.to_string()).and_then(|now| {
            let case = self.case_from_json(&serde_json::Value::Object(s.case.clone())).map_err(|e| e.to_string())?;
            Ok(self.evaluate(&case, now).proposal())
        });
        match result {
            Ok(p) => check(self, &s.expect, &p, &mut failures),
            Err(e) => failures.push(e),
        }
        ScenarioResult { id: s.id.clone(), description: s.description.clone(), failures }
    }
}

fn check(engine: &Engine, e: &crate::ruleset::source::ExpectSource, p: &Proposal, failures: &mut Vec<String>) {
    let src = engine.source();
    let offers: Vec<&str> = src.offers.iter().map(|o| o.id.as_str()).collect();
    let referral = |id: &str| p.referrals.iter().find(|r| r.offer == id);
    let known_offer = |id: &str, failures: &mut Vec<String>| {
        let ok = offers.contains(&id);
        if !ok {
            failures.push(format!("`{id}` is not an offer ({})", suggest::hint(id, offers.iter().copied())));
        }
        ok
    };
    for id in &e.referrals {
        if known_offer(id, failures) {
            match referral(id) {
                Some(r) if r.status == Status::Certain => {}
                Some(_) => failures.push(format!("referral `{id}` is only possible, expected certain")),
                None => failures.push(format!("referral `{id}` is missing")),
            }
        }
    }
    for id in &e.possible {
        if known_offer(id, failures) {
            match referral(id) {
                Some(r) if r.status == Status::Possible => {}
                Some(_) => failures.push(format!("referral `{id}` is certain, expected possible")),
                None => failures.push(format!("referral `{id}` is missing, expected possible")),
            }
        }
    }
    for id in &e.absent {
        if known_offer(id, failures) && referral(id).is_some() {
            failures.push(format!("referral `{id}` is proposed, expected absent"));
        }
    }
    let against_wish = e.against_wish.as_deref().unwrap_or_default();
    for id in against_wish {
        if known_offer(id, failures) {
            match referral(id) {
                Some(r) if r.overridden() => {}
                Some(_) => failures.push(format!("referral `{id}` is not marked against_wish")),
                None => failures.push(format!("referral `{id}` is missing, expected against_wish")),
            }
        }
    }
    for r in &p.referrals {
        if r.overridden() && e.against_wish.is_some() && !against_wish.contains(&r.offer) {
            failures.push(format!("referral `{}` is against_wish, which the scenario does not expect", r.offer));
        }
    }
    if let Some(level) = &e.regie {
        if &p.regie.level != level || p.regie.status != Status::Certain {
            failures.push(format!("regie is {} ({:?}), expected {level} (certain)", p.regie.level, p.regie.status));
        }
    }
    if let Some(id) = &e.regiehouder {
        match &p.regiehouder {
            Some(h) if &h.id == id => {}
            Some(h) => failures.push(format!("regiehouder is {}, expected {id}", h.id)),
            None => failures.push(format!("no regiehouder, expected {id}")),
        }
    }
    if let Some(want) = e.regiehouder_consent_first {
        match &p.regiehouder {
            Some(h) if h.consent_first == want => {}
            Some(h) => failures.push(format!(
                "regiehouder `{}` is {}marked 'bespreek eerst toestemming', expected {}",
                h.id,
                if h.consent_first { "" } else { "not " },
                if want { "marked" } else { "unmarked" }
            )),
            None => failures.push("no regiehouder, expected one (for regiehouder_consent_first)".to_string()),
        }
    }
    for (area, level) in &e.needs {
        match p.needs.iter().find(|n| &n.area == area) {
            Some(n) if &n.level == level => {}
            Some(n) => failures.push(format!("need {area} is {}, expected {level}", n.level)),
            None => failures.push(format!("`{area}` is not an area")),
        }
    }
    for (offer, urgency) in &e.urgency {
        match p.referrals.iter().find(|r| &r.offer == offer) {
            Some(r) if &r.urgency == urgency => {}
            Some(r) => failures.push(format!("referral `{offer}` has urgency {}, expected {urgency}", r.urgency)),
            None => failures.push(format!("referral `{offer}` is missing, expected with urgency {urgency}")),
        }
    }
    if let Some(voice) = &e.voice {
        if p.voice.as_ref() != Some(voice) {
            failures.push(format!("voice is {}, expected {voice}", p.voice.as_deref().unwrap_or("none")));
        }
    }
    for fact in &e.questions {
        if !p.questions.iter().any(|q| &q.fact == fact) {
            failures.push(format!("question `{fact}` is not asked"));
        }
    }
    for fact in &e.no_questions {
        if p.questions.iter().any(|q| &q.fact == fact) {
            failures.push(format!("question `{fact}` is asked, expected not"));
        }
    }
}
