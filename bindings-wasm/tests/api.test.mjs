// The JavaScript API: loading, evaluation inputs (objects, unknowns, Dates, the clock),
// the other methods, and errors as Error objects with fields that never leak case values.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { allStrings, repoRoot, wasm } from "./support.mjs";

const { Engine } = wasm;
// Vignette 4 (shared/domain.md), shared with the browser test.
const { now: NOW, case: VIGNETTE_4 } = JSON.parse(
  readFileSync(join(repoRoot, "tests/fixtures/cases/vignet-4-first-contact.json"), "utf8"),
);

test("Engine.default() loads the national rules, once", () => {
  const a = Engine.default();
  const b = Engine.default();
  assert.equal(a.name, "wegwijs-nationaal");
  assert.match(a.version, /^\d+\.\d+\.\d+/);
  assert.match(a.hash, /^sha256:[0-9a-f]{64}$/);
  assert.equal(a.hash, b.hash);
});

test("a bundle round-trips: same hash, same results", () => {
  const national = Engine.default();
  const again = Engine.fromBundle(national.bundle());
  assert.equal(again.hash, national.hash);
  assert.equal(again.name, national.name);
  // Same results; only the signer is not claimed (a plain bundle carries no signature).
  const unsigned = (text) => JSON.stringify({ ...JSON.parse(text), ruleset: { ...JSON.parse(text).ruleset, signed_by: null } });
  assert.equal(again.evaluateJson(VIGNETTE_4, NOW), unsigned(national.evaluateJson(VIGNETTE_4, NOW)));
  assert.equal(again.evaluate(VIGNETTE_4, NOW).ruleset.signed_by, null);
});

test("vignette 4 gives intensive regie and a Veilig Thuis referral", () => {
  const p = Engine.default().evaluate(VIGNETTE_4, NOW);
  assert.equal(p.regie.level, "R3");
  assert.equal(p.regie.status, "certain");
  assert.ok(p.referrals.some((r) => r.organisation === "veilig_thuis"), "a Veilig Thuis referral");
  assert.equal(p.evaluated_at, "2026-03-02T18:00:00+01:00", "local time");
  assert.equal(p.needs.length, 4);
  for (const e of p.explanations) assert.equal(typeof e.text.nl, "string");
});

test("null, undefined and a missing key all mean unknown", () => {
  const engine = Engine.default();
  const base = engine.evaluateJson({ age: 29 }, NOW);
  assert.equal(engine.evaluateJson({ age: 29, strangulation: null }, NOW), base);
  assert.equal(engine.evaluateJson({ age: 29, strangulation: undefined }, NOW), base);
  assert.equal(engine.evaluateJson({}, NOW), engine.evaluateJson("{}", NOW));
});

test("the evaluation time: RFC 3339, a Date, or omitted for the current time", () => {
  const engine = Engine.default();
  assert.equal(engine.evaluateJson(VIGNETTE_4, new Date("2026-03-02T17:00:00.900Z")), engine.evaluateJson(VIGNETTE_4, NOW));
  const before = Math.floor(Date.now() / 1000);
  const p = engine.evaluate({});
  const after = Math.ceil(Date.now() / 1000);
  const t = Date.parse(p.evaluated_at) / 1000;
  assert.ok(t >= before && t <= after, `evaluated_at ${p.evaluated_at} is now`);
  assert.ok(Array.isArray(engine.questions({})));
  assert.deepEqual(engine.evaluate({}, null).needs.length, 4);
});

test("a Date works as the value of a datetime fact", () => {
  const engine = Engine.default();
  const asDate = { ...VIGNETTE_4, last_incident_at: new Date("2026-03-01T21:00:00Z") };
  assert.equal(engine.evaluateJson(asDate, NOW), engine.evaluateJson(VIGNETTE_4, NOW));
});

test("whole numbers and bigints are ints; sets ignore order and duplicates", () => {
  const engine = Engine.default();
  const want = engine.evaluateJson(VIGNETTE_4, NOW);
  assert.equal(engine.evaluateJson({ ...VIGNETTE_4, age: 29n, incidents_last_12_months: 3.0 }, NOW), want);
  const acts = { ...VIGNETTE_4, acts: ["oraal", "vaginaal", "oraal"] };
  assert.equal(engine.evaluateJson(acts, NOW), engine.evaluateJson({ ...VIGNETTE_4, acts: ["vaginaal", "oraal"] }, NOW));
});

test("questions() lists the open questions, most urgent first", () => {
  const engine = Engine.default();
  const qs = engine.questions({ age: 29 }, NOW);
  assert.ok(qs.length > 0);
  for (const q of qs) {
    assert.equal(typeof q.fact, "string");
    assert.equal(typeof q.question.nl, "string");
    assert.ok(Array.isArray(q.affects));
  }
  assert.deepEqual(qs, engine.evaluate({ age: 29 }, NOW).questions);
  assert.ok(!qs.some((q) => q.fact === "age"), "an answered fact is not asked again");
});

