//! The peer workload (64 triage rules, 44 facts; `fixtures/peers/`): the engine against the
//! same rules hand-written in Rust over a typed struct, in one run, so their ratio means
//! something. Run: `cargo bench -p wegwijs-benches --bench peers`.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use wegwijs::{Case, OutcomeBuffer, Timestamp};
use wegwijs_benches::{peers, peers_baseline, NOW};

fn benches(c: &mut Criterion) {
    let engine = peers::engine();
    let now = Timestamp::parse(NOW).unwrap();
    let json = peers::cases();
    let typed = peers::typed_cases();
    let mut cases: Vec<Case> = json
        .iter()
        .map(|c| engine.case_from_json(&serde_json::Value::Object(c.clone())).expect("valid case"))
        .collect();
    let n = cases.len();
    let mut i = 0;
    c.bench_function("peers/hand-written Rust (typed struct)", |b| {
        b.iter(|| {
            i = (i + 1) % n;
            peers_baseline::evaluate(black_box(&typed[i]))
        })
    });
    c.bench_function("peers/evaluate (outcome)", |b| {
        b.iter(|| {
            i = (i + 1) % n;
            engine.evaluate(black_box(&cases[i]), now)
        })
    });
    let mut buffer = OutcomeBuffer::default();
    c.bench_function("peers/outcome_into (bit sets, caller's buffer)", |b| {
        b.iter(|| {
            i = (i + 1) % n;
            engine.outcome_into(black_box(&mut cases[i]), now, &mut buffer);
            black_box(buffer.regie())
        })
    });
    c.bench_function("peers/evaluate (proposal with explanations)", |b| {
        b.iter(|| {
            i = (i + 1) % n;
            engine.evaluate(black_box(&cases[i]), now).proposal()
        })
    });
    c.bench_function("peers/load (read, parse, compile)", |b| b.iter(peers::engine));
}

criterion_group! {
    name = peers_group;
    config = Criterion::default().sample_size(30).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    targets = benches
}
criterion_main!(peers_group);
