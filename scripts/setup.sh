#!/usr/bin/env bash
# Install everything Wegwijs needs to build and test: system packages, the
# wasm32 target, wasm-bindgen-cli, the Python venv and the npm dev packages.
#
# Idempotent: every step checks first and skips what is already there, so it
# is cheap to run again (scripts/test.sh runs it every time).
#
# Knobs (all optional):
#   WEGWIJS_RUSTUP_TIMEOUT=60   seconds to let `rustup target add` try before
#                               falling back to Debian's rustc-web recipe
#   WEGWIJS_WASM_ROUTE=auto|rustup|debian   force a wasm32 route
#   WEGWIJS_NO_APT=1            never call apt-get (just report what is missing)
#   WEGWIJS_MIN_FREE_GIB=6      free disk space required before anything is built
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

SETUP_START=$SECONDS
export DEBIAN_FRONTEND=noninteractive

timed() { # timed LABEL START
    info "($1 took $(fmt_secs $((SECONDS - $2))))"
}

# --------------------------------------------------------------------------
step "setup 1/7: base tools (cargo, python3, node)"
t0=$SECONDS
have cargo  || die "cargo not found: install Rust with rustup (https://rustup.rs) first"
have rustc  || die "rustc not found: install Rust with rustup first"
have python3 || die "python3 not found"
info "cargo:   $(cargo --version)"
info "python3: $(python3 --version 2>&1) ($(command -v python3))"
python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)' \
    || die "python3 >= 3.9 is needed (the bindings are abi3-py39)"
# A full build (debug + release + wasm targets, the venv with pyarrow/pyspark) needs about 6 GiB;
# say so up front instead of failing halfway with "No space left on device".
free_kib=$(df -Pk "$REPO_ROOT" | awk 'NR==2 {print $4}')
need_kib=$(( ${WEGWIJS_MIN_FREE_GIB:-6} * 1024 * 1024 ))
if [[ -n "$free_kib" && "$free_kib" -lt "$need_kib" ]]; then
    die "only $(( free_kib / 1024 )) MiB free on the disk of $REPO_ROOT; the build and test suites need about ${WEGWIJS_MIN_FREE_GIB:-6} GiB (set WEGWIJS_MIN_FREE_GIB to change the check)"
fi
info "disk:    $(( free_kib / 1024 / 1024 )) GiB free"

# --------------------------------------------------------------------------
APT_PKGS=()            # required
APT_OPTIONAL=()        # nice to have (failure is only a warning)

dpkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
want_pkg() { dpkg_installed "$1" || APT_PKGS+=("$1"); }

have cc || want_pkg build-essential
have pkg-config || want_pkg pkg-config
have node || want_pkg nodejs
have npm || want_pkg npm
[[ -x /usr/bin/chromium ]] || have chromium || want_pkg chromium
# pyspark (the Spark test of the Python bindings) needs a Java runtime
have java || want_pkg default-jre-headless
# the c-abi suite (bindings-c/tests/run.sh): C under valgrind, Go with cgo, Java with JNA
# (running a single Java source file needs the JDK's compiler, not only the runtime)
have valgrind || want_pkg valgrind
have go || want_pkg golang-go
have javac || want_pkg default-jdk-headless
[[ -f /usr/share/java/jna.jar ]] || want_pkg libjna-java
if [[ ! -x "$VENV_DIR/bin/python" ]] && ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
    want_pkg python3-venv
fi

# ---- wasm32 target: the normal rustup route first, Debian's recipe as fallback
step "setup 2/7: wasm32-unknown-unknown target"
t0=$SECONDS
NEED_DEBIAN_RUST=0
if [[ "${WEGWIJS_WASM_ROUTE:-auto}" == debian ]]; then
    info "WEGWIJS_WASM_ROUTE=debian: using Debian's rustc-web route"
    debian_wasm_route_available || NEED_DEBIAN_RUST=1
elif rustup_has_wasm_target; then
    ok "rustup target $WASM_TARGET already installed"
elif debian_wasm_route_available && [[ "${WEGWIJS_WASM_ROUTE:-auto}" != rustup ]]; then
    ok "Debian's rustc-web + rust-web-src already installed (fallback route); not retrying rustup"
elif have rustup; then
    tmo="${WEGWIJS_RUSTUP_TIMEOUT:-60}"
    info "trying: rustup target add $WASM_TARGET (timeout ${tmo}s)"
    if timeout "$tmo" rustup target add "$WASM_TARGET" </dev/null; then
        ok "rustup target $WASM_TARGET installed"
    else
        warn "rustup target add failed or timed out; falling back to Debian's rustc-web recipe"
        [[ "${WEGWIJS_WASM_ROUTE:-auto}" == rustup ]] && die "WEGWIJS_WASM_ROUTE=rustup but the target could not be installed"
        NEED_DEBIAN_RUST=1
    fi
else
    info "no rustup: using Debian's rustc-web recipe"
    NEED_DEBIAN_RUST=1
