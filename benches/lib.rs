//! Case corpora shared by the benchmarks: generated from the rule set's own schema with the
//! same generator as the property tests, so every time window and age boundary is hit.

use wegwijs::{Case, Engine, Timestamp};

/// The evaluation time of every benchmark.
pub const NOW: &str = "2026-06-15T12:00:00Z";

/// `n` complete cases and `n` partial ones (about 40 % of the facts unknown).
pub fn corpus(engine: &Engine, n: usize) -> (Vec<Case>, Vec<Case>) {
    let now = Timestamp::parse(NOW).expect("valid").seconds();
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (mut complete, mut partial) = (Vec::new(), Vec::new());
    for _ in 0..n {
        let seeds: Vec<u64> = (0..64).map(|_| next()).collect();
        let mask: Vec<bool> = (0..64).map(|_| next() % 10 < 4).collect();
        let full = wegwijs_tests::complete_case(engine, &seeds, now);
        let part = wegwijs_tests::partial_case(&full, &mask);
        complete.push(engine.case_from_json(&serde_json::Value::Object(full)).expect("valid case"));
        partial.push(engine.case_from_json(&serde_json::Value::Object(part)).expect("valid case"));
    }
    (complete, partial)
}

/// A rule set of `n` generated rules over the mini fixture's schema and catalogue: simple
/// conditions with many different constants (so the case space grows with `n`) and every
/// kind of effect, to measure how `check` grows with the number of rules.
pub fn generated_rules(n: usize) -> Engine {
    use wegwijs::ruleset::source::{DeadlineSource, ReferSource, RegiehouderChoice, RuleSource};
    let mini = wegwijs_tests::load_ruleset("tests/fixtures/mini");
    let mut src = mini.source().clone();
    let template = src.rules[1].clone();
    src.rules.clear();
    src.scenarios = Default::default();
    for i in 0..n {
        let k = i as i64;
        let when = match i % 6 {
            0 => format!("age < {}", 10 + k % 90),
            1 => format!("hours_since(last_incident_at) <= {}", k % 500),
            2 => format!("relation == 'partner' and age >= {}", k % 100),
            3 => format!("fluid_exposure and 'penetratie' in acts and days_since(last_incident_at) < {}", k % 60),
            4 => format!("police_wish in ['aangifte', 'twijfel'] and age > {}", k % 80),
            _ => format!("not fluid_exposure or (region == 'noord' and age * 2 > {})", k % 120),
        };
        let mut rule = RuleSource { id: format!("r{i}"), when, ..template.clone() };
        rule.refer.clear();
        match i % 4 {
            0 => {
                rule.need.insert("hulp".into(), if i % 8 == 0 { "urgent" } else { "aanbod" }.into());
            }
            1 => rule.refer.push(ReferSource {
                offer: ["pep", "aangifte", "melding_vt"][i % 3].into(),
                urgency: if i % 2 == 0 { "direct" } else { "regulier" }.into(),
                deadline: (i % 3 == 0).then(|| DeadlineSource { from: "last_incident_at".into(), hours: 24 + k % 100 }),
            }),
            2 => rule.regie = Some(if i % 5 == 0 { "R3" } else { "R1" }.into()),
            _ => {
                rule.regiehouder = Some(RegiehouderChoice {
                    id: if i % 7 == 0 { "vt" } else { "csg_casemanager" }.into(),
                    rank: k % 100,
                })
            }
        }
        src.rules.push(rule);
    }
    Engine::from_source(src).expect("generated rules load")
}

/// The rule set of [`generated_rules`] as the files of a rule-set folder (`relative path`,
/// `text`) for [`Engine::from_files`]: the mini fixture's files with one generated
/// `rules/generated.toml` instead of its rules (and without its scenarios).
pub fn generated_rule_files(n: usize) -> Vec<(String, String)> {
    let root = wegwijs_tests::repo_root().join("tests/fixtures/mini");
    let mut files = Vec::new();
    for name in ["manifest.toml", "schema.toml", "derived.toml", "offers.toml", "regions.toml"] {
        let text = std::fs::read_to_string(root.join(name)).expect("mini fixture file");
        files.push((name.to_string(), text));
    }
    let mut rules = String::new();
    for rule in &generated_rules(n).source().rules {
        rules.push_str("[[rules]]\n");
        if let serde_json::Value::Object(fields) = serde_json::to_value(rule).expect("rule serializes") {
            for (key, value) in fields {
                rules.push_str(&format!("{key} = {}\n", inline_toml(&value)));
            }
        }
        rules.push('\n');
    }
    files.push(("rules/generated.toml".into(), rules));
    files
}

/// A JSON value as an inline TOML value (JSON string escapes are valid TOML basic strings).
fn inline_toml(value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::Array(items) => format!("[{}]", items.iter().map(inline_toml).collect::<Vec<_>>().join(", ")),
        Value::Object(fields) => {
            let fields: Vec<String> = fields.iter().map(|(k, v)| format!("{k} = {}", inline_toml(v))).collect();
            format!("{{ {} }}", fields.join(", "))
        }
        other => other.to_string(),
    }
}

pub mod peers_baseline;

/// The peer workload (`fixtures/peers/`, see its README): the rule set of the shared
/// rules-engine benchmark translated to a Wegwijs folder, and a sample of its cases.
pub mod peers {
    use super::peers_baseline::{PeerCase, PeerResult};
    use std::path::PathBuf;
    use wegwijs::Engine;
    use wegwijs::Outcome;

    /// `benches/fixtures/peers`.
    pub fn dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/peers")
    }

    /// The translated rule set.
    pub fn engine() -> Engine {
        Engine::load(dir().join("rules")).unwrap_or_else(|e| panic!("the peer rules load:\n{e}"))
    }

    fn jsonl(name: &str) -> Vec<serde_json::Map<String, serde_json::Value>> {
        let text = std::fs::read_to_string(dir().join(name)).expect("fixture readable");
        text.lines().map(|l| serde_json::from_str(l).expect("one JSON object per line")).collect()
    }

    /// The case sample (complete cases, every fact given), as JSON objects.
    pub fn cases() -> Vec<serde_json::Map<String, serde_json::Value>> {
        jsonl("cases.jsonl")
    }

    /// What the shared harness's independent oracle gives for each case of the sample.
    pub fn expected() -> Vec<PeerResult> {
        let offer = |code: &serde_json::Value| {
            let code = code.as_str().expect("a code");
            super::peers_baseline::OFFERS.iter().position(|o| *o == code).expect("a known code")
        };
        jsonl("expected.jsonl")
            .iter()
            .map(|e| PeerResult {
                proposals: e["proposals"].as_array().expect("a list").iter().map(|c| 1u64 << offer(c)).sum(),
                regie: e["regie"].as_u64().expect("a level") as u8,
            })
            .collect()
    }

    /// The sample as typed structs, for the hand-written baseline.
    pub fn typed_cases() -> Vec<PeerCase> {
        cases().iter().map(|c| PeerCase::from_json(c).expect("a complete case")).collect()
    }

    /// The engine's outcome in the baseline's terms: the certain referrals as offer bits
    /// (the folder lists the offers in catalogue order) and the certain regie level (1-based).
    pub fn as_peer_result(outcome: &Outcome) -> PeerResult {
        let proposals = outcome.referrals.iter().filter(|r| r.certain).map(|r| 1u64 << r.offer).sum();
        PeerResult { proposals, regie: outcome.regie.certain + 1 }
    }
}
