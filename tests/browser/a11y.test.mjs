// Accessibility of the intake page (issue 21, item 6): axe-core (npm) finds no WCAG 2.1 A/AA
// violation with a proposal shown, with a case record open and for each audience; the
// keyboard reaches every control with a visible focus, in reading order.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { axeViolations, launch, tabThrough } from "./browser.mjs";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const { Engine } = createRequire(import.meta.url)(join(repo, "bindings-wasm/pkg-node/wegwijs_wasm.js"));
const RECORD = join(repo, "examples/records/zaak-04-regiehouder-blijft.json");

let b, page;
before(async () => {
  b = await launch();
  page = b.page;
  await page.goto(b.server.url, { waitUntil: "load" });
  await page.waitForSelector("body[data-ready='1']", { timeout: 30_000 });
});
after(async () => { await b?.close(); });

test("the empty intake page has no WCAG 2.1 AA violation", async () => {
  assert.deepEqual(await axeViolations(page), []);
});

test("with a proposal (vignette 4, a 'binnen 24 uur' badge): no violation", async () => {
  await page.fill("#now-input", "2026-03-02T18:00");
  await page.locator("#now-input").dispatchEvent("change");
  await page.fill("#in-age", "29");
  await page.fill("#in-last_incident_at", "2026-03-01T22:00");
  await page.locator("#in-last_incident_at").dispatchEvent("change");
  await page.check('#fact-acts input[value="vaginaal"]');
  await page.selectOption("#in-perpetrator_relation", "ex_partner");
  await page.check('#fact-strangulation input[value="true"]');
  await page.waitForFunction(() => document.querySelector(".regie .level")?.textContent === "R3");
  // The badge the issue names: white on orange must be readable (4.5:1).
  assert.ok(await page.locator(".urg-2, .regie-R2, .need-level-aanbod").count() > 0, "an orange badge is shown");
  assert.deepEqual(await axeViolations(page), []);
});

test("each audience (victim, caller, every partner, in Arabic too): no violation", async () => {
  const audiences = await page.$$eval("#audience-select option", (os) => os.map((o) => o.value));
  const partners = Engine.default().source().manifest.organisations.map((o) => o.id);
  assert.deepEqual(audiences, ["professional", "slachtoffer", "melder", ...partners]);
  for (const who of audiences) {
    await page.selectOption("#audience-select", who);
    assert.deepEqual(await axeViolations(page), [], `audience ${who}`);
  }
  await page.selectOption("#victim-lang", "ar");
  await page.selectOption("#audience-select", "slachtoffer");
  assert.deepEqual(await axeViolations(page), [], "Arabic summary");
  await page.selectOption("#victim-lang", "nl");
  await page.selectOption("#audience-select", "professional");
});

test("with a case record open (decision form shown): no violation; English too", async () => {
  await page.fill("#now-input", "2026-03-10T09:00");
  await page.setInputFiles("#record-file", RECORD);
  await page.waitForSelector("#record-decided");
  assert.deepEqual(await axeViolations(page), []);
  await page.click('button[data-lang="en"]');
  assert.deepEqual(await axeViolations(page), [], "English");
  await page.click('button[data-lang="nl"]');
});

test("keyboard: every control is reached in reading order, each with a visible focus", async () => {
  await page.focus("a.skip");
  const seen = [{ id: "Naar het voorstel", tag: "a", outline: true }, ...(await tabThrough(page, 600))];
  assert.ok(seen.length > 50, `tab stops: ${seen.length}`);
  assert.match(seen[0].id, /Naar het voorstel/, "the skip link comes first");
  assert.equal(seen[0].tag, "a");
  const noOutline = seen.filter((d) => !d.outline);
  assert.deepEqual(noOutline, [], "every focused element shows the focus outline");
  const ids = seen.map((d) => d.id);
  const pos = (id) => ids.indexOf(id);
  for (const id of ["now-input", "in-age", "print", "audience-select"]) assert.ok(pos(id) >= 0, `${id} is reached`);
  assert.ok(pos("now-input") < pos("in-age") && pos("in-age") < pos("print") && pos("print") < pos("audience-select"),
    "header, intake, proposal, audiences: in reading order");
  assert.deepEqual(b.blocked, [], "no request to elsewhere");
  assert.deepEqual(b.problems, []);
});
