//! Rule-set analysis (`wegwijs check`, `Engine::diff`): every seeded defect in
//! `tests/analysis/<defect>/` is found with the right code, and its witness, evaluated by
//! the engine, shows the defect. The national rules check clean, and the JSON Schemas in
//! `schema/` accept every rule file in the repository.

use serde_json::Value as Json;
use std::path::{Path, PathBuf};
use wegwijs::check::{Finding, Severity, Witness};
use wegwijs::{Engine, Evaluation, Timestamp, Tri};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ is in the repository").to_path_buf()
}

fn fixture(name: &str) -> Engine {
    let dir = repo().join("tests/analysis").join(name);
    Engine::load(&dir).unwrap_or_else(|e| panic!("{} does not load:\n{e}", dir.display()))
}

/// The only finding with `code` (panics with every finding otherwise).
fn the<'a>(findings: &'a [Finding], code: &str) -> &'a Finding {
    let found: Vec<&Finding> = findings.iter().filter(|f| f.code == code).collect();
    assert_eq!(found.len(), 1, "expected one `{code}` finding, got:\n{findings:#?}");
    found[0]
}

fn no_problems_but(findings: &[Finding], allowed: &[&str]) {
    let problems: Vec<&Finding> =
        findings.iter().filter(|f| f.severity >= Severity::Warning && !allowed.contains(&f.code.as_str())).collect();
    assert!(problems.is_empty(), "unexpected findings: {problems:#?}");
}

fn witness(f: &Finding) -> &Witness {
    f.witness.as_ref().unwrap_or_else(|| panic!("`{}` has no witness: {f:#?}", f.code))
}

/// Evaluates a witness exactly as `wegwijs eval --now <now> witness.json` would.
fn eval(engine: &Engine, w: &Witness) -> Evaluation {
    let case = engine.case_from_json(&Json::Object(w.case.clone())).expect("the witness is a valid case");
    engine.evaluate(&case, Timestamp::parse(&w.now).expect("the witness time parses"))
}

fn rule(engine: &Engine, id: &str) -> usize {
    engine.source().rules.iter().position(|r| r.id == id).unwrap_or_else(|| panic!("no rule `{id}`"))
}

fn offer(engine: &Engine, id: &str) -> u16 {
    engine.source().offers.iter().position(|o| o.id == id).unwrap_or_else(|| panic!("no offer `{id}`")) as u16
}

fn level(ids: &[wegwijs::ruleset::source::Labelled], id: &str) -> u8 {
    ids.iter().position(|l| l.id == id).unwrap_or_else(|| panic!("no level `{id}`")) as u8
}

/// A witness of a gap is a complete case: every fact of the schema has a value.
fn assert_complete(engine: &Engine, w: &Witness) {
    for f in &engine.source().schema.facts {
        assert!(
            w.case.get(&f.id).is_some_and(|v| !v.is_null()),
            "fact `{}` missing from the complete witness {w:?}",
            f.id
        );
    }
}

/// What an evaluation proposes (with the provider per referral), without which rules
/// proposed it.
fn effects(ev: &Evaluation) -> String {
    let o = ev.outcome();
    let providers: Vec<Option<String>> = ev.proposal().referrals.into_iter().map(|r| r.provider).collect();
    let referrals: Vec<_> =
        o.referrals.iter().map(|r| (r.offer, r.certain, r.urgency, r.deadline, r.against_wish)).collect();
    format!(
        "{:?} {:?} {:?} {:?} {providers:?}",
        o.needs,
        o.regie,
        o.regiehouder.as_ref().map(|h| (h.id, h.certain)),
        referrals
    )
}

#[test]
fn the_clean_rule_set_has_no_findings_and_its_properties_are_proven() {
    let findings = fixture("clean").check();
    no_problems_but(&findings, &[]);
    assert_eq!(findings.iter().filter(|f| f.code == "property-proven").count(), 5, "{findings:#?}");
}

#[test]
fn the_mini_fixture_has_only_its_seeded_region_gap() {
    let engine = Engine::load(repo().join("tests/fixtures/mini")).unwrap();
    let findings = engine.check();
    assert!(findings.iter().any(|f| f.code == "region-gap"), "{findings:#?}");
    no_problems_but(&findings, &["region-gap"]);
}

