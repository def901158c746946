// Wegwijs decision-support page: the intake form is generated from the rule set's schema
// (gespreksgids order), and every change re-evaluates the case in WebAssembly on this
// device. After the .wasm is loaded the page locks itself down (a second CSP with
// default-src 'none'): no answer ever leaves the browser.
//
// Texts of the rule set come from the rule set ({ nl, en }); the few texts of the page
// itself are in UI below.

import init, { Engine } from "./pkg/wegwijs_wasm.js";
import { evaluate, renderRecord, setupRecord } from "./record.js";
import { labelAudience, renderAudience, setupAudience } from "./audience.js";

// ------------------------------------------------------------------ page texts
const UI = {
  nl: {
    skip: "Naar het voorstel",
    subtitle: "Beslisondersteuning bij eerste opvang en MDT na seksueel geweld",
    notice: "Dit is een <strong>voorstel</strong> van de regels. Het MDT beslist, samen met het slachtoffer.",
    intakeTitle: "Intake (gespreksgids)",
    intakeIntro: "Elke vraag mag open blijven: kies dan <em>onbekend</em>. Het voorstel rekent bij elke wijziging opnieuw en laat zien welke open vragen er nog toe doen.",
    nowLabel: "Beoordelingsmoment",
    nowHelp: "Leeg = nu (de klok van dit apparaat).",
    reset: "Alle antwoorden wissen",
    loading: "De regels worden geladen…",
    proposalTitle: "Voorstel voor het MDT",
    print: "Afdrukken",
    download: "JSON downloaden",
    privacy: "Alles gebeurt op dit apparaat: de antwoorden worden nergens heen gestuurd en niet bewaard.",
    yes: "Ja", no: "Nee", unknown: "Onbekend", unknownSelect: "— onbekend —",
    noneOfThese: "Geen van deze",
    setHint: "Niets aangevinkt = onbekend. Kies ‘Geen van deze’ als het antwoord nee is.",
    clear: "Wissen",
    clearLabel: (label) => `${label}: wissen (onbekend)`,
    intRange: (min, max) => `Een geheel getal van ${min} tot ${max}.`,
    intInvalid: (min, max) => `Dit is geen geheel getal van ${min} tot ${max}: het telt als onbekend.`,
    dateInvalid: "Geen geldige datum of tijd: dit telt als onbekend.",
    stateUnknown: "onbekend", stateAnswered: "beantwoord",
    dossier: "voor het dossier",
    openBadge: (n) => `open vraag ${n}`,
    certain: "zeker", possible: "mogelijk",
    upTo: (l) => `mogelijk tot ${l}`,
    regie: "Regie", regiehouder: "Regiehouder", noRegiehouder: "Nog geen regiehouder voorgesteld.",
    alternatives: "Ook mogelijk:",
    needs: "Behoefte per gebied", area: "Gebied", level: "Niveau",
    referrals: "Verwijzingen", noReferrals: "Geen verwijzingen.",
    urgency: "Urgentie", deadline: "Uiterlijk", provider: "Aanbieder",
    hoursLeft: (h) => (h >= 48 ? `nog ${Math.floor(h / 24)} dagen` : h >= 0 ? `nog ${h} uur` : `${-h} uur geleden verlopen`),
    againstWish: "Tegen de uitgesproken wens van het slachtoffer",
    againstWishWhy: "Waarom veiligheid hier voorgaat:",
    ground: "grond",
    proposedNow: "voorstel nu:",
    overrideWhy: "Deze regel mag tegen de wens van het slachtoffer in gaan, omdat:",
    why: "Waarom", source: "bron", rule: "regel",
    victimLang: "Taal voor slachtoffer en vragen",
    questionsFirst: "Nieuwe zaak: eerst deze vragen", anyway: "Wat in elk geval kan",
    dependOnAnswers: (n) => `Nog ${n} verwijzingen hangen af van de antwoorden op de vragen hierboven.`,
    questions: "Open vragen die ertoe doen", noQuestions: "Geen open vragen meer die het voorstel kunnen veranderen.",
    questionsIntro: "In volgorde van belang. Ze zijn ook in het formulier gemarkeerd.",
    affects: "Kan veranderen:",
    warnings: "Let op",
    allExplanations: (n) => `Alle uitleg (${n} regels)`,
    evaluatedAt: "Beoordeeld op",
    summary: (p, ui) => `Regie ${p.regie.level} ${ui.t(p.regie.label)} (${ui.status(p.regie.status)}); ${p.referrals.filter((r) => r.status === "certain").length} verwijzingen zeker, ${p.referrals.filter((r) => r.status === "possible").length} mogelijk; ${p.questions.length} open vragen.`,
    affect: { referral: "verwijzing", against_wish: "tegen wens", deadline: "termijn", need: "behoefte", regie: "regie", regiehouder: "regiehouder", provider: "aanbieder" },
    answersTitle: "Antwoorden in de intake",
    noAnswers: "Nog geen antwoorden.",
    unansweredCount: (n) => `${n} vragen onbeantwoord (onbekend).`,
    ruleset: "Regelset",
    loadError: "De regels konden niet worden geladen. Het voorstel is niet beschikbaar.",
    fileName: "wegwijs-voorstel",
    caseError: "Een antwoord past niet bij de regels:",
  },
  en: {
    skip: "Skip to the proposal",
    subtitle: "Decision support for first contact and the MDT after sexual violence",
    notice: "This is a <strong>proposal</strong> by the rules. The MDT decides, together with the victim.",
    intakeTitle: "Intake (conversation guide)",
    intakeIntro: "Any question may stay open: choose <em>unknown</em>. The proposal is recalculated on every change and shows which open questions still matter.",
    nowLabel: "Time of assessment",
    nowHelp: "Empty = now (this device's clock).",
    reset: "Clear all answers",
    loading: "Loading the rules…",
    proposalTitle: "Proposal for the MDT",
    print: "Print",
    download: "Download JSON",
    privacy: "Everything happens on this device: the answers are not sent anywhere and not stored.",
    yes: "Yes", no: "No", unknown: "Unknown", unknownSelect: "— unknown —",
    noneOfThese: "None of these",
    setHint: "Nothing ticked = unknown. Choose ‘None of these’ if the answer is no.",
    clear: "Clear",
    clearLabel: (label) => `${label}: clear (unknown)`,
    intRange: (min, max) => `A whole number from ${min} to ${max}.`,
    intInvalid: (min, max) => `Not a whole number from ${min} to ${max}: it counts as unknown.`,
    dateInvalid: "Not a valid date or time: it counts as unknown.",
    stateUnknown: "unknown", stateAnswered: "answered",
    dossier: "for the file",
    openBadge: (n) => `open question ${n}`,
    certain: "certain", possible: "possible",
    upTo: (l) => `possibly up to ${l}`,
    regie: "Case coordination (regie)", regiehouder: "Case holder (regiehouder)", noRegiehouder: "No case holder proposed yet.",
    alternatives: "Also possible:",
    needs: "Need per area", area: "Area", level: "Level",
    referrals: "Referrals", noReferrals: "No referrals.",
    urgency: "Urgency", deadline: "Deadline", provider: "Provider",
    hoursLeft: (h) => (h >= 48 ? `${Math.floor(h / 24)} days left` : h >= 0 ? `${h} hours left` : `expired ${-h} hours ago`),
    againstWish: "Against the victim's stated wish",
    againstWishWhy: "Why safety comes first here:",
    ground: "ground",
    proposedNow: "proposed now:",
    overrideWhy: "This rule may go against the victim's wish, because:",
    why: "Why", source: "source", rule: "rule",
    victimLang: "Language for the victim and questions",
    questionsFirst: "New case: these questions first", anyway: "What is possible whatever the answers",
    dependOnAnswers: (n) => `Another ${n} referrals depend on the answers to the questions above.`,
    questions: "Open questions that matter", noQuestions: "No open questions left that could change the proposal.",
    questionsIntro: "Most important first. They are also marked in the form.",
    affects: "Could change:",
    warnings: "Note",
    allExplanations: (n) => `All explanations (${n} rules)`,
    evaluatedAt: "Assessed at",
    summary: (p, ui) => `Regie ${p.regie.level} ${ui.t(p.regie.label)} (${ui.status(p.regie.status)}); ${p.referrals.filter((r) => r.status === "certain").length} referrals certain, ${p.referrals.filter((r) => r.status === "possible").length} possible; ${p.questions.length} open questions.`,
    affect: { referral: "referral", against_wish: "against wish", deadline: "deadline", need: "need", regie: "regie", regiehouder: "case holder", provider: "provider" },
    answersTitle: "Answers in the intake",
    noAnswers: "No answers yet.",
    unansweredCount: (n) => `${n} questions unanswered (unknown).`,
    ruleset: "Rule set",
    loadError: "The rules could not be loaded. No proposal is available.",
    fileName: "wegwijs-proposal",
    caseError: "An answer does not fit the rules:",
  },
};

