#!/usr/bin/env bash
# THE test command of Wegwijs: `bash scripts/test.sh` (CI runs it through .ci/run).
#
# Runs scripts/setup.sh, then every suite in order:
#   fmt        cargo fmt --check                     (skipped with a note if rustfmt is absent)
#   clippy     cargo clippy --workspace -D warnings, and wegwijs-wasm with --features authoring
#              (skipped with a note if clippy is absent)
#   rust       cargo test --no-fail-fast  (default members: core, cli, tests, benches, bindings-c)
#   c-abi      bindings-c/tests/run.sh: the C ABI from C (under valgrind), Go (cgo), Java (JNA)
#   python     maturin develop --release + pytest bindings-python/tests (+ stubtest/mypy if stubs exist)
#   wasm-build scripts/build-wasm.sh
#   wasm-node  node --test bindings-wasm/tests/*.test.mjs
#   browser    node --test tests/browser/*.test.mjs   (playwright-core + /usr/bin/chromium)
#   fuzz       scripts/fuzz.sh: every fuzz target briefly (WEGWIJS_FUZZ_SMOKE_SECS, default 20 s);
#              SKIPPED with the reason when cargo-fuzz or the nightly flags are not available
#
# A suite is skipped ONLY when you ask for it, for a quick local run:
#   WEGWIJS_SKIP_FMT=1 WEGWIJS_SKIP_CLIPPY=1 WEGWIJS_SKIP_RUST=1 WEGWIJS_SKIP_PYTHON=1
#   WEGWIJS_SKIP_C_ABI=1 WEGWIJS_SKIP_WASM=1 (build + node tests) WEGWIJS_SKIP_BROWSER=1 WEGWIJS_SKIP_FUZZ=1
# Under CI=true these are IGNORED: CI always runs everything.
# Exit status is non-zero if any suite failed; a summary line per suite is printed at the end.
set -uo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

TOTAL_START=$SECONDS
IN_CI=0
[[ "${CI:-}" == true || "${CI:-}" == 1 ]] && IN_CI=1

declare -a S_NAMES=() S_RESULTS=() S_TIMES=() S_NOTES=()
record() { S_NAMES+=("$1"); S_RESULTS+=("$2"); S_TIMES+=("$3"); S_NOTES+=("${4:-}"); }

# Was the suite asked to be skipped (via its env var)?  Never under CI.
skip_requested() {
    local var="$1" name="$2"
    [[ -n "${!var:-}" && "${!var}" != 0 ]] || return 1
    if ((IN_CI)); then
        warn "$var is set but CI=$CI: ignoring it, suite '$name' runs anyway"
        return 1
    fi
    return 0
}

# run_suite NAME SKIPVAR FUNCTION: runs FUNCTION in a subshell with errexit on.
run_suite() {
    local name="$1" var="$2" fn="$3" t0 rc
    if [[ -n "$var" ]] && skip_requested "$var" "$name"; then
        printf '\n%s###################################################################%s\n' "$_Y" "$_N"
        printf '%s### SKIPPING suite %s because %s=%s  (NOT TESTED)%s\n' "$_Y" "$name" "$var" "${!var}" "$_N"
        printf '%s###################################################################%s\n' "$_Y" "$_N"
        record "$name" SKIPPED 0 "$var set"
        return 0
    fi
    step "suite: $name"
    t0=$SECONDS
    (set -euo pipefail; "$fn")
    rc=$?
    if ((rc == 0)); then
        record "$name" PASSED $((SECONDS - t0)) ""
    elif ((rc == 99)); then   # 99: the tool is not installed (fmt/clippy only)
        record "$name" SKIPPED $((SECONDS - t0)) "tool not installed"
    elif ((rc == 98)); then   # 98: cannot run here; the suite wrote the reason to $SKIP_REASON
        record "$name" SKIPPED $((SECONDS - t0)) "$(cat "$SKIP_REASON" 2>/dev/null || echo 'no reason given')"
    else
        printf '%s!!! suite %s FAILED (exit %d)%s\n' "$_R" "$name" "$rc" "$_N" >&2
        record "$name" FAILED $((SECONDS - t0)) "exit $rc"
    fi
    return 0
}

