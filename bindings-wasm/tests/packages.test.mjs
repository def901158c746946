// The two web packages scripts/build-wasm.sh writes: the intake page's (www/pkg, without the
// authoring calls, so the page a victim may open stays small) and the workbench's
// (www/pkg-authoring, with them). Reads the generated type declarations.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./support.mjs";

const dts = (dir) => readFileSync(join(repoRoot, "bindings-wasm/www", dir, "wegwijs_wasm.d.ts"), "utf8");
const AUTHORING = ["fromFiles(", "runTests(", "signedBundle(", "check(", "diff("];

test("the intake page's package has no authoring calls", () => {
  const intake = dts("pkg");
  assert.match(intake, /evaluateJson\(/);
  for (const call of AUTHORING) assert.ok(!intake.includes(call), `www/pkg declares ${call}`);
});

test("the workbench's package has every authoring call", () => {
  const authoring = dts("pkg-authoring");
  for (const call of AUTHORING) assert.ok(authoring.includes(call), `www/pkg-authoring lacks ${call}`);
});
