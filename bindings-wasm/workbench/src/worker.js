// The workbench's Web Worker: every call into the engine happens here, so typing never
// waits for it. One message in, one result out (plus `progress` messages for long jobs):
//   { id, job: "analyse", base, edited }       -> load errors, scenario results, diff classes
//   { id, job: "check", ruleset, maxCases }   -> findings (progress: partial-case batches)
//   { id, job: "impact", base, edited, csv, now } -> counts per offer and regie level
//   { id, job: "evaluate", ruleset, witness } -> the proposal for a witness case
//   { id, job: "bundle", ruleset, key }       -> the bundle (signed when a secret key text is given)
// A rule set is { files } (path -> text) or { bundle } (its JSON text). Cancelling a long
// job means terminating this worker (main.js starts a fresh one).
import init, { Engine } from "../pkg-authoring/wegwijs_wasm.js";
import { impact } from "./impact.js";

const ready = init({ module_or_path: new URL("../pkg-authoring/wegwijs_wasm_bg.wasm", import.meta.url) });
const cache = new Map(); // JSON of the rule set -> Engine (the base is loaded once)

/** An Engine for a rule set, or throws the RuleError. */
function load(ruleset) {
  const key = JSON.stringify(ruleset);
  if (cache.has(key)) return cache.get(key);
  const engine = ruleset.bundle !== undefined ? Engine.fromBundle(ruleset.bundle) : Engine.fromFiles(ruleset.files);
  if (cache.size > 4) cache.clear();
  cache.set(key, engine);
  return engine;
}

/** A thrown error as plain data (never a value from a case: the engine's errors carry none). */
function errorData(e) {
  const d = (x) => ({ message: x.message ?? x.problem, hint: x.hint ?? null, file: x.file ?? null, line: x.line ?? null, column: x.column ?? null, path: x.path ?? null });
  return { kind: e.kind ?? "Error", message: e.message, diagnostics: Array.isArray(e.diagnostics) ? e.diagnostics.map(d) : [d(e)] };
}

const jobs = {
  analyse({ base, edited }) {
    let old;
    try { old = load(base); } catch (e) { return { baseError: errorData(e) }; }
    let engine;
    try { engine = load(edited); } catch (e) { return { loadError: errorData(e) }; }
    const t0 = performance.now();
    const tests = engine.runTests();
    const t1 = performance.now();
    const diff = old.hash === engine.hash ? [] : old.diff(engine);
    return { hash: engine.hash, name: engine.name, version: engine.version, tests, diff, ms: { tests: t1 - t0, diff: performance.now() - t1 } };
  },
  check({ ruleset, maxCases }, progress) {
    const engine = load(ruleset);
    let asked = 0;
    let last = 0;
    const t0 = performance.now();
    const findings = engine.check({
      maxCases,
      stop: () => {
        asked += 1;
        const t = performance.now();
        if (t - last > 200) { last = t; progress({ asked, ms: t - t0 }); }
        return false;
      },
    });
    return { findings, asked, ms: performance.now() - t0 };
  },
  impact({ base, edited, csv, now }, progress) {
    return impact(load(base), load(edited), csv, now, progress);
  },
  bundle({ ruleset, key }) {
    const engine = load(ruleset);
    return { bundle: key ? engine.signedBundle(key) : engine.bundle() };
  },
  evaluate({ ruleset, witness }) {
    return { proposal: load(ruleset).evaluate(witness.case, witness.now) };
  },
};

self.onmessage = async ({ data }) => {
  const { id, job } = data;
  try {
    await ready;
    const result = jobs[job](data, (p) => self.postMessage({ id, progress: p }));
    self.postMessage({ id, result });
  } catch (e) {
    self.postMessage({ id, error: errorData(e) });
  }
};
