// The TypeScript declarations (src/wegwijs.d.ts, appended to the generated .d.ts) against
// real output: every interface must list exactly the fields the objects have, with `?`
// exactly where a field may be missing and `| null` where it may be null.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pkgDir, wasm } from "./support.mjs";

const dts = readFileSync(join(pkgDir, "wegwijs_wasm.d.ts"), "utf8");

/** interface name -> { field -> { optional, nullable, type } } (top-level fields only). */
function interfaces(text) {
  const out = {};
  const re = /export interface (\w+)(?: extends \w+)? \{\n([\s\S]*?)\n\}/g;
  for (const [, name, body] of text.matchAll(re)) {
    const fields = {};
    for (const line of body.split("\n")) {
      const m = /^\s+(\w+)(\?)?: (.+);$/.exec(line);
      if (m) fields[m[1]] = { optional: !!m[2], nullable: / \| null\b/.test(m[3]), type: m[3] };
    }
    out[name] = fields;
  }
  return out;
}
const decl = interfaces(dts);

const seen = new Map(); // interface -> objects checked
function check(name, obj) {
  const fields = decl[name];
  assert.ok(fields, `interface ${name} is declared`);
  assert.equal(typeof obj, "object", `${name} is an object`);
  for (const key of Object.keys(obj)) assert.ok(key in fields, `${name}.${key} is in the output but not declared`);
  for (const [key, f] of Object.entries(fields)) {
    if (!f.optional) assert.ok(key in obj, `${name}.${key} is declared required but missing`);
    if (obj[key] === null) assert.ok(f.nullable, `${name}.${key} is null but not declared "| null"`);
  }
  if (!seen.has(name)) seen.set(name, 0);
  seen.set(name, seen.get(name) + 1);
}
const each = (name, list) => list.forEach((x) => check(name, x));

test("the generated .d.ts has the class and the value types", () => {
  for (const s of ["export class Engine", "static default(): Engine;", "static fromBundle(json: string, options?: BundleOptions | null): Engine;",
    "evaluate(", "evaluateJson(", "questions(", "whyNot(", "schema(): Schema;", "source(): RuleSetSource;",
    "readonly name: string;", "readonly hash: string;", "export type Case ="]) {
    assert.ok(dts.includes(s), `d.ts contains ${s}`);
  }
  assert.match(dts, /evaluate\(facts: Case \| CaseRecord \| string, now\?: Now \| null\): Proposal;/);
});

