// The decision-support page (bindings-wasm/www) in Debian's Chromium, driven by
// playwright-core: enter vignette 4 of shared/domain.md, check the proposal shown, check
// that no request leaves the page after loading, and save screenshots.
//
// The test starts its own static server (127.0.0.1, any free port) and a headless Chromium
// with a fresh profile, and stops both at the end.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "../../bindings-wasm/serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const shots = join(here, "screenshots");
const executablePath = process.env.WEGWIJS_CHROMIUM || "/usr/bin/chromium";
// The nodejs build of the same engine: what the page shows must be what the API gives.
const { Engine } = createRequire(import.meta.url)(join(repo, "bindings-wasm/pkg-node/wegwijs_wasm.js"));
const engine = Engine.default();
const schema = engine.schema();

// Vignette 4 of shared/domain.md (the same fixture as the wasm API test), assessed on
// 2 March 2026, 18:00 Europe/Amsterdam (winter time, +01:00).
const { now: NOW, case: VIGNETTE_4 } = JSON.parse(
  readFileSync(join(repo, "tests/fixtures/cases/vignet-4-first-contact.json"), "utf8"),
);
const NOW_LOCAL = NOW.slice(0, 16);

let server, context, page, profile;
let ready = false;
let hitsAtReady = 0;
const requests = []; // { url, afterReady }
const problems = []; // page errors and console errors

before(async () => {
  server = await startServer();
  profile = mkdtempSync(join(tmpdir(), "wegwijs-chromium-"));
  mkdirSync(shots, { recursive: true });
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--lang=nl-NL"],
    locale: "nl-NL",
    timezoneId: "Europe/Amsterdam",
    viewport: { width: 1400, height: 1000 },
    acceptDownloads: true,
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on("request", (r) => requests.push({ url: r.url(), afterReady: ready }));
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  await page.goto(server.url, { waitUntil: "load" });
  await page.waitForSelector("body[data-ready]", { timeout: 30_000 });
  assert.equal(await page.getAttribute("body", "data-ready"), "1", `the page did not start: ${await page.textContent("#load-error")}`);
  ready = true;
  hitsAtReady = server.hits.length;
});