// ------------------------------------------------------------------ state
const state = {
  lang: "nl",
  // The language of what the victim reads: the questions and the victim's summary (issue
  // 11). Follows the page's language until picked; any language of the rule set.
  victimLang: "nl",
  engine: null,
  source: null, // the rule set as written (manifest, schema, offers, regions)
  answers: {}, // fact id -> value for the engine; absent = unknown
  invalid: new Set(), // facts whose input could not be read (shown, counted as unknown)
  proposal: null,
  record: null, // the opened case record (record.js), or null
};

const $ = (sel, root = document) => root.querySelector(sel);
const ui = () => UI[state.lang];
/** A rule-set text in the current language (falls back to Dutch). */
const t = (text) => (text ? text[state.lang] ?? text.nl ?? "" : "");
/** Languages written right to left (the rule set may list any language). */
const RTL = new Set(["ar", "fa", "he", "ps", "ur", "yi"]);
/** `lang` and `dir` attributes for text in `lang`. */
const langAttrs = (lang) => ({ lang, dir: RTL.has(lang.split("-")[0]) ? "rtl" : "ltr" });
/** A rule-set text in the victim's language, or in Dutch where it has none: the text and
 *  the attributes of the language it is actually in. */
function tv(text) {
  const lang = text?.[state.victimLang] !== undefined ? state.victimLang : "nl";
  return { text: text?.[lang] ?? "", ...langAttrs(lang) };
}
const statusText = (s) => ui()[s] ?? s;

