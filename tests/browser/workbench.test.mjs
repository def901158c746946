// The rule workbench (bindings-wasm/www/workbench.html) in Debian's Chromium, with every
// request that is not to our own server blocked: change the PEP window from 72 to 96 hours
// in the editor, see a failing scenario and a diff class whose witness opens in the intake
// page, mistype a fact name and see the load error at its line, run `check` in a Worker
// while the page stays responsive, the impact on 10,000 generated cases (checked against
// the same computation in node), save a zip and a signed bundle, axe-core and the keyboard.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { unzipSync, strFromU8 } from "fflate";
import { axeViolations, launch } from "./browser.mjs";
import { impact, impactCsv } from "../../bindings-wasm/workbench/src/impact.js";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const shots = join(here, "screenshots");
const { Engine } = createRequire(import.meta.url)(join(repo, "bindings-wasm/pkg-node/wegwijs_wasm.js"));

function nationalFiles() {
  const files = {};
  for (const sub of ["", "rules", "scenarios"]) {
    const dir = join(repo, "rules", sub);
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith(".toml") && statSync(join(dir, name)).isFile()) files[sub ? `${sub}/${name}` : name] = readFileSync(join(dir, name), "utf8");
    }
  }
  return files;
}
const NATIONAL = nationalFiles();
const PEP_WHEN = 'when = "hours_since(last_incident_at) <= 72 and fluid_exposure and not pep_started and not (known(uses_prep) and uses_prep)"';
const PEP_REFER = 'refer = [ { offer = "hiv_pep", urgency = "direct", deadline = { from = "last_incident_at", hours = 72 } } ]';
const HULP = NATIONAL["rules/hulp.toml"];
const lineOf = (text) => HULP.split("\n").indexOf(text) + 1;

let b, page;
before(async () => {
  mkdirSync(shots, { recursive: true });
  assert.ok(lineOf(PEP_WHEN) > 0 && lineOf(PEP_REFER) > 0, "the PEP rule is where the test expects it");
  b = await launch({ viewport: { width: 1600, height: 1100 } });
  page = b.page;
  await page.goto(`${b.server.url}workbench.html`, { waitUntil: "load" });
  await page.waitForSelector("body[data-ready='1'][data-analysed='ok']", { timeout: 60_000 });
});
after(async () => { await b?.close(); });

/** In the file shown, replaces `from` (within `lineText`) by `to` as a user would, with the
 *  keyboard: the editor's search (Ctrl+F) selects the text, Escape returns to the text,
 *  typing replaces the selection. */
async function typeOver(lineText, from, to) {
  const at = lineText.indexOf(from);
  assert.ok(at >= 0, `${from} in ${lineText}`);
  const query = lineText.slice(Math.max(0, at - 12), at + from.length);
  await page.locator(".cm-content").focus();
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("Control+f");
  const field = page.locator(".cm-search input[name=search]");
  await field.waitFor();
  await page.keyboard.press("Control+a");
  await page.keyboard.type(query); // typed, not filled: the panel takes the query on key events
  await page.keyboard.press("Enter");
  await page.keyboard.press("Escape");
  // The selection is the query; keep its start, replace only `from`.
  await page.keyboard.press("ArrowLeft");
  for (let i = 0; i < query.length - from.length; i++) await page.keyboard.press("ArrowRight");
  for (let i = 0; i < from.length; i++) await page.keyboard.press("Shift+ArrowRight");
  await page.keyboard.type(to);
}
const analysed = (state) => page.waitForSelector(`body[data-analysed='${state}']`, { timeout: 60_000 });

