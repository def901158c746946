//! Rule-set analysis on the national rules: `Engine::national().check()` (every finding:
//! dead, shadowed and conflicting rules, gaps, and the properties of `rules/properties.toml`)
//! must stay under a second; also the semantic diff of the national rules against themselves.
//! And how `check` grows with the size of a rule set: generated rule sets of 100, 1,000 and
//! 10,000 rules (`wegwijs_benches::generated_rules`), each analysed within the same budget
//! of partial cases (their loading is in `load.rs`). Run: `cargo bench -p wegwijs-benches --bench check`.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use wegwijs::check::CheckBudget;
use wegwijs::Engine;

/// The budget of each generated run: the same search work at every size, so the times show
/// what a rule set's size costs around the search.
const CASES: usize = 20_000;

fn benches(c: &mut Criterion) {
    let engine = Engine::national();
    c.bench_function("check/national", |b| b.iter(|| black_box(&engine).check()));
    c.bench_function("diff/national vs itself", |b| b.iter(|| black_box(&engine).diff(&engine)));
    for n in [100, 1_000, 10_000] {
        let generated = wegwijs_benches::generated_rules(n);
        let budget = CheckBudget { cases: CASES, stop: None };
        c.bench_function(&format!("check/generated {n} rules ({CASES} cases)"), |b| {
            b.iter(|| black_box(&generated).check_with(&budget))
        });
    }
}

criterion_group! {
    name = check;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(check);
