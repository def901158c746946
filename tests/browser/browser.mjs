// Shared set-up of the browser tests that need it (a11y, workbench, records): our static server, a
// headless Debian Chromium with a fresh profile, every request that is not to our server
// aborted and recorded, and axe-core (npm, read from node_modules, injected through the
// DevTools protocol: no CDN, and the page's CSP stays as it is).
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { startServer } from "../../bindings-wasm/serve.mjs";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
export const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Starts server and browser: { server, context, page, blocked, problems, close() }. */
export async function launch({ viewport = { width: 1400, height: 1000 } } = {}) {
  const server = await startServer();
  const profile = mkdtempSync(join(tmpdir(), "wegwijs-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.WEGWIJS_CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--lang=nl-NL"],
    locale: "nl-NL",
    timezoneId: "Europe/Amsterdam",
    viewport,
    acceptDownloads: true,
    serviceWorkers: "block",
  });
  const blocked = [];
  // Every request of the page, its frames and its workers that is not to our server is aborted.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url) || url.startsWith("blob:") || url.startsWith("data:")) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  return {
    server, context, page, blocked, problems,
    async close() {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens the intake page and waits until it is ready; returns the server's request count
 *  then, so a test can show that no later request left the page. */
export async function openIntake({ server, page }) {
  await page.goto(server.url, { waitUntil: "load" });
  await page.waitForSelector("body[data-ready]", { timeout: 30_000 });
  assert.equal(await page.getAttribute("body", "data-ready"), "1", `the page did not start: ${await page.textContent("#load-error")}`);
  return server.hits.length;
}

/** The file `action` makes the page download: its suggested name and its JSON. */
export async function downloaded(page, action) {
  const [download] = await Promise.all([page.waitForEvent("download"), action()]);
  return { name: download.suggestedFilename(), json: JSON.parse(readFileSync(await download.path(), "utf8")) };
}

/** axe-core's WCAG 2.1 A/AA violations on the page (iframes: false tests only the page
 *  itself; frames are tested on their own). Each as "rule: target (summary)". */
export async function axeViolations(page, { iframes = false } = {}) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE);
  const result = await page.evaluate(
    ([tags, frames]) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, iframes: frames, resultTypes: ["violations"] }),
    [WCAG_21_AA, iframes],
  );
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")} (${n.failureSummary?.split("\n").slice(1, 2).join("").trim()})`));
}

/** Presses Tab until `done()` is true or `max` presses; returns the focused elements' descriptions. */
export async function tabThrough(page, max = 400) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const read = () => page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return {
        id: el.id || el.getAttribute("data-path") || el.textContent.trim().slice(0, 30),
        tag: el.tagName.toLowerCase(),
        outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
        visible: r.width > 0 && r.height > 0,
        top: r.top + window.scrollY,
      };
    });
    const d = await read();
    if (!d) break;
    seen.push(d);
  }
  return seen;
}

export { assert };
