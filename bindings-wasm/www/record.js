// Case records on the page (docs/case-record.md): open a record from a local file, save
// it, see the fact history and what changed since its last MDT decision (facts in words,
// steps needed again), record a fact change (an answer changed in the form is appended to
// the fact's history at the page's time), an action, and a new decision with its reasons
// (downloaded as the updated record). Files are read and written on this device only
// (FileReader and a blob download): nothing is sent anywhere.

const TEXT = {
  nl: {
    open: "Dossier openen", save: "Dossier opslaan", title: "Dossier en MDT-besluit",
    none: "Geen dossier geopend: de antwoorden hierboven zijn een losse casus.",
    case: "Zaak", decided: (d) => `Laatste MDT-besluit ${d.at} (${d.by}): regie ${d.regie}, regiehouder ${d.regiehouder ?? "-"}.`,
    noDecision: "Nog geen MDT-besluit in dit dossier.",
    changes: "Sinds het laatste besluit", nothingChanged: "Niets veranderd sinds het laatste besluit.",
    added: "Nieuwe verwijzingen", removed: "Vervallen verwijzingen", settled: "Gedaan of afgeslagen",
    certain: "Nu zeker", possible: "Nu alleen mogelijk", passed: "Termijnen verstreken", soon: "Termijnen binnen 24 uur",
    regie: "Regie", regiehouder: "Regiehouder (voorstel)", answered: "Beantwoord", asked: "Nieuwe vragen", stale: "Verouderd, opnieuw vragen",
    factChanged: "Veranderd", renewed: "Opnieuw nodig", history: "Geschiedenis van de feiten", unknown: "onbekend",
    action: "Actie vastleggen", actionOffer: "Aanbod", actionStatus: "Stand", actionAt: "Tijdstip",
    actionAdd: "Actie toevoegen", actionAdded: "Actie toegevoegd aan het dossier (sla het dossier op om het te bewaren).",
    statuses: { planned: "gepland", done: "gedaan", declined: "afgeslagen" },
    decide: "MDT-besluit vastleggen", by: "Besloten door (rol)", accept: "akkoord", reject: "niet",
    reason: "Reden van afwijken", ack: "Tegen de wens van het slachtoffer: bewust besloten",
    ackConsent: "Toestemming nog te bespreken: gezien",
    record: "Besluit vastleggen en dossier downloaden", refused: "Het besluit is niet compleet; het dossier is niet veranderd:",
    recorded: "Besluit vastgelegd; het bijgewerkte dossier is gedownload.", badFile: "Dit bestand is geen bruikbaar dossier:",
    fileName: "wegwijs-dossier",
  },
  en: {
    open: "Open record", save: "Save record", title: "Record and MDT decision",
    none: "No record open: the answers above are a single case.",
    case: "Case", decided: (d) => `Last MDT decision ${d.at} (${d.by}): regie ${d.regie}, regiehouder ${d.regiehouder ?? "-"}.`,
    noDecision: "No MDT decision in this record yet.",
    changes: "Since the last decision", nothingChanged: "Nothing changed since the last decision.",
    added: "Referrals added", removed: "Referrals removed", settled: "Done or declined",
    certain: "Now certain", possible: "Now only possible", passed: "Deadlines passed", soon: "Deadlines within 24 hours",
    regie: "Regie", regiehouder: "Regiehouder (proposed)", answered: "Answered", asked: "New questions", stale: "Stale, ask again",
    factChanged: "Changed", renewed: "Needed again", history: "History of the facts", unknown: "unknown",
    action: "Record an action", actionOffer: "Offer", actionStatus: "Status", actionAt: "Time",
    actionAdd: "Add the action", actionAdded: "Action added to the record (save the record to keep it).",
    statuses: { planned: "planned", done: "done", declined: "declined" },
    decide: "Record an MDT decision", by: "Decided by (role)", accept: "accept", reject: "reject",
    reason: "Reason for departing", ack: "Against the victim's wish: decided knowingly",
    ackConsent: "Consent still to be discussed: noted",
    record: "Record the decision and download the record", refused: "The decision is not complete; the record was not changed:",
    recorded: "Decision recorded; the updated record was downloaded.", badFile: "This file is not a usable record:",
    fileName: "wegwijs-record",
  },
};

