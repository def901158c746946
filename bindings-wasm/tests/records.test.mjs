// Case records in WebAssembly (docs/case-record.md): the record conformance vectors give the
// same bytes as Rust and Python; changes, agenda and decide work through the binding.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, wasm } from "./support.mjs";

const dir = join(repoRoot, "tests/conformance");
const vectors = readdirSync(dir).filter((f) => f.endsWith(".record.json")).sort();
const MEETING = "2026-03-10T09:00:00+01:00";
const examples = join(repoRoot, "examples/records");
const example = (name) => JSON.parse(readFileSync(join(examples, `${name}.json`), "utf8"));

test("there are record vectors", () => assert.ok(vectors.length >= 4, "no tests/conformance/*.record.json"));

for (const file of vectors) {
  test(`record vector ${file}`, () => {
    const v = JSON.parse(readFileSync(join(dir, file), "utf8"));
    const want = readFileSync(join(dir, file.replace(".record.json", ".expected.json")), "utf8").slice(0, -1);
    const engine = wasm.Engine.default();
    assert.equal(engine.evaluateRecordJson(v.record, v.now), want, "from an object");
    assert.equal(engine.evaluateRecordJson(JSON.stringify(v.record), v.now), want, "from JSON text");
    assert.equal(JSON.stringify(engine.evaluateRecord(v.record, v.now)), want, "plain object");
    // The ordinary calls tell a record from a case by its shape (as `wegwijs eval` does).
    assert.equal(engine.evaluateJson(v.record, v.now), want, "evaluateJson, from an object");
    assert.equal(engine.evaluateJson(JSON.stringify(v.record), v.now), want, "evaluateJson, from JSON text");
    assert.equal(JSON.stringify(engine.evaluate(v.record, v.now)), want, "evaluate");
  });
}

test("changes since the last decision, and since a given proposal", () => {
  const engine = wasm.Engine.default();
  const rec = example("zaak-04-regiehouder-blijft");
  const c = engine.changesSince(rec, null, MEETING);
  assert.equal(c.regiehouder.to, "shn_casemanager");
  assert.equal(engine.changesSince({ facts: {} }, null, MEETING), null, "no decision, nothing to compare");
  const then = engine.evaluateRecord(rec, "2026-03-03T09:00:00+01:00");
  assert.deepEqual(engine.changesSince(rec, then, MEETING).regiehouder, c.regiehouder);
  const fromText = engine.changesSince(rec, engine.evaluateRecordJson(rec, "2026-03-03T09:00:00+01:00"), MEETING);
  assert.deepEqual(fromText, engine.changesSince(rec, then, MEETING), "the same read from JSON text");
  for (const notAProposal of [{ facts: {} }, "[]", { ...then, regie: { level: "R1" } }]) {
    assert.throws(() => engine.changesSince(rec, notAProposal, MEETING), /`previous` is not a Wegwijs proposal/);
  }
});

test("the agenda puts a new danger first and a passed deadline below it, in words", () => {
  const engine = wasm.Engine.default();
  const names = readdirSync(examples).filter((f) => f.endsWith(".json")).sort();
  const agenda = engine.agenda(names.map((f) => JSON.parse(readFileSync(join(examples, f), "utf8"))), MEETING);
  assert.equal(agenda.entries.length, names.length);
  const order = agenda.entries.map((e) => e.case);
  assert.equal(order[0], "zaak-12-pleger-in-huis");
  assert.ok(order.indexOf("zaak-12-pleger-in-huis") < order.indexOf("zaak-02-pep-gemist"));
  assert.equal(agenda.entries[0].reasons[0], "danger_new");
  assert.ok(agenda.entries[0].lines.some((l) => l.nl === "OPNIEUW NODIG: Nieuwe informatie vandaag aan Veilig Thuis doorgeven"));
});

const agendaVectors = readdirSync(dir).filter((f) => f.endsWith(".agenda.json")).sort();
test("there are agenda vectors", () => assert.ok(agendaVectors.length >= 1));
for (const file of agendaVectors) {
  test(`agenda vector ${file}`, () => {
    const v = JSON.parse(readFileSync(join(dir, file), "utf8"));
    const want = readFileSync(join(dir, file.replace(".agenda.json", ".expected.json")), "utf8").slice(0, -1);
    assert.equal(JSON.stringify(wasm.Engine.default().agenda(v.records, v.now)), want);
  });
}

