//! Rule-set analysis on the national rules: `Engine::national().check()` (every finding:
//! dead, shadowed and conflicting rules, gaps, properties) must stay under a second; also
//! `check` with the national properties proposed in `schema/national-properties.example.toml`
//! and the semantic diff of the national rules against themselves.
//! Run: `cargo bench -p wegwijs-benches --bench check`.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use wegwijs::Engine;

fn with_example_properties() -> Engine {
    let mut files = Engine::national_files();
    files.retain(|(p, _)| p != "properties.toml");
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/national-properties.example.toml");
    files.push(("properties.toml".into(), std::fs::read_to_string(example).expect("the example exists")));
    Engine::from_files(files, "rules").expect("the national rules load with the example properties")
}

fn benches(c: &mut Criterion) {
    let engine = Engine::national();
    c.bench_function("check/national", |b| b.iter(|| black_box(&engine).check()));
    let with_properties = with_example_properties();
    c.bench_function("check/national with the example properties", |b| b.iter(|| black_box(&with_properties).check()));
    c.bench_function("diff/national vs itself", |b| b.iter(|| black_box(&engine).diff(&engine)));
}

criterion_group! {
    name = check;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(check);