/** Creates an element: h("p", { class: "x", text: "…" }, child, …). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") el.textContent = v;
    else if (k === "class") el.className = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, v);
  }
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

// ------------------------------------------------------------------ lookups
let index = {};
function buildIndex(src) {
  const byId = (list) => Object.fromEntries((list ?? []).map((x) => [x.id, x]));
  const m = src.manifest;
  index = {
    facts: byId(src.schema.facts),
    areas: byId(m.areas),
    needLevels: byId(m.need_levels),
    urgencies: byId(m.urgencies),
    urgencyRank: Object.fromEntries(m.urgencies.map((u, i) => [u.id, i])),
    regieLevels: byId(m.regie_levels),
    organisations: byId(m.organisations),
    regiehouders: byId(m.regiehouders),
    offers: byId(src.offers),
    regions: byId(src.regions),
  };
}
const label = (table, id) => (index[table]?.[id] ? t(index[table][id].label) : id);

// ------------------------------------------------------------------ time
const pad = (n) => String(n).padStart(2, "0");
/** `YYYY-MM-DDTHH:MM[:SS]` (local, from a datetime-local input) -> RFC 3339 with this device's offset. */
function localToRfc3339(value) {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return null;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  const off = -d.getTimezoneOffset();
  const a = Math.abs(off);
  const base = value.length === 16 ? `${value}:00` : value.slice(0, 19);
  return `${base}${off >= 0 ? "+" : "-"}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}
/** RFC 3339 -> the value of a datetime-local input, in this device's time zone. */
function rfc3339ToLocal(text) {
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) return "";
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
function formatMoment(text) {
  const d = new Date(text);
  return new Intl.DateTimeFormat(state.lang === "nl" ? "nl-NL" : "en-GB", {
    weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit",
  }).format(d);
}
/** The evaluation time: the field, or now. */
function now() {
  const v = $("#now-input").value;
  return (v && localToRfc3339(v)) || new Date();
}

// ------------------------------------------------------------------ the form
let nextId = 0;
const uid = (prefix) => `${prefix}-${++nextId}`;

function renderForm() {
  const form = $("#intake-form");
  form.replaceChildren();
  const { sections, facts } = state.source.schema;
  for (const section of sections) {
    const members = facts.filter((f) => f.section === section.id);
    if (!members.length) continue;
    const headingId = `sec-${section.id}-title`;
    form.append(
      h("section", { class: "section", id: `sec-${section.id}`, "aria-labelledby": headingId },
        h("h3", { id: headingId, text: t(section.label) }),
        members.map(renderFact)),
    );
  }
  // Facts that name a section the schema does not list (should not happen) still get asked.
  const known = new Set(sections.map((s) => s.id));
  const rest = facts.filter((f) => !known.has(f.section));
  if (rest.length) form.append(h("section", { class: "section" }, rest.map(renderFact)));
}

/** One fact: its label, the question as asked, help, and controls with an explicit "unknown". */
function renderFact(fact) {
  const qId = uid("q");
  const helpId = fact.help ? uid("help") : null;
  const errId = uid("err");
  const describedBy = [qId, helpId, errId].filter(Boolean).join(" ");
  const question = h("p", { class: "question", id: qId, ...tv(fact.question) });
  const help = fact.help ? h("p", { class: "help", id: helpId, text: t(fact.help) }) : null;
  const error = h("p", { class: "field-error", id: errId, "aria-live": "polite" });
  const badge = h("span", { class: "badge open-badge", hidden: true });
  const stateChip = [h("span", { class: "state" }),
    fact.dossier ? h("span", { class: "dossier", text: ` ${ui().dossier}` }) : null];
  const wrap = h("div", { class: `fact type-${fact.type}`, id: `fact-${fact.id}`, "data-fact": fact.id });

  const grouped = fact.type === "bool" || fact.type === "set" || (fact.type === "enum" && fact.values.length <= 5);
  if (grouped) {
    const legend = h("legend", {}, h("span", { class: "label", text: t(fact.label) }), " ", badge, " ", stateChip);
    const fs = h("fieldset", { "aria-describedby": describedBy }, legend, question, controls(fact), help, error);
    wrap.append(fs);
  } else {
    const inputId = `in-${fact.id}`;
    const lab = h("label", { for: inputId }, h("span", { class: "label", text: t(fact.label) }));
    wrap.append(h("div", { class: "field-head" }, lab, " ", badge, " ", stateChip), question,
      h("div", { class: "inline" }, controls(fact, inputId, describedBy)), help, error);
  }
  syncFact(fact.id, wrap);
  return wrap;
}

function controls(fact, inputId, describedBy) {
  const name = `f-${fact.id}`;
  const current = state.answers[fact.id];
  const radio = (value, text, checked) =>
    h("label", { class: "opt" }, h("input", { type: "radio", name, value, checked, "data-fact": fact.id }), " ", text);
  switch (fact.type) {
    case "bool":
      return h("div", { class: "opts" },
        radio("true", ui().yes, current === true),
        radio("false", ui().no, current === false),
        radio("", ui().unknown, current === undefined));
    case "enum": {
      if (fact.values.length <= 5) {
        return h("div", { class: "opts" },
          fact.values.map((v) => radio(v, valueLabel(fact, v), current === v)),
          radio("", ui().unknown, current === undefined));
      }
      return h("select", { id: inputId, "data-fact": fact.id, "aria-describedby": describedBy },
        h("option", { value: "", text: ui().unknownSelect, selected: current === undefined }),
        fact.values.map((v) => h("option", { value: v, text: valueLabel(fact, v), selected: current === v })));
    }
    case "set": {
      const chosen = new Set(Array.isArray(current) ? current : []);
      const box = (value, text, checked, cls) =>
        h("label", { class: `opt ${cls ?? ""}` }, h("input", { type: "checkbox", name, value, checked, "data-fact": fact.id }), " ", text);
      return h("div", { class: "opts" },
        fact.values.map((v) => box(v, valueLabel(fact, v), chosen.has(v))),
        box("__none__", ui().noneOfThese, Array.isArray(current) && current.length === 0, "none"),
        h("p", { class: "hint", text: ui().setHint }));
    }
    case "int": {
      const input = h("input", {
        type: "number", id: inputId, min: fact.min, max: fact.max, step: 1, inputmode: "numeric",
        "data-fact": fact.id, "aria-describedby": describedBy, value: current ?? "",
        placeholder: ui().unknown.toLowerCase(),
      });
      return [input, h("span", { class: "range", text: ui().intRange(fact.min, fact.max) }), clearButton(fact)];
    }
    case "datetime":
      return [h("input", { type: "datetime-local", id: inputId, step: 60, "data-fact": fact.id, "aria-describedby": describedBy,
        value: current ? rfc3339ToLocal(current) : "" }), clearButton(fact)];
    case "date":
      return [h("input", { type: "date", id: inputId, "data-fact": fact.id, "aria-describedby": describedBy, value: current ?? "" }),
        clearButton(fact)];
    default:
      return h("p", { class: "field-error", text: `type ${fact.type}?` });
  }
}

function clearButton(fact) {
  return h("button", { type: "button", class: "clear", "data-clear": fact.id, "aria-label": ui().clearLabel(t(fact.label)), text: ui().clear });
}

function valueLabel(fact, value) {
  return fact.value_labels?.[value] ? t(fact.value_labels[value]) : value;
}

/** Reads the controls of one fact into state.answers (absent = unknown). */
function readFact(id) {
  const fact = index.facts[id];
  const wrap = document.getElementById(`fact-${id}`);
  state.invalid.delete(id);
  let value;
  switch (fact.type) {
    case "bool": {
      const v = wrap.querySelector("input:checked")?.value ?? "";
      value = v === "" ? undefined : v === "true";
      break;
    }
    case "enum": {
      const v = (wrap.querySelector("select") ?? wrap.querySelector("input:checked"))?.value ?? "";
      value = v === "" ? undefined : v;
      break;
    }
    case "set": {
      const boxes = [...wrap.querySelectorAll("input[type=checkbox]")];
      const none = boxes.find((b) => b.value === "__none__");
      const picked = boxes.filter((b) => b.checked && b.value !== "__none__").map((b) => b.value);
      value = picked.length ? picked : none.checked ? [] : undefined;
      break;
    }
    case "int": {
      const input = wrap.querySelector("input");
      const raw = input.value.trim();
      if (raw === "") {
        value = input.validity.badInput ? markInvalid(id) : undefined;
      } else {
        const n = Number(raw);
        value = Number.isInteger(n) && n >= fact.min && n <= fact.max ? n : markInvalid(id);
      }
      break;
    }
    case "datetime": {
      const raw = wrap.querySelector("input").value;
      value = raw === "" ? undefined : localToRfc3339(raw) ?? markInvalid(id);
      break;
    }
    case "date": {
      const raw = wrap.querySelector("input").value;
      value = raw === "" ? undefined : /^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : markInvalid(id);
      break;
    }
  }
  if (value === undefined) delete state.answers[id];
  else state.answers[id] = value;
  syncFact(id, wrap);
}

function markInvalid(id) {
  state.invalid.add(id);
  return undefined;
}

/** The answered/unknown chip and the error text of one fact. */
function syncFact(id, wrap = document.getElementById(`fact-${id}`)) {
  if (!wrap) return;
  const fact = index.facts[id];
  const known = id in state.answers;
  wrap.classList.toggle("answered", known);
  wrap.querySelector(".state").textContent = known ? ui().stateAnswered : ui().stateUnknown;
  const invalid = state.invalid.has(id);
  const err = wrap.querySelector(".field-error");
  err.textContent = invalid ? (fact.type === "int" ? ui().intInvalid(fact.min, fact.max) : ui().dateInvalid) : "";
  for (const el of wrap.querySelectorAll("input, select")) {
    if (invalid) el.setAttribute("aria-invalid", "true");
    else el.removeAttribute("aria-invalid");
  }
}

function onFormEvent(event) {
  const el = event.target;
  const id = el.dataset?.fact;
  if (!id) return;
  const fact = index.facts[id];
  if (fact.type === "set" && el.type === "checkbox" && el.checked) {
    // "None of these" and a value exclude each other.
    const wrap = document.getElementById(`fact-${id}`);
    for (const b of wrap.querySelectorAll("input[type=checkbox]")) {
      if (b !== el && (el.value === "__none__" || b.value === "__none__")) b.checked = false;
    }
  }
  readFact(id);
  update();
}

function onFormClick(event) {
  const button = event.target.closest("button[data-clear]");
  if (!button) return;
  const id = button.dataset.clear;
  const wrap = document.getElementById(`fact-${id}`);
  for (const input of wrap.querySelectorAll("input, select")) input.value = "";
  readFact(id);
  update();
  wrap.querySelector("input, select")?.focus();
}

// ------------------------------------------------------------------ evaluation
function update() {
  let proposal;
  try {
    proposal = evaluate(); // through the opened case record, if any (record.js)
  } catch (e) {
    // A CaseError names the fact and what was expected, never the value.
    renderCaseError(e);
    return;
  }
  state.proposal = proposal;
  renderProposal(proposal);
  markQuestions(proposal.questions);
  renderAnswers();
  renderRecord(proposal);
  renderAudience();
}

function renderCaseError(e) {
  const fact = e.fact && index.facts[e.fact];
  $("#proposal-body").replaceChildren(
    h("div", { class: "load-error", role: "alert" },
      h("p", { text: ui().caseError }),
      h("p", { text: fact ? `${t(fact.label)}: ${e.problem}` : e.message })));
}

/** Highlights the open questions in the form, numbered in order of importance. */
function markQuestions(questions) {
  const rank = new Map(questions.map((q, i) => [q.fact, i + 1]));
  for (const wrap of document.querySelectorAll(".fact")) {
    const n = rank.get(wrap.dataset.fact);
    wrap.classList.toggle("open-q", n !== undefined);
    const badge = wrap.querySelector(".open-badge");
    badge.hidden = n === undefined;
    badge.textContent = n === undefined ? "" : ui().openBadge(n);
  }
}

// ------------------------------------------------------------------ the proposal
function renderProposal(p) {
  const body = $("#proposal-body");
  const explanations = new Map(p.explanations.map((e) => [e.rule, e]));
  const why = (rules, open = false) => whyList(rules, explanations, open);

  $("#summary").textContent = ui().summary(p, { t, status: statusText });

  const parts = [];

  // A new or nearly empty case (issue 18): the first questions, then only what is
  // possible whatever the answers — not a regie level and dozens of possible referrals.
  if (p.questions_first) {
    const certain = p.referrals.filter((r) => r.status === "certain");
    parts.push(
      questionsBlock(p, ui().questionsFirst),
      h("section", { class: "block referrals", "aria-labelledby": "h-referrals" },
        h("h3", { id: "h-referrals", text: ui().anyway }),
        certain.length ? h("ul", { class: "cards" }, certain.map((r) => referralCard(r, p, why))) : h("p", { class: "muted", text: ui().noReferrals }),
        p.referrals.length > certain.length ? h("p", { class: "muted", text: ui().dependOnAnswers(p.referrals.length - certain.length) }) : null),
    );
    body.replaceChildren(...parts);
    return;
  }

  // Regie and regiehouder.
  const regieLevel = index.regieLevels[p.regie.level];
  parts.push(
    h("section", { class: "block regie", "aria-labelledby": "h-regie" },
      h("h3", { id: "h-regie", text: ui().regie }),
      h("p", { class: "big" },
        h("span", { class: `level regie-${p.regie.level}`, text: p.regie.level }), " ",
        h("strong", { text: t(p.regie.label) }), " ",
        chip(p.regie.status),
        p.regie.up_to ? h("span", { class: "up-to", text: ui().upTo(`${p.regie.up_to} ${label("regieLevels", p.regie.up_to)}`) }) : null),
      regieLevel?.description ? h("p", { class: "desc", text: t(regieLevel.description) }) : null,
      why(p.regie.rules),
      h("h4", { text: ui().regiehouder }),
      decidedRegiehouder(p),
      p.regiehouder
        ? h("div", {},
          h("p", { class: "big" }, h("strong", { text: t(p.regiehouder.label) }), " ",
            h("span", { class: "org", text: `(${label("organisations", p.regiehouder.organisation)})` }), " ", chip(p.regiehouder.status)),
          p.regiehouder.alternatives.length
            ? h("p", { class: "alt", text: `${ui().alternatives} ${p.regiehouder.alternatives.map((a) => label("regiehouders", a)).join(", ")}` })
            : null,
          why(p.regiehouder.rules))
        : h("p", { class: "muted", text: ui().noRegiehouder })),
  );

  // Needs per area.
  parts.push(
    h("section", { class: "block needs", "aria-labelledby": "h-needs" },
      h("h3", { id: "h-needs", text: ui().needs }),
      h("table", {},
        h("thead", {}, h("tr", {}, h("th", { scope: "col", text: ui().area }), h("th", { scope: "col", text: ui().level }), h("th", { scope: "col", text: ui().why }))),
        h("tbody", {}, p.needs.map((n) =>
          h("tr", { class: `need need-${n.level}`, "data-area": n.area },
            h("th", { scope: "row", text: label("areas", n.area) }),
            h("td", {}, h("span", { class: `level need-level-${n.level}`, text: label("needLevels", n.level) }), " ", chip(n.status),
              n.up_to ? h("span", { class: "up-to", text: ui().upTo(label("needLevels", n.up_to)) }) : null),
            h("td", {}, why(n.rules))))))),
  );

  // Referrals by area (manifest order), most urgent first within an area (engine order).
  const byArea = state.source.manifest.areas.map((a) => [a, p.referrals.filter((r) => r.area === a.id)]);
  parts.push(
    h("section", { class: "block referrals", "aria-labelledby": "h-referrals" },
      h("h3", { id: "h-referrals", text: ui().referrals }),
      p.referrals.length === 0 ? h("p", { class: "muted", text: ui().noReferrals }) : null,
      byArea.filter(([, list]) => list.length).map(([area, list]) =>
        h("div", { class: "area" },
          h("h4", { text: t(area.label) }),
          h("ul", { class: "cards" }, list.map((r) => referralCard(r, p, why)))))),
  );

  // Open questions, in order.
  parts.push(questionsBlock(p, ui().questions));

  if (p.warnings.length) {
    parts.push(
      h("section", { class: "block warnings", "aria-labelledby": "h-warnings" },
        h("h3", { id: "h-warnings", text: ui().warnings }),
        h("ul", {}, p.warnings.map((w) => h("li", { "data-code": w.code, text: t(w.message) })))),
    );
  }

  parts.push(
    h("details", { class: "block all-explanations" },
      h("summary", { text: ui().allExplanations(p.explanations.length) }),
      whyList(p.explanations.map((e) => e.rule), explanations, true)),
    h("p", { class: "evaluated" },
      `${ui().evaluatedAt}: ${formatMoment(p.evaluated_at)} · ${ui().ruleset} ${p.ruleset.name} ${p.ruleset.version} (${p.ruleset.hash.slice(0, 19)}…)`),
  );

  body.replaceChildren(...parts);
}

/** The open questions, in order, under `title`. */
function questionsBlock(p, title) {
  return h("section", { class: "block questions", "aria-labelledby": "h-questions" },
    h("h3", { id: "h-questions", text: title }),
    p.questions.length
      ? [h("p", { class: "muted", text: ui().questionsIntro }),
        h("ol", { class: "qlist" }, p.questions.map((q) =>
          h("li", { "data-fact": q.fact },
            h("a", { href: `#fact-${q.fact}`, "data-goto": q.fact, text: t(q.label) }),
            " — ",
            h("span", { class: "q", ...tv(q.question) }),
            affectsLine(q.affects))))]
      : h("p", { class: "muted", text: ui().noQuestions }));
}

