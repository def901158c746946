// The workbench's engine-side modules in node (the browser test drives the page): a bundle
// split into files loads back with the same hash; the impact of a change on a CSV of cases
// (CSV reading, cell types, refused rows without their values, the counts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, wasm } from "./support.mjs";
import { bundleFiles } from "../workbench/src/bundle-files.js";
import { impact, impactCsv, parseCsv } from "../workbench/src/impact.js";
import { withChangelog } from "../workbench/src/save.js";

const { Engine } = wasm;
const files = {};
for (const sub of ["", "rules", "scenarios"]) {
  const dir = join(repoRoot, "rules", sub);
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".toml"))) files[sub ? `${sub}/${name}` : name] = readFileSync(join(dir, name), "utf8");
}
const OLD = Engine.fromFiles(files);
const PEP = 'offer = "hiv_pep", urgency = "direct", deadline = { from = "last_incident_at", hours = 72 }';
const NEW = Engine.fromFiles({
  ...files,
  "rules/hulp.toml": files["rules/hulp.toml"]
    .replace("hours_since(last_incident_at) <= 72 and fluid_exposure and not pep_started", "hours_since(last_incident_at) <= 96 and fluid_exposure and not pep_started")
    .replace(PEP, PEP.replace("72", "96")),
});

test("a bundle split into files loads back with its hash, and its scenarios still run", () => {
  const split = bundleFiles(OLD.bundle());
  assert.ok("manifest.json" in split && "rules/rules.json" in split && "scenarios/scenarios.json" in split, Object.keys(split).join(", "));
  const again = Engine.fromFiles(split);
  assert.equal(again.hash, OLD.hash);
  assert.deepEqual(again.runTests(), OLD.runTests());
  assert.throws(() => bundleFiles('{"a":1}'), /not a Wegwijs bundle/);
});

test("CSV: quotes, doubled quotes, CRLF, a last line without newline", () => {
  assert.deepEqual(parseCsv('a,b\r\n"x, y","say ""hi"""\n1,\n2,3'), [["a", "b"], ["x, y", 'say "hi"'], ["1", ""], ["2", "3"]]);
});

test("impact: the PEP window 72 -> 96 hours adds hiv_pep to the case at 80 hours only; bad cells are refused without their value", () => {
  const now = "2026-03-02T18:00:00+01:00";
  const csv = [
    "id,last_incident_at,fluid_exposure,pep_started,uses_prep,acts,age",
    "a,2026-02-27T10:00:00+01:00,ja,nee,nee,vaginaal;anaal,30", // 80 hours before now
    "b,2026-03-01T18:00:00+01:00,true,false,false,vaginaal,30", // 24 hours: PEP either way
    "c,2026-02-20T10:00:00+01:00,true,false,false,[],30", // long ago: neither
    "d,,,,,,geheim-12345", // not a whole number: refused
    "e,2026-02-27T10:00:00+01:00,true,false,false,,999", // out of range: refused by the engine
  ].join("\n");
  const r = impact(OLD, NEW, csv, now);
  assert.equal(r.cases, 5);
  assert.deepEqual(r.ignored, ["id"]);
  assert.equal(r.refused.count, 2);
  assert.deepEqual(r.refused.first.map((x) => x.row), [5, 6]);
  for (const x of r.refused.first) assert.ok(!x.problem.includes("geheim") && !x.problem.includes("999"), x.problem);
  const pep = r.offers.find((o) => o.offer === "hiv_pep");
  assert.deepEqual({ added: pep.added, removed: pep.removed }, { added: 1, removed: 0 });
  assert.ok(r.changed >= 1 && r.changed <= 2, `changed ${r.changed}`); // b may change deadline
  const total = Object.values(r.regie.counts).reduce((a, b) => a + b, 0);
  assert.equal(total, 3, "every evaluated case is in the regie matrix");
  const table = impactCsv(r);
  assert.match(table, /^table,offer_or_before,after,added,removed,changed,cases\n/);
  assert.match(table, /\noffer,hiv_pep,,1,0,\d+,\n/);
  assert.match(table, /\ntotal,cases,,,,,5\n/);
  // No change at all: nothing changes.
  const same = impact(OLD, OLD, csv, now);
  assert.equal(same.changed, 0);
  assert.deepEqual(same.offers, []);
  assert.throws(() => impact(OLD, NEW, "id\n", now), /no cases/);
});

test("the CHANGELOG lines go above the last release", () => {
  const log = "# Changelog\n\nIntro.\n\n## 0.2.1 — x\n\n- a\n";
  assert.equal(withChangelog(log, "- b"), "# Changelog\n\nIntro.\n\n## Ongepubliceerd — werkbank\n\n- b\n\n## 0.2.1 — x\n\n- a\n");
  assert.equal(withChangelog("", "- b"), "# Changelog\n\n## Ongepubliceerd — werkbank\n\n- b\n\n");
});
