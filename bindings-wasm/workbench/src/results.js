// The result panels: load errors (each a link to its place), scenario tests (failures with
// expected against actual), the semantic diff (each class with its witness) and `check`
// (in a worker of its own, with progress and cancel; each finding a link to its rule).
import { $, h } from "./dom.js";
import { start } from "./jobs.js";

const where = (d) => [d.file, d.line, d.column].filter((x) => x !== null && x !== undefined && x !== 0).join(":");

/** Load errors: file:line:column, the problem and its hint; a click opens the place. */
export function renderErrors(errors, goTo) {
  $("#errors-summary").textContent = errors.length ? `${errors.length} laadfout(en): de regelset laadt niet.` : "Geen laadfouten.";
  $("#error-list").replaceChildren(...errors.map((d) => h("li", { class: "error" },
    h("button", { type: "button", class: "place", onclick: () => goTo(d.file, d.line, d.column) }, where(d) || "(regelset)"),
    " ", h("span", { class: "problem", text: d.message }),
    d.hint ? h("span", { class: "hint", text: ` — ${d.hint}` }) : null)));
}

/** Scenario tests, failing ones first; each failure says what was expected and what came. */
export function renderTests(tests) {
  if (!tests) { $("#tests-summary").textContent = "Niet uitgevoerd: de regelset laadt niet."; $("#test-list").replaceChildren(); return; }
  const failed = tests.filter((t) => t.failures.length);
  $("#tests-summary").textContent = failed.length
    ? `${failed.length} van ${tests.length} scenario's mislukt.`
    : `Alle ${tests.length} scenario's geslaagd.`;
  const item = (t) => h("li", { class: t.failures.length ? "test failed" : "test passed", "data-scenario": t.id },
    h("span", { class: "verdict", text: t.failures.length ? "mislukt" : "geslaagd" }), " ",
    h("strong", { text: t.id }), " ", h("span", { class: "muted", text: t.description }),
    t.failures.length ? h("ul", { class: "failures" }, t.failures.map((f) => h("li", { text: f }))) : null);
  $("#test-list").replaceChildren(...failed.map(item),
    tests.length > failed.length
      ? h("li", {}, h("details", {}, h("summary", { text: `${tests.length - failed.length} geslaagde scenario's` }),
        h("ul", {}, tests.filter((t) => !t.failures.length).map(item))))
      : null);
}

/** The diff classes, each with its witness case and a button that opens it in the intake page. */
export function renderDiff(classes, openWitness) {
  if (!classes) { $("#diff-summary").textContent = "Geen verschil te berekenen: de regelset laadt niet."; $("#diff-list").replaceChildren(); return; }
  $("#diff-summary").textContent = classes.length
    ? `${classes.length} klasse(n) van casussen waarvan de uitkomst verandert.`
    : "Geen verschil: elke casus krijgt hetzelfde voorstel als in de regelset zoals geopend.";
  $("#diff-list").replaceChildren(...classes.map((c, i) => h("li", { class: "diff-class", "data-outcome": c.outcome },
    h("strong", { text: c.outcome }), ": ", h("span", { class: "old", text: c.old }), " → ", h("span", { class: "new", text: c.new }),
    c.incomplete ? h("span", { class: "hint", text: " (zoektocht onvolledig)" }) : null,
    c.witness
      ? [h("details", { class: "witness" }, h("summary", { text: "Getuige (voorbeeldcasus)" }),
          h("pre", { text: JSON.stringify(c.witness, null, 2) })),
        h("button", { type: "button", class: "open-witness", "data-index": i, onclick: () => openWitness(c) }, "Open in de intake")]
      : null)));
}

/** The check panel: start, cancel, progress, findings. */
export function setupCheck(wb) {
  let job = null;
  const run = $("#check-run"), cancel = $("#check-cancel"), progress = $("#check-progress"), out = $("#check-status");
  run.addEventListener("click", async () => {
    const maxCases = Number($("#check-max").value) || undefined;
    run.disabled = true;
    cancel.disabled = false;
    progress.hidden = false;
    progress.removeAttribute("value");
    out.textContent = "Controle loopt…";
    document.body.dataset.check = "running";
    $("#check-list").replaceChildren();
    job = start({ job: "check", ruleset: wb.editedRuleset(), maxCases },
      (p) => { out.textContent = `Controle loopt… ${Math.round(p.ms / 100) / 10} s, ${p.asked} tussenstanden.`; });
    try {
      const r = await job.promise;
      out.textContent = `Klaar in ${Math.round(r.ms / 100) / 10} s: ${r.findings.length} bevinding(en).`;
      renderFindings(r.findings, wb.goTo);
      document.body.dataset.check = "done";
    } catch (e) {
      out.textContent = e.cancelled ? "Controle geannuleerd." : `Controle niet mogelijk: ${e.message}`;
      document.body.dataset.check = e.cancelled ? "cancelled" : "error";
    } finally {
      job = null;
      run.disabled = false;
      cancel.disabled = true;
      progress.hidden = true;
    }
  });
  cancel.addEventListener("click", () => job?.cancel());
}

const SEVERITY = { error: "fout", warning: "waarschuwing", info: "info" };

function renderFindings(findings, goTo) {
  $("#check-list").replaceChildren(...findings.map((f) => h("li", { class: `finding ${f.severity}`, "data-code": f.code },
    h("span", { class: "severity", text: SEVERITY[f.severity] ?? f.severity }), " ",
    h("code", { text: f.code }), " ",
    f.location?.file
      ? h("button", { type: "button", class: "place", onclick: () => goTo(f.location.file, f.location.line, f.location.column) },
        where(f.location))
      : null,
    " ", h("span", { text: f.message }),
    f.witness ? h("details", {}, h("summary", { text: "Getuige" }), h("pre", { text: JSON.stringify(f.witness, null, 2) })) : null)));
}