function referralCard(r, p, why) {
  const evaluated = Date.parse(p.evaluated_at);
  const offer = index.offers[r.offer];
  const cls = ["card", `status-${r.status}`, `urgency-${r.urgency}`, r.against_wish ? "against-wish" : "",
    r.outside_consent ? "outside-consent" : "", r.rejected ? "rejected" : ""].join(" ");
  return h("li", { class: cls, "data-offer": r.offer },
    h("div", { class: "card-head" },
      h("strong", { class: "offer", text: t(r.label) }), " ",
      h("span", { class: `urgency urg-${index.urgencyRank[r.urgency] ?? 0}`, text: label("urgencies", r.urgency) }), " ",
      chip(r.status)),
    r.rejected ? h("p", { class: "rejected-note", role: "note", text: t(r.rejected.text) }) : null,
    markerNote(r.against_wish, "wish-alert"),
    markerNote(r.outside_consent, "consent-note"),
    h("p", { class: "meta" },
      label("organisations", r.organisation),
      r.provider ? ` · ${ui().provider}: ${r.provider}` : "",
      r.deadline
        ? h("span", { class: "deadline" }, ` · ${ui().deadline}: `,
          h("time", { datetime: r.deadline, text: formatMoment(r.deadline) }),
          ` (${ui().hoursLeft(Math.floor((Date.parse(r.deadline) - evaluated) / 3600000))})`)
        : ""),
    offer?.professional ? h("p", { class: "offer-text", text: t(offer.professional) }) : null,
    why(r.rules));
}

