// Fact history, renewal and recording on the page (bindings-wasm/www/record.js, issue 19) in
// Debian's Chromium: open a record with a history, see the history and the changes since the
// last decision in words, change a fact (appended to its history at the page's time), record
// an action, save, and no request leaves.
import { after, before, test } from "node:test";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { assert, downloaded, launch, openIntake } from "./browser.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const RECORD = join(repo, "examples/records/zaak-12-pleger-in-huis.json");
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

test("open a record with a history: the history, the changed fact in words and the renewed step show", async () => {
  await page.fill("#now-input", MEETING_LOCAL);
  await page.setInputFiles("#record-file", RECORD);
  await page.waitForSelector("#record-decided");
  const history = await page.textContent('#record-history [data-fact="in_household"]');
  assert.match(history, /Pleger woont in hetzelfde huis: false \(2026-03-04T15:00:00\+01:00\) → true \(2026-03-07T09:00:00\+01:00\)/);
  const changes = await page.textContent("#record-changes");
  assert.match(changes, /Veranderd: Pleger woont in hetzelfde huis: nu ja \(was nee; sinds 7 maart\)/);
  assert.match(changes, /Opnieuw nodig: Nieuwe informatie vandaag aan Veilig Thuis doorgeven/);
  assert.match(await page.textContent("#proposal-body"), /Nieuwe informatie vandaag aan Veilig Thuis doorgeven/);
  // The form shows the latest value of a history.
  assert.equal(await page.isChecked('input[name="f-in_household"][value="true"]'), true);
});

test("a fact change is appended to the history at the page's time, not written over it", async () => {
  await page.check('input[name="f-current_safety"][value="onzeker"]');
  await page.waitForFunction(() => /Veiligheid op dit moment/.test(document.querySelector("#record-changes")?.textContent ?? ""));
  const saved = await downloaded(page, () => page.click("#record-save"));
  const safety = saved.json.facts.current_safety;
  const original = JSON.parse(readFileSync(RECORD, "utf8")).facts.current_safety;
  assert.deepEqual(safety.slice(0, -1), original, "the earlier entries stay");
  assert.deepEqual(safety.at(-1), { value: "onzeker", at: "2026-03-10T09:00:00+01:00" });
});

test("an action is recorded: the melding done again settles the renewal", async () => {
  await page.selectOption("#action-offer", "melding_veilig_thuis");
  await page.selectOption("#action-status", "done");
  // The time defaults to the page's time (the safety answer changed at that time too: a melding
  // done before it would be renewed again).
  assert.equal(await page.inputValue("#action-at"), "2026-03-10T09:00:00+01:00");
  await page.click("#action-add");
  await page.waitForFunction(() => /Actie toegevoegd/.test(document.querySelector("#action-result")?.textContent ?? ""));
  assert.doesNotMatch(await page.textContent("#record-changes"), /Opnieuw nodig: Nieuwe informatie vandaag aan Veilig Thuis/);
  const saved = await downloaded(page, () => page.click("#record-save"));
  assert.deepEqual(saved.json.actions.at(-1), { offer: "melding_veilig_thuis", status: "done", at: "2026-03-10T09:00:00+01:00" });
  // A bad time is refused with the place named, and the record is unchanged.
  await page.fill("#action-at", "gisteren");
  await page.click("#action-add");
  assert.match(await page.textContent("#action-result"), /actions\[\d+\]\.at/);
});

test("no request left the page", () => {
  assert.equal(server.hits.length, hitsAtReady, `the server got ${JSON.stringify(server.hits.slice(hitsAtReady))}`);
  assert.deepEqual(problems, []);
  assert.deepEqual(b.blocked, [], "requests to other hosts");
});