let ctx; // { state, renderForm, update, now, h, $ }
const tx = () => TEXT[ctx.state.lang] ?? TEXT.nl;
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
/** The evaluation time as RFC 3339 text (the page's `now()` may be a Date). */
const nowText = () => { const n = ctx.now(); return typeof n === "string" ? n : n.toISOString().replace(/\.\d{3}Z$/, "Z"); };

const isHistory = (v) => Array.isArray(v) && v.length > 0 && v.some((x) => x !== null && typeof x === "object");
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
/** The latest entry of a fact as given: the last of a history, or the fact itself. */
const latest = (given) => (isHistory(given) ? given.at(-1) : given);
/** The value of an entry (`{ value }`, a range, or a plain value). */
const valueOf = (entry) => (isObject(entry) && "value" in entry ? entry.value : entry);

/** The record as it stands: the opened record's facts, with the form's answers over them.
 *  Nothing is overwritten: an unchanged answer keeps its entry; a changed answer of a fact
 *  with a time (`at`) is appended to its history at the page's time (a fact change);
 *  a fact the form cannot show (a time range, a history whose latest entry is a range) is kept. */
export function currentRecord() {
  const { state } = ctx;
  const base = state.record ?? { format: "wegwijs-record/1", facts: {}, actions: [], decisions: [] };
  const facts = {};
  for (const [id, given] of Object.entries(base.facts)) {
    const last = latest(given);
    if (isObject(last) && "from" in last && !(id in state.answers)) facts[id] = given; // a range
  }
  for (const [id, value] of Object.entries(state.answers)) {
    const given = base.facts[id];
    const last = latest(given);
    if (given !== undefined && same(valueOf(last), value)) facts[id] = given; // unchanged
    else if (isHistory(given)) facts[id] = [...given, { value, at: nowText() }];
    else if (isObject(given) && given.at) facts[id] = [given, { value, at: nowText() }];
    else facts[id] = { value, at: nowText() }; // answered now (an untimed answer has no history)
  }
  return { ...base, facts };
}

/** The proposal: through the record when one is open, else for the plain answers. */
export function evaluate() {
  const { state } = ctx;
  return state.record
    ? state.engine.evaluateRecord(currentRecord(), ctx.now())
    : state.engine.evaluate(state.answers, ctx.now());
}

