//! Case generators shared by the benchmarks.
