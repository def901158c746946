//! Tests of the summaries.
