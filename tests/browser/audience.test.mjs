// "Voor wie" on the page (issue 11): the victim's summary of a 14-year-old (screen and
// print) and a handover to a partner, equal to what the engine's forAudience gives.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "../../bindings-wasm/serve.mjs";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const executablePath = process.env.WEGWIJS_CHROMIUM || "/usr/bin/chromium";
const { Engine } = createRequire(import.meta.url)(join(repo, "bindings-wasm/pkg-node/wegwijs_wasm.js"));
const engine = Engine.default();
const NOW = "2026-03-03T10:00:00+01:00";
// What the form below enters.
const CASE = { age: 14, perpetrator_relation: "gezinslid", in_household: true, last_incident_at: "2026-02-28T16:00:00+01:00" };

let server, context, page, profile;
const problems = [];

before(async () => {
  server = await startServer();
  profile = mkdtempSync(join(tmpdir(), "wegwijs-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath, headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--lang=nl-NL"],
    locale: "nl-NL", timezoneId: "Europe/Amsterdam", viewport: { width: 1400, height: 1000 },
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  await page.goto(server.url, { waitUntil: "load" });
  await page.waitForSelector("body[data-ready]", { timeout: 30_000 });
  await page.fill("#now-input", NOW.slice(0, 16));
  await page.fill("#in-age", "14");
  await page.selectOption("#in-perpetrator_relation", "gezinslid");
  await page.check('#fact-in_household input[value="true"]');
  await page.fill("#in-last_incident_at", "2026-02-28T16:00");
  await page.locator("#in-last_incident_at").dispatchEvent("change");
});

after(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test("the victim's view shows the engine's je text, and prints without the MDT proposal", async () => {
  await page.selectOption("#audience-select", "slachtoffer");
  const shown = await page.textContent("#audience-body .victim-text");
  const want = engine.forAudience(CASE, NOW, "slachtoffer");
  assert.equal(want.voice, "je");
  assert.equal(shown, want.text.nl);
  assert.match(shown, /^1\. Binnen 24 uur: We vinden dat je niet veilig genoeg bent/m);
  await page.evaluate(() => document.body.classList.add("print-audience"));
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.isVisible("#audience-body .victim-text"), true);
  assert.equal(await page.isVisible("#proposal"), false);
  assert.equal(await page.isVisible("#intake"), false);
  await page.emulateMedia({ media: "screen" });
  await page.evaluate(() => document.body.classList.remove("print-audience"));
  assert.deepEqual(problems, []);
});

test("a handover to Veilig Thuis shows only what it may and counts the rest", async () => {
  await page.selectOption("#audience-select", "veilig_thuis");
  const want = engine.forAudience(CASE, NOW, "veilig_thuis");
  assert.equal(await page.textContent("#audience-body .handover-title"), "overdracht aan Veilig Thuis");
  const facts = await page.$$eval("#audience-body .handover-facts dt", (els) => els.length);
  assert.equal(facts, want.facts.length);
  assert.match(await page.textContent("#audience-body .left-out"), new RegExp(`Niet gedeeld: ${want.left_out_facts} gegevens`));
  assert.deepEqual(problems, []);
});

test("the victim's language picker shows the summary and the questions in Arabic, right to left, and prints", async () => {
  await page.selectOption("#victim-lang", "ar");
  await page.selectOption("#audience-select", "slachtoffer");
  const want = engine.forAudience(CASE, NOW, "slachtoffer", "ar");
  assert.equal(want.language, "ar");
  const text = page.locator("#audience-body .victim-text");
  assert.equal(await text.getAttribute("dir"), "rtl");
  assert.equal(await text.getAttribute("lang"), "ar");
  assert.equal(await text.textContent(), want.text.ar);
  // An Arabic string from the rules (offers.toml, melding_veilig_thuis.victim.ar), and the
  // frame words from the manifest's summary_words.
  assert.match(await text.textContent(), /لذلك نُبلغ Veilig Thuis \(0800-2000\)/);
  assert.match(await text.textContent(), /^هذا ما نقترحه الآن/);
  // The intake questions follow the victim's language; the page itself stays Dutch.
  const age = page.locator("#fact-age .question");
  assert.equal(await age.getAttribute("dir"), "rtl");
  assert.equal(await age.textContent(), "كم عمرك؟");
  assert.equal(await page.getAttribute("html", "lang"), "nl");
  assert.equal(await page.textContent("#audience-title"), "Voor wie");
  await page.evaluate(() => document.body.classList.add("print-audience"));
  await page.emulateMedia({ media: "print" });
  assert.equal(await text.isVisible(), true);
  assert.equal(await page.isVisible("#proposal"), false);
  await page.emulateMedia({ media: "screen" });
  await page.evaluate(() => document.body.classList.remove("print-audience"));
  await page.selectOption("#victim-lang", "nl");
  assert.equal(await page.textContent("#fact-age .question"), engine.schema().facts.find((f) => f.id === "age").question.nl);
  assert.deepEqual(problems, []);
});