/** In a case record the decided regiehouder stays until the MDT decides otherwise: the
 * headline shows it ("Casemanager CSG (MDT 3 maart), voorstel nu: …"), the proposal below. */
function decidedRegiehouder(p) {
  const d = p.record?.decided;
  if (!d?.regiehouder) return null;
  const day = new Intl.DateTimeFormat(state.lang === "nl" ? "nl-NL" : "en-GB", { day: "numeric", month: "long" })
    .format(new Date(d.at));
  const now = p.regiehouder && p.regiehouder.id !== d.regiehouder ? `, ${ui().proposedNow} ${t(p.regiehouder.label)}` : "";
  return h("p", { class: "big decided-regiehouder" },
    h("strong", { text: label("regiehouders", d.regiehouder) }), ` (MDT ${day})${now}`);
}

/** A referral's marker (against the stated wish, outside the consent): its headline, the
 * ground it rests on, and why the step is proposed anyway. */
function markerNote(m, cls) {
  if (!m) return null;
  return h("div", { class: `${cls} marker-${m.status}`, role: "note" },
    h("p", {}, h("span", { class: "icon", "aria-hidden": "true", text: "⚠ " }), h("strong", { text: t(m.label) }),
      m.ground ? ` — ${ui().ground}: ${t(m.ground)}` : ""),
    m.reason ? h("p", {}, t(m.reason)) : null);
}

