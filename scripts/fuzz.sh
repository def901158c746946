#!/usr/bin/env bash
# Fuzz Wegwijs with cargo-fuzz (libFuzzer): `bash scripts/fuzz.sh [SECONDS] [TARGET...]`
#   SECONDS  time per target (default 60)
#   TARGET   case_json case_record decide_verify expression bundle toml_folder (default: all)
# Each target runs in one process on one core, with debug assertions (overflow checks)
# on, sanitizer off (the core has no unsafe code), seeded from rules/, the conformance
# vectors and the fixtures (fuzz/seed.py), and the expression dictionary for the targets
# that read rule text. Prints the executions per target; exits non-zero on a crash (the
# input is in fuzz/artifacts/TARGET/: turn it into a regression test under tests/).
#
# Needs cargo-fuzz (scripts/setup.sh installs it) and nightly flags: a nightly toolchain
# or RUSTC_BOOTSTRAP=1 with stable (what this script uses; both work).
# Knobs: WEGWIJS_FUZZ_RSS_MB=2048 (memory limit per target), WEGWIJS_FUZZ_ARGS (extra
# libFuzzer flags).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

SECS="${1:-60}"
shift || true
TARGETS=("$@")
((${#TARGETS[@]})) || TARGETS=(case_json case_record decide_verify expression bundle toml_folder)
[[ $SECS =~ ^[0-9]+$ ]] || die "SECONDS must be a whole number (got '$SECS')"

CARGO_FUZZ="$(fuzz_tool)" || die "cargo-fuzz is not installed: run scripts/setup.sh"
export PATH="$(dirname "$CARGO_FUZZ"):$PATH"
export RUSTC_BOOTSTRAP=1
FLAGS=(--sanitizer none --debug-assertions --release)

step "fuzz: build ($(rustc --version), RUSTC_BOOTSTRAP=1)"
(cd fuzz && cargo fuzz build "${FLAGS[@]}") || die "the fuzz targets do not build"

step "fuzz: seed corpora"
SEEDS="$(mktemp -d)"
trap 'rm -rf "$SEEDS"' EXIT
cargo run -q -p wegwijs-cli -- bundle rules -o "$SEEDS/national.json"
cargo run -q -p wegwijs-cli -- bundle tests/fixtures/mini -o "$SEEDS/mini.json"
python3 fuzz/seed.py "$REPO_ROOT" fuzz/corpus "$SEEDS/national.json" "$SEEDS/mini.json"

declare -A DICT=([expression]=fuzz/expression.dict [toml_folder]=fuzz/expression.dict)
FAILED=()
for target in "${TARGETS[@]}"; do
    step "fuzz: $target for ${SECS}s"
    log="fuzz/artifacts/$target.log"
    mkdir -p "fuzz/artifacts/$target"
    args=(-max_total_time="$SECS" -rss_limit_mb="${WEGWIJS_FUZZ_RSS_MB:-2048}" -print_final_stats=1)
    [[ -n ${DICT[$target]:-} ]] && args+=(-dict="$REPO_ROOT/${DICT[$target]}")
    # shellcheck disable=SC2206
    args+=(${WEGWIJS_FUZZ_ARGS:-})
    rc=0
    (cd fuzz && cargo fuzz run "${FLAGS[@]}" "$target" -- "${args[@]}") >"$log" 2>&1 || rc=$?
    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
    if ((rc == 0)); then
        ok "$target: ${execs:-?} executions in ${SECS}s, no crash"
    else
        grep -E 'panicked|ERROR|Test unit written' "$log" | head -5 >&2 || true
        warn "$target: crashed or failed (exit $rc) after ${execs:-?} executions; log $log"
        FAILED+=("$target")
    fi
done
((${#FAILED[@]} == 0)) || die "fuzz targets failed: ${FAILED[*]}"
