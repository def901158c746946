//! Engine benchmarks on the national rules: loading and compiling, evaluating complete and
//! partial cases (compact outcome and full proposal with explanations), and questions.
//! Run: `cargo bench -p wegwijs-benches --bench engine`. Compare ratios within one run.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use wegwijs::{Engine, Timestamp};
use wegwijs_benches::{corpus, NOW};

fn benches(c: &mut Criterion) {
    let files = Engine::national_files();
    c.bench_function("load/national (parse + compile)", |b| {
        b.iter(|| Engine::from_files(black_box(files.clone()), "rules").expect("loads"))
    });
    let bundle = Engine::national().bundle();
    c.bench_function("load/national bundle", |b| b.iter(|| Engine::from_bundle(black_box(&bundle)).expect("loads")));

    let engine = Engine::national();
    let now = Timestamp::parse(NOW).unwrap();
    let (complete, partial) = corpus(&engine, 256);
    let mut i = 0;
    let mut next = |cases: &[wegwijs::Case]| {
        i = (i + 1) % cases.len();
        cases[i].clone()
    };
    c.bench_function("evaluate/complete case (outcome)", |b| {
        b.iter(|| engine.evaluate(black_box(&next(&complete)), now))
    });
    c.bench_function("evaluate/partial case (outcome)", |b| {
        b.iter(|| engine.evaluate(black_box(&next(&partial)), now))
    });
    c.bench_function("evaluate/complete case (proposal with explanations)", |b| {
        b.iter(|| engine.evaluate(black_box(&next(&complete)), now).proposal())
    });
    c.bench_function("evaluate/partial case (proposal with explanations and questions)", |b| {
        b.iter(|| engine.evaluate(black_box(&next(&partial)), now).proposal())
    });
    c.bench_function("questions/partial case", |b| {
        b.iter(|| engine.evaluate(black_box(&next(&partial)), now).questions())
    });
}

criterion_group! {
    name = engine;
    config = Criterion::default().sample_size(30).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    targets = benches
}
criterion_main!(engine);