test("history: the changed fact in words and the renewed melding; a re-confirmation is no change", () => {
  const engine = wasm.Engine.default();
  const c = engine.changesSince(example("zaak-12-pleger-in-huis"), null, MEETING);
  assert.equal(c.facts_changed[0].text.nl, "Pleger woont in hetzelfde huis: nu ja (was nee; sinds 7 maart)");
  assert.deepEqual(c.referrals_renewed, ["melding_veilig_thuis", "veiligheidsplan"]);
  const same = engine.changesSince(example("zaak-04-regiehouder-blijft"), null, MEETING);
  assert.equal(same.facts_changed, undefined, "re-confirmed: no change");
});

test("decide refuses an incomplete decision and stamps a complete one", () => {
  const engine = wasm.Engine.default();
  const rec = example("zaak-01-pep-vandaag");
  assert.throws(() => engine.decide(rec, { by: "mdt", regie: "R0" }, MEETING), (e) => {
    assert.equal(e.name, "DecisionError");
    assert.ok(e.problems.some((p) => p.includes("reasons.regie")), e.message);
    return true;
  });
  const p = engine.evaluateRecord(rec, MEETING);
  const decision = { by: "mdt", regie: p.regie.level, regiehouder: p.regiehouder.id, accepted: p.referrals.map((r) => r.offer) };
  const out = engine.decide(rec, decision, MEETING);
  const d = out.decisions.at(-1);
  assert.equal(d.at, MEETING);
  assert.match(d.proposal_hash, /^sha256:[0-9a-f]{64}$/);
  assert.equal(d.ruleset_hash, engine.hash);
});

test("whyNot on a record names the victim's decline", () => {
  const engine = wasm.Engine.default();
  const rec = example("zaak-08-afgeslagen");
  const why = engine.whyNot(rec, "2026-03-10T09:00:00+01:00", "shn_steun");
  assert.equal(why.declined.by, "slachtoffer");
  assert.equal(why.declined.at, "2026-02-02T09:00:00+01:00");
  assert.match(why.declined.text.nl, /afgeslagen/);
  assert.match(why.declined.text.en, /declined/);
  assert.equal(engine.whyNot(rec, "2026-03-10T09:00:00+01:00", "aangifte").declined, undefined);
});

function decided(engine) {
  const rec = example("zaak-01-pep-vandaag");
  const p = engine.evaluateRecord(rec, MEETING);
  const decision = {
    by: "mdt-voorzitter",
    regie: p.regie.level,
    regiehouder: p.regiehouder.id,
    accepted: p.referrals.map((r) => r.offer),
  };
  return engine.decide(rec, decision, MEETING);
}

test("verify reports an edited decision and one from another case", () => {
  const engine = wasm.Engine.default();
  const rec = decided(engine);
  const ok = engine.verify(rec);
  assert.equal(ok.verified, true);
  assert.equal(ok.decisions[0].chain, "ok");
  assert.deepEqual(engine.verify(JSON.stringify(rec)), ok);
  const edited = structuredClone(rec);
  edited.decisions[0].regie = "R0";
  const v = engine.verify(edited);
  assert.equal(v.verified, false);
  assert.equal(v.decisions[0].decision, "mismatch");
  const codes = engine.evaluateRecord(edited, MEETING).warnings.map((w) => w.code);
  assert.ok(codes.includes("decision_unverified"), codes.join(","));
  const other = structuredClone(rec);
  other.case = "zaak-99-anders";
  assert.equal(engine.verify(other).decisions[0].case, "other_case");
});

test("agenda errors name the record's position, not its content", () => {
  const engine = wasm.Engine.default();
  const good = example("zaak-01-pep-vandaag");
  const bad = { facts: {}, decisions: [{ by: "Jan Geheimnaam", regie: "R0", at: MEETING }] };
  assert.throws(
    () => engine.agenda([good, good, bad], MEETING),
    (e) => e.name === "CaseError" && e.message.includes("records[2]") && !e.message.includes("Geheimnaam"),
  );
});

test("a record over the size limit is refused", () => {
  const engine = wasm.Engine.default();
  const big = { case: "x".repeat(1024 * 1024), facts: {} };
  for (const call of [(r) => engine.evaluateRecord(r, MEETING), (r) => engine.verify(r), (r) => engine.agenda([r], MEETING)]) {
    assert.throws(() => call(big), (e) => e.name === "CaseError" && e.message.includes("longer than"));
  }
});
