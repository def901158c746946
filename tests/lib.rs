//! Shared helpers of the integration tests: locating the repository, loading the rule sets
//! the tests name, and reading the conformance vectors shared with the bindings.

use std::path::{Path, PathBuf};
use wegwijs::Engine;

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ has a parent").to_path_buf()
}

/// Loads `national` (the built-in rules) or a repository-relative rule-set folder.
pub fn load_ruleset(name: &str) -> Engine {
    if name == "national" {
        Engine::national()
    } else {
        Engine::load(repo_root().join(name)).unwrap_or_else(|e| panic!("{name} does not load:\n{e}"))
    }
}

/// One conformance vector: `NAME.case.json` and the exact expected bytes in `NAME.expected.json`.
pub struct Vector {
    /// File stem.
    pub name: String,
    /// `national` or a repository-relative folder.
    pub ruleset: String,
    /// Evaluation time.
    pub now: String,
    /// The case object.
    pub case: serde_json::Value,
    /// Path of the expected-output file.
    pub expected_path: PathBuf,
}

/// Every vector in `tests/conformance/`, sorted by name.
pub fn vectors() -> Vec<Vector> {
    let dir = repo_root().join("tests/conformance");
    let mut out = Vec::new();
    let mut entries: Vec<_> =
        std::fs::read_dir(&dir).expect("tests/conformance exists").filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(name) = file.strip_suffix(".case.json") else { continue };
        let text = std::fs::read_to_string(entry.path()).expect("vector readable");
        let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        out.push(Vector {
            name: name.to_string(),
            ruleset: v["ruleset"].as_str().expect("ruleset").to_string(),
            now: v["now"].as_str().expect("now").to_string(),
            case: v["case"].clone(),
            expected_path: dir.join(format!("{name}.expected.json")),
        });
    }
    out
}

/// The canonical output of a vector: compact JSON of the proposal and a newline.
pub fn canonical_output(engine: &Engine, vector: &Vector) -> String {
    let case = engine.case_from_json(&vector.case).unwrap_or_else(|e| panic!("{}: {e}", vector.name));
    let now = wegwijs::Timestamp::parse(&vector.now).expect("vector time");
    let proposal = engine.evaluate(&case, now).proposal();
    serde_json::to_string(&proposal).expect("serializes") + "\n"
}

/// Hours before `now` that exercise every time window of the rules (one hour inside and
/// outside 72 h, 120 h, 7 days, 4 weeks, …).
const HOURS: [i64; 16] = [1, 20, 30, 71, 73, 100, 119, 121, 167, 169, 400, 671, 673, 2000, 8000, 90_000];
/// Days before `now` for date facts (around a year).
const DAYS: [i64; 7] = [10, 100, 364, 366, 400, 1000, 5000];
/// Ages around every boundary the rules use.
const AGES: [i64; 14] = [5, 11, 12, 13, 14, 15, 16, 17, 18, 24, 38, 47, 67, 90];

/// A complete, valid case for the rule set, chosen by `seeds` (one per fact; extra ignored).
/// Times are relative to `now` (seconds since the epoch).
pub fn complete_case(engine: &Engine, seeds: &[u64], now: i64) -> serde_json::Map<String, serde_json::Value> {
    use serde_json::Value as J;
    let mut case = serde_json::Map::new();
    for (fact, &seed) in engine.source().schema.facts.iter().zip(seeds.iter().cycle()) {
        let value = match fact.kind.as_str() {
            "bool" => J::Bool(seed % 2 == 0),
            "int" => {
                let (lo, hi) = (fact.min.unwrap_or(0), fact.max.unwrap_or(0));
                let v = if fact.id.contains("age") && seed % 4 != 0 {
                    AGES[(seed / 4) as usize % AGES.len()]
                } else if seed % 3 == 0 {
                    lo + (seed / 3) as i64 % (hi - lo + 1).max(1)
                } else {
                    lo + (seed % 6) as i64
                };
                J::from(v.clamp(lo, hi))
            }
            "enum" => J::from(fact.values[seed as usize % fact.values.len()].clone()),
            "set" => J::Array(
                fact.values
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| (seed >> i) & 1 == 1)
                    .map(|(_, v)| J::from(v.clone()))
                    .collect(),
            ),
            "datetime" => {
                let hours = HOURS[seed as usize % HOURS.len()];
                let t = now - hours * 3600 - (seed as i64 >> 8).rem_euclid(3000);
                J::from(format_rfc3339(t))
            }
            "date" => {
                let days = DAYS[seed as usize % DAYS.len()];
                J::from(format_rfc3339(now - days * 86_400)[..10].to_string())
            }
            other => panic!("unknown fact type {other}"),
        };
        case.insert(fact.id.clone(), value);
    }
    case
}

/// `case` with the facts whose `mask` bit is set removed (made unknown).
pub fn partial_case(
    case: &serde_json::Map<String, serde_json::Value>,
    mask: &[bool],
) -> serde_json::Map<String, serde_json::Value> {
    case.iter().zip(mask.iter().cycle()).filter(|(_, &m)| !m).map(|((k, v), _)| (k.clone(), v.clone())).collect()
}

/// RFC 3339 (UTC) of seconds since the epoch, without a date library: civil-from-days.
pub fn format_rfc3339(t: i64) -> String {
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs % 3600 / 60, secs % 60)
}
