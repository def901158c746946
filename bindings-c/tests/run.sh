#!/usr/bin/env bash
# The C ABI from three host languages (the `c-abi` suite of scripts/test.sh):
#   C     bindings-c/tests/c/conformance.c under valgrind (--leak-check=full, errors fail)
#   Go    bindings-c/tests/go (cgo, standard library only): go test
#   Java  bindings-c/tests/java/Conformance.java (JNA from Debian's libjna-java)
# Each runs every conformance vector byte for byte and error cases against the debug build
# of libwegwijs_c. Then the Go and Java examples (bindings-c/examples) run once. scripts/setup.sh installs cc, valgrind, golang-go, default-jdk-headless
# and libjna-java; a missing tool fails this script (it never skips silently).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
cd "$REPO_ROOT"

JNA_JAR="${WEGWIJS_JNA_JAR:-/usr/share/java/jna.jar}"
for tool in cc valgrind go java; do
    have "$tool" || die "$tool is not installed (scripts/setup.sh installs it)"
done
[[ -f $JNA_JAR ]] || die "$JNA_JAR is missing (apt-get install libjna-java; scripts/setup.sh does)"

step "c-abi: cargo build -p wegwijs-c"
cargo build -p wegwijs-c
LIB_DIR="$REPO_ROOT/target/debug"
OUT="$REPO_ROOT/target/c-abi"
mkdir -p "$OUT"
[[ -f $LIB_DIR/libwegwijs_c.so ]] || die "$LIB_DIR/libwegwijs_c.so was not built"

step "c-abi: C (cc) under valgrind"
cc -std=c11 -Wall -Wextra -Werror -g -Ibindings-c/include bindings-c/tests/c/conformance.c \
    -L"$LIB_DIR" -Wl,-rpath,"$LIB_DIR" -lwegwijs_c -lpthread -o "$OUT/conformance"
# --num-callers: deep enough that the suppression (the national rules kept for the process,
# see valgrind.supp) can see Engine::try_national in the allocation's stack.
valgrind -q --leak-check=full --error-exitcode=1 --num-callers=50 \
    --suppressions=bindings-c/tests/c/valgrind.supp "$OUT/conformance" "$REPO_ROOT"

step "c-abi: Go (cgo)"
(
    cd bindings-c/tests/go
    # Local toolchain and no module proxy: the test has no dependencies to fetch.
    export GOTOOLCHAIN=local GOPROXY=off GOFLAGS=-mod=mod GOCACHE="$OUT/go-cache" GOPATH="$OUT/go-path"
    export CGO_ENABLED=1 CGO_LDFLAGS="-L$LIB_DIR -Wl,-rpath,$LIB_DIR -lwegwijs_c" WEGWIJS_ROOT="$REPO_ROOT"
    go vet ./...
    go test -count=1 -v ./... 2>&1 | grep -Ev '^=== RUN'
    exit "${PIPESTATUS[0]}"
)

step "c-abi: Java (JNA)"
java -Djna.library.path="$LIB_DIR" -Djna.encoding=UTF-8 -cp "$JNA_JAR" \
    bindings-c/tests/java/Conformance.java "$REPO_ROOT"

step "c-abi: the Go and Java examples run (bindings-c/examples; the .NET one is not run here)"
go_out="$(cd bindings-c/examples/go && GOTOOLCHAIN=local GOPROXY=off GOCACHE="$OUT/go-cache" \
    GOPATH="$OUT/go-path" CGO_LDFLAGS="-L$LIB_DIR -Wl,-rpath,$LIB_DIR" go run .)"
[[ $go_out == "regie level: R"* ]] || die "the Go example printed: $go_out"
java_out="$(java -Djna.library.path="$LIB_DIR" -cp "$JNA_JAR" bindings-c/examples/java/Triage.java)"
[[ $java_out == '{"ruleset":{"name":"wegwijs-nationaal"'* ]] || die "the Java example printed: ${java_out:0:200}"
info "Go example: $go_out; Java example: a proposal of ${#java_out} bytes"
ok "c-abi: C, Go and Java give the conformance bytes"