after(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test("the page loads only its own assets, once", () => {
  const urls = requests.map((r) => r.url);
  for (const url of urls) assert.ok(url.startsWith(server.url), `request to another origin: ${url}`);
  for (const want of ["index.html", "app.js", "style.css", "pkg/wegwijs_wasm.js", "pkg/wegwijs_wasm_bg.wasm"]) {
    const path = want === "index.html" ? server.url : server.url + want;
    assert.ok(urls.includes(path), `loaded ${want}`);
  }
  assert.deepEqual(problems, []);
});

test("the form follows the gespreksgids: every section and fact in schema order, each labelled", async () => {
  const shown = await page.$$eval("#intake-form .fact", (els) => els.map((e) => e.dataset.fact));
  assert.deepEqual(shown, schema.facts.map((f) => f.id));
  const sections = await page.$$eval("#intake-form section.section", (els) => els.map((e) => e.id.replace(/^sec-/, "")));
  assert.deepEqual(sections, schema.sections.map((s) => s.id).filter((id) => schema.facts.some((f) => f.section === id)));
  // Every control has an accessible name: a <label>, or a label around it, inside a fieldset with a legend.
  const unlabelled = await page.$$eval("#intake-form input, #intake-form select", (els) =>
    els.filter((el) => !(el.labels && el.labels.length) && !el.getAttribute("aria-label")).map((el) => el.name || el.id));
  assert.deepEqual(unlabelled, []);
  const groupsWithoutLegend = await page.$$eval("#intake-form fieldset", (els) => els.filter((f) => !f.querySelector("legend")).length);
  assert.equal(groupsWithoutLegend, 0);
  // Every question starts unanswered ("onbekend").
  assert.equal(await page.locator("#intake-form .fact.answered").count(), 0);
  // The notice that the MDT decides.
  assert.match(await page.textContent("#mdt-notice"), /voorstel.*MDT beslist/s);
});

test("a new case opens with the first questions, then what is possible whatever the answers", async () => {
  // Nothing answered yet (issue 18): no regie level and no list of dozens of possible referrals.
  const want = engine.evaluate({}, NOW);
  assert.equal(want.questions_first, true);
  await page.waitForSelector("#proposal-body .questions");
  const sections = await page.$$eval("#proposal-body > section", (els) => els.map((e) => e.className));
  assert.match(sections[0], /questions/);
  assert.equal(await page.locator("#proposal-body .regie").count(), 0);
  const body = await page.textContent("#proposal-body");
  assert.match(body, /Nieuwe zaak: eerst deze vragen/);
  assert.match(body, /verwijzingen hangen af van de antwoorden/);
});

test("vignette 4: intensive regie, Veilig Thuis, and the same proposal as the API", async () => {
  await page.fill("#now-input", NOW_LOCAL);
  await page.fill("#in-age", "29");
  await page.fill("#in-last_incident_at", "2026-03-01T22:00");
  await page.check('#fact-acts input[value="vaginaal"]');
  await page.selectOption("#in-perpetrator_relation", "ex_partner");
  await page.check('#fact-strangulation input[value="true"]');
  // Keyboard only for the last two: focus, type, Tab.
  await page.focus("#in-incidents_last_12_months");
  await page.keyboard.type("3");
  await page.keyboard.press("Tab");
  await page.focus("#in-children_in_household");
  await page.keyboard.type("2");
  await page.keyboard.press("Tab");

  const want = engine.evaluate(VIGNETTE_4, NOW);
  assert.equal(want.regie.level, "R3");
  // The proposal shown.
  await page.waitForFunction(() => document.querySelector(".regie .level")?.textContent === "R3");
  assert.match(await page.textContent("#summary"), /Regie R3/);
  const offers = await page.$$eval(".referrals li.card", (els) => els.map((e) => e.dataset.offer));
  assert.deepEqual(offers.slice().sort(), want.referrals.map((r) => r.offer).sort());
  const vt = want.referrals.filter((r) => r.organisation === "veilig_thuis");
  assert.ok(vt.length > 0, "the API proposes a Veilig Thuis referral");
  assert.ok(offers.includes("melding_veilig_thuis"), "melding Veilig Thuis is shown");
  const vtCard = page.locator('.referrals li.card[data-offer="melding_veilig_thuis"]');
  assert.match(await vtCard.textContent(), /Veilig Thuis/);
  // Needs per area, in manifest order, with the API's levels.
  const needs = await page.$$eval(".needs tr.need", (els) => els.map((e) => e.dataset.area));
  assert.deepEqual(needs, want.needs.map((n) => n.area));
  // Regiehouder, when proposed.
  if (want.regiehouder) assert.match(await page.textContent(".regie"), new RegExp(want.regiehouder.label.nl.replace(/[()]/g, ".")));
  // Against-wish referrals are marked with their reason.
  assert.equal(await page.locator(".card.against-wish .wish-alert").count(), want.referrals.filter((r) => r.against_wish).length);
  // The answered facts are marked, the rest stays "onbekend".
  assert.equal(await page.locator("#intake-form .fact.answered").count(), Object.keys(VIGNETTE_4).length);

  // The open questions: listed in the engine's order, and highlighted in the form with their rank.
  const listed = await page.$$eval(".qlist li", (els) => els.map((e) => e.dataset.fact));
  assert.deepEqual(listed, want.questions.map((q) => q.fact));
  if (want.questions.length) {
    const first = want.questions[0].fact;
    assert.ok(await page.locator(`#fact-${first}.open-q`).count(), "the first open question is highlighted");
    assert.equal((await page.textContent(`#fact-${first} .open-badge`)).trim(), "open vraag 1");
    assert.equal(await page.locator("#intake-form .fact.open-q").count(), want.questions.length);
    // Following the link puts the keyboard focus in that question.
    await page.click(`.qlist a[data-goto="${first}"]`);
    assert.equal(await page.evaluate(() => document.activeElement?.closest(".fact")?.dataset.fact), first);
  }

  // The JSON download is the canonical JSON, byte for byte what the API (and Rust) give.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
  const text = readFileSync(await download.path(), "utf8");
  assert.equal(text, engine.evaluateJson(VIGNETTE_4, NOW) + "\n");
  assert.match(download.suggestedFilename(), /^wegwijs-voorstel-.*\.json$/);

  await page.screenshot({ path: join(shots, "vignette-4-nl.png"), fullPage: false });
  await page.locator("#proposal").screenshot({ path: join(shots, "vignette-4-proposal-nl.png") });
});

test("clearing an answer makes it unknown again", async () => {
  await page.click('#fact-children_in_household button[data-clear]');
  assert.equal(await page.inputValue("#in-children_in_household"), "");
  const want = engine.evaluate({ ...VIGNETTE_4, children_in_household: null }, NOW);
  await page.waitForFunction((n) => document.querySelectorAll(".qlist li").length === n, want.questions.length);
  assert.equal(await page.locator("#fact-children_in_household.answered").count(), 0);
  // Out of range counts as unknown, with a message (never sent to the engine).
  await page.fill("#in-children_in_household", "99");
  assert.match(await page.textContent("#fact-children_in_household .field-error"), /geheel getal van 0 tot 20/);
  assert.equal(await page.getAttribute("#in-children_in_household", "aria-invalid"), "true");
  await page.fill("#in-children_in_household", "2");
  assert.equal(await page.textContent("#fact-children_in_household .field-error"), "");
});

test("keyboard and the explicit unknown: radio groups, and 'none of these' for a list", async () => {
  // Arrow keys in a radio group answer the question (Ja, Nee, Onbekend): from Onbekend, left = Nee.
  await page.focus('#fact-stalking input[value=""]');
  await page.keyboard.press("ArrowLeft");
  assert.ok(await page.isChecked('#fact-stalking input[value="false"]'));
  assert.equal(await page.locator("#fact-stalking.answered").count(), 1);
  const withStalking = engine.evaluate({ ...VIGNETTE_4, stalking: false }, NOW);
  await page.waitForFunction((n) => document.querySelectorAll(".qlist li").length === n, withStalking.questions.length);
  await page.keyboard.press("ArrowRight"); // back to Onbekend
  assert.ok(await page.isChecked('#fact-stalking input[value=""]'));
  assert.equal(await page.locator("#fact-stalking.answered").count(), 0);

  // A list question: nothing ticked = unknown; "Geen van deze" = the empty list; a value unticks it.
  const set = schema.facts.find((f) => f.type === "set" && f.id !== "acts");
  const none = `#fact-${set.id} input[value="__none__"]`;
  await page.check(none);
  assert.equal(await page.locator(`#fact-${set.id}.answered`).count(), 1);
  await page.check(`#fact-${set.id} input[value="${set.values[0]}"]`);
  assert.equal(await page.isChecked(none), false);
  await page.uncheck(`#fact-${set.id} input[value="${set.values[0]}"]`);
  assert.equal(await page.locator(`#fact-${set.id}.answered`).count(), 0, "nothing ticked is unknown again");
  // Back to exactly vignette 4.
  await page.waitForFunction((json) => document.querySelectorAll(".qlist li").length === JSON.parse(json).length,
    JSON.stringify(engine.questions(VIGNETTE_4, NOW)));
});

test("English: every text from the rule set switches, the answers stay", async () => {
  await page.click('button[data-lang="en"]');
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.equal(await page.textContent("#proposal-title"), "Proposal for the MDT");
  const strangulation = schema.facts.find((f) => f.id === "strangulation");
  assert.equal(await page.textContent("#fact-strangulation .label"), strangulation.label.en);
  assert.equal(await page.textContent("#fact-strangulation .question"), strangulation.question.en);
  assert.ok(await page.isChecked('#fact-strangulation input[value="true"]'), "answer kept");
  assert.equal(await page.inputValue("#in-age"), "29");
  const want = engine.evaluate(VIGNETTE_4, NOW);
  assert.match(await page.textContent(".regie"), new RegExp(want.regie.label.en));
  await page.locator("#proposal").screenshot({ path: join(shots, "vignette-4-proposal-en.png") });
  await page.click('button[data-lang="nl"]');
  assert.equal(await page.getAttribute("html", "lang"), "nl");
});

test("print view: the proposal and the answers, without the form", async () => {
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.isVisible("#intake"), false);
  assert.equal(await page.isVisible("#print-answers"), true);
  assert.match(await page.textContent("#print-answers"), /Antwoorden in de intake/);
  assert.equal(await page.isVisible("#mdt-notice"), true);
  await page.screenshot({ path: join(shots, "vignette-4-print.png"), fullPage: true });
  await page.emulateMedia({ media: "screen" });
});

test("no request left the page after it loaded, and none can", async () => {
  // Everything above (answers, language switch, print, download) made no request: the
  // browser reported none, and the server received none beyond the page's own assets.
  const late = requests.filter((r) => r.afterReady && !r.url.startsWith("blob:")); // blob: = the download, in the page
  assert.deepEqual(late, [], "requests after load");
  assert.equal(server.hits.length, hitsAtReady, `the server got ${JSON.stringify(server.hits.slice(hitsAtReady))}`);
  // And none can: after loading its .wasm the page locked itself down (CSP default-src 'none').
  const attempt = await page.evaluate(() => fetch("/index.html").then(() => "sent", () => "blocked"));
  assert.equal(attempt, "blocked");
  assert.equal(server.hits.length, hitsAtReady, "the blocked fetch did not reach the server");
  assert.deepEqual(problems.filter((p) => !/Content Security Policy|Refused to connect|Failed to fetch/.test(p)), []);
});