test("every declared result interface matches real output", () => {
  const { Engine } = wasm;
  const engine = Engine.default();
  const src = engine.source();
  // Cases that exercise nulls and non-nulls: empty, vignette 4 (certain R3), a child,
  // someone who does not want the police (against_wish), with a region (provider).
  const region = src.regions[0]?.id;
  const cases = [
    {},
    { age: 29, last_incident_at: "2026-03-01T22:00:00+01:00", acts: ["vaginaal"], perpetrator_relation: "ex_partner",
      strangulation: true, incidents_last_12_months: 3, children_in_household: 2, region },
    { age: 14, perpetrator_relation: "gezinslid", in_household: true, police_wish: "nee", last_incident_at: "2026-03-01T22:00:00+01:00" },
    { age: 38, police_wish: "aangifte", last_incident_at: "2025-07-01T10:00:00+02:00", stress_level: "hoog", wants_shn_support: true },
  ];
  for (const c of cases) {
    const p = engine.evaluate(c, "2026-03-02T18:00:00+01:00");
    check("Proposal", p);
    check("RuleSetId", p.ruleset);
    check("SignedBy", p.ruleset.signed_by); // the built-in rules are signed (TEST key)
    each("NeedProposal", p.needs);
    each("ReferralProposal", p.referrals);
    check("RegieProposal", p.regie);
    if (p.regiehouder) check("RegiehouderProposal", p.regiehouder);
    each("Explanation", p.explanations);
    each("Question", p.questions);
    each("Warning", p.warnings);
    for (const who of ["slachtoffer", "melder"]) {
      const s = engine.forAudience(c, "2026-03-02T18:00:00+01:00", who);
      check("Summary", s);
      each("SummaryStep", s.steps);
      check("Summary", engine.forAudience(c, "2026-03-02T18:00:00+01:00", who, "ar"));
    }
    for (const org of ["politie", "veilig_thuis", "csg"]) {
      const h = engine.forAudience(c, "2026-03-02T18:00:00+01:00", org);
      check("Handover", h);
      each("ReferralProposal", h.referrals);
    }
    for (const offer of src.offers.slice(0, 12)) {
      const w = engine.whyNot(c, "2026-03-02T18:00:00+01:00", offer.id);
      check("WhyNot", w);
      each("WhyNotRule", w.rules);
      for (const r of w.rules) {
        each("Clause", r.blocking);
        if (r.wish) check("Clause", r.wish);
      }
    }
  }
  check("RuleSetSource", src);
  check("Manifest", src.manifest);
  for (const k of ["areas", "need_levels", "urgencies", "regie_levels", "organisations"]) each("Labelled", src.manifest[k]);
  each("RegiehouderSource", src.manifest.regiehouders);
  each("VoiceSource", src.manifest.voices ?? []);
  check("SummaryWords", src.manifest.summary_words);
  check("Schema", src.schema);
  each("Labelled", src.schema.sections);
  each("FactSource", src.schema.facts);
  each("DerivedSource", src.derived);
  each("OfferSource", src.offers);
  each("RuleSource", src.rules);
  for (const r of src.rules) {
    each("ReferSource", r.refer ?? []);
    for (const f of r.refer ?? []) if (f.deadline) check("DeadlineSource", f.deadline);
    if (r.regiehouder) check("RegiehouderChoice", r.regiehouder);
  }
  each("RegionSource", src.regions);
  each("PropertySource", src.properties);
  for (const p of src.properties) if (p.monotone) check("MonotoneSource", p.monotone);

  // The errors (their own fields; name, message and stack come from Error).
  const own = (e) => Object.fromEntries(Object.entries(e).filter(([k]) => !["name", "message", "stack"].includes(k)));
  try { engine.evaluate({ age: "x" }, "2026-03-02T18:00:00+01:00"); } catch (e) { check("WegwijsError", own(e)); }
  try { wasm.Engine.fromBundle("{"); } catch (e) {
    check("WegwijsError", own(e));
    each("RuleDiagnostic", e.diagnostics);
  }

  // Case records: the record part of a proposal, changes and the agenda (examples/records).
  const recDir = join(pkgDir, "../../examples/records");
  const records = readdirSync(recDir).filter((f) => f.endsWith(".json")).sort()
    .map((f) => JSON.parse(readFileSync(join(recDir, f), "utf8")));
  const meeting = "2026-03-10T09:00:00+01:00";
  for (const r of records) {
    const p = engine.evaluateRecord(r, meeting);
    check("Proposal", p);
    check("RecordStatus", p.record);
    if (p.record.decided) check("DecidedStatus", p.record.decided);
    each("ActionView", p.record.actions);
    each("ActionView", p.record.not_proposed_again);
    each("DeadlineView", p.record.deadlines_passed);
    for (const a of p.record.actions.filter((a) => a.status === "declined")) {
      const w = engine.whyNot(r, meeting, a.offer);
      check("WhyNot", w);
      check("WhyNotDeclined", w.declined);
    }
  }
  const agenda = engine.agenda(records, meeting);
  check("Agenda", agenda);
  for (const e of agenda.entries) {
    check("AgendaEntry", e);
    each("DeadlineView", e.deadlines_soon);
    if (e.changes) {
      check("Changes", e.changes);
      if (e.changes.regie) check("LevelChange", e.changes.regie);
      if (e.changes.regiehouder) check("LevelChange", e.changes.regiehouder);
    }
  }

  // Working on a rule set (authoring.d.ts): findings with and without place and witness,
  // a diff with witnesses (the PEP window 72 -> 96 hours), scenario results.
  const findings = engine.check();
  each("Finding", findings);
  for (const f of findings) {
    if (f.location) check("FindingLocation", f.location);
    if (f.witness) check("Witness", f.witness);
  }
  each("Finding", engine.check({ maxCases: 1 }));
  const files = {};
  for (const sub of ["", "rules", "scenarios"]) {
    const dir = join(pkgDir, "../../rules", sub);
    for (const name of readdirSync(dir).filter((n) => n.endsWith(".toml"))) files[sub ? `${sub}/${name}` : name] = readFileSync(join(dir, name), "utf8");
  }
  const pep96 = { ...files, "rules/hulp.toml": files["rules/hulp.toml"].replace('offer = "hiv_pep", urgency = "direct", deadline = { from = "last_incident_at", hours = 72 }', 'offer = "hiv_pep", urgency = "direct", deadline = { from = "last_incident_at", hours = 96 }') };
  assert.notEqual(pep96["rules/hulp.toml"], files["rules/hulp.toml"], "the PEP deadline was changed");
  const classes = engine.diff(Engine.fromFiles(pep96));
  assert.ok(classes.length > 0, "the changed deadline gives diff classes");
  each("DiffClass", classes);
  for (const c of classes) if (c.witness) check("Witness", c.witness);
  const tests = Engine.fromFiles(files).runTests();
  assert.ok(tests.length > 0);
  each("ScenarioResult", tests);

  // Every interface that the national rules can produce was met at least once.
  // not in the embedded rules; Text is a map; BundleOptions, CaseRecord and Decision are inputs.
  const exempt = ["ScenarioSource", "ScenarioExpect", "Text", "BundleOptions", "CaseRecord", "Decision", "CheckOptions"];
  if (src.properties.length === 0) exempt.push("PropertySource", "MonotoneSource");
  const never = Object.keys(decl).filter((n) => !seen.has(n) && !exempt.includes(n));
  assert.deepEqual(never, [], "interfaces never checked against output");
});
