// The shared conformance vectors (tests/conformance/): the WebAssembly binding must give
// exactly the bytes that Rust and Python give, through every way of calling it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { engineFor, vectors } from "./support.mjs";

const all = vectors();

test("there are conformance vectors for both kinds of rule set", () => {
  assert.ok(all.length > 0, "no tests/conformance/*.case.json found: the conformance suite would pass vacuously");
  assert.ok(all.some((v) => v.ruleset === "national"), "no vector for the national rules");
  assert.ok(all.some((v) => v.ruleset !== "national"), "no vector for a rule-set folder");
});

for (const v of all) {
  test(`vector ${v.name} (${v.ruleset})`, () => {
    assert.ok(existsSync(v.expectedPath), `${v.name}.expected.json is missing`);
    const expected = readFileSync(v.expectedPath, "utf8");
    assert.ok(expected.endsWith("\n") && !expected.slice(0, -1).includes("\n"), "expected file is one line of JSON plus a newline");
    const want = expected.slice(0, -1);
    const engine = engineFor(v.ruleset);

    // 1. The canonical JSON from a case object (converted directly, no JSON text).
    assert.equal(engine.evaluateJson(v.case, v.now), want, "evaluateJson(object)");
    // 2. The canonical JSON from the case's JSON text (the core's own JSON reader).
    assert.equal(engine.evaluateJson(v.caseText, v.now), want, "evaluateJson(text)");
    // 3. The plain object, serialized back by JS, gives the same bytes (field order, nulls).
    assert.equal(JSON.stringify(engine.evaluate(v.case, v.now)), want, "JSON.stringify(evaluate(object))");
    // 4. The evaluation time as a Date (whole seconds) gives the same result.
    assert.equal(engine.evaluateJson(v.case, new Date(v.now)), want, "evaluateJson(object, Date)");
    // 5. questions() is the proposal's question list.
    assert.deepEqual(engine.questions(v.case, v.now), JSON.parse(want).questions, "questions()");
  });
}
