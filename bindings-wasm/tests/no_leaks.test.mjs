// Issue 13, item 9, through the WebAssembly binding: over every fact type and every error
// path, no error text or field holds a value from the case, nor more than 64 characters of
// a key. A seeded property test (the same properties as tests/tests/no_leaks.rs in Rust).
import { test } from "node:test";
import assert from "node:assert/strict";
import { allStrings, wasm } from "./support.mjs";

const { Engine } = wasm;
const MARK = "GEHEIM";
const KEY_ECHO_MAX = 64;
const NOW = "2026-03-02T18:00:00+01:00";
const national = Engine.default();

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function texts(e) {
  return [String(e), e.message, ...allStrings({ ...e })];
}

function assertClean(e, secrets, key) {
  assert.ok(e instanceof Error && e.kind, `a wegwijs Error: ${e}`);
  for (const text of texts(e)) {
    for (const s of secrets) assert.ok(!text.includes(s), `a case value (${s}) leaked into ${text}`);
    if (key !== undefined && Array.from(key).length > KEY_ECHO_MAX) {
      const head = Array.from(key).slice(0, KEY_ECHO_MAX + 1).join("");
      assert.ok(!text.includes(head), `more than ${KEY_ECHO_MAX} characters of a key in ${text}`);
    }
  }
}

function thrown(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  return null;
}

function badValues(kind, n) {
  const text = `${MARK}${n}`;
  const big = 9_000_000_000_000 + n;
  const out = [
    [text, [text]],
    [[text], [text]],
    [{ x: text }, [text]],
    [big, [String(big)]],
    [big + 0.5, [String(big)]],
    [BigInt(big) * 1_000_000n, [String(BigInt(big) * 1_000_000n)]],
    [NaN, []],
    [Infinity, []],
    [[[text]], [text]],
    [new Map([["x", text]]), [text]],
    [new Date(NaN), []],
    [Symbol(text), [text]],
    [() => text, [text]],
  ];
  if (kind === "int") out.push([-big, [String(big)]]);
  if (kind === "set") out.push([["x", text], [text]]);
  if (kind === "datetime" || kind === "date") {
    const odd = `2026-13-${String(n % 28).padStart(2, "0")}T99:00:00+01:00${MARK}`;
    out.push([odd, [odd]]);
  }
  return out;
}

test("every fact type and error path keeps case values out", () => {
  const next = rng(13);
  const facts = national.schema().facts;
  const kinds = new Set(facts.map((f) => f.type));
  for (const k of ["bool", "int", "enum", "set", "datetime", "date"]) assert.ok(kinds.has(k), `schema has a ${k} fact`);
  let checked = 0;
  for (const fact of facts) {
    for (let round = 0; round < 3; round++) {
      const n = 100_000 + Math.floor(next() * 900_000);
      for (const [value, secrets] of badValues(fact.type, n)) {
        const calls = [
          () => national.evaluate({ [fact.id]: value }, NOW),
          () => national.evaluate(new Map([[fact.id, value]]), NOW),
          () => national.questions({ [fact.id]: value }, NOW),
          () => national.whyNot({ [fact.id]: value }, NOW, "hiv_pep"),
        ];
        let json;
        try {
          json = JSON.stringify({ [fact.id]: value });
        } catch {
          json = undefined;
        }
        if (json !== undefined) calls.push(() => national.evaluateJson(json, NOW));
        for (const call of calls) {
          const e = thrown(call);
          if (e) {
            assertClean(e, secrets);
            checked++;
          }
        }
      }
    }
  }
  assert.ok(checked > 500, `checked ${checked} errors`);
});

test("unknown keys and offers are echoed at most 64 characters", () => {
  const secret = `${MARK}424242`;
  for (const length of [1, 63, 64, 65, 200, 5000]) {
    for (const ch of ["k", "é", "_", "😀"]) {
      const key = "999" + ch.repeat(length);
      for (const call of [
        () => national.evaluate({ [key]: secret }, NOW),
        () => national.evaluate(new Map([[key, secret]]), NOW),
        () => national.evaluateJson(JSON.stringify({ [key]: secret }), NOW),
      ]) {
        const e = thrown(call);
        assert.equal(e?.kind, "CaseError", `${length}×${ch}`);
        assertClean(e, [secret], key);
        assert.ok(Array.from(e.fact).length <= KEY_ECHO_MAX + 1);
      }
      const e = thrown(() => national.whyNot({}, NOW, key));
      assert.equal(e?.kind, "ArgumentError");
      assertClean(e, [], key);
    }
  }
});

test("broken case text, odd shapes and bad times keep values out", () => {
  const secret = `${MARK}31337`;
  const full = JSON.stringify({ age: secret, acts: [secret] });
  const odd = {};
  Object.defineProperty(odd, "age", { get: () => secret, enumerable: true });
  for (const c of [
    ...Array.from({ length: 30 }, (_, i) => full.slice(0, i + 1)),
    `["${secret}"]`,
    `"${secret}"`,
    `{"age": ${secret}}`,
    odd,
    new Proxy({}, { ownKeys: () => { throw new Error(secret); } }),
  ]) {
    const e = thrown(() => national.evaluate(c, NOW));
    if (e) assertClean(e, [secret]);
  }
  for (const now of [`2026-03-01T${secret}`, new Date(8.64e15), { toString: () => secret }, secret]) {
    const e = thrown(() => national.evaluate({}, now));
    assert.equal(e?.kind, "ArgumentError", String(now));
    assertClean(e, [secret]);
  }
});
