#!/usr/bin/env bash
# Build bindings-wasm for wasm32-unknown-unknown and bind it with wasm-bindgen:
#   bindings-wasm/pkg-node/   --target nodejs  (for node --test bindings-wasm/tests)
#   bindings-wasm/www/pkg/    --target web     (for the browser pages bindings-wasm/www)
#   bindings-wasm/www/workbench/  the rule workbench's scripts (esbuild, bindings-wasm/workbench/build.mjs)
# then shrink both with wasm-opt -Oz when binaryen is installed.
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

# Release settings for the wasm build only (this cargo call and its own target dir; profiles
# live in the workspace root and the native crates keep theirs): fat LTO, one codegen unit,
# abort on panic, no debug info. opt-level 3, then wasm-opt -Oz below shrinks the output:
# measured on the national rules, "s"/"z" save 10-20 % of the gzipped size but make
# evaluation in node 2-5x slower than native instead of ~1.5x (bindings-wasm/README.md).
# WEGWIJS_WASM_OPT_LEVEL=s|z|3 to compare.
export CARGO_PROFILE_RELEASE_OPT_LEVEL="${WEGWIJS_WASM_OPT_LEVEL:-3}"
export CARGO_PROFILE_RELEASE_LTO=fat CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 CARGO_PROFILE_RELEASE_PANIC=abort
export CARGO_PROFILE_RELEASE_STRIP=debuginfo

FEATURE_ARGS=()
[[ -n "${WEGWIJS_WASM_FEATURES:-}" ]] && FEATURE_ARGS=(--features "$WEGWIJS_WASM_FEATURES")
ROUTE="$(wasm_route)"
step "build-wasm: cargo build $CRATE for $WASM_TARGET (route: $ROUTE)"
t0=$SECONDS
case "$ROUTE" in
    rustup)
        cargo build --release --target "$WASM_TARGET" -p "$CRATE" --target-dir "$TARGET_DIR" "${FEATURE_ARGS[@]}" \
            || die "wasm build failed (rustup route)"
        ;;
    debian)
        debian_wasm_route_available || die "Debian route needs rustc-web, cargo-web and rust-web-src: run scripts/setup.sh"
        LINKER="$(wasm_linker)" || die "no wasm linker (rustup's rust-lld or Debian's wasm-ld): run scripts/setup.sh"
        info "Debian $(/usr/bin/rustc --version), -Zbuild-std, linker $LINKER"
        # Debian's cargo and rustc by full path (rustup's come first on PATH);
        # std is rebuilt from /usr/lib/rustlib/src, in a target dir of its own.
        env -u RUSTUP_TOOLCHAIN \
            RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
            CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$LINKER" \
            /usr/bin/cargo build --release --target "$WASM_TARGET" \
                -Zbuild-std=std,panic_abort -p "$CRATE" --target-dir "$TARGET_DIR" "${FEATURE_ARGS[@]}" \
            || die "wasm build failed (Debian route)"
        ;;
    *) die "no way to build for $WASM_TARGET: run scripts/setup.sh (rustup target or Debian rustc-web)" ;;
esac
WASM="$TARGET_DIR/$WASM_TARGET/release/$LIB_NAME.wasm"
[[ -f $WASM ]] || die "expected $WASM after the build"
info "built $WASM in $(fmt_secs $((SECONDS - t0)))"

step "build-wasm: wasm-bindgen"
WB_VERSION="$(wasm_bindgen_version)"
WB="$TOOLS_DIR/bin/wasm-bindgen"
[[ -x $WB ]] || die "$WB missing: run scripts/setup.sh"
[[ "$("$WB" --version)" == "wasm-bindgen $WB_VERSION" ]] \
    || die "$WB is '$("$WB" --version)' but Cargo.lock has wasm-bindgen $WB_VERSION: run scripts/setup.sh"