/** The explanations of some rules: text, status and source. */
function whyList(rules, explanations, open) {
  const items = rules.map((id) => explanations.get(id)).filter(Boolean);
  if (!items.length) return null;
  const list = h("ul", { class: "why" }, items.map((e) =>
    h("li", { class: `status-${e.status}` },
      h("span", { text: t(e.text) }), " ",
      h("span", { class: "src" }, `[${ui().source} ${e.source}; ${ui().rule} ${e.rule}; ${statusText(e.status)}]`),
      e.override ? h("p", { class: "override", text: `${ui().overrideWhy} ${t(e.override)}` }) : null)));
  if (open) return list;
  return h("details", { class: "why-details" }, h("summary", { text: `${ui().why} (${items.length})` }), list);
}

function affectsLine(affects) {
  if (!affects.length) return null;
  const names = affects.map((a) => {
    const [kind, arg] = a.split(":");
    const word = ui().affect[kind] ?? kind;
    if (!arg) return word;
    const what = kind === "need" ? label("areas", arg) : index.offers[arg] ? t(index.offers[arg].label) : arg;
    return `${word}: ${what}`;
  });
  const shown = names.slice(0, 3).join("; ") + (names.length > 3 ? ` (+${names.length - 3})` : "");
  return h("span", { class: "affects", text: ` ${ui().affects} ${shown}` });
}

