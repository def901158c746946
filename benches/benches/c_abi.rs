//! The C ABI's cost on the national rules: `wegwijs_evaluate` (JSON text in, proposal JSON
//! out, called through its C signature) against the Rust API doing the same work (case JSON
//! text read by the core, evaluated, the proposal written as JSON). The cases are the
//! national conformance vectors. Run: `cargo bench -p wegwijs-benches --bench c_abi`.
//! Compare the ratio within one run.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::ptr::null_mut;
use wegwijs::{Engine, Timestamp};
use wegwijs_c::{wegwijs_engine_free, wegwijs_engine_national, wegwijs_evaluate, wegwijs_string_free, WegwijsStatus};

/// (case JSON text, evaluation time, options JSON text) of every national vector.
fn inputs() -> Vec<(String, Timestamp, String)> {
    let vectors: Vec<_> = wegwijs_tests::vectors().into_iter().filter(|v| v.ruleset == "national").collect();
    assert!(!vectors.is_empty(), "no national conformance vectors");
    vectors
        .iter()
        .map(|v| {
            (v.case.to_string(), Timestamp::parse(&v.now).expect("vector time"), format!(r#"{{"now":"{}"}}"#, v.now))
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let inputs = inputs();
    let engine = Engine::national();
    let mut handle = null_mut();
    // SAFETY: a valid out pointer; errors not wanted.
    let status = unsafe { wegwijs_engine_national(&mut handle, null_mut(), null_mut()) };
    assert_eq!(status, WegwijsStatus::Ok);

    // Both paths give the same bytes (the conformance suites check this for every vector).
    let rust = |(case, now, _): &(String, Timestamp, String)| {
        let case = engine.case_from_str(case).expect("valid case");
        serde_json::to_string(&engine.evaluate(&case, *now).proposal()).expect("serializes")
    };
    let c_abi = |(case, _, options): &(String, Timestamp, String)| {
        let (mut out, mut len) = (null_mut(), 0usize);
        // SAFETY: the buffers are valid for their lengths; `out` is freed right after.
        unsafe {
            let status = wegwijs_evaluate(
                handle,
                case.as_ptr().cast(),
                case.len(),
                options.as_ptr().cast(),
                options.len(),
                &mut out,
                &mut len,
            );
            assert_eq!(status, WegwijsStatus::Ok);
            wegwijs_string_free(out);
        }
        len
    };
    for input in &inputs {
        assert_eq!(c_abi(input), rust(input).len(), "the C path gives another result");
    }

    let mut group = c.benchmark_group("c-abi/national vectors");
    let mut i = 0;
    group.bench_function("Rust API (case JSON text in, proposal JSON out)", |b| {
        b.iter(|| {
            i = (i + 1) % inputs.len();
            rust(black_box(&inputs[i]))
        })
    });
    group.bench_function("C ABI wegwijs_evaluate (JSON in, JSON out, buffer freed)", |b| {
        b.iter(|| {
            i = (i + 1) % inputs.len();
            c_abi(black_box(&inputs[i]))
        })
    });
    group.finish();
    // SAFETY: from the constructor, freed once.
    unsafe { wegwijs_engine_free(handle) };
}

criterion_group! {
    name = c_abi;
    config = Criterion::default().sample_size(30).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(3));
    targets = benches
}
criterion_main!(c_abi);