test("whyNot() explains an offer; an unknown offer is an ArgumentError", () => {
  const engine = Engine.default();
  const offer = engine.source().offers[0].id;
  const w = engine.whyNot({}, NOW, offer);
  assert.equal(w.offer, offer);
  assert.ok(["certain", "possible", "absent"].includes(w.status));
  assert.ok(Array.isArray(w.rules));
  assert.throws(() => engine.whyNot({}, NOW, "hiv_pepp"), (e) => {
    assert.ok(e instanceof Error);
    assert.equal(e.kind, "ArgumentError");
    assert.equal(e.name, "ArgumentError");
    assert.match(e.argument, /hiv_pepp/);
    return true;
  });
});

test("schema() gives the intake facts in gespreksgids order", () => {
  const engine = Engine.default();
  const schema = engine.schema();
  assert.ok(schema.sections.length > 0 && schema.facts.length > 0);
  const order = schema.sections.map((s) => s.id);
  let last = 0;
  for (const f of schema.facts) {
    const i = order.indexOf(f.section);
    assert.ok(i >= 0, `fact ${f.id} is in a known section`);
    assert.ok(i >= last, `fact ${f.id} follows the section order`);
    last = i;
    assert.ok(["bool", "int", "enum", "set", "datetime", "date"].includes(f.type));
    assert.equal(typeof f.label.nl, "string");
    assert.equal(typeof f.question.nl, "string");
  }
  assert.deepEqual(engine.source().schema, schema);
  assert.equal(engine.source().scenarios, undefined, "the embedded rules carry no scenario tests");
});

test("a case error is an Error with fields, and never contains the case's value", () => {
  const engine = Engine.default();
  const secret = "Jansen-0612345678";
  const bad = [
    [{ age: secret }, "age"],
    [{ age: 999 }, "age"],
    [{ age: 29.5 }, "age"],
    [{ strangulation: "ja" }, "strangulation"],
    [{ perpetrator_relation: secret }, "perpetrator_relation"],
    [{ acts: [secret] }, "acts"],
    [{ acts: [1, 2] }, "acts"],
    [{ last_incident_at: secret }, "last_incident_at"],
    [{ last_incident_at: new Date(Number.NaN) }, "last_incident_at"],
    [{ age: { value: secret } }, "age"],
    [{ [secret]: true }, secret],
  ];
  for (const [c, fact] of bad) {
    assert.throws(() => engine.evaluate(c, NOW), (e) => {
      assert.ok(e instanceof Error, "an Error");
      assert.equal(e.kind, "CaseError");
      assert.equal(e.name, "CaseError");
      assert.equal(e.fact, fact);
      assert.equal(typeof e.problem, "string");
      for (const k of ["file", "line", "column", "path", "diagnostics", "argument"]) assert.equal(e[k], null, k);
      if (fact !== secret) {
        for (const s of allStrings(e).concat(String(e), e.stack ?? "")) assert.ok(!s.includes(secret), `leaks a value: ${s}`);
        for (const s of [e.message, e.problem, e.hint ?? ""]) assert.ok(!s.includes("999") && !s.includes("29.5"), `leaks a value: ${s}`);
      }
      return true;
    });
  }
  // An unknown key: named (it is the caller's key, not a value) with a did-you-mean hint.
  assert.throws(() => engine.evaluate({ strangulaton: true }, NOW), (e) => e.fact === "strangulaton" && /strangulation/.test(e.hint));
  // Not an object at all.
  for (const c of [null, 42, [1], "not json"]) {
    assert.throws(() => engine.evaluate(c, NOW), (e) => e.kind === "CaseError" && e.fact === "(case)");
  }
});

test("a bad evaluation time is an ArgumentError", () => {
  const engine = Engine.default();
  for (const now of ["2026-03-02 18:00", "gisteren", new Date("nope"), 1700000000]) {
    assert.throws(() => engine.evaluate({}, now), (e) => e instanceof Error && e.kind === "ArgumentError" && e.argument === "evaluation time");
  }
});

test("a rule error is an Error with file, line, column and diagnostics", () => {
  assert.throws(() => Engine.fromBundle("{ not json"), (e) => {
    assert.ok(e instanceof Error);
    assert.equal(e.kind, "RuleError");
    assert.equal(e.name, "RuleError");
    assert.equal(e.file, "<bundle>");
    assert.ok(Array.isArray(e.diagnostics) && e.diagnostics.length >= 1);
    assert.equal(typeof e.diagnostics[0].message, "string");
    return true;
  });
  // A bundle whose content was changed by hand no longer matches its hash.
  const bundle = JSON.parse(Engine.default().bundle());
  bundle.ruleset.manifest.version = "9.9.9";
  assert.throws(() => Engine.fromBundle(JSON.stringify(bundle)), (e) => e.kind === "RuleError" && e.path === "hash" && typeof e.hint === "string");
  // Not a bundle at all.
  assert.throws(() => Engine.fromBundle("[]"), (e) => e.kind === "RuleError" && e.diagnostics.length >= 1);
});

test("engines are independent objects that can be freed", () => {
  const a = Engine.fromBundle(Engine.default().bundle());
  a.free();
  assert.throws(() => a.evaluate({}, NOW));
  assert.equal(Engine.default().evaluate({}, NOW).regie.level.length > 0, true);
});
