//! How loading grows with the number of rules, outside criterion: loads each generated rule
//! set `RUNS` times (default 3) from a bundle and from folder files and prints the best time.
//! `cargo run --release -p wegwijs-benches --example load_growth -- 1000 10000`.
//! On a busy machine count instructions instead of time (linear growth = 10× per 10× rules):
//! `RUNS=1 valgrind --tool=callgrind --toggle-collect='wegwijs::engine::Engine::from_bundle_named'
//! --toggle-collect='wegwijs::engine::Engine::from_files' target/release/examples/load_growth 10000`
//! (and `RUNS=10 … 1000`), then compare the "Collected" lines.

use std::time::Instant;
use wegwijs::Engine;

fn best_of(runs: usize, mut f: impl FnMut()) -> f64 {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let runs: usize = std::env::var("RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(3);
    for arg in std::env::args().skip(1) {
        let n: usize = arg.parse().expect("a number of rules");
        let bundle = wegwijs_benches::generated_rules(n).bundle();
        let files = wegwijs_benches::generated_rule_files(n);
        let b = best_of(runs, || drop(std::hint::black_box(Engine::from_bundle(&bundle).expect("loads"))));
        let f = best_of(runs, || {
            drop(std::hint::black_box(Engine::from_files(files.clone(), "generated").expect("loads")))
        });
        println!("{n:>6} rules: bundle {:>9.2} ms, folder {:>9.2} ms", b * 1e3, f * 1e3);
    }
}
