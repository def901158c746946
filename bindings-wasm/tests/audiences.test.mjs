// Issue 11: the proposal per audience. The audience vectors (tests/conformance/audience/)
// give exactly the bytes that Rust and Python give.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, wasm } from "./support.mjs";

const dir = join(repoRoot, "tests/conformance/audience");
const files = readdirSync(dir).filter((f) => f.endsWith(".for.json")).sort();
const engine = wasm.Engine.default();

test("there are audience vectors for the victim, the caller, the MDT and a partner", () => {
  const audiences = new Set(files.map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")).for));
  for (const a of ["slachtoffer", "melder", "professional", "politie"]) assert.ok(audiences.has(a), a);
});

for (const file of files) {
  test(`audience vector ${file}`, () => {
    const v = JSON.parse(readFileSync(join(dir, file), "utf8"));
    const expected = readFileSync(join(dir, file.replace(".for.json", ".expected.json")), "utf8");
    assert.equal(engine.forAudienceJson(v.case, v.now, v.for, v.lang) + "\n", expected);
    assert.deepEqual(engine.forAudience(v.case, v.now, v.for, v.lang), JSON.parse(expected));
  });
}

test("an unknown audience is a clear error", () => {
  assert.throws(() => engine.forAudience({ age: 14 }, "2026-03-03T10:00:00+01:00", "politei"), /did you mean `politie`/);
});

test("lang picks Arabic, with Dutch where a text has none; an unknown language is an error", () => {
  const v = JSON.parse(readFileSync(join(dir, "vignet-3-kind-14--slachtoffer.for.json"), "utf8"));
  const summary = engine.forAudience(v.case, v.now, "slachtoffer", "ar");
  assert.equal(summary.language, "ar");
  assert.deepEqual(Object.keys(summary.text), ["ar"]);
  assert.match(summary.text.ar, /^هذا ما نقترحه الآن\./);
  const proposal = engine.forAudience(v.case, v.now, "professional", "ar");
  assert.deepEqual([...new Set(proposal.referrals.flatMap((r) => Object.keys(r.label)))], ["nl"]);
  assert.equal(engine.forAudience(v.case, v.now, "slachtoffer").language, undefined);
  assert.equal(engine.forAudience(v.case, v.now, "slachtoffer", null).language, undefined);
  assert.throws(() => engine.forAudience(v.case, v.now, "slachtoffer", "ara"), /did you mean `ar`/);
  assert.throws(() => engine.forAudience(v.case, v.now, "slachtoffer", 7), /lang/);
});