function chip(status) {
  return h("span", { class: `chip chip-${status}`, text: statusText(status) });
}

/** The answers as text, for the print view. */
function renderAnswers() {
  const box = $("#print-answers");
  const facts = state.source.schema.facts;
  const answered = facts.filter((f) => f.id in state.answers);
  const show = (f) => {
    const v = state.answers[f.id];
    if (f.type === "bool") return v ? ui().yes : ui().no;
    if (f.type === "enum") return valueLabel(f, v);
    if (f.type === "set") return v.length ? v.map((x) => valueLabel(f, x)).join(", ") : ui().noneOfThese;
    if (f.type === "datetime") return formatMoment(v);
    return String(v);
  };
  box.replaceChildren(
    h("h3", { text: ui().answersTitle }),
    answered.length
      ? h("dl", {}, answered.map((f) => [h("dt", { text: t(f.label) }), h("dd", { text: show(f) })]))
      : h("p", { text: ui().noAnswers }),
    h("p", { text: ui().unansweredCount(facts.length - answered.length) }));
}

// ------------------------------------------------------------------ language, print, download
function setLanguage(lang) {
  state.lang = lang;
  document.documentElement.lang = lang;
  setVictimLanguage(lang, false);
  labelVictimLanguages();
  labelAudience();
  for (const b of document.querySelectorAll("[data-lang]")) b.setAttribute("aria-pressed", String(b.dataset.lang === lang));
  for (const el of document.querySelectorAll("[data-ui]")) {
    const text = UI[lang][el.dataset.ui];
    if (typeof text === "string") el.innerHTML = text; // page texts only (constants above)
  }
  document.title = lang === "nl" ? "Wegwijs — beslisondersteuning seksueel geweld" : "Wegwijs — decision support after sexual violence";
  if (state.source) {
    renderForm();
    update();
  }
}

