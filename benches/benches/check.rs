//! Rule-set analysis on the national rules: `Engine::national().check()` (every finding:
//! dead, shadowed and conflicting rules, gaps, and the properties of `rules/properties.toml`)
//! must stay under a second; also the semantic diff of the national rules against themselves.
//! Run: `cargo bench -p wegwijs-benches --bench check`.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use wegwijs::Engine;

fn benches(c: &mut Criterion) {
    let engine = Engine::national();
    c.bench_function("check/national", |b| b.iter(|| black_box(&engine).check()));
    c.bench_function("diff/national vs itself", |b| b.iter(|| black_box(&engine).diff(&engine)));
}

criterion_group! {
    name = check;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(check);
