//! Evaluates a corpus in a loop, for profilers (`valgrind --tool=callgrind`, `perf`).
//! Usage: `cargo run --release -p wegwijs-benches --example profile -- [outcome|proposal|questions|load] [N]`.

use wegwijs::{Engine, Timestamp};
use wegwijs_benches::{corpus, NOW};

fn main() {
    let mut args = std::env::args().skip(1);
    let what = args.next().unwrap_or_else(|| "outcome".into());
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(2000);
    if what == "load" {
        for _ in 0..n {
            std::hint::black_box(Engine::from_files(Engine::national_files(), "rules").expect("loads"));
        }
        return;
    }
    let engine = Engine::national();
    let now = Timestamp::parse(NOW).unwrap();
    let (complete, partial) = corpus(&engine, 256);
    let start = std::time::Instant::now();
    let mut total = 0usize;
    for i in 0..n {
        let case = if i % 2 == 0 { &complete[i % 256] } else { &partial[i % 256] };
        let ev = engine.evaluate(case, now);
        total += match what.as_str() {
            "proposal" => ev.proposal().referrals.len(),
            "questions" => ev.questions().len(),
            _ => ev.outcome().referrals.len(),
        };
    }
    eprintln!("{what}: {n} evaluations, {:.2} µs each ({total})", start.elapsed().as_secs_f64() * 1e6 / n as f64);
}
