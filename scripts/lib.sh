# shellcheck shell=bash
# Shared helpers for scripts/setup.sh, scripts/build-wasm.sh and scripts/test.sh.
# Source it; do not run it.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="${WEGWIJS_TOOLS_DIR:-$REPO_ROOT/.tools}"
VENV_DIR="${WEGWIJS_VENV_DIR:-$REPO_ROOT/.venv}"
# Per-machine cache shared by every clone (CI runs in a fresh clone each time).
MACHINE_CACHE="${WEGWIJS_MACHINE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/wegwijs}"
WASM_TARGET=wasm32-unknown-unknown
WASM_BINDGEN_FALLBACK_VERSION=0.2.130
DEBIAN_RUST_SRC=/usr/lib/rustlib/src/rust/library

if [[ -t 1 && -z "${NO_COLOR:-}" ]]; then
    _B=$'\e[1m'; _R=$'\e[31m'; _Y=$'\e[33m'; _G=$'\e[32m'; _N=$'\e[0m'
else
    _B=; _R=; _Y=; _G=; _N=
fi

step() { printf '\n%s==> %s%s\n' "$_B" "$*" "$_N"; }
info() { printf '    %s\n' "$*"; }
ok()   { printf '    %sok:%s %s\n' "$_G" "$_N" "$*"; }
warn() { printf '%s!!! WARNING: %s%s\n' "$_Y" "$*" "$_N" >&2; }
die()  { printf '%s!!! ERROR: %s%s\n' "$_R" "$*" "$_N" >&2; exit 1; }

have() { command -v "$1" >/dev/null 2>&1; }

# Run as root, or through sudo when available.
as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"
    elif have sudo; then sudo "$@"
    else die "need root for: $* (no sudo available)"
    fi
}

# wasm-bindgen version recorded in Cargo.lock (the CLI must match it exactly).
wasm_bindgen_version() {
    local v=""
    if [[ -f "$REPO_ROOT/Cargo.lock" ]]; then
        v="$(awk '
            /^\[\[package\]\]/ { name = "" }
            /^name = / { gsub(/"/, "", $3); name = $3 }
            /^version = / && name == "wasm-bindgen" { gsub(/"/, "", $3); print $3; exit }
        ' "$REPO_ROOT/Cargo.lock")"
    fi
    echo "${v:-$WASM_BINDGEN_FALLBACK_VERSION}"
}

host_triple() { rustc -vV 2>/dev/null | sed -n 's/^host: //p'; }

rustup_has_wasm_target() {
    have rustup && rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET"
}

debian_wasm_route_available() {
    [[ -x /usr/bin/cargo && -x /usr/bin/rustc && -d "$DEBIAN_RUST_SRC" ]]
}

# A linker for the Debian route: rustup's rust-lld (resolved from the rustup
# sysroot, not Debian's, which ships none) or wasm-ld from Debian's lld.
wasm_linker() {
    local sysroot host cand
    if sysroot="$(rustc --print sysroot 2>/dev/null)" && host="$(host_triple)"; then
        cand="$sysroot/lib/rustlib/$host/bin/rust-lld"
        [[ -x "$cand" ]] && { echo "$cand"; return 0; }
    fi
    for cand in wasm-ld /usr/lib/llvm-*/bin/wasm-ld; do
        if have "$cand" || [[ -x "$cand" ]]; then command -v "$cand" || echo "$cand"; return 0; fi
    done
    return 1
}

# Which route builds wasm32: "rustup" (target installed) or "debian" (fallback).
# WEGWIJS_WASM_ROUTE=rustup|debian forces one.
wasm_route() {
    case "${WEGWIJS_WASM_ROUTE:-auto}" in
        rustup) echo rustup ;;
        debian) echo debian ;;
        auto)
            if rustup_has_wasm_target; then echo rustup
            elif debian_wasm_route_available; then echo debian
            else echo none
            fi ;;
        *) die "WEGWIJS_WASM_ROUTE must be auto, rustup or debian (got '$WEGWIJS_WASM_ROUTE')" ;;
    esac
}

# Hash of a file (for "already installed from this exact spec" stamps).
file_hash() { sha256sum "$@" | sha256sum | cut -c1-16; }

fmt_secs() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

# cargo-fuzz: the one in the tools dir, else the machine cache, else on PATH.
CARGO_FUZZ_VERSION=0.13.2
fuzz_tool() {
    local cand
    for cand in "$TOOLS_DIR/bin/cargo-fuzz" "$MACHINE_CACHE/cargo-fuzz-$CARGO_FUZZ_VERSION/bin/cargo-fuzz"; do
        [[ -x $cand ]] && { echo "$cand"; return 0; }
    done
    command -v cargo-fuzz 2>/dev/null
}
