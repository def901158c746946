#!/usr/bin/env bash
# Build bindings-wasm for wasm32-unknown-unknown and bind it with wasm-bindgen:
#   bindings-wasm/pkg-node/   --target nodejs, with the authoring calls (node --test bindings-wasm/tests)
#   bindings-wasm/www/pkg/    --target web, without them (the intake page, index.html)
#   bindings-wasm/www/pkg-authoring/  --target web, with them (the rule workbench)
#   bindings-wasm/www/workbench/  the rule workbench's scripts (esbuild, bindings-wasm/workbench/build.mjs)
# then shrink them with wasm-opt -Oz when binaryen is installed.
#
# Route: rustup's wasm32 target when installed, else Debian's rustc-web +
# rust-web-src with -Zbuild-std (see scripts/setup.sh, which installs either).
# Knobs: WEGWIJS_WASM_ROUTE=auto|rustup|debian, WEGWIJS_SKIP_WASM_OPT=1,
# WEGWIJS_WASM_FEATURES=all-time-zones (the whole IANA time-zone database; by default only
# the national rules' zone is built in, see bindings-wasm/Cargo.toml).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

CRATE=wegwijs-wasm
CRATE_DIR=bindings-wasm
OUT_NODE=$CRATE_DIR/pkg-node
OUT_WEB=$CRATE_DIR/www/pkg
OUT_WORKBENCH=$CRATE_DIR/www/pkg-authoring
TARGET_DIR=target/wasm

[[ -f $CRATE_DIR/Cargo.toml ]] || die "$CRATE_DIR/Cargo.toml does not exist: nothing to build"

# The cdylib's file name (package wegwijs-wasm -> wegwijs_wasm.wasm unless [lib] name says otherwise).
LIB_NAME="$(cargo metadata --no-deps --format-version 1 --manifest-path Cargo.toml | python3 -c '
import json, sys
meta = json.load(sys.stdin)
for p in meta["packages"]:
    if p["name"] == sys.argv[1]:
        for t in p["targets"]:
            if "cdylib" in t["kind"]:
                print(t["name"].replace("-", "_")); sys.exit(0)
        sys.exit("package %s has no cdylib target (add crate-type = [\"cdylib\", \"rlib\"])" % sys.argv[1])
sys.exit("package %s is not in the workspace" % sys.argv[1])
' "$CRATE")" || die "could not find the cdylib of $CRATE"

# Release settings for the wasm build only (these cargo calls and their own target dir;
# profiles live in the workspace root and the native crates keep theirs): fat LTO, one
# codegen unit, abort on panic, no debug info; wasm-opt -Oz below shrinks the output.
# opt-level per module (bindings-wasm/README.md, "Size and speed"): the intake page's module
# is built for size ("z": ~20 % smaller gzipped; it evaluates one case per answer, where
# 3-5x the time of opt-level 3 is still about a millisecond), the authoring module (node
# package and workbench, which run scenario suites and corpora) for speed (3).
# WEGWIJS_WASM_OPT_LEVEL=s|z|3 sets both, to compare.
INTAKE_OPT_LEVEL="${WEGWIJS_WASM_OPT_LEVEL:-z}"
AUTHORING_OPT_LEVEL="${WEGWIJS_WASM_OPT_LEVEL:-3}"
export CARGO_PROFILE_RELEASE_LTO=fat CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 CARGO_PROFILE_RELEASE_PANIC=abort
export CARGO_PROFILE_RELEASE_STRIP=debuginfo

# Two builds of the same crate: the intake page's module (lean: no authoring calls) and the
# authoring one (feature `authoring`: fromFiles, runTests, check, diff, signedBundle) for
# node and the rule workbench. WEGWIJS_WASM_FEATURES adds features to both (for example
# all-time-zones, see bindings-wasm/Cargo.toml).
EXTRA_FEATURES="${WEGWIJS_WASM_FEATURES:-}"
ROUTE="$(wasm_route)"