test("opens with the national rules as their files: every scenario passes, no diff", async () => {
  const files = await page.$$eval("#file-list button.file", (els) => els.map((e) => e.dataset.path));
  assert.deepEqual(files, Object.keys(NATIONAL));
  assert.match(await page.textContent("#tests-summary"), /^Alle \d+ scenario's geslaagd\.$/);
  assert.match(await page.textContent("#diff-summary"), /Geen verschil/);
  // TOML highlighting: highlighted tokens, in colours (CodeMirror's styles are in force: the
  // CSP refuses <style> elements, so they must come as constructed style sheets).
  assert.ok(await page.locator(".cm-content span[class]").count() > 10, "highlighted tokens");
  const colours = await page.locator(".cm-content span[class]").evaluateAll((els) => new Set(els.map((e) => getComputedStyle(e).color)).size);
  assert.ok(colours >= 3, `token colours: ${colours}`);
  assert.ok((await page.locator(".cm-gutters").boundingBox())?.width > 20, "line numbers shown");
  assert.deepEqual(b.problems, [], "no CSP refusal or error so far");
});

test("PEP window 72 -> 96 hours in the editor: a failing scenario and a diff class with a witness", async () => {
  await page.click('#file-list button[data-path="rules/hulp.toml"]');
  await typeOver(PEP_WHEN, "72", "96");
  await typeOver(PEP_REFER, "72", "96");
  await page.waitForFunction(() => document.body.dataset.analysed === "ok" && document.querySelector(".test.failed"), null, { timeout: 60_000 });
  const failed = await page.$$eval(".test.failed", (els) => els.map((e) => e.textContent));
  assert.ok(failed.some((t) => /hiv_pep/.test(t) && /expected/.test(t)), failed.join("\n"));
  assert.match(await page.textContent("#file-list button[data-path='rules/hulp.toml']"), /gewijzigd/);
  const pep = page.locator('.diff-class[data-outcome="referral:hiv_pep"]');
  assert.equal(await pep.count(), 1, await page.textContent("#diff-list"));
  assert.match(await pep.textContent(), /absent → /);
  // The same class as the API gives.
  const edited = { ...NATIONAL, "rules/hulp.toml": HULP.replace(PEP_WHEN, PEP_WHEN.replace("72", "96")).replace(PEP_REFER, PEP_REFER.replace("72", "96")) };
  const want = Engine.fromFiles(NATIONAL).diff(Engine.fromFiles(edited));
  const shown = await page.$$eval(".diff-class", (els) => els.map((e) => e.dataset.outcome));
  assert.deepEqual(shown, want.map((c) => c.outcome));
  await page.screenshot({ path: join(shots, "workbench-pep-96.png") });
});

test("the witness opens in the intake page, with both proposals side by side", async () => {
  await page.click('.diff-class[data-outcome="referral:hiv_pep"] button.open-witness');
  await page.waitForSelector("body[data-witness='shown']", { timeout: 60_000 });
  const frame = page.frameLocator("#intake-frame");
  // The witness fills the intake form: the incident time and the answered facts.
  await frame.locator(".fact.answered").first().waitFor();
  assert.ok(await frame.locator(".fact.answered").count() >= 3, "the witness's facts are answered in the form");
  assert.notEqual(await frame.locator("#in-last_incident_at").inputValue(), "");
  assert.notEqual(await frame.locator("#now-input").inputValue(), "");
  // Under the built-in (old) rules, the intake proposes no hiv_pep; the new column does.
  await frame.locator(".referrals, #summary").first().waitFor();
  assert.equal(await frame.locator('.referrals li.card[data-offer="hiv_pep"]').count(), 0);
  const cols = page.locator("#witness-proposals .proposal-col");
  assert.equal(await cols.count(), 2);
  assert.equal(await cols.nth(0).locator('li[data-offer="hiv_pep"]').count(), 0);
  assert.equal(await cols.nth(1).locator('li[data-offer="hiv_pep"].differs').count(), 1);
  await page.locator("#witness-view").screenshot({ path: join(shots, "workbench-witness.png") });
  await page.click("#witness-close");
});

test("a mistyped fact name: the load error with file, line, column and hint, inline in the editor", async () => {
  await typeOver(PEP_WHEN.replace("72", "96"), "fluid_exposure", "fluid_exposur");
  await analysed("error");
  const line = lineOf(PEP_WHEN);
  const errors = await page.$$eval("#error-list li", (els) => els.map((e) => e.textContent));
  const ours = errors.find((t) => t.includes(`rules/hulp.toml:${line}:`));
  assert.ok(ours, errors.join("\n"));
  assert.match(ours, /fluid_exposur\b/);
  assert.match(ours, /fluid_exposure/, "the hint names the right fact");
  assert.ok(await page.locator(".cm-lintRange-error").count() >= 1, "marked in the editor");
  assert.match(await page.textContent("#tests-summary"), /Niet uitgevoerd/);
  // Clicking the error puts the cursor there.
  await page.locator("#error-list li button.place", { hasText: `rules/hulp.toml:${line}:` }).click();
  assert.ok(await page.evaluate(() => document.getElementById("editor").matches(":focus-within")), "focus in the editor");
  await page.keyboard.press("End");
  await page.screenshot({ path: join(shots, "workbench-load-error.png") });
  // Fix it: back to a loading rule set with the 96 hours.
  await typeOver(PEP_WHEN.replace("72", "96").replace("fluid_exposure", "fluid_exposur"), "fluid_exposur ", "fluid_exposure ");
  await analysed("ok");
});

test("check of the national rules in a Worker: the page keeps responding, progress, cancel", async () => {
  // A timer in the page: the longest gap between its ticks while check runs.
  await page.evaluate(() => {
    window.__gaps = { last: performance.now(), max: 0 };
    window.__tick = setInterval(() => { const t = performance.now(); window.__gaps.max = Math.max(window.__gaps.max, t - window.__gaps.last); window.__gaps.last = t; }, 20);
  });
  await page.click("#check-run");
  await page.waitForSelector("body[data-check='running']");
  // The page answers while check runs: typing in the changelog box works at once.
  await page.fill("#changelog", "proef");
  assert.equal(await page.inputValue("#changelog"), "proef");
  await page.waitForSelector("body[data-check='done']", { timeout: 600_000 });
  const gap = await page.evaluate(() => { clearInterval(window.__tick); return window.__gaps.max; });
  assert.ok(gap < 1000, `the page froze for ${gap} ms`);
  const findings = await page.$$eval("#check-list li", (els) => els.map((e) => e.dataset.code));
  const want = Engine.fromFiles({ ...NATIONAL, "rules/hulp.toml": HULP.replace(PEP_WHEN, PEP_WHEN.replace("72", "96")).replace(PEP_REFER, PEP_REFER.replace("72", "96")) }).check();
  assert.deepEqual(findings, want.map((f) => f.code));
  assert.match(await page.textContent("#check-status"), /Klaar in/);
  // A finding with a place opens it in the editor.
  const place = page.locator("#check-list button.place").first();
  if (await place.count()) {
    await place.click();
    assert.ok(await page.evaluate(() => document.getElementById("editor").matches(":focus-within")));
  }
  // Cancel: a second run stops at once.
  await page.click("#check-run");
  await page.click("#check-cancel");
  await page.waitForSelector("body[data-check='cancelled']");
  assert.equal(await page.textContent("#check-status"), "Controle geannuleerd.");
});

/** 10,000 cases with values drawn from the schema (seeded), incidents 0-200 hours ago. */
function generatedCsv(n) {
  const facts = Engine.default().schema().facts;
  let seed = 21;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const now = Date.parse("2026-03-02T18:00:00+01:00");
  const rows = [["id", "now", ...facts.map((f) => f.id)].join(",")];
  for (let i = 0; i < n; i++) {
    const cells = facts.map((f) => {
      if (rnd() < 0.15) return "";
      switch (f.type) {
        case "bool": return pick(["true", "false"]);
        case "int": return String(f.min + Math.floor(rnd() * (Math.min(f.max, f.min + 60) - f.min + 1)));
        case "enum": return pick(f.values);
        case "set": return f.values.filter(() => rnd() < 0.3).join(";") || "[]";
        case "datetime": return new Date(now - Math.floor(rnd() * 200) * 3600_000).toISOString();
        case "date": return new Date(now - Math.floor(rnd() * 3000) * 86_400_000).toISOString().slice(0, 10);
        default: return "";
      }
    });
    rows.push([`c${i}`, "2026-03-02T18:00:00+01:00", ...cells].join(","));
  }
  return rows.join("\n") + "\n";
}

test("impact on 10,000 generated cases: the counts node computes, a chart, a table to download", async () => {
  const csv = generatedCsv(10_000);
  await page.setInputFiles("#impact-file", { name: "zaken.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.waitForSelector("body[data-impact='done'], body[data-impact='error']", { timeout: 900_000 });
  assert.equal(await page.getAttribute("body", "data-impact"), "done", await page.textContent("#impact-status"));
  const edited = { ...NATIONAL, "rules/hulp.toml": HULP.replace(PEP_WHEN, PEP_WHEN.replace("72", "96")).replace(PEP_REFER, PEP_REFER.replace("72", "96")) };
  const want = impact(Engine.fromFiles(NATIONAL), Engine.fromFiles(edited), csv, new Date().toISOString());
  assert.equal(want.cases, 10_000);
  assert.equal(want.refused.count, 0, JSON.stringify(want.refused.first));
  assert.ok(want.offers.some((o) => o.offer === "hiv_pep" && o.added > 0), "some cases get hiv_pep");
  assert.match(await page.textContent("#impact-status"), new RegExp(`${want.changed} van 10000 casussen`));
  assert.match(await page.textContent("#impact-status"), /genegeerd: id/);
  // The chart: one bar per changed offer, and the regie matrix.
  const bars = await page.locator("#impact-charts svg rect.bar").count();
  assert.equal(bars, want.offers.reduce((n, o) => n + (o.added ? 1 : 0) + (o.removed ? 1 : 0), 0));
  assert.equal(await page.locator("#impact-charts svg rect.cell").count(), want.regie.levels.length ** 2);
  await page.locator("#impact").screenshot({ path: join(shots, "workbench-impact.png") });
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#impact-download")]);
  assert.equal(readFileSync(await download.path(), "utf8"), impactCsv(want));
});

test("save: the changed files with the CHANGELOG lines as a zip; a signed bundle with a key", async () => {
  await page.fill("#changelog", "- **HIV-PEP tot 96 uur** (hulp): proef in de werkbank. Voorstel.");
  const [zip] = await Promise.all([page.waitForEvent("download"), page.click("#save-zip")]);
  const files = unzipSync(readFileSync(await zip.path()));
  assert.deepEqual(Object.keys(files).sort(), ["CHANGELOG.md", "rules/hulp.toml"]);
  assert.ok(strFromU8(files["rules/hulp.toml"]).includes(PEP_WHEN.replace("72", "96")));
  const log = strFromU8(files["CHANGELOG.md"]);
  assert.match(log, /## Ongepubliceerd — werkbank\n\n- \*\*HIV-PEP tot 96 uur\*\*/);
  assert.ok(log.indexOf("Ongepubliceerd") < log.indexOf("## 0."), "above the last release");

  await page.setInputFiles("#key-file", join(repo, "keys/test-signing-key.secret.json"));
  const [bundleZip] = await Promise.all([page.waitForEvent("download"), page.click("#save-bundle")]);
  const parts = unzipSync(readFileSync(await bundleZip.path()));
  assert.deepEqual(Object.keys(parts).sort(), ["CHANGELOG.md", "wegwijs-bundle.signed.json"]);
  const key = readFileSync(join(repo, "keys/test-signing-key.public.json"), "utf8");
  const loaded = Engine.fromBundle(strFromU8(parts["wegwijs-bundle.signed.json"]), { trust: [key] });
  assert.ok(loaded.evaluate({ last_incident_at: "2026-02-27T10:00:00Z", fluid_exposure: true, pep_started: false, uses_prep: false }, "2026-03-02T00:00:00Z")
    .referrals.some((r) => r.offer === "hiv_pep"), "the bundle has the 96 hours");
});

test("axe-core: no WCAG 2.1 AA violation on the workbench with results, the witness and the impact shown", async () => {
  await page.click('.diff-class[data-outcome="referral:hiv_pep"] button.open-witness');
  await page.waitForSelector("body[data-witness='shown']", { timeout: 60_000 });
  assert.deepEqual(await axeViolations(page), []);
  await page.click("#witness-close");
  await page.click('#file-list button[data-path="rules/hulp.toml"]');
  await typeOver(PEP_WHEN.replace("72", "96"), "fluid_exposure", "fluid_exposur");
  await analysed("error");
  assert.deepEqual(await axeViolations(page), [], "with a load error");
  await typeOver(PEP_WHEN.replace("72", "96").replace("fluid_exposure", "fluid_exposur"), "fluid_exposur ", "fluid_exposure ");
  await analysed("ok");
});

test("keyboard: the editor does not trap the focus; every stop shows its focus", async () => {
  await page.locator(".cm-content").focus();
  await page.keyboard.press("Tab");
  const where = await page.evaluate(() => ({ inEditor: document.getElementById("editor").matches(":focus-within"), id: document.activeElement?.id }));
  assert.equal(where.inEditor, false, "Tab leaves the editor");
  await page.keyboard.press("Shift+Tab");
  assert.ok(await page.evaluate(() => document.getElementById("editor").matches(":focus-within")), "Shift+Tab comes back");
  await page.keyboard.press("Shift+Tab");
  assert.equal(await page.evaluate(() => document.getElementById("editor").matches(":focus-within")), false, "and leaves backwards");
  // From the top: skip link, header link, the rule set's buttons and files, the editor, the results.
  await page.focus("a.skip");
  const order = [{ id: "Naar de resultaten", outline: true }];
  for (let i = 0; i < 39; i++) {
    await page.keyboard.press("Tab");
    order.push(await page.evaluate(() => {
      const el = document.activeElement; // the editor's host when the focus is in the editor (a shadow root)
      const s = getComputedStyle(el);
      return { id: el.id || el.dataset.path || el.textContent.trim().slice(0, 20),
        outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2 };
    }));
  }
  const ids = order.map((o) => o.id);
  assert.equal(ids[0], "Naar de resultaten");
  assert.ok(ids.indexOf("open-national") < ids.indexOf("manifest.toml") && ids.indexOf("manifest.toml") < ids.indexOf("editor"), ids.join(" | "));
  assert.deepEqual(order.filter((o) => !o.outline), [], "focus visible everywhere");
});

test("a bundle opens as editable files with the same hash; nothing left the device", async () => {
  const bundle = Engine.fromFiles(NATIONAL).bundle();
  await page.setInputFiles("#open-bundle", { name: "nationaal.json", mimeType: "application/json", buffer: Buffer.from(bundle) });
  await page.waitForFunction(() => document.querySelector("#file-list button[data-path='manifest.json']"));
  await analysed("ok");
  assert.match(await page.textContent("#live-status"), new RegExp(Engine.fromFiles(NATIONAL).hash.slice(0, 19)));
  assert.match(await page.textContent("#tests-summary"), /^Alle \d+ scenario's geslaagd\.$/);
  assert.match(await page.textContent("#diff-summary"), /Geen verschil/);
  // No request to anywhere else was even tried, and the page itself can make none.
  assert.deepEqual(b.blocked, []);
  assert.equal(await page.evaluate(() => fetch("workbench.html").then(() => "sent", () => "blocked")), "blocked");
  const own = new Set(b.server.hits.map((h) => h.path.split("?")[0]));
  for (const path of own) assert.ok(!path.includes("://"), path);
  assert.deepEqual(b.problems.filter((p) => !/Content Security Policy|Refused to connect|Failed to fetch/.test(p)), []);
});
