// Working on a rule set from JavaScript (issue 21, item 7): Engine.fromFiles, runTests,
// check (with maxCases and a stop function), diff and signedBundle, on the national rules
// read from rules/ and on an edited copy (the PEP window 72 -> 96 hours; a mistyped fact).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { pkgDir, repoRoot, wasm } from "./support.mjs";

const { Engine } = wasm;
const RULES = join(repoRoot, "rules");

/** The rule set's files as the folder loader reads them: top level, rules/, scenarios/. */
function nationalFiles() {
  const files = {};
  for (const sub of ["", "rules", "scenarios"]) {
    const dir = join(RULES, sub);
    for (const name of readdirSync(dir).sort()) {
      if ((name.endsWith(".toml") || name.endsWith(".json")) && statSync(join(dir, name)).isFile()) {
        files[sub ? `${sub}/${name}` : name] = readFileSync(join(dir, name), "utf8");
      }
    }
  }
  return files;
}

const PEP_RULE = 'when = "hours_since(last_incident_at) <= 72 and fluid_exposure and not pep_started and not (known(uses_prep) and uses_prep)"';
/** The national files with the PEP window at 96 hours (the rule's condition and deadline). */
function pep96() {
  const files = nationalFiles();
  const hulp = files["rules/hulp.toml"];
  assert.ok(hulp.includes(PEP_RULE), "the PEP rule is where the test expects it");
  const start = hulp.indexOf(PEP_RULE);
  const end = hulp.indexOf("[[rules]]", start);
  const block = hulp.slice(start, end).replace("<= 72", "<= 96").replace("hours = 72", "hours = 96");
  files["rules/hulp.toml"] = hulp.slice(0, start) + block + hulp.slice(end);
  return files;
}

test("fromFiles loads the national rules: same hash as the built-in bundle, in any order and shape", () => {
  const files = nationalFiles();
  const engine = Engine.fromFiles(files);
  assert.equal(engine.hash, Engine.default().hash, "scenarios are not part of the hash");
  const reversed = Object.fromEntries(Object.entries(files).reverse());
  assert.equal(Engine.fromFiles(reversed).hash, engine.hash, "object order does not matter");
  assert.equal(Engine.fromFiles(new Map(Object.entries(files))).hash, engine.hash, "a Map");
  assert.equal(Engine.fromFiles(Object.entries(files)).hash, engine.hash, "[path, text] pairs");
});

test("runTests: every national scenario passes; at 96 hours a PEP scenario fails with expected against actual", () => {
  const results = Engine.fromFiles(nationalFiles()).runTests();
  assert.ok(results.length >= 20, `scenarios run: ${results.length}`);
  for (const r of results) assert.deepEqual(r.failures, [], `scenario ${r.id}`);
  assert.deepEqual(Engine.default().runTests(), [], "the built-in bundle carries no scenarios");

  const failing = Engine.fromFiles(pep96()).runTests().filter((r) => r.failures.length > 0);
  assert.ok(failing.length >= 1, "a scenario fails");
  assert.ok(
    failing.some((r) => r.failures.some((f) => /hiv_pep/.test(f) && /expected/.test(f))),
    JSON.stringify(failing),
  );
});

test("a mistyped fact name is a RuleError with file, line, column and a hint", () => {
  const files = nationalFiles();
  files["rules/hulp.toml"] = files["rules/hulp.toml"].replace(PEP_RULE, PEP_RULE.replace("fluid_exposure", "fluid_exposur"));
  const lineOf = files["rules/hulp.toml"].split("\n").findIndex((l) => l.includes("fluid_exposur and")) + 1;
  assert.throws(
    () => Engine.fromFiles(files, "rules"),
    (e) => {
      assert.equal(e.kind, "RuleError");
      const d = e.diagnostics.find((x) => /fluid_exposur\b/.test(x.message));
      assert.ok(d, JSON.stringify(e.diagnostics));
      assert.equal(d.file, "rules/rules/hulp.toml", "root in front of the file name");
      assert.equal(d.line, lineOf);
      assert.ok(d.column > 1, `column ${d.column}`);
      assert.match(d.hint, /fluid_exposure/);
      return true;
    },
  );
});

