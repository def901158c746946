//! Case-record benchmarks (issue 19) on the national rules: a record with a fact history, a
//! decision and a renewal (`examples/records/zaak-12-pleger-in-huis.json`) against the same
//! facts as a plain case (its latest values), and the agenda over the example records.
//! Run: `cargo bench -p wegwijs-benches --bench records`. Compare ratios within one run.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use wegwijs::{Engine, Record, Timestamp};
use wegwijs_tests::repo_root;

const MEETING: &str = "2026-03-10T09:00:00+01:00";

fn benches(c: &mut Criterion) {
    let engine = Engine::national();
    let now = Timestamp::parse(MEETING).unwrap();
    let dir = repo_root().join("examples/records");
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(Result::ok).map(|e| e.path()).collect();
    files.sort();
    let records: Vec<(String, Record)> = files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            (f.file_stem().unwrap().to_string_lossy().into_owned(), engine.record_from_str(&text).unwrap())
        })
        .collect();
    let text = std::fs::read_to_string(dir.join("zaak-12-pleger-in-huis.json")).unwrap();
    let record = engine.record_from_str(&text).unwrap();
    // The same facts as a plain case: each fact's latest value.
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut plain = serde_json::Map::new();
    for (id, v) in value["facts"].as_object().unwrap() {
        let last = v.as_array().filter(|a| a.iter().any(|x| x.is_object())).and_then(|a| a.last()).unwrap_or(v);
        let inner = last.get("value").filter(|_| last.is_object()).unwrap_or(last);
        plain.insert(id.clone(), inner.clone());
    }
    let case = engine.case_from_json(&serde_json::Value::Object(plain)).unwrap();

    c.bench_function("record/plain case, same facts (proposal)", |b| {
        b.iter(|| engine.evaluate(black_box(&case), now).proposal())
    });
    c.bench_function("record/history + decision + renewal (proposal)", |b| {
        b.iter(|| engine.evaluate_record(black_box(&record), now).proposal())
    });
    c.bench_function("record/changes since the last decision", |b| {
        b.iter(|| {
            let ev = engine.evaluate_record(black_box(&record), now);
            ev.changes_since(engine.proposal_at_last_decision(&record).unwrap())
        })
    });
    c.bench_function("record/agenda over the 12 example records", |b| {
        b.iter(|| engine.agenda(black_box(&records), now))
    });
}

criterion_group! {
    name = records;
    config = Criterion::default().sample_size(20).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    targets = benches
}
criterion_main!(records);