rm -rf "$OUT_NODE" "$OUT_WEB"
"$WB" --target nodejs --out-dir "$OUT_NODE" "$WASM" || die "wasm-bindgen --target nodejs failed"
"$WB" --target web --out-dir "$OUT_WEB" "$WASM" || die "wasm-bindgen --target web failed"
# The nodejs output is CommonJS; say so, so that no package.json further up can turn it into ESM.
[[ -f $OUT_NODE/package.json ]] || echo '{ "type": "commonjs" }' >"$OUT_NODE/package.json"
# and the web output is an ES module (lets node import it too, for the smoke check below)
[[ -f $OUT_WEB/package.json ]] || echo '{ "type": "module" }' >"$OUT_WEB/package.json"
info "wrote $OUT_NODE/ and $OUT_WEB/"

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
smoke_node() { # load the nodejs build (runs the wasm start-up code)
    node -e 'require(process.argv[1])' "$REPO_ROOT/$OUT_NODE/$LIB_NAME.js"
}
smoke_web() {  # instantiate the web build in node with initSync
    node --input-type=module -e '
        const [js, wasm] = process.argv.slice(1);
        const { readFileSync } = await import("node:fs");
        const m = await import(js);
        m.initSync({ module: readFileSync(wasm) });' \
        "$REPO_ROOT/$OUT_WEB/$LIB_NAME.js" "$REPO_ROOT/$OUT_WEB/${LIB_NAME}_bg.wasm"
}
if [[ -n "${WEGWIJS_SKIP_WASM_OPT:-}" ]]; then
    info "WEGWIJS_SKIP_WASM_OPT set: not optimizing"
elif [[ -z $WASM_OPT ]]; then
    info "no usable wasm-opt (npm ci installs binaryen): output not optimized"
else
    # Features rustc enables by default for wasm32 (all supported by Node 20 and current browsers).
    FEATURES=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
              --enable-mutable-globals --enable-reference-types --enable-multivalue)
    for f in "$OUT_NODE/${LIB_NAME}_bg.wasm" "$OUT_WEB/${LIB_NAME}_bg.wasm"; do
        cp "$f" "$f.orig"
        if "$WASM_OPT" -Oz "${FEATURES[@]}" "$f" -o "$f.opt"; then
            mv "$f.opt" "$f"
        else
            rm -f "$f.opt"
            warn "wasm-opt failed on $f; keeping the unoptimized file"
        fi
    done
    info "optimized with $("$WASM_OPT" --version)"
fi
# Both builds must load; if only the optimized one does not, say so and ship the unoptimized one.
for kind in node web; do
    if [[ $kind == node ]]; then f="$OUT_NODE/${LIB_NAME}_bg.wasm"; else f="$OUT_WEB/${LIB_NAME}_bg.wasm"; fi
    if "smoke_$kind"; then
        ok "$kind build loads"
    elif [[ -f $f.orig ]]; then
        warn "the wasm-opt output of the $kind build does not load: using the unoptimized file"
        cp "$f.orig" "$f"
        "smoke_$kind" || die "the $kind build does not load even unoptimized"
        ok "$kind build loads (unoptimized)"
    else
        die "the $kind build does not load"
    fi
    rm -f "$f.orig"
done

step "build-wasm: size"
for f in "$WASM" "$OUT_WEB/${LIB_NAME}_bg.wasm"; do
    raw=$(stat -c %s "$f")
    gz=$(gzip -9c "$f" | wc -c)
    printf '    %-50s %8d bytes raw, %8d bytes gzipped (%d KiB / %d KiB)\n' "$f" "$raw" "$gz" $((raw / 1024)) $((gz / 1024))
done

step "build-wasm: rule workbench (bindings-wasm/www/workbench/)"
# esbuild bundles the workbench page and its Web Worker with CodeMirror and fflate from
# node_modules (package.json: scripts/setup.sh runs npm ci); the worker imports www/pkg.
[[ -d node_modules/esbuild && -d node_modules/codemirror ]] \
    || die "node_modules lacks esbuild/codemirror for the workbench: run scripts/setup.sh (npm ci)"
node bindings-wasm/workbench/build.mjs || die "the workbench build failed (bindings-wasm/workbench/build.mjs)"
