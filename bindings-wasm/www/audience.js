// "Voor wie" (issue 11): the proposal as the victim, the caller or a partner reads it —
// the victim's summary (screen and print) and a handover per partner organisation, made
// by the engine's forAudience (the same JSON as the CLI's `eval --for` and Python).

const WORDS = {
  nl: {
    title: "Voor wie", choose: "Toon het voorstel voor", mdt: "het MDT (hierboven)", victim: "het slachtoffer",
    caller: "de melder (ouder, naaste)", handover: (org) => `overdracht aan ${org}`, print: "Afdrukken",
    consent: "Met toestemming.", none: "Geen toestemming: er wordt niets gedeeld.",
    ground: "Zonder toestemming, op grond van:", facts: "Gegevens", referrals: "Voorstel voor deze partner",
    leftOut: (f) => `Niet gedeeld: ${f} gegevens (alleen geteld, niet getoond).`,
  },
  en: {
    title: "For whom", choose: "Show the proposal for", mdt: "the MDT (above)", victim: "the victim",
    caller: "the caller (parent, relative)", handover: (org) => `handover to ${org}`, print: "Print",
    consent: "With consent.", none: "No consent: nothing is shared.",
    ground: "Without consent, on the ground of:", facts: "Facts", referrals: "Proposed for this partner",
    leftOut: (f) => `Not shared: ${f} facts (only counted, never shown).`,
  },
};

let ctx = null;

/** `context`: { engine, answers(), now(), lang(), victimLang(), langAttrs, h, $ } from app.js. */
export function setupAudience(context) {
  ctx = context;
  ctx.$("#audience-select").addEventListener("change", renderAudience);
  ctx.$("#audience-print").addEventListener("click", () => {
    document.body.classList.add("print-audience");
    window.print();
    document.body.classList.remove("print-audience");
  });
  labelAudience();
}

/** The labels and the list of audiences, in the page's language. */
export function labelAudience() {
  if (!ctx) return;
  const { h, $ } = ctx;
  const w = WORDS[ctx.lang()] ?? WORDS.nl;
  const select = $("#audience-select");
  const chosen = select.value || "professional";
  const t = (text) => text?.[ctx.lang()] ?? text?.nl ?? "";
  const orgs = ctx.engine().source().manifest.organisations;
  select.replaceChildren(
    h("option", { value: "professional", text: w.mdt }),
    h("option", { value: "slachtoffer", text: w.victim }),
    h("option", { value: "melder", text: w.caller }),
    ...orgs.map((o) => h("option", { value: o.id, text: w.handover(t(o.label)) })),
  );
  select.value = chosen;
  $("#audience-title").textContent = w.title;
  $("#audience-label").textContent = w.choose;
  $("#audience-print").textContent = w.print;
  renderAudience();
}

/** Renders the chosen audience's view (nothing for the MDT: the proposal is above). */
export function renderAudience() {
  if (!ctx) return;
  const { h, $ } = ctx;
  const body = $("#audience-body");
  const who = $("#audience-select").value || "professional";
  $("#audience-print").hidden = who === "professional";
  if (who === "professional") {
    body.replaceChildren();
    return;
  }
  // The victim's and caller's summary in the victim's language; a handover is read by
  // professionals, in the page's language.
  const forVictim = who === "slachtoffer" || who === "melder";
  let view;
  try {
    view = ctx.engine().forAudience(ctx.answers(), ctx.now(), who, forVictim ? ctx.victimLang() : undefined);
  } catch {
    body.replaceChildren(); // the case error is shown with the proposal
    return;
  }
  const lang = ctx.lang();
  const w = WORDS[lang] ?? WORDS.nl;
  const t = (text) => text?.[lang] ?? text?.nl ?? "";
  body.dataset.audience = who;
  if (view.steps) {
    // The summary: its own text, as the victim or caller reads it (narrowed to one language).
    const [shown] = Object.keys(view.text);
    body.replaceChildren(h("div", { class: "victim-text", ...ctx.langAttrs(shown), text: view.text[shown] }));
    return;
  }
  const grounds = view.consent ? h("p", { text: w.consent })
    : view.legal_grounds.length === 0 ? h("p", { text: w.none })
    : h("div", {}, h("p", { text: w.ground }), h("ul", {}, ...view.legal_grounds.map((g) => h("li", { text: t(g) }))));
  body.replaceChildren(
    h("h3", { class: "handover-title", text: w.handover(t(view.label)) }),
    grounds,
    view.facts.length ? h("h4", { text: w.facts }) : null,
    view.facts.length ? h("dl", { class: "handover-facts" },
      ...view.facts.flatMap((f) => [h("dt", { text: t(f.label) }), h("dd", { text: JSON.stringify(f.value) })])) : null,
    view.referrals.length ? h("h4", { text: w.referrals }) : null,
    view.referrals.length ? h("ul", {}, ...view.referrals.map((r) => h("li", { text: t(r.label) }))) : null,
    h("p", { class: "left-out", text: w.leftOut(view.left_out_facts) }),
  );
}