# Size flags that only a nightly-capable compiler takes: the Debian route has one (it already
# needs RUSTC_BOOTSTRAP=1 for -Zbuild-std and rebuilds std itself), rustup's stable does not,
# so the rustup route builds without them (a larger module, same behaviour). Each is probed
# first and left out, with a note, when this rustc refuses it.
#   -Cpanic=immediate-abort  a panic traps at once instead of formatting a message first; the
#                            module installs no panic hook and wasm32-unknown-unknown has no
#                            stderr, so the message was never shown: either way JavaScript
#                            sees the same `RuntimeError: unreachable`. Drops the panic
#                            machinery and most of the formatting code only panics reach.
#   -Zlocation-detail=none   no file/line/column per panic site (a panic's location is never
#                            shown, see above): ~700 location records and their file names.
#   std feature optimize_for_size (intake module only; std's size-over-speed code paths,
#                            e.g. smaller sorts; the authoring module is built for speed).
#                            Same results: the only std unstable sort left in the intake
#                            path (eval::outcome::sort_referrals) sorts by a unique key.
# Measured on the intake module, gzipped, after one round of wasm-opt (2026-12-06, with the
# shared sort of core/src/sort.rs): Debian route without them 487,850 B, with the two panic
# flags 466,363 B, plus optimize_for_size 461,242 B (docs/performance.md).
DEBIAN_RUSTFLAGS=""
DEBIAN_STD_FEATURES_INTAKE=""
if [[ $ROUTE == debian ]]; then
    debian_rustc_takes() { # debian_rustc_takes FLAG...: does Debian's rustc accept these for wasm32?
        RUSTC_BOOTSTRAP=1 /usr/bin/rustc "$@" --print cfg --target "$WASM_TARGET" - </dev/null >/dev/null 2>&1
    }
    if debian_rustc_takes -Zunstable-options -Cpanic=immediate-abort; then
        DEBIAN_RUSTFLAGS+=" -Zunstable-options -Cpanic=immediate-abort"
    else
        info "Debian's rustc does not take -Cpanic=immediate-abort: panics keep their messages"
    fi
    if debian_rustc_takes -Zlocation-detail=none; then
        DEBIAN_RUSTFLAGS+=" -Zlocation-detail=none"
    else
        info "Debian's rustc does not take -Zlocation-detail=none: panics keep their locations"
    fi
    if grep -q '^optimize_for_size' "$DEBIAN_RUST_SRC/std/Cargo.toml" 2>/dev/null; then
        DEBIAN_STD_FEATURES_INTAKE=optimize_for_size
    fi
fi
# Size flags that every compiler takes, for the intake module only (both routes):
#   --cfg sha2_backend_soft="compact"  sha2 0.11's documented compact software backend:
#                            the content hash's SHA-256 rounds as a loop, not unrolled (same
#                            digests; 2.5 KB smaller gzipped, bundle load in node ~8 % slower).
#                            Ed25519's SHA-512 comes from sha2 0.10, which this does not
#                            reach; its compact rounds (a feature) made the module larger.
INTAKE_RUSTFLAGS=' --cfg sha2_backend_soft="compact"'
# build_variant NAME OPT_LEVEL FEATURES [STD_FEATURES [RUSTFLAGS]]: cargo build, then copy
# the module to $TARGET_DIR/NAME.wasm. STD_FEATURES: std's features for -Zbuild-std (Debian
# route only); RUSTFLAGS: added for the wasm32 target (both routes).
build_variant() {
    local name="$1" t0=$SECONDS
    export CARGO_PROFILE_RELEASE_OPT_LEVEL="$2"
    local features="$3" std_features="${4:-}" rustflags="${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:-}${5:-}"
    local -a feature_args=()
    [[ -n $features ]] && feature_args=(--features "$features")
    step "build-wasm: cargo build $CRATE ($name, opt-level $2${features:+, features $features}) for $WASM_TARGET (route: $ROUTE)"
    case "$ROUTE" in
        rustup)
            CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$rustflags" \
                cargo build --release --target "$WASM_TARGET" -p "$CRATE" --target-dir "$TARGET_DIR" "${feature_args[@]}" \
                || die "wasm build failed (rustup route)"
            ;;
        debian)
            debian_wasm_route_available || die "Debian route needs rustc-web, cargo-web and rust-web-src: run scripts/setup.sh"
            LINKER="$(wasm_linker)" || die "no wasm linker (rustup's rust-lld or Debian's wasm-ld): run scripts/setup.sh"
            local -a std_feature_args=()
            [[ -n $std_features ]] && std_feature_args=(-Zbuild-std-features="$std_features")
            info "Debian $(/usr/bin/rustc --version), -Zbuild-std${std_features:+ (std features: $std_features)}, linker $LINKER"
            info "rustflags:${rustflags}${DEBIAN_RUSTFLAGS}"
            # Debian's cargo and rustc by full path (rustup's come first on PATH);
            # std is rebuilt from /usr/lib/rustlib/src, in a target dir of its own.
            # The size flags (above) go to the wasm32 target only, std included, not to build scripts.
            env -u RUSTUP_TOOLCHAIN \
                RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
                CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$LINKER" \
                CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$rustflags$DEBIAN_RUSTFLAGS" \
                /usr/bin/cargo build --release --target "$WASM_TARGET" \
                    -Zbuild-std=std,panic_abort "${std_feature_args[@]}" -p "$CRATE" --target-dir "$TARGET_DIR" "${feature_args[@]}" \
                || die "wasm build failed (Debian route)"
            ;;
        *) die "no way to build for $WASM_TARGET: run scripts/setup.sh (rustup target or Debian rustc-web)" ;;
    esac
    local built="$TARGET_DIR/$WASM_TARGET/release/$LIB_NAME.wasm"
    [[ -f $built ]] || die "expected $built after the build"
    cp "$built" "$TARGET_DIR/$name.wasm"
    info "built $TARGET_DIR/$name.wasm in $(fmt_secs $((SECONDS - t0)))"
}
join_features() { local IFS=,; echo "$*"; }
build_variant intake "$INTAKE_OPT_LEVEL" "$EXTRA_FEATURES" "$DEBIAN_STD_FEATURES_INTAKE" "$INTAKE_RUSTFLAGS"
build_variant authoring "$AUTHORING_OPT_LEVEL" "$(join_features ${EXTRA_FEATURES:+$EXTRA_FEATURES} authoring)"
WASM="$TARGET_DIR/intake.wasm"
WASM_AUTHORING="$TARGET_DIR/authoring.wasm"