function download(record, name) {
  const text = JSON.stringify(record, null, 2) + "\n";
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = ctx.h("a", { href: url, download: name, class: "hidden" });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const fileName = () => `${ctx.state.record?.case ?? tx().fileName}.json`;

function open(file) {
  const reader = new FileReader();
  reader.onload = () => {
    const { state } = ctx;
    const box = ctx.$("#record-message");
    try {
      const record = JSON.parse(String(reader.result));
      state.engine.evaluateRecord(record, ctx.now()); // validates (errors never carry values)
      const facts = record.facts ?? record;
      const answers = {};
      for (const [id, given] of Object.entries(facts)) {
        const v = latest(given); // a history: its latest value fills the form
        if (!isObject(v)) { if (v !== null) answers[id] = v; } else if ("value" in v && v.value !== null) answers[id] = v.value;
      }
      state.record = record.facts ? record : { format: "wegwijs-record/1", facts, actions: [], decisions: [] };
      state.answers = answers;
      state.invalid.clear();
      box.textContent = "";
      ctx.renderForm();
      ctx.update();
    } catch (e) {
      box.textContent = `${tx().badFile} ${e.fact ? `${e.fact}: ${e.problem}` : e.message}`;
    }
  };
  reader.readAsText(file);
}

/** Wires the toolbar (open, save). */
export function setupRecord(context) {
  ctx = context;
  const input = ctx.$("#record-file");
  input.addEventListener("change", () => { if (input.files[0]) open(input.files[0]); input.value = ""; });
  ctx.$("#record-save").addEventListener("click", () => download(currentRecord(), fileName()));
}

/** Labels of the toolbar, in the current language. */
export function labelRecord() {
  ctx.$("#record-open-label").textContent = tx().open;
  ctx.$("#record-save").textContent = tx().save;
}

function list(title, items) {
  return items.length ? ctx.h("li", {}, ctx.h("strong", { text: `${title}: ` }), items.join(", ")) : null;
}

/** The record panel under the proposal: last decision, changes since, the decision form. */
export function renderRecord(p) {
  const { h, state } = ctx;
  const T = tx();
  const panel = ctx.$("#record-panel");
  labelRecord();
  if (!state.record) {
    panel.replaceChildren(h("p", { class: "help", text: T.none }));
    return;
  }
  const parts = [h("h3", { text: T.title })];
  if (state.record.case) parts.push(h("p", { text: `${T.case}: ${state.record.case}` }));
  const decided = p.record?.decided;
  parts.push(h("p", { id: "record-decided", text: decided ? T.decided(decided) : T.noDecision }));
  if (decided) {
    const c = state.engine.changesSince(currentRecord(), null, ctx.now());
    const dl = (v) => v.map((d) => `${d.offer} ${d.deadline}`);
    const lvl = (l) => (l ? [`${l.from ?? "-"} → ${l.to ?? "-"}`] : []);
    const items = c && [
      list(T.added, c.referrals_added), list(T.removed, c.referrals_removed), list(T.settled, c.referrals_settled),
      list(T.certain, c.became_certain), list(T.possible, c.became_possible), list(T.passed, dl(c.deadlines_passed)),
      list(T.soon, dl(c.deadlines_soon)), list(T.regie, lvl(c.regie)), list(T.regiehouder, lvl(c.regiehouder)),
      list(T.answered, c.questions_answered), list(T.asked, c.questions_new), list(T.stale, c.facts_stale),
    ].filter(Boolean);
    // Changed facts in words (danger facts first) and steps needed again, above the rest.
    const say = (t) => t[state.lang] ?? t.nl;
    const changed = (c?.facts_changed ?? []).map((f) => h("li", { class: "fact-changed" }, h("strong", { text: `${T.factChanged}: ` }), say(f.text)));
    const renewed = (p.record?.renewed ?? []).map((r) => h("li", { class: "renewed" }, h("strong", { text: `${T.renewed}: ` }), say(r.label)));
    if (items) items.unshift(...renewed, ...changed);
    parts.push(h("h4", { text: T.changes }),
      items?.length ? h("ul", { id: "record-changes" }, ...items) : h("p", { id: "record-changes", text: T.nothingChanged }));
  }
  const history = historyList();
  if (history) parts.push(h("h4", { text: T.history }), history);
  parts.push(actionForm(), decisionForm(p));
  panel.replaceChildren(...parts);
}

/** Every fact with more than one entry: its values, oldest first, with when they were learned. */
function historyList() {
  const { h, state } = ctx;
  const T = tx();
  const labels = Object.fromEntries(state.source.schema.facts.map((f) => [f.id, f.label[state.lang] ?? f.label.nl]));
  const word = (v) => (v === null ? T.unknown : isObject(v) && "from" in v ? `${v.from} – ${v.to}` : String(v));
  const rows = Object.entries(currentRecord().facts).filter(([, given]) => isHistory(given)).map(([id, given]) =>
    h("li", { class: "fact-history", "data-fact": id }, h("strong", { text: `${labels[id] ?? id}: ` }),
      given.map((e) => `${word(valueOf(e))} (${e.at})`).join(" → ")));
  return rows.length ? h("ul", { id: "record-history" }, ...rows) : null;
}

/** Records an action (planned, done, declined) on an offer, at a time (default: the page's). */
function actionForm() {
  const { h, state } = ctx;
  const T = tx();
  const offers = state.source.offers.map((o) => h("option", { value: o.id, text: o.label[state.lang] ?? o.label.nl }));
  const statuses = Object.entries(T.statuses).map(([id, text]) => h("option", { value: id, text }));
  const form = h("form", { id: "action-form", class: "decision" },
    h("h4", { text: T.action }),
    h("label", {}, `${T.actionOffer} `, h("select", { id: "action-offer" }, ...offers)), " ",
    h("label", {}, `${T.actionStatus} `, h("select", { id: "action-status" }, ...statuses)), " ",
    h("label", {}, `${T.actionAt} `, h("input", { type: "text", id: "action-at", value: nowText(), size: "25" })), " ",
    h("button", { type: "submit", id: "action-add", text: T.actionAdd }),
    h("div", { id: "action-result", role: "status" }));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const action = { offer: form.querySelector("#action-offer").value, status: form.querySelector("#action-status").value,
      at: form.querySelector("#action-at").value.trim() };
    const updated = { ...currentRecord(), actions: [...(state.record.actions ?? []), action] };
    try {
      state.engine.evaluateRecord(updated, ctx.now()); // validates the action (errors never carry values)
      state.record = updated;
      ctx.update();
      ctx.$("#action-result").textContent = T.actionAdded;
    } catch (err) {
      form.querySelector("#action-result").textContent = `${T.badFile} ${err.fact ? `${err.fact}: ${err.problem}` : err.message}`;
    }
  });
  return form;
}

