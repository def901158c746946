// Issue 13, items 2 and 4: wrong arguments, odd case objects and rule sets too long to
// load all throw a JS Error with a kind, never a trap; afterwards the instance and every
// engine in it (an already loaded national engine, Engine.default(), a bundle engine) keep
// giving the same answers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { bundleOf, repoRoot, wasm } from "./support.mjs";

const { Engine } = wasm;
const { now: NOW, case: VIGNETTE_4 } = JSON.parse(
  readFileSync(join(repoRoot, "tests/fixtures/cases/vignet-4-first-contact.json"), "utf8"),
);
const KINDS = ["RuleError", "CaseError", "ArgumentError"];

// Engines loaded before anything goes wrong, and what they answer.
const national = Engine.default();
const mini = Engine.fromBundle(bundleOf("tests/fixtures/mini"));
const MINI_CASE = { age: 15, relation: "partner", police_wish: "aangifte" };
const baseline = {
  national: national.evaluateJson(VIGNETTE_4, NOW),
  mini: mini.evaluateJson(MINI_CASE, NOW),
  whyNot: JSON.stringify(national.whyNot(VIGNETTE_4, NOW, national.source().offers[0].id)),
};

function assertHealthy(after) {
  assert.equal(national.evaluateJson(VIGNETTE_4, NOW), baseline.national, `national engine after ${after}`);
  assert.equal(Engine.default().evaluateJson(VIGNETTE_4, NOW), baseline.national, `Engine.default() after ${after}`);
  assert.equal(mini.evaluateJson(MINI_CASE, NOW), baseline.mini, `bundle engine after ${after}`);
  assert.equal(JSON.stringify(national.whyNot(VIGNETTE_4, NOW, national.source().offers[0].id)), baseline.whyNot);
  assert.equal(Engine.fromBundle(mini.bundle()).hash, mini.hash, `fromBundle after ${after}`);
}

/** Runs `f`, which must throw a wegwijs Error of `kind`; then checks every engine. */
function throwsCleanly(label, f, kind) {
  let thrown;
  try {
    f();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown instanceof Error, `${label}: throws an Error (got ${thrown})`);
  assert.ok(KINDS.includes(thrown.kind), `${label}: a wegwijs error, not ${thrown.name}: ${thrown.message}`);
  if (kind) assert.equal(thrown.kind, kind, `${label}: ${thrown.message}`);
  assertHealthy(label);
  return thrown;
}

class Intake {
  constructor() {
    this.age = 12;
  }
}
class WithGetter {
  get age() {
    return 12;
  }
}
const revoked = Proxy.revocable({}, {});
revoked.revoke();
const throwingProxy = new Proxy({}, { ownKeys() { throw new Error("secret-value-12"); } });
const throwingProtoProxy = new Proxy({}, { getPrototypeOf() { throw new Error("secret-value-12"); } });
const throwingGetter = {};
Object.defineProperty(throwingGetter, "age", { get() { throw new Error("secret-value-12"); }, enumerable: true });
const hidden = {};
Object.defineProperty(hidden, "strangulation", { value: true, enumerable: false });
const withSymbol = { age: 12, [Symbol("strangulation")]: true };
const withProto = Object.create({ strangulation: true });
const mapOwnProp = new Map([["age", 12]]);
mapOwnProp.extra = 1;

test("wrong argument types throw ArgumentError, never trap", () => {
  const bundle = mini.bundle();
  for (const [label, f] of [
    ["fromBundle(42)", () => Engine.fromBundle(42)],
    ["fromBundle()", () => Engine.fromBundle()],
    ["fromBundle({})", () => Engine.fromBundle({})],
    ["fromBundle(Symbol())", () => Engine.fromBundle(Symbol("x"))],
    ["fromBundle(text, 42)", () => Engine.fromBundle(bundle, 42)],
    ["fromBundle(text, {trust: 'x'})", () => Engine.fromBundle(bundle, { trust: "x" })],
    ["fromBundle(text, {trust: [42]})", () => Engine.fromBundle(bundle, { trust: [42] })],
    ["fromBundle(text, {trust: ['not a key']})", () => Engine.fromBundle(bundle, { trust: ["not a key"] })],
    ["fromBundle(text, {other: 1})", () => Engine.fromBundle(bundle, { other: 1 })],
    ["fromBundle(text, revoked proxy)", () => Engine.fromBundle(bundle, revoked.proxy)],
    ["whyNot(case, now, 42)", () => national.whyNot(VIGNETTE_4, NOW, 42)],
    ["whyNot(case, now)", () => national.whyNot(VIGNETTE_4, NOW)],
    ["whyNot(case, now, {})", () => national.whyNot(VIGNETTE_4, NOW, {})],
    ["evaluate(case, 42)", () => national.evaluate(VIGNETTE_4, 42)],
    ["evaluate(case, {})", () => national.evaluate(VIGNETTE_4, {})],
    ["evaluate(case, Invalid Date)", () => national.evaluate(VIGNETTE_4, new Date(NaN))],
    ["evaluate(case, Date in year 275760)", () => national.evaluate(VIGNETTE_4, new Date(8.64e15))],
    ["evaluate(case, Date in year -271821)", () => national.evaluate(VIGNETTE_4, new Date(-8.64e15))],
    ["evaluate(case, 'out-of-range')", () => national.evaluate(VIGNETTE_4, "out-of-range")],
    ["evaluate(case, throwing proxy)", () => national.evaluate(VIGNETTE_4, throwingProtoProxy)],
  ]) {
    throwsCleanly(label, f, "ArgumentError");
  }
  // fromBundle(text, {trust: []}): nothing is trusted, so the unsigned bundle is refused.
  throwsCleanly("fromBundle(text, {trust: []})", () => Engine.fromBundle(bundle, { trust: [] }), "RuleError");
  throwsCleanly("fromBundle('{')", () => Engine.fromBundle("{"), "RuleError");
});

