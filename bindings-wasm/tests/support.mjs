// Shared helpers of the node tests: the nodejs build, the repository, the rule sets that the
// conformance vectors name. Not a test file itself (node --test runs *.test.mjs).
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const pkgDir = join(repoRoot, "bindings-wasm/pkg-node");

if (!existsSync(join(pkgDir, "wegwijs_wasm.js"))) {
  throw new Error(`${pkgDir}/wegwijs_wasm.js is missing: run bash scripts/build-wasm.sh first`);
}
/** The nodejs build of wegwijs-wasm (CommonJS). */
export const wasm = createRequire(import.meta.url)(join(pkgDir, "wegwijs_wasm.js"));

/** The conformance vectors: every tests/conformance/NAME.case.json, sorted by name. */
export function vectors() {
  const dir = join(repoRoot, "tests/conformance");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".case.json"))
    .sort()
    .map((file) => {
      const name = file.slice(0, -".case.json".length);
      const text = readFileSync(join(dir, file), "utf8");
      const v = JSON.parse(text);
      return { name, ruleset: v.ruleset, now: v.now, case: v.case, caseText: JSON.stringify(v.case), expectedPath: join(dir, `${name}.expected.json`) };
    });
}

const engines = new Map();

/** `national` (built in) or a repository-relative rule-set folder, bundled by the CLI. */
export function engineFor(ruleset) {
  if (!engines.has(ruleset)) {
    engines.set(ruleset, ruleset === "national" ? wasm.Engine.default() : wasm.Engine.fromBundle(bundleOf(ruleset)));
  }
  return engines.get(ruleset);
}

/** The JSON bundle of a rule-set folder, written by the Rust CLI (`wegwijs bundle DIR`):
 *  the same loader as the Rust suite, so the hash in the expected output must match. */
export function bundleOf(folder) {
  const dir = join(repoRoot, folder);
  if (!existsSync(dir)) throw new Error(`rule-set folder ${folder} does not exist`);
  try {
    return execFileSync("cargo", ["run", "-q", "-p", "wegwijs-cli", "--", "bundle", dir], {
      cwd: repoRoot,
      encoding: "utf8",
      maxBuffer: 64 << 20,
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (e) {
    throw new Error(`could not bundle ${folder} with the CLI (cargo run -p wegwijs-cli -- bundle): ${e.stderr || e.message}`);
  }
}

/** Every own property value of an object, recursively (to look for leaked case values). */
export function allStrings(value, out = []) {
  if (typeof value === "string") out.push(value);
  else if (value && typeof value === "object") {
    for (const k of Object.getOwnPropertyNames(value)) allStrings(value[k], out);
  }
  return out;
}
