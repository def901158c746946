// The case-record flow of the page (bindings-wasm/www/record.js) in Debian's Chromium,
// driven by playwright-core: open a record from a local file, see what changed since its
// last MDT decision, have an incomplete decision refused, record a complete one with a
// reason (downloaded as the updated record), save the record, and no request leaves.
import { after, before, test } from "node:test";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { assert, downloaded, launch, openIntake } from "./browser.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const RECORD = join(repo, "examples/records/zaak-04-regiehouder-blijft.json");
const MEETING_LOCAL = "2026-03-10T09:00"; // Europe/Amsterdam, +01:00

let b, server, page, problems, hitsAtReady;

before(async () => {
  b = await launch();
  ({ server, page, problems } = b);
  hitsAtReady = await openIntake(b);
});

after(async () => {
  await b?.close();
});

test("open a record: the answers fill the form and the changes since the last decision show", async () => {
  await page.fill("#now-input", MEETING_LOCAL);
  await page.setInputFiles("#record-file", RECORD);
  await page.waitForSelector("#record-decided");
  assert.equal(await page.inputValue("#in-age"), "24", "the record's facts fill the form");
  const decided = await page.textContent("#record-decided");
  assert.match(decided, /Laatste MDT-besluit 2026-03-03T09:00:00\+01:00 \(mdt-voorzitter\): regie R2, regiehouder csg_casemanager/);
  const changes = await page.textContent("#record-changes");
  assert.match(changes, /Regiehouder \(voorstel\): csg_casemanager → shn_casemanager/);
  assert.match(await page.textContent("#proposal-body"), /Voorstel wijkt af van het MDT-besluit/);
});

test("an incomplete decision is refused and the record is unchanged", async () => {
  await page.selectOption("#decision-regie", "R3");
  await page.click("#decision-record");
  const result = await page.textContent("#decision-result");
  assert.match(result, /niet compleet/);
  assert.match(result, /reasons\.regie/);
  assert.match(await page.textContent("#record-decided"), /regie R2/, "still the old decision");
});

test("a complete decision is recorded with its reason and downloaded as the updated record", async () => {
  await page.selectOption("#decision-regie", "R3");
  await page.fill('#decision-form input.reason[data-key="regie"]', "Meer coördinatie nodig na het laatste contact.");
  const { name, json } = await downloaded(page, () => page.click("#decision-record"));
  assert.equal(name, "zaak-04-regiehouder-blijft.json");
  const original = JSON.parse(readFileSync(RECORD, "utf8"));
  assert.equal(json.decisions.length, original.decisions.length + 1);
  const d = json.decisions.at(-1);
  assert.equal(d.regie, "R3");
  assert.equal(d.reasons.regie, "Meer coördinatie nodig na het laatste contact.");
  assert.equal(d.at, "2026-03-10T09:00:00+01:00");
  assert.match(d.proposal_hash, /^sha256:[0-9a-f]{64}$/);
  await page.waitForFunction(() => /regie R3/.test(document.querySelector("#record-decided")?.textContent ?? ""));
  // Saving gives the record with the new decision and the same facts.
  const saved = await downloaded(page, () => page.click("#record-save"));
  assert.equal(saved.json.decisions.length, json.decisions.length);
  assert.deepEqual(Object.keys(saved.json.facts).sort(), Object.keys(original.facts).sort());
});

test("no request left the page", () => {
  assert.equal(server.hits.length, hitsAtReady, `the server got ${JSON.stringify(server.hits.slice(hitsAtReady))}`);
  assert.deepEqual(problems, []);
  assert.deepEqual(b.blocked, [], "requests to other hosts");
});