#[test]
fn a_rule_that_can_never_fire_is_dead_and_says_why() {
    let engine = fixture("dead-rule");
    let findings = engine.check();
    let f = the(&findings, "dead-rule");
    assert_eq!(f.severity, Severity::Warning);
    assert!(
        f.message.contains("`pep-volwassen-kind`")
            && f.message.contains("`minderjarig` and `age > 30` exclude each other"),
        "{}",
        f.message
    );
    let loc = f.location.as_ref().expect("located");
    assert!(loc.file.ends_with("rules/main.toml") && loc.path == "rules[3].when" && loc.line > 0, "{loc:?}");
    assert!(f.witness.is_none());
    no_problems_but(&findings, &["dead-rule"]);
}

#[test]
fn a_rule_whose_effects_are_always_outdone_is_shadowed() {
    let engine = fixture("shadowed-rule");
    let findings = engine.check();
    let f = the(&findings, "shadowed-rule");
    assert!(f.message.contains("`vt-gezin`") && f.message.contains("`huiselijk-minderjarig`"), "{}", f.message);
    let w = witness(f);
    assert_complete(&engine, w);
    let ev = eval(&engine, w);
    let i = rule(&engine, "vt-gezin");
    assert_eq!(ev.rule_status()[i], Tri::True, "the shadowed rule fires in its witness");
    // Without the rule, the witness gets exactly the same outcome.
    let mut source = engine.source().clone();
    source.rules.remove(i);
    let without = Engine::from_source(source).unwrap();
    assert_eq!(effects(&ev), effects(&eval(&without, w)));
    no_problems_but(&findings, &["shadowed-rule"]);
}

#[test]
fn two_regiehouders_of_equal_top_rank_are_a_conflict() {
    let engine = fixture("regiehouder-tie");
    let findings = engine.check();
    let f = the(&findings, "regiehouder-tie");
    assert!(
        f.message.contains("`csg_casemanager`") && f.message.contains("`vt`") && f.message.contains("rank 90"),
        "{}",
        f.message
    );
    let ev = eval(&engine, witness(f));
    let src = &engine.source().rules;
    let top: Vec<(&str, i64)> = src
        .iter()
        .zip(ev.rule_status())
        .filter(|(_, &st)| st == Tri::True)
        .filter_map(|(r, _)| r.regiehouder.as_ref().map(|h| (h.id.as_str(), h.rank)))
        .collect();
    let best = top.iter().map(|t| t.1).max().expect("candidates in the witness");
    let mut at_best: Vec<&str> = top.iter().filter(|t| t.1 == best).map(|t| t.0).collect();
    at_best.sort_unstable();
    at_best.dedup();
    assert_eq!(at_best, ["csg_casemanager", "vt"], "the witness shows the tie: {top:?}");
}

#[test]
fn an_ordinary_rule_whose_offer_wish_never_holds_is_wish_blocked() {
    let engine = fixture("wish-blocked");
    let findings = engine.check();
    let f = the(&findings, "wish-blocked");
    assert!(f.message.contains("`aangifte-zonder-wens`") && f.message.contains("`aangifte`"), "{}", f.message);
    assert_eq!(f.location.as_ref().unwrap().path, "rules[3].refer[0]");
    let ev = eval(&engine, witness(f));
    assert_eq!(ev.rule_status()[rule(&engine, "aangifte-zonder-wens")], Tri::True);
    let aangifte = offer(&engine, "aangifte");
    assert!(ev.outcome().referrals.iter().all(|r| r.offer != aangifte), "the rule fires but the offer is not proposed");
    no_problems_but(&findings, &["wish-blocked"]);
}

#[test]
fn regie_without_a_regiehouder_is_a_gap_with_a_complete_witness() {
    let engine = fixture("gap-no-regiehouder");
    let findings = engine.check();
    let f = the(&findings, "gap-no-regiehouder");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.location.as_ref().unwrap().path, "rules[3].regie");
    let w = witness(f);
    assert_complete(&engine, w);
    let o = eval(&engine, w).outcome().clone();
    assert!(o.regie.certain >= level(&engine.source().manifest.regie_levels, "R1"), "{o:?}");
    assert!(o.regiehouder.is_none(), "{o:?}");
}