fi
if [[ $NEED_DEBIAN_RUST == 1 ]]; then
    want_pkg rustc-web; want_pkg cargo-web; want_pkg rust-web-src
    # the Debian route links with rustup's rust-lld, or with Debian's wasm-ld
    wasm_linker >/dev/null || want_pkg lld
fi
timed "wasm32 target check" "$t0"

# ---- apt (one update, one install) --------------------------------------
step "setup 3/7: system packages"
t0=$SECONDS
if ((${#APT_PKGS[@]} == 0 && ${#APT_OPTIONAL[@]} == 0)); then
    ok "all system packages present"
elif [[ -n "${WEGWIJS_NO_APT:-}" ]] || ! have apt-get; then
    ((${#APT_OPTIONAL[@]})) && warn "optional packages missing: ${APT_OPTIONAL[*]}"
    ((${#APT_PKGS[@]})) && die "missing system packages: ${APT_PKGS[*]} (no apt-get here, or WEGWIJS_NO_APT set): install them yourself"
else
    APT="apt-get -o DPkg::Lock::Timeout=900 -o Acquire::Retries=3"
    info "apt-get update"
    as_root $APT update -qq
    if ((${#APT_PKGS[@]})); then
        info "apt-get install ${APT_PKGS[*]}"
        as_root $APT install -y -q "${APT_PKGS[@]}" </dev/null \
            || die "apt-get install ${APT_PKGS[*]} failed"
    fi
    if ((${#APT_OPTIONAL[@]})); then
        info "apt-get install (optional) ${APT_OPTIONAL[*]}"
        as_root $APT install -y -q "${APT_OPTIONAL[@]}" </dev/null \
            || warn "optional packages ${APT_OPTIONAL[*]} did not install; continuing without them"
    fi
fi
if [[ $NEED_DEBIAN_RUST == 1 ]]; then
    debian_wasm_route_available || die "Debian rust route still unavailable (need /usr/bin/cargo, /usr/bin/rustc, $DEBIAN_RUST_SRC)"
    wasm_linker >/dev/null || die "no wasm linker (rust-lld or wasm-ld) found"
    ok "Debian route: $(/usr/bin/rustc --version), linker $(wasm_linker)"
fi
have node || die "node not found after install"
if [[ -x /usr/bin/chromium ]]; then CHROMIUM=/usr/bin/chromium; else CHROMIUM="$(command -v chromium || true)"; fi
[[ -n "$CHROMIUM" ]] || die "chromium not found after install"
info "node:     $(node --version)"
info "chromium: $("$CHROMIUM" --version 2>/dev/null || echo '?') ($CHROMIUM)"
timed "system packages" "$t0"

# ---- wasm-bindgen-cli ----------------------------------------------------
step "setup 4/7: wasm-bindgen-cli"
t0=$SECONDS
WB_VERSION="$(wasm_bindgen_version)"
info "wasm-bindgen version wanted: $WB_VERSION ($( [[ -f Cargo.lock ]] && grep -q '^name = "wasm-bindgen"$' Cargo.lock && echo 'from Cargo.lock' || echo 'fallback: no wasm-bindgen in Cargo.lock yet'))"
WB_BIN="$TOOLS_DIR/bin/wasm-bindgen"
WB_CACHE="$MACHINE_CACHE/wasm-bindgen-cli-$WB_VERSION/bin"
wb_ok() { [[ -x "$1/wasm-bindgen" ]] && [[ "$("$1/wasm-bindgen" --version 2>/dev/null)" == "wasm-bindgen $WB_VERSION" ]]; }
if wb_ok "$TOOLS_DIR/bin"; then
    ok "$WB_BIN is $WB_VERSION"
elif wb_ok "$WB_CACHE"; then
    mkdir -p "$TOOLS_DIR/bin"
    cp -f "$WB_CACHE"/* "$TOOLS_DIR/bin/"
    ok "copied wasm-bindgen $WB_VERSION from this machine's cache ($WB_CACHE)"
else
    info "cargo install wasm-bindgen-cli --version =$WB_VERSION --locked --root $TOOLS_DIR (a few minutes)"
    wb_install() {
        env -u CARGO_TARGET_DIR -u CARGO_BUILD_TARGET cargo install wasm-bindgen-cli \
            --version "=$WB_VERSION" --root "$TOOLS_DIR" --force "$@" </dev/null
    }
    # --locked first (the crate's own lock file); if a locked dependency is not
    # in the index we can reach (seen: webpki-roots 1.0.11), resolve afresh.
    if ! wb_install --locked; then
        warn "cargo install --locked failed; retrying without --locked (dependencies resolved from the index)"
        wb_install || die "cargo install wasm-bindgen-cli $WB_VERSION failed"
    fi
    wb_ok "$TOOLS_DIR/bin" || die "installed wasm-bindgen does not report version $WB_VERSION"
    mkdir -p "$WB_CACHE"
    cp -f "$TOOLS_DIR"/bin/wasm* "$WB_CACHE/" || warn "could not fill machine cache $WB_CACHE"
    ok "wasm-bindgen $WB_VERSION installed"
fi
timed "wasm-bindgen-cli" "$t0"

# ---- Python venv ---------------------------------------------------------
step "setup 5/7: Python venv ($VENV_DIR)"
t0=$SECONDS
REQ="$REPO_ROOT/scripts/requirements-dev.txt"
if [[ -x "$VENV_DIR/bin/python" ]] && "$VENV_DIR/bin/python" -c 'import sys' >/dev/null 2>&1; then
    ok "venv exists ($("$VENV_DIR/bin/python" --version))"
else
    rm -rf "$VENV_DIR"
    python3 -m venv "$VENV_DIR" || die "python3 -m venv failed"
    ok "venv created ($("$VENV_DIR/bin/python" --version))"
fi
STAMP="$VENV_DIR/.wegwijs-requirements"
want="$(file_hash "$REQ")"
if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]]; then
    ok "dev requirements already installed ($(cd "$VENV_DIR/bin" && ./maturin --version))"
else
    PIP=("$VENV_DIR/bin/python" -m pip --disable-pip-version-check --no-input)
    "${PIP[@]}" install -q -r "$REQ" || die "pip install -r scripts/requirements-dev.txt failed"
    # pandas is optional: only the to_pandas tests need it, and they skip without it
    if "${PIP[@]}" install -q pandas; then
        ok "pandas installed"
    else
        warn "pandas did not install; tests of to_pandas will be skipped"
    fi
    echo "$want" >"$STAMP"
    ok "installed: $("$VENV_DIR/bin/maturin" --version), $("$VENV_DIR/bin/pytest" --version 2>&1), $("$VENV_DIR/bin/mypy" --version)"
fi
timed "python venv" "$t0"

# ---- npm: playwright-core (never `playwright`, never browser downloads) and
# binaryen (a current wasm-opt; Debian 12's is too old for wasm-bindgen output)
step "setup 6/7: npm dev packages (playwright-core, binaryen, axe-core; esbuild, CodeMirror, fflate for the workbench)"
t0=$SECONDS
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
[[ -f package.json ]] || die "package.json missing at the repo root"
NSTAMP=node_modules/.wegwijs-stamp
nwant="$(file_hash package.json $( [[ -f package-lock.json ]] && echo package-lock.json))"
if [[ -f "$NSTAMP" && "$(cat "$NSTAMP")" == "$nwant" ]]; then
    ok "node_modules up to date"
else
    if [[ -f package-lock.json ]]; then
        npm ci --no-audit --no-fund || die "npm ci failed"
    else
        warn "no package-lock.json: running npm install (commit the lock file it writes)"
        npm install --no-audit --no-fund || die "npm install failed"
    fi
    echo "$nwant" >"$NSTAMP"
fi
node -e "require('playwright-core'); console.log('    playwright-core ' + require('playwright-core/package.json').version)" \
    || die "playwright-core does not load"
info "wasm-opt: $(node_modules/.bin/wasm-opt --version 2>/dev/null || echo 'not installed (optional)')"
timed "npm" "$t0"

# ---- cargo-fuzz (the fuzz suite of scripts/test.sh and scripts/fuzz.sh) ----------
# Optional: the fuzz suite says SKIPPED with the reason when it is missing.
step "setup 7/7: cargo-fuzz $CARGO_FUZZ_VERSION (fuzz targets in fuzz/)"
t0=$SECONDS
CF_CACHE="$MACHINE_CACHE/cargo-fuzz-$CARGO_FUZZ_VERSION"
cf_ok() { [[ -x "$1/cargo-fuzz" ]] && [[ "$("$1/cargo-fuzz" --version 2>/dev/null)" == "cargo-fuzz $CARGO_FUZZ_VERSION" ]]; }
if cf_ok "$TOOLS_DIR/bin"; then
    ok "cargo-fuzz $CARGO_FUZZ_VERSION in $TOOLS_DIR/bin"
elif cf_ok "$CF_CACHE/bin"; then
    ok "cargo-fuzz $CARGO_FUZZ_VERSION in this machine's cache ($CF_CACHE)"
else
    info "cargo install cargo-fuzz --version =$CARGO_FUZZ_VERSION --locked --root $CF_CACHE (about a minute)"
    if env -u CARGO_TARGET_DIR -u CARGO_BUILD_TARGET cargo install cargo-fuzz --version "=$CARGO_FUZZ_VERSION" \
            --locked --root "$CF_CACHE" --force </dev/null && cf_ok "$CF_CACHE/bin"; then
        ok "cargo-fuzz $CARGO_FUZZ_VERSION installed"
    else
        warn "cargo-fuzz did not install: the fuzz suite will be SKIPPED (with this reason)"
    fi
fi
timed "cargo-fuzz" "$t0"

step "setup done in $(fmt_secs $((SECONDS - SETUP_START)))"