test("diff: none against itself; at 96 hours a hiv_pep class whose witness both rule sets decide differently", () => {
  const old = Engine.fromFiles(nationalFiles());
  assert.deepEqual(old.diff(Engine.default()), []);
  const changed = Engine.fromFiles(pep96());
  const classes = old.diff(changed);
  const pep = classes.find((c) => c.outcome === "referral:hiv_pep");
  assert.ok(pep, JSON.stringify(classes.map((c) => c.outcome)));
  assert.equal(pep.old, "absent");
  assert.ok(pep.witness && pep.witness.now && pep.witness.case, "a witness");
  const offered = (engine) => engine.evaluate(pep.witness.case, pep.witness.now).referrals.some((r) => r.offer === "hiv_pep");
  assert.equal(offered(old), false, "old rules: no PEP for the witness");
  assert.equal(offered(changed), true, "new rules: PEP for the witness");
  for (const c of classes) assert.notEqual(c.old, c.new, c.outcome);
});

test("check: a full run of the national rules; stop and maxCases end it early, as analysis-incomplete", () => {
  const engine = Engine.default();
  let asked = 0;
  const full = engine.check({ stop: () => (asked++, false) });
  assert.ok(asked > 0, "stop was asked");
  assert.ok(Array.isArray(full) && full.every((f) => f.code && f.severity && f.message), "findings");
  assert.ok(!full.some((f) => f.code === "analysis-incomplete"), "the default budget suffices");
  assert.deepEqual(engine.check(), full, "same findings without options");
  const located = full.filter((f) => f.location);
  for (const f of located) assert.ok(typeof f.location.file === "string" && f.location.line >= 0, JSON.stringify(f));

  const stopped = engine.check({ stop: () => true });
  assert.ok(stopped.some((f) => f.code === "analysis-incomplete"), "stopping at once leaves analyses undecided");
  const thrown = engine.check({ stop: () => { throw new Error("cancel"); } });
  assert.ok(thrown.some((f) => f.code === "analysis-incomplete"), "a throwing stop stops");
  const small = engine.check({ maxCases: 1 });
  assert.ok(small.some((f) => f.code === "analysis-incomplete"), "one partial case is not enough");
});

test("signedBundle: loads under the key; a wrong key text is an ArgumentError", () => {
  const secret = readFileSync(join(repoRoot, "keys/test-signing-key.secret.json"), "utf8");
  const publicKey = readFileSync(join(repoRoot, "keys/test-signing-key.public.json"), "utf8");
  const engine = Engine.fromFiles(pep96());
  const signed = engine.signedBundle(secret);
  const back = Engine.fromBundle(signed, { trust: [publicKey] });
  assert.equal(back.hash, engine.hash);
  assert.throws(() => Engine.fromBundle(engine.bundle(), { trust: [publicKey] }), (e) => e.kind === "RuleError");
  assert.throws(() => engine.signedBundle(publicKey), (e) => e.kind === "ArgumentError");
  assert.throws(() => engine.signedBundle(42), (e) => e.kind === "ArgumentError");
});

test("bad arguments are ArgumentErrors, and the module keeps working", () => {
  const bad = [
    () => Engine.fromFiles(42),
    () => Engine.fromFiles("manifest.toml"),
    () => Engine.fromFiles({ "manifest.toml": 7 }),
    () => Engine.fromFiles([["manifest.toml", "a"], ["manifest.toml", "b"]]),
    () => Engine.fromFiles([42]),
    () => Engine.fromFiles(new Proxy({}, { ownKeys() { throw new Error("trap"); } })),
    () => Engine.fromFiles(nationalFiles(), 5),
    () => Engine.default().check({ budget: 5 }),
    () => Engine.default().check({ maxCases: 0.5 }),
    () => Engine.default().check({ stop: true }),
    () => Engine.default().check(new Proxy({}, { ownKeys() { throw new Error("trap"); } })),
  ];
  for (const call of bad) assert.throws(call, (e) => e.kind === "ArgumentError", call.toString());
  assert.throws(() => Engine.fromFiles({}), (e) => e.kind === "RuleError", "no manifest");
  assert.throws(() => Engine.default().diff({}), Error, "diff needs an Engine");
  assert.equal(Engine.fromFiles(nationalFiles()).hash, Engine.default().hash, "still working");
});

test("the generated TypeScript declares the calls with their types", () => {
  const dts = readFileSync(join(pkgDir, "wegwijs_wasm.d.ts"), "utf8");
  for (const s of ["static fromFiles(files: RuleFiles, root?: string | null): Engine;", "runTests(): ScenarioResult[];",
    "check(options?: CheckOptions | null): Finding[];", "diff(other: Engine): DiffClass[];", "signedBundle(secret_key: string): string;",
    "export type RuleFiles =", "export interface Finding {", "export interface DiffClass {", "export interface ScenarioResult {"]) {
    assert.ok(dts.includes(s), `d.ts contains ${s}`);
  }
});