step "build-wasm: wasm-bindgen"
WB_VERSION="$(wasm_bindgen_version)"
WB="$TOOLS_DIR/bin/wasm-bindgen"
[[ -x $WB ]] || die "$WB missing: run scripts/setup.sh"
[[ "$("$WB" --version)" == "wasm-bindgen $WB_VERSION" ]] \
    || die "$WB is '$("$WB" --version)' but Cargo.lock has wasm-bindgen $WB_VERSION: run scripts/setup.sh"
rm -rf "$OUT_NODE" "$OUT_WEB" "$OUT_WORKBENCH"
# wasm-bindgen names its output after the input file: bind from a copy named like the crate.
bind() { # bind TARGET OUT_DIR WASM
    local tmp; tmp="$(mktemp -d)"
    cp "$3" "$tmp/$LIB_NAME.wasm"
    "$WB" --target "$1" --out-dir "$2" "$tmp/$LIB_NAME.wasm" || die "wasm-bindgen --target $1 failed for $2"
    rm -rf "$tmp"
}
bind nodejs "$OUT_NODE" "$WASM_AUTHORING"
bind web "$OUT_WEB" "$WASM"
bind web "$OUT_WORKBENCH" "$WASM_AUTHORING"
# The nodejs output is CommonJS; say so, so that no package.json further up can turn it into ESM.
[[ -f $OUT_NODE/package.json ]] || echo '{ "type": "commonjs" }' >"$OUT_NODE/package.json"
# and the web outputs are ES modules (lets node import them too, for the smoke check below)
for d in "$OUT_WEB" "$OUT_WORKBENCH"; do [[ -f $d/package.json ]] || echo '{ "type": "module" }' >"$d/package.json"; done
info "wrote $OUT_NODE/ (authoring), $OUT_WEB/ (intake) and $OUT_WORKBENCH/ (authoring)"

step "build-wasm: wasm-opt"
# Prefer the npm package binaryen (package.json; a current wasm-opt): Debian 12's
# binaryen 108 breaks wasm-bindgen's externref table ("Table.set(): Argument 1 is
# invalid"), so a system wasm-opt is used only when it is version 116 or newer.
WASM_OPT=""
if [[ -x node_modules/.bin/wasm-opt ]]; then
    WASM_OPT=node_modules/.bin/wasm-opt
elif have wasm-opt; then
    v="$(wasm-opt --version | grep -oE '[0-9]+' | head -1)"
    if ((${v:-0} >= 116)); then WASM_OPT=wasm-opt
    else info "system wasm-opt is version ${v:-?} (< 116, known to break wasm-bindgen output): not used"
    fi
fi
smoke_node() { # smoke_node DIR: load the nodejs build (runs the wasm start-up code)
    node -e 'require(process.argv[1])' "$REPO_ROOT/$1/$LIB_NAME.js"
}
smoke_web() {  # smoke_web DIR: instantiate a web build in node with initSync
    node --input-type=module -e '
        const [js, wasm] = process.argv.slice(1);
        const { readFileSync } = await import("node:fs");
        const m = await import(js);
        m.initSync({ module: readFileSync(wasm) });' \
        "$REPO_ROOT/$1/$LIB_NAME.js" "$REPO_ROOT/$1/${LIB_NAME}_bg.wasm"
}
if [[ -n "${WEGWIJS_SKIP_WASM_OPT:-}" ]]; then
    info "WEGWIJS_SKIP_WASM_OPT set: not optimizing"