#[test]
fn a_complete_case_that_no_rule_covers_is_a_gap() {
    let engine = fixture("gap-no-rule");
    let findings = engine.check();
    let f = the(&findings, "gap-no-rule");
    let w = witness(f);
    assert_complete(&engine, w);
    let ev = eval(&engine, w);
    assert!(ev.rule_status().iter().all(|&s| s == Tri::False), "no rule fires: {:?}", ev.rule_status());
    let p = ev.proposal();
    assert!(p.referrals.is_empty() && p.regiehouder.is_none());
}

#[test]
fn an_offer_only_dead_rules_refer_to_is_never_proposed() {
    let findings = fixture("offer-never-proposed").check();
    let f = the(&findings, "offer-never-proposed");
    assert!(f.message.contains("`nazorg`") && f.message.contains("`nazorg-ouderen`"), "{}", f.message);
    assert_eq!(f.location.as_ref().unwrap().path, "offers[3].id");
    assert!(the(&findings, "dead-rule").message.contains("`age > 120` holds in no case"));
}

#[test]
fn facts_that_nothing_reads_or_only_dead_rules_read_are_reported_once() {
    let findings = fixture("fact-never-read").check();
    let unread: Vec<&Finding> = findings.iter().filter(|f| f.code == "fact-never-read").collect();
    assert_eq!(unread.len(), 2, "{findings:#?}");
    assert!(unread.iter().any(|f| f.message.contains("`hobby`")));
    assert!(unread.iter().any(|f| f.message.contains("`school`") && f.message.contains("`school-volwassen-kind`")));
    assert!(unread.iter().all(|f| f.severity == Severity::Info && f.location.is_some()));
}

#[test]
fn a_violated_property_comes_with_a_counterexample() {
    let engine = fixture("property-violated");
    let findings = engine.check();
    let violated: Vec<&Finding> = findings.iter().filter(|f| f.code == "property-violated").collect();
    assert_eq!(violated.len(), 2, "{findings:#?}");
    let f = violated
        .iter()
        .find(|f| f.message.contains("`minderjarige-huiselijk-melding`"))
        .expect("the reporting property fails");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.location.as_ref().unwrap().path, "properties[0].assert");
    let w = witness(f);
    // The counterexample: a minor with a domestic perpetrator, and no report to Veilig Thuis.
    let age = w.case["age"].as_i64().expect("the witness has an age");
    assert!(age < 18 && ["partner", "gezinslid"].contains(&w.case["relation"].as_str().unwrap()), "{w:?}");
    let vt = offer(&engine, "melding_vt");
    assert!(eval(&engine, w).outcome().referrals.iter().all(|r| r.offer != vt));
    // The other properties still hold.
    assert_eq!(findings.iter().filter(|f| f.code == "property-proven").count(), 3);
}

#[test]
fn a_rule_that_lowers_regie_when_a_risk_rises_breaks_monotonicity() {
    let engine = fixture("monotone-violated");
    let findings = engine.check();
    let f = the(&findings, "monotone-violated");
    assert!(f.message.contains("`fluid_exposure` from false to true lowers regie from R3"), "{}", f.message);
    let w = witness(f);
    assert_eq!(w.case["fluid_exposure"], Json::Bool(false));
    let before = eval(&engine, w).outcome().regie;
    let mut raised = w.clone();
    raised.case.insert("fluid_exposure".into(), Json::Bool(true));
    let after = eval(&engine, &raised).outcome().regie;
    assert!(after.up_to < before.certain, "regie {before:?} -> {after:?}");
}

#[test]
fn findings_serialize_to_json_for_editors() {
    let findings = fixture("gap-no-regiehouder").check();
    let json: Json = serde_json::to_value(&findings).unwrap();
    let gap = json.as_array().unwrap().iter().find(|f| f["code"] == "gap-no-regiehouder").expect("in the JSON");
    assert_eq!(gap["severity"], "error");
    assert!(gap["location"]["line"].as_u64().unwrap() > 0);
    assert_eq!(gap["witness"]["now"], "2026-03-02T12:00:00Z");
    assert!(gap["witness"]["case"]["relation"].is_string());
}

