//! Shared helpers of the integration tests (fixtures, conformance vectors).
