//! How loading grows with the size of a rule set: generated rule sets of 100, 1,000 and
//! 10,000 rules (`wegwijs_benches::generated_rules`), loaded from a JSON bundle and from the
//! files of a rule-set folder (TOML, parsed from memory), next to the national rules.
//! Loading should grow linearly: compare the ratios 1,000/100 and 10,000/1,000 within one run.
//! Run: `cargo bench -p wegwijs-benches --bench load`.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use wegwijs::Engine;

fn benches(c: &mut Criterion) {
    let files = Engine::national_files();
    c.bench_function("load/national folder", |b| {
        b.iter(|| Engine::from_files(black_box(files.clone()), "rules").expect("loads"))
    });
    let bundle = Engine::national().bundle();
    c.bench_function("load/national bundle", |b| b.iter(|| Engine::from_bundle(black_box(&bundle)).expect("loads")));
    for n in [100, 1_000, 10_000] {
        let bundle = wegwijs_benches::generated_rules(n).bundle();
        c.bench_function(&format!("load/generated {n} rules (bundle)"), |b| {
            b.iter(|| Engine::from_bundle(black_box(&bundle)).expect("loads"))
        });
        let files = wegwijs_benches::generated_rule_files(n);
        c.bench_function(&format!("load/generated {n} rules (folder)"), |b| {
            b.iter(|| Engine::from_files(black_box(files.clone()), "generated").expect("loads"))
        });
    }
}

criterion_group! {
    name = load;
    config = Criterion::default().sample_size(20).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(3));
    targets = benches
}
criterion_main!(load);
