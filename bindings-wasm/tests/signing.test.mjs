// Signed rule sets in JavaScript (issue 13, item 7): Engine.fromBundle(text, { trust }) loads
// only a bundle signed by a trusted key and records the signer; a tampered one (PEP window
// 72 h -> 0 h, rehashed), an unsigned one and one signed by another key are refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, wasm } from "./support.mjs";

const { Engine } = wasm;
const read = (path) => readFileSync(join(repoRoot, path), "utf8");
const TEST_KEY = read("keys/test-signing-key.public.json");
const SIGNED = read("tests/fixtures/signing/mini.signed.json");
const TAMPERED = read("tests/fixtures/signing/mini.tampered.json");
const TEST_KEY_ID = JSON.parse(TEST_KEY).key_id;
const NOW = "2026-03-03T10:00:00Z";
const PEP_CASE = { age: 30, last_incident_at: "2026-03-02T11:00:00Z", fluid_exposure: true, acts: ["penetratie"] };

test("a signed bundle loads under its key; the proposal records the signer", () => {
  const engine = Engine.fromBundle(SIGNED, { trust: [TEST_KEY] });
  const p = engine.evaluate(PEP_CASE, NOW);
  assert.deepEqual(p.ruleset.signed_by, { key_id: TEST_KEY_ID, signer: JSON.parse(TEST_KEY).signer });
  assert.ok(p.referrals.some((r) => r.offer === "pep" && r.deadline === "2026-03-05T11:00:00Z"), "PEP within 72 h");
  // Without trust it loads as well, and claims no signer.
  assert.equal(Engine.fromBundle(SIGNED).evaluate(PEP_CASE, NOW).ruleset.signed_by, null);
});

test("a tampered, rehashed bundle is refused under trust (and only the signature can tell)", () => {
  const loose = Engine.fromBundle(TAMPERED);
  const pep = loose.evaluate(PEP_CASE, NOW).referrals.find((r) => r.offer === "pep");
  assert.notEqual(pep?.deadline, "2026-03-05T11:00:00Z", "the tampered rules really differ");
  assert.throws(
    () => Engine.fromBundle(TAMPERED, { trust: [TEST_KEY] }),
    (e) => e instanceof Error && e.kind === "RuleError" && e.path === "signature" && /does not match/.test(e.problem),
  );
});

test("unsigned and foreign-signed bundles are refused under trust", () => {
  const unsigned = Engine.fromBundle(SIGNED).bundle();
  assert.throws(() => Engine.fromBundle(unsigned, { trust: [TEST_KEY] }), (e) => e.kind === "RuleError" && /not signed/.test(e.problem));
  const other = JSON.stringify({ ...JSON.parse(TEST_KEY), key: "11".repeat(32), key_id: undefined });
  assert.throws(() => Engine.fromBundle(SIGNED, { trust: [other] }), (e) => e.kind === "RuleError" && /not trusted/.test(e.problem));
  assert.throws(() => Engine.fromBundle(SIGNED, { trust: [SIGNED] }), (e) => e.kind === "ArgumentError");
});

test("the built-in national rules are verified against the TEST key", () => {
  const p = Engine.default().evaluate({}, NOW);
  assert.equal(p.ruleset.signed_by.key_id, TEST_KEY_ID);
  assert.match(p.ruleset.signed_by.signer, /TEST/);
});