#[test]
fn diff_finds_every_class_of_changed_cases_with_witnesses() {
    let (old, new) = (fixture("clean"), fixture("diff-new"));
    let classes = old.diff(&new);
    assert!(!classes.is_empty());
    assert!(classes.iter().all(|c| !c.incomplete && c.witness.is_some()), "{classes:#?}");
    // The PEP window shrank from 72 to 48 hours: PEP, its urgent need, regie R1 and the CSG case
    // manager disappear for incidents 49 to 72 hours ago; and PEP has a new provider in the north.
    let expect = [
        ("referral:pep", "direct", "absent"),
        ("need:hulp", "urgent", "geen"),
        ("regie", "R1", "R0"),
        ("regiehouder", "csg_casemanager", "none"),
        ("provider:pep:noord", "CSG Noord", "CSG Noord-Holland"),
    ];
    for (outcome, was, now) in expect {
        let class = classes
            .iter()
            .find(|c| c.outcome == outcome && c.old == was && c.new == now)
            .unwrap_or_else(|| panic!("no class {outcome} {was} -> {now}: {classes:#?}"));
        let w = class.witness.as_ref().unwrap();
        let (a, b) = (eval(&old, w), eval(&new, w));
        if outcome == "referral:pep" {
            let pep = offer(&old, "pep");
            assert!(a.outcome().referrals.iter().any(|r| r.offer == pep && r.certain));
            assert!(b.outcome().referrals.iter().all(|r| r.offer != pep));
        }
        assert_ne!(effects(&a), effects(&b), "the witness of {outcome} shows a change");
    }
    // Every class is a real change: old and new outcomes differ on its witness.
    for c in &classes {
        let w = c.witness.as_ref().unwrap();
        assert_ne!(effects(&eval(&old, w)), effects(&eval(&new, w)), "{c:?}");
    }
    assert_eq!(classes.len(), expect.len(), "{classes:#?}");
}

#[test]
fn diff_of_a_rule_set_with_itself_is_empty() {
    assert!(fixture("clean").diff(&fixture("clean")).is_empty());
    assert!(Engine::national().diff(&Engine::national()).is_empty());
}

#[test]
fn the_national_rules_check_clean() {
    let findings = Engine::national().check();
    no_problems_but(&findings, &[]);
}

#[test]
fn the_national_properties_hold_on_the_national_rules() {
    let engine = Engine::national();
    let findings = engine.check();
    no_problems_but(&findings, &[]);
    let declared = engine.source().properties.len();
    assert!(declared >= 20);
    assert_eq!(findings.iter().filter(|f| f.code == "property-proven").count(), declared, "{findings:#?}");
}

/// Which schema a rule-set file is validated against.
fn schema_for(relative: &Path) -> Option<&'static str> {
    let parent = relative.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()).unwrap_or("");
    let stem = relative.file_stem()?.to_str()?;
    Some(match (parent, stem) {
        ("rules", _) => "rules",
        ("scenarios", _) => "scenarios",
        (_, "manifest" | "schema" | "derived" | "offers" | "regions" | "properties") => match stem {
            "manifest" => "manifest",
            "schema" => "schema",
            "derived" => "derived",
            "offers" => "offers",
            "regions" => "regions",
            _ => "properties",
        },
        _ => return None,
    })
}

fn validator(kind: &str) -> jsonschema::Validator {
    let path = repo().join("schema").join(format!("{kind}.schema.json"));
    let schema: Json = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{} is not a valid JSON Schema: {e}", path.display()))
}

fn toml_json(path: &Path) -> Json {
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn rule_set_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for sub in ["", "rules", "scenarios"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        out.extend(
            entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "toml")),
        );
    }
    out.sort();
    out
}

