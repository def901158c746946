//! WebAssembly binding (placeholder until the binding lands).