test("a case must be a plain object or a Map: everything else is a CaseError", () => {
  for (const [label, c] of [
    ["42", 42],
    ["true", true],
    ["null", null],
    ["undefined", undefined],
    ["a symbol", Symbol("case")],
    ["a function", () => 1],
    ["an array", [["age", 12]]],
    ["a class instance", new Intake()],
    ["a class with a getter", new WithGetter()],
    ["an object with a prototype", withProto],
    ["a Date", new Date()],
    ["a Symbol key", withSymbol],
    ["a non-enumerable fact", hidden],
    ["a throwing getter", throwingGetter],
    ["a Proxy whose ownKeys throws", throwingProxy],
    ["a Proxy whose getPrototypeOf throws", throwingProtoProxy],
    ["a revoked Proxy", revoked.proxy],
    ["a Map with a non-string key", new Map([[1, 12]])],
    ["a Map with own properties", mapOwnProp],
    ["a Map subclass", new (class extends Map {})([["age", 12]])],
  ]) {
    for (const method of ["evaluate", "evaluateJson", "questions"]) {
      const e = throwsCleanly(`${method}(${label})`, () => national[method](c, NOW), "CaseError");
      assert.equal(e.fact, "(case)", `${label}: ${e.message}`);
      assert.ok(!e.message.includes("secret-value"), `${label}: the thrown message is not repeated`);
    }
    throwsCleanly(`whyNot(${label})`, () => national.whyNot(c, NOW, "hiv_pep"), "CaseError");
  }
});

test("a Map and an object without prototype are read like a plain object", () => {
  const expected = national.evaluateJson(VIGNETTE_4, NOW);
  assert.equal(national.evaluateJson(new Map(Object.entries(VIGNETTE_4)), NOW), expected);
  assert.equal(national.evaluateJson(Object.assign(Object.create(null), VIGNETTE_4), NOW), expected);
  assert.deepEqual(national.questions(new Map(Object.entries(VIGNETTE_4)), NOW), national.questions(VIGNETTE_4, NOW));
  // A 12-year-old with strangulation is R3, whichever container the facts come in.
  const child = new Map([["age", 12], ["strangulation", true]]);
  assert.equal(national.evaluate(child, NOW).regie.level, national.evaluate({ age: 12, strangulation: true }, NOW).regie.level);
  // Odd values inside a plain case: a clear CaseError naming the fact.
  for (const [fact, value] of [
    ["age", new Proxy({}, {})],
    ["age", { valueOf: () => 12 }],
    ["acts", new Proxy(["vaginaal"], { get() { throw new Error("secret-value-12"); } })],
    ["acts", { length: 2 ** 32 - 1 }],
    ["last_incident_at", new Proxy(new Date(), {})],
  ]) {
    const e = throwsCleanly(`${fact}: odd value`, () => national.evaluate({ [fact]: value }, NOW), "CaseError");
    assert.ok(!e.message.includes("secret-value"));
  }
});

test("a bundle with a rule of 3,000 terms is a located RuleError, and nothing breaks", () => {
  // Written by tests/tests/fuzz_regressions.rs (the small test rule set plus one long rule,
  // hashed by the core). Before the limit this threw a RangeError, then every call trapped.
  for (const name of ["long-plus-3000", "long-and-3000"]) {
    const text = readFileSync(join(repoRoot, `tests/fixtures/limits/${name}.bundle.json`), "utf8");
    for (let round = 0; round < 3; round++) {
      const e = throwsCleanly(`fromBundle(${name})`, () => Engine.fromBundle(text), "RuleError");
      assert.match(e.problem, /expression is longer than|expression too long|nested too deeply/);
      assert.equal(e.path, "rules[3].when");
    }
  }
});