/** The language picker for what the victim reads: the rule set's languages, each named in
 *  itself ("العربية"). */
function labelVictimLanguages() {
  const select = $("#victim-lang");
  if (!state.source || !select) return;
  const name = (code) => {
    try {
      return new Intl.DisplayNames([code], { type: "language" }).of(code) ?? code;
    } catch {
      return code;
    }
  };
  select.replaceChildren(...state.source.manifest.languages.map((code) =>
    h("option", { value: code, ...langAttrs(code), text: name(code) })));
  select.value = state.victimLang;
}

/** Sets the victim's language; `render` redraws the form, proposal and victim view. */
function setVictimLanguage(lang, render = true) {
  state.victimLang = lang;
  const select = $("#victim-lang");
  if (select) select.value = lang;
  if (render && state.source) {
    renderForm();
    update();
  }
}

function download() {
  const text = state.engine.evaluateJson(state.answers, now()); // the canonical JSON (same bytes as the CLI)
  const stamp = JSON.parse(text).evaluated_at.replace(/[:]/g, "").replace(/Z$/, "Z");
  const url = URL.createObjectURL(new Blob([text + "\n"], { type: "application/json" }));
  const a = h("a", { href: url, download: `${ui().fileName}-${stamp}.json`, class: "hidden" });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function goTo(id) {
  const wrap = document.getElementById(`fact-${id}`);
  if (!wrap) return;
  wrap.scrollIntoView({ block: "center" });
  (wrap.querySelector("input:checked") ?? wrap.querySelector("input, select"))?.focus();
}

/** After the .wasm is in: forbid every further request (a second, stricter policy). */
function lockDown() {
  const meta = document.createElement("meta");
  meta.httpEquiv = "Content-Security-Policy";
  meta.content = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; base-uri 'none'; form-action 'none'";
  document.head.append(meta);
}

// ------------------------------------------------------------------ start
async function start() {
  for (const b of document.querySelectorAll("[data-lang]")) b.addEventListener("click", () => setLanguage(b.dataset.lang));
  state.lang = "nl"; // Dutch by default; the switch offers English
  try {
    await init();
    lockDown();
    state.engine = Engine.default();
  } catch (e) {
    lockDown();
    const box = $("#load-error");
    box.hidden = false;
    box.replaceChildren(h("p", { text: ui().loadError }),
      h("pre", { text: [e.message, e.file && `${e.file}${e.line ? `:${e.line}:${e.column}` : ""}`, e.hint].filter(Boolean).join("\n") }));
    $("#intake-form").replaceChildren();
    document.body.dataset.ready = "error";
    return;
  }
  state.source = state.engine.source();
  buildIndex(state.source);
  $("#ruleset-id").textContent = `${state.engine.name} ${state.engine.version} · ${state.engine.hash}`;

  const form = $("#intake-form");
  form.addEventListener("change", onFormEvent);
  form.addEventListener("input", (e) => { if (e.target.type === "number") onFormEvent(e); });
  form.addEventListener("click", onFormClick);
  form.addEventListener("submit", (e) => e.preventDefault());
  $("#now-input").addEventListener("change", update);
  $("#reset").addEventListener("click", () => {
    state.answers = {};
    state.invalid.clear();
    renderForm();
    update();
    $("#intake-form").querySelector("input, select")?.focus();
  });
  $("#print").addEventListener("click", () => window.print());
  // The print view shows every explanation: open all <details> while printing.
  let closed = [];
  window.addEventListener("beforeprint", () => {
    closed = [...document.querySelectorAll("details:not([open])")];
    for (const d of closed) d.open = true;
  });
  window.addEventListener("afterprint", () => { for (const d of closed) d.open = false; closed = []; });
  $("#download").addEventListener("click", download);
  setupRecord({ state, renderForm, update, now, h, $ });
  setupAudience({
    engine: () => state.engine, answers: () => state.answers, now, lang: () => state.lang,
    victimLang: () => state.victimLang, langAttrs, h, $,
  });
  $("#victim-lang").addEventListener("change", (e) => setVictimLanguage(e.target.value));
  $("#proposal").addEventListener("click", (e) => {
    const a = e.target.closest("a[data-goto]");
    if (!a) return;
    e.preventDefault();
    goTo(a.dataset.goto);
  });
  setLanguage(state.lang);
  // With "now" from the clock, deadlines and time windows move: recalculate every minute.
  setInterval(() => { if (!$("#now-input").value) update(); }, 60_000);
  document.body.dataset.ready = "1";
}

start();
