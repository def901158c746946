//! Conformance vectors per audience (issue 11): `tests/conformance/audience/NAME.for.json`
//! (rule set, time, case, audience and, optionally, the language `lang` the output is
//! narrowed to) and the exact bytes in `NAME.expected.json`. The Python and WebAssembly
//! suites check the same files. `WEGWIJS_BLESS=1` rewrites them.

use wegwijs::audience::Audience;
use wegwijs::Timestamp;
use wegwijs_tests::{load_ruleset, repo_root};

#[test]
fn every_audience_vector_gives_the_expected_bytes() {
    let dir = repo_root().join("tests/conformance/audience");
    let mut files: Vec<_> =
        std::fs::read_dir(&dir).expect("vectors").filter_map(Result::ok).map(|e| e.path()).collect();
    files.retain(|p| p.to_string_lossy().ends_with(".for.json"));
    files.sort();
    assert!(files.len() >= 20, "expected at least 20 audience vectors, found {}", files.len());
    let audiences: std::collections::BTreeSet<String> = files
        .iter()
        .map(|p| p.to_string_lossy().rsplit("--").next().unwrap().trim_end_matches(".for.json").to_string())
        .collect();
    for a in ["slachtoffer", "melder", "professional", "politie"] {
        assert!(audiences.contains(a), "no vector for audience {a}");
    }
    let bless = std::env::var("WEGWIJS_BLESS").is_ok_and(|v| v == "1");
    let mut failures = Vec::new();
    let mut languages = std::collections::BTreeSet::new();
    for path in &files {
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let engine = load_ruleset(v["ruleset"].as_str().unwrap());
        let case = engine.case_from_json(&v["case"]).unwrap();
        let ev = engine.evaluate(&case, Timestamp::parse(v["now"].as_str().unwrap()).unwrap());
        let audience = Audience::parse(v["for"].as_str().unwrap());
        let view = match v["lang"].as_str() {
            Some(lang) => {
                languages.insert(lang.to_string());
                ev.for_audience_in(&audience, lang).unwrap()
            }
            None => ev.for_audience(&audience).unwrap(),
        };
        let actual = serde_json::to_string(&view).unwrap() + "\n";
        let expected_path =
            path.with_file_name(path.file_name().unwrap().to_string_lossy().replace(".for.json", ".expected.json"));
        if bless {
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        if std::fs::read_to_string(&expected_path).ok().as_deref() != Some(actual.as_str()) {
            failures.push(expected_path.display().to_string());
        }
    }
    assert!(failures.is_empty(), "{} vector(s) differ: {}", failures.len(), failures.join(", "));
    assert!(languages.contains("ar"), "no vector narrowed to Arabic (`\"lang\": \"ar\"`)");
}
