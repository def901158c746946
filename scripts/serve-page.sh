#!/usr/bin/env bash
# Open the Wegwijs decision-support page: builds the WebAssembly package (scripts/setup.sh
# must have run once) and serves bindings-wasm/www on http://127.0.0.1:8080/ (local only).
#   bash scripts/serve-page.sh            # build, then serve on port 8080
#   PORT=9000 bash scripts/serve-page.sh  # another port
#   WEGWIJS_NO_BUILD=1 bash scripts/serve-page.sh   # serve the last build
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

if [[ -z "${WEGWIJS_NO_BUILD:-}" ]]; then
    bash scripts/build-wasm.sh
fi
[[ -f bindings-wasm/www/pkg/wegwijs_wasm.js ]] || die "bindings-wasm/www/pkg is missing: run bash scripts/build-wasm.sh (after scripts/setup.sh)"
have node || die "node not found: run scripts/setup.sh"
step "serving bindings-wasm/www on http://127.0.0.1:${PORT:-8080}/ (open it in a browser; Ctrl-C stops)"
exec node bindings-wasm/serve.mjs --port "${PORT:-8080}"