function decisionForm(p) {
  const { h, state } = ctx;
  const T = tx();
  const m = state.source.manifest;
  const select = (id, options, value) => h("select", { id }, ...options.map((o) => {
    const opt = h("option", { value: o.id, text: o.id });
    if (o.id === value) opt.selected = true;
    return opt;
  }));
  const rows = p.referrals.map((r) => h("li", { class: "decide-referral", "data-offer": r.offer },
    h("span", { text: `${r.offer} ` }),
    h("label", {}, h("input", { type: "radio", name: `d-${r.offer}`, value: "accepted", checked: "" }), ` ${T.accept} `),
    h("label", {}, h("input", { type: "radio", name: `d-${r.offer}`, value: "rejected" }), ` ${T.reject} `),
    h("input", { type: "text", class: "reason", "data-key": `referral:${r.offer}`, placeholder: T.reason, "aria-label": `${T.reason}: ${r.offer}` }),
    r.against_wish ? h("label", {}, h("input", { type: "checkbox", class: "ack", value: r.offer }), ` ${T.ack}`) : null,
    r.outside_consent ? h("label", {}, h("input", { type: "checkbox", class: "ack-consent", value: r.offer }), ` ${T.ackConsent}`) : null));
  const form = h("form", { id: "decision-form", class: "decision" },
    h("h4", { text: T.decide }),
    h("label", {}, `${T.by} `, h("input", { type: "text", id: "decision-by", value: "mdt-voorzitter" })),
    h("p", {}, h("label", {}, "Regie ", select("decision-regie", m.regie_levels, p.regie.level)), " ",
      h("input", { type: "text", class: "reason", "data-key": "regie", placeholder: T.reason, "aria-label": `${T.reason}: regie` })),
    h("p", {}, h("label", {}, "Regiehouder ", select("decision-regiehouder", m.regiehouders, p.regiehouder?.id)), " ",
      h("input", { type: "text", class: "reason", "data-key": "regiehouder", placeholder: T.reason, "aria-label": `${T.reason}: regiehouder` })),
    h("ul", {}, ...rows),
    h("button", { type: "submit", id: "decision-record", text: T.record }),
    h("div", { id: "decision-result", role: "status" }));
  form.addEventListener("submit", (e) => { e.preventDefault(); decide(form); });
  return form;
}

function decide(form) {
  const { h, state } = ctx;
  const T = tx();
  const decision = { by: form.querySelector("#decision-by").value, regie: form.querySelector("#decision-regie").value,
    regiehouder: form.querySelector("#decision-regiehouder").value, accepted: [], rejected: [], reasons: {}, overrides_acknowledged: [], consent_acknowledged: [] };
  for (const li of form.querySelectorAll(".decide-referral")) {
    const choice = li.querySelector("input[type=radio]:checked")?.value ?? "accepted";
    decision[choice].push(li.dataset.offer);
  }
  for (const input of form.querySelectorAll("input.reason")) if (input.value.trim()) decision.reasons[input.dataset.key] = input.value.trim();
  for (const box of form.querySelectorAll("input.ack:checked")) decision.overrides_acknowledged.push(box.value);
  for (const box of form.querySelectorAll("input.ack-consent:checked")) decision.consent_acknowledged.push(box.value);
  const out = form.querySelector("#decision-result");
  try {
    const updated = state.engine.decide(currentRecord(), decision, ctx.now());
    state.record = updated;
    download(updated, fileName());
    ctx.update();
    ctx.$("#decision-result").textContent = T.recorded;
  } catch (e) {
    out.replaceChildren(h("p", { text: T.refused }), h("ul", {}, ...(e.problems ?? [e.message]).map((x) => h("li", { text: x }))));
  }
}