elif [[ -z $WASM_OPT ]]; then
    info "no usable wasm-opt (npm ci installs binaryen): output not optimized"
else
    # Features rustc enables by default for wasm32 (all supported by Node 20 and current browsers).
    FEATURES=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
              --enable-mutable-globals --enable-reference-types --enable-multivalue)
    for f in "$OUT_NODE/${LIB_NAME}_bg.wasm" "$OUT_WEB/${LIB_NAME}_bg.wasm" "$OUT_WORKBENCH/${LIB_NAME}_bg.wasm"; do
        cp "$f" "$f.orig"
        # The intake page's module: passes repeated until nothing shrinks (~2 KB gzipped
        # smaller than one round, for about twice the time), and without the custom
        # sections that only name the tools and target features (no loader reads them).
        intake_only=()
        [[ $f == "$OUT_WEB/"* ]] && intake_only=(--converge --strip-producers --strip-target-features)
        if "$WASM_OPT" -Oz "${intake_only[@]}" "${FEATURES[@]}" "$f" -o "$f.opt"; then
            mv "$f.opt" "$f"
        else
            rm -f "$f.opt"
            warn "wasm-opt failed on $f; keeping the unoptimized file"
        fi
    done
    info "optimized with $("$WASM_OPT" --version)"
fi
# Every build must load; if only the optimized one does not, say so and ship the unoptimized one.
for pair in "node:$OUT_NODE" "web:$OUT_WEB" "web:$OUT_WORKBENCH"; do
    kind="${pair%%:*}" dir="${pair#*:}"
    f="$dir/${LIB_NAME}_bg.wasm"
    if "smoke_$kind" "$dir"; then
        ok "$dir loads"
    elif [[ -f $f.orig ]]; then
        warn "the wasm-opt output of $dir does not load: using the unoptimized file"
        cp "$f.orig" "$f"
        "smoke_$kind" "$dir" || die "$dir does not load even unoptimized"
        ok "$dir loads (unoptimized)"
    else
        die "$dir does not load"
    fi
    rm -f "$f.orig"
done

step "build-wasm: size"
# The intake page loads www/pkg; the workbench www/pkg-authoring.
for f in "$WASM" "$OUT_WEB/${LIB_NAME}_bg.wasm" "$OUT_WORKBENCH/${LIB_NAME}_bg.wasm"; do
    raw=$(stat -c %s "$f")
    gz=$(gzip -9c "$f" | wc -c)
    printf '    %-50s %8d bytes raw, %8d bytes gzipped (%d KiB / %d KiB)\n' "$f" "$raw" "$gz" $((raw / 1024)) $((gz / 1024))
done
# The intake page's budget (issue 22): under 400,000 bytes gzipped. Binding on the Debian
# route, which CI takes and which has the size flags above (396,081 B on 2026-12-07); the
# rustup route builds without them (437,232 B then) and only warns. To see what grew:
# docs/performance.md, "WASM size". WEGWIJS_WASM_BUDGET=BYTES sets another budget.
budget="${WEGWIJS_WASM_BUDGET:-400000}"
intake_gz=$(gzip -9c "$OUT_WEB/${LIB_NAME}_bg.wasm" | wc -c)
if ((intake_gz >= budget)); then
    msg="the intake module is $intake_gz bytes gzipped, not under its budget of $budget"
    if [[ $ROUTE == debian && -z $EXTRA_FEATURES ]]; then
        die "$msg: find what grew (docs/performance.md, \"WASM size\") or raise the budget with a reason"
    fi
    warn "$msg (route $ROUTE${EXTRA_FEATURES:+, features $EXTRA_FEATURES}: the budget binds on the Debian route without extra features)"
else
    ok "intake module within its budget: $intake_gz < $budget bytes gzipped"
fi

step "build-wasm: rule workbench (bindings-wasm/www/workbench/)"
# esbuild bundles the workbench page and its Web Worker with CodeMirror and fflate from
# node_modules (package.json: scripts/setup.sh runs npm ci); the worker imports www/pkg-authoring.
[[ -d node_modules/esbuild && -d node_modules/codemirror ]] \
    || die "node_modules lacks esbuild/codemirror for the workbench: run scripts/setup.sh (npm ci)"
node bindings-wasm/workbench/build.mjs || die "the workbench build failed (bindings-wasm/workbench/build.mjs)"
