// Impact of a rule change on a file of historical cases (CSV, one case per row, a column
// per fact id): every case is evaluated by both rule sets and the proposals are compared.
// No rule logic here: the engine decides, this module only reads the file and counts.
//
// Cells: empty = unknown; bool true/false (also ja/nee, 1/0); int a whole number; enum its
// value; set its values separated by `;` (`[]` = none of them); datetime RFC 3339; date
// YYYY-MM-DD. A column `now` (RFC 3339) gives a case its own evaluation time; columns that
// are no fact of either rule set (e.g. `id`) are listed as ignored.

/** RFC 4180 CSV: rows of cells (quotes, doubled quotes, CRLF or LF). */
export function parseCsv(text) {
  const rows = [];
  let row = [], cell = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === ",") { row.push(cell); cell = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell); rows.push(row); row = []; cell = "";
    } else cell += c;
  }
  if (cell !== "" || row.length) { row.push(cell); rows.push(row); }
  return rows.filter((r) => !(r.length === 1 && r[0] === ""));
}

const BOOL = { true: true, false: false, ja: true, nee: false, "1": true, "0": false, yes: true, no: false };

/** One cell as a fact value of `type` (undefined = unknown); throws a message without the value. */
function cellValue(type, cell) {
  const v = cell.trim();
  if (v === "") return undefined;
  switch (type) {
    case "bool": {
      const b = BOOL[v.toLowerCase()];
      if (b === undefined) throw new Error("expected true or false");
      return b;
    }
    case "int":
      if (!/^-?\d+$/.test(v)) throw new Error("expected a whole number");
      return Number(v);
    case "set":
      return v === "[]" ? [] : v.split(";").map((s) => s.trim()).filter(Boolean);
    default:
      return v;
  }
}

/** What a proposal decides, for comparing: regie level, regiehouder, each referral. */
function decided(p) {
  const referrals = new Map(p.referrals.map((r) => [r.offer, `${r.status}|${r.urgency}|${r.deadline ?? ""}`]));
  return { regie: p.regie.level, regiehouder: p.regiehouder?.id ?? "", referrals };
}

/**
 * Evaluates every case with `oldEngine` and `newEngine`; `now` is the evaluation time of
 * rows without a `now` cell. Returns { cases, changed, refused, ignored, offers, regie }:
 * offers = [{ offer, label, added, removed, changed }] (only offers with a change),
 * regie = { levels, counts: { "R1>R2": n } } (old level > new level).
 */
export function impact(oldEngine, newEngine, csvText, now, progress = () => {}) {
  const rows = parseCsv(csvText);
  if (rows.length < 2) throw new Error("the file has no cases: a header row with fact ids and one row per case");
  const header = rows[0].map((h) => h.trim());
  const types = new Map();
  const facts = [oldEngine, newEngine].map((e) => new Set(e.schema().facts.map((f) => (types.set(f.id, f.type), f.id))));
  const ignored = header.filter((h) => h !== "now" && !types.has(h));
  const nowCol = header.indexOf("now");
  const offers = new Map();
  const offerLabels = new Map();
  for (const e of [oldEngine, newEngine]) for (const o of e.source().offers) offerLabels.set(o.id, o.label);
  const regie = new Map();
  const levels = new Set();
  const refused = [];
  let changed = 0;
  const count = (offer, key) => {
    if (!offers.has(offer)) offers.set(offer, { offer, label: offerLabels.get(offer) ?? null, added: 0, removed: 0, changed: 0 });
    offers.get(offer)[key] += 1;
  };
  for (let i = 1; i < rows.length; i++) {
    if (i % 500 === 0) progress({ done: i - 1, total: rows.length - 1 });
    const sides = [{}, {}];
    let problem = null;
    for (let c = 0; c < header.length; c++) {
      const fact = header[c];
      if (!types.has(fact)) continue;
      let value;
      try { value = cellValue(types.get(fact), rows[i][c] ?? ""); } catch (e) { problem = `${fact}: ${e.message}`; break; }
      if (value === undefined) continue;
      facts.forEach((known, s) => { if (known.has(fact)) sides[s][fact] = value; });
    }
    const at = (nowCol >= 0 && rows[i][nowCol]?.trim()) || now;
    let before, after;
    if (!problem) {
      try {
        before = decided(oldEngine.evaluate(sides[0], at));
        after = decided(newEngine.evaluate(sides[1], at));
      } catch (e) {
        problem = e.fact ? `${e.fact}: ${e.problem}` : e.problem ?? e.message;
      }
    }
    if (problem) {
      if (refused.length < 20) refused.push({ row: i + 1, problem });
      else refused.push(null);
      continue;
    }
    let differs = before.regie !== after.regie || before.regiehouder !== after.regiehouder;
    for (const [offer, v] of after.referrals) {
      if (!before.referrals.has(offer)) { count(offer, "added"); differs = true; }
      else if (before.referrals.get(offer) !== v) { count(offer, "changed"); differs = true; }
    }
    for (const offer of before.referrals.keys()) {
      if (!after.referrals.has(offer)) { count(offer, "removed"); differs = true; }
    }
    if (differs) changed += 1;
    levels.add(before.regie).add(after.regie);
    const key = `${before.regie}>${after.regie}`;
    regie.set(key, (regie.get(key) ?? 0) + 1);
  }
  progress({ done: rows.length - 1, total: rows.length - 1 });
  const manifestLevels = newEngine.source().manifest.regie_levels.map((l) => l.id);
  const ordered = [...manifestLevels.filter((l) => levels.has(l)), ...[...levels].filter((l) => !manifestLevels.includes(l)).sort()];
  return {
    cases: rows.length - 1,
    changed,
    refused: { count: refused.length, first: refused.filter(Boolean) },
    ignored,
    offers: [...offers.values()].sort((a, b) => b.added + b.removed + b.changed - (a.added + a.removed + a.changed) || a.offer.localeCompare(b.offer)),
    regie: { levels: ordered, counts: Object.fromEntries(regie) },
  };
}

/** The result as CSV text (one table: per offer, then the regie matrix), to download. */
export function impactCsv(result) {
  const lines = ["table,offer_or_before,after,added,removed,changed,cases"];
  for (const o of result.offers) lines.push(`offer,${o.offer},,${o.added},${o.removed},${o.changed},`);
  for (const [key, n] of Object.entries(result.regie.counts)) {
    const [before, after] = key.split(">");
    lines.push(`regie,${before},${after},,,,${n}`);
  }
  lines.push(`total,cases,,,,,${result.cases}`, `total,changed,,,,,${result.changed}`, `total,refused,,,,,${result.refused.count}`);
  return lines.join("\n") + "\n";
}