#[test]
fn the_json_schemas_accept_every_rule_file_in_the_repository() {
    let mut dirs = vec![repo().join("rules"), repo().join("tests/fixtures/mini")];
    let mut analysis: Vec<PathBuf> =
        std::fs::read_dir(repo().join("tests/analysis")).unwrap().filter_map(Result::ok).map(|e| e.path()).collect();
    analysis.sort();
    dirs.extend(analysis);
    let mut checked = 0;
    for dir in &dirs {
        for file in rule_set_files(dir) {
            let relative = file.strip_prefix(dir).unwrap();
            let Some(kind) = schema_for(relative) else {
                continue;
            };
            let errors: Vec<String> = validator(kind)
                .iter_errors(&toml_json(&file))
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(
                errors.is_empty(),
                "{} does not match schema/{kind}.schema.json:\n{}",
                file.display(),
                errors.join("\n")
            );
            checked += 1;
        }
    }
    assert!(rule_set_files(&repo().join("rules")).len() >= 8 && checked > 50, "only {checked} files checked");
    assert!(validator("properties").is_valid(&toml_json(&repo().join("rules/properties.toml"))));
}

#[test]
fn the_json_schemas_reject_what_the_loader_rejects() {
    let rules = validator("rules");
    let ok = serde_json::json!({ "rules": [{ "id": "a", "when": "true", "source": "R1", "because": { "nl": "x" }, "regie": "R1" }] });
    assert!(rules.is_valid(&ok));
    let no_effect =
        serde_json::json!({ "rules": [{ "id": "a", "when": "true", "source": "R1", "because": { "nl": "x" } }] });
    let unknown_key = serde_json::json!({ "rules": [{ "id": "a", "when": "true", "source": "R1", "because": { "nl": "x" }, "regie": "R1", "wehn": "x" }] });
    let no_dutch = serde_json::json!({ "rules": [{ "id": "a", "when": "true", "source": "R1", "because": { "en": "x" }, "regie": "R1" }] });
    let bad_id = serde_json::json!({ "rules": [{ "id": "Hoofdletter", "when": "true", "source": "R1", "because": { "nl": "x" }, "regie": "R1" }] });
    for bad in [no_effect, unknown_key, no_dutch, bad_id] {
        assert!(!rules.is_valid(&bad), "accepted {bad}");
    }
    let schema = validator("schema");
    let fact = |extra: Json| {
        let mut f =
            serde_json::json!({ "id": "age", "section": "s", "label": { "nl": "L" }, "question": { "nl": "Q?" } });
        f.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        serde_json::json!({ "sections": [{ "id": "s", "label": { "nl": "S" } }], "facts": [f] })
    };
    assert!(schema.is_valid(&fact(serde_json::json!({ "type": "int", "min": 0, "max": 120 }))));
    assert!(!schema.is_valid(&fact(serde_json::json!({ "type": "int" }))), "an int needs min and max");
    assert!(!schema.is_valid(&fact(serde_json::json!({ "type": "enum" }))), "an enum needs values");
    assert!(!schema.is_valid(&fact(serde_json::json!({ "type": "bool", "values": ["a"] }))), "a bool has no values");
    assert!(!schema.is_valid(&fact(serde_json::json!({ "type": "text" }))), "unknown type");
    let props = validator("properties");
    assert!(props.is_valid(&serde_json::json!({ "properties": [{ "id": "p", "monotone": { "fact": "strangulation", "outcome": "need:veiligheid" } }] })));
    assert!(
        !props.is_valid(&serde_json::json!({ "properties": [{ "id": "p" }] })),
        "a property needs assert or monotone"
    );
}

#[test]
fn a_derived_fact_that_nothing_reads_is_reported_and_the_national_rules_have_none() {
    let engine = Engine::load(repo().join("tests/fixtures/derived-never-read")).unwrap();
    let findings = engine.check();
    let unread = the(&findings, "derived-never-read");
    assert_eq!(unread.severity, Severity::Warning);
    assert!(unread.message.contains("`ongebruikt`"), "{unread:#?}");
    let at = unread.location.as_ref().expect("a place");
    assert!(at.file.ends_with("derived.toml"), "{at:?}");
    // Read only by another derived fact, or only in a `because` template: both count.
    no_problems_but(&findings, &["derived-never-read"]);
    let national = Engine::national().check();
    assert!(!national.iter().any(|f| f.code == "derived-never-read"), "{national:#?}");
}