result_of() { local i; for i in "${!S_NAMES[@]}"; do [[ ${S_NAMES[$i]} == "$1" ]] && echo "${S_RESULTS[$i]}"; done; }

need_file() { [[ -e "$1" ]] || die "$1 does not exist ($2)"; }

# List test files matching a glob; fail when there are none (no silent pass).
test_files() {
    local dir="$1" pat="$2" files
    [[ -d $dir ]] || die "test directory $dir does not exist"
    shopt -s nullglob
    # shellcheck disable=SC2206
    files=("$dir"/$pat)
    shopt -u nullglob
    ((${#files[@]})) || die "no test files $dir/$pat"
    printf '%s\n' "${files[@]}"
}

# ---------------------------------------------------------------- suites
suite_fmt() {
    cargo fmt --version >/dev/null 2>&1 || { warn "rustfmt is not installed: skipping cargo fmt --check (rustup component add rustfmt)"; exit 99; }
    need_file Cargo.toml "the workspace manifest"
    cargo fmt --all --check
}

suite_clippy() {
    cargo clippy --version >/dev/null 2>&1 || { warn "clippy is not installed: skipping cargo clippy (rustup component add clippy)"; exit 99; }
    need_file Cargo.toml "the workspace manifest"
    cargo clippy --workspace -- -D warnings
    # the WASM binding's authoring calls are behind a feature (the workbench's build)
    cargo clippy -p wegwijs-wasm --features authoring -- -D warnings
    # and the intake module's core has neither the TOML reader nor the time-zone database
    cargo clippy -p wegwijs --no-default-features -- -D warnings
}

suite_rust() {
    need_file Cargo.toml "the workspace manifest"
    # Plain `cargo test` = the workspace's default-members (core, cli, tests, benches,
    # bindings-c); the other bindings are tested by the python and wasm suites.
    cargo test --no-fail-fast
}

suite_c_abi() {
    bash bindings-c/tests/run.sh
}

suite_python() {
    need_file bindings-python/pyproject.toml "the maturin project of the Python bindings"
    need_file bindings-python/Cargo.toml "the Python bindings crate"
    [[ -d bindings-python/tests ]] || die "bindings-python/tests does not exist"
    export VIRTUAL_ENV="$VENV_DIR" PATH="$VENV_DIR/bin:$PATH"
    unset CONDA_PREFIX PYTHONHOME
    (cd bindings-python && maturin develop --release)
    python -c 'import wegwijs; print("    imported", wegwijs.__name__, "from", getattr(wegwijs, "__file__", "?"))'
    # pytest exits 5 when it collects no test: that fails this suite too.
    pytest bindings-python/tests
    # Type stubs: check them against the built module when there are any.
    local stubs
    stubs="$(find bindings-python -name '*.pyi' -not -path '*/target/*' -not -path '*/.venv/*' | sort)"
    if [[ -n $stubs ]]; then
        step "suite python: mypy + stubtest on the stubs"
        # shellcheck disable=SC2086
        mypy $stubs
        # maturin's pure-Rust layout installs the extension as wegwijs/wegwijs.*.so
        # under a generated __init__.py: that native submodule has no stub of its own.
        local glue allow=()
        glue="$(mktemp)"
        printf '%s\n' 'wegwijs\.wegwijs' >"$glue"
        allow=(--allowlist "$glue" --ignore-unused-allowlist)
        [[ -f bindings-python/stubtest-allowlist.txt ]] && allow+=(--allowlist bindings-python/stubtest-allowlist.txt)
        python -m mypy.stubtest wegwijs "${allow[@]}"
        rm -f "$glue"
    else
        info "no .pyi stubs under bindings-python: mypy/stubtest not run"
    fi
}

suite_wasm_build() {
    bash scripts/build-wasm.sh
}

suite_wasm_node() {
    [[ $(result_of wasm-build) == FAILED ]] && die "not run: the wasm build failed"
    need_file bindings-wasm/pkg-node "the nodejs build (scripts/build-wasm.sh)"
    local files
    files="$(test_files bindings-wasm/tests '*.test.mjs')"
    # shellcheck disable=SC2086
    node --test $files
}

suite_browser() {
    [[ $(result_of wasm-build) == FAILED ]] && die "not run: the wasm build failed"
    need_file bindings-wasm/www "the browser page"
    need_file bindings-wasm/www/pkg "the web build (scripts/build-wasm.sh)"
    local files
    files="$(test_files tests/browser '*.test.mjs')"
    export WEGWIJS_CHROMIUM="${WEGWIJS_CHROMIUM:-/usr/bin/chromium}"
    need_file "$WEGWIJS_CHROMIUM" "Chromium (scripts/setup.sh installs Debian's)"
    # shellcheck disable=SC2086
    node --test $files
}

# Smoke run of every fuzz target. It needs cargo-fuzz (scripts/setup.sh) and nightly
# flags (RUSTC_BOOTSTRAP=1 with stable works): without them the suite is SKIPPED and
# says why (exit 98), never silently.
SKIP_REASON="$(mktemp)"
suite_fuzz() {
    local reason=""
    if ! fuzz_tool >/dev/null; then
        reason="cargo-fuzz is not installed (scripts/setup.sh could not install it)"
    elif ! RUSTC_BOOTSTRAP=1 rustc -Z help >/dev/null 2>&1; then
        reason="rustc does not accept -Z flags even with RUSTC_BOOTSTRAP=1 (no nightly features)"
    fi
    if [[ -n $reason ]]; then
        warn "fuzz suite skipped: $reason"
        echo "$reason" >"$SKIP_REASON"
        exit 98
    fi
    bash scripts/fuzz.sh "${WEGWIJS_FUZZ_SMOKE_SECS:-20}"
}

# ---------------------------------------------------------------- main
print_summary() {
    local i p=0 f=0 s=0 color
    step "summary"
    for i in "${!S_NAMES[@]}"; do
        case ${S_RESULTS[$i]} in
            PASSED) color=$_G; p=$((p + 1)) ;;
            FAILED) color=$_R; f=$((f + 1)) ;;
            *)      color=$_Y; s=$((s + 1)) ;;
        esac
        printf '    %s%-8s%s %-11s %8s  %s\n' "$color" "${S_RESULTS[$i]}" "$_N" "${S_NAMES[$i]}" \
            "$(fmt_secs "${S_TIMES[$i]}")" "${S_NOTES[$i]}"
    done
    printf '    total time %s\n' "$(fmt_secs $((SECONDS - TOTAL_START)))"
    printf 'suites: %d passed, %d failed, %d skipped\n' "$p" "$f" "$s"
    ((f == 0))
}

((IN_CI)) && info "CI=$CI: every suite runs; WEGWIJS_SKIP_* variables are ignored"

step "setup (scripts/setup.sh)"
t0=$SECONDS
if bash scripts/setup.sh; then
    record setup PASSED $((SECONDS - t0))
else
    printf '%s!!! setup failed: not running the suites%s\n' "$_R" "$_N" >&2
    record setup FAILED $((SECONDS - t0)) "scripts/setup.sh failed"
    print_summary
    exit 1
fi

run_suite fmt        WEGWIJS_SKIP_FMT     suite_fmt
run_suite clippy     WEGWIJS_SKIP_CLIPPY  suite_clippy
run_suite rust       WEGWIJS_SKIP_RUST    suite_rust
run_suite c-abi      WEGWIJS_SKIP_C_ABI   suite_c_abi
run_suite python     WEGWIJS_SKIP_PYTHON  suite_python
run_suite wasm-build WEGWIJS_SKIP_WASM    suite_wasm_build
run_suite wasm-node  WEGWIJS_SKIP_WASM    suite_wasm_node
run_suite browser    WEGWIJS_SKIP_BROWSER suite_browser
run_suite fuzz       WEGWIJS_SKIP_FUZZ    suite_fuzz

print_summary
