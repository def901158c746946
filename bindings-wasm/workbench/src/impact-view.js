// The impact panel: drop (or choose) a CSV of historical cases; a worker of its own evaluates
// every case under both rule sets (impact.js) with progress and cancel; the result is shown
// as SVG charts (chart.js), as a table, and offered as a CSV download.
// Parquet is not read (yet): export it to CSV first.
import { $, download, h, nl } from "./dom.js";
import { start } from "./jobs.js";
import { offerBars, regieMatrix } from "./chart.js";
import { impactCsv } from "./impact.js";

export function setupImpact(wb) {
  let job = null;
  let result = null;
  const zone = $("#impact-zone"), input = $("#impact-file"), out = $("#impact-status"), progress = $("#impact-progress");

  async function run(file) {
    if (!/\.csv$/i.test(file.name) && file.type !== "text/csv") {
      out.textContent = "Alleen CSV-bestanden (één casus per regel, een kolom per feit). Parquet wordt niet gelezen: zet het eerst om naar CSV.";
      return;
    }
    job?.cancel();
    const csv = await file.text();
    const nowValue = $("#impact-now").value;
    const now = nowValue ? new Date(nowValue).toISOString() : new Date().toISOString();
    out.textContent = `Bezig met ${file.name}…`;
    progress.hidden = false;
    progress.value = 0;
    $("#impact-cancel").disabled = false;
    $("#impact-download").disabled = true;
    document.body.dataset.impact = "running";
    job = start({ job: "impact", base: wb.baseRuleset(), edited: wb.editedRuleset(), csv, now }, (p) => {
      progress.max = p.total;
      progress.value = p.done;
      out.textContent = `Bezig: ${p.done} van ${p.total} casussen.`;
    });
    try {
      result = await job.promise;
      render(result, file.name);
      $("#impact-download").disabled = false;
      document.body.dataset.impact = "done";
    } catch (e) {
      out.textContent = e.cancelled ? "Geannuleerd." : `Het bestand kon niet worden verwerkt: ${e.message}`;
      document.body.dataset.impact = e.cancelled ? "cancelled" : "error";
    } finally {
      job = null;
      progress.hidden = true;
      $("#impact-cancel").disabled = true;
    }
  }

  function render(r, name) {
    const refused = r.refused.count ? ` ${r.refused.count} casus(sen) geweigerd, bijvoorbeeld ${r.refused.first.slice(0, 3).map((x) => `regel ${x.row} (${x.problem})`).join("; ")}.` : "";
    const ignored = r.ignored.length ? ` Kolommen die geen feit zijn, genegeerd: ${r.ignored.join(", ")}.` : "";
    out.textContent = `${name}: ${r.changed} van ${r.cases} casussen krijgen een ander voorstel.${refused}${ignored}`;
    const label = (o) => (nl(o.label) || o.offer).slice(0, 34);
    $("#impact-charts").replaceChildren(
      h("figure", {}, offerBars(r.offers, { title: "Verwijzingen per aanbod: erbij en eraf",
        desc: r.offers.map((o) => `${o.offer}: ${o.added} erbij, ${o.removed} eraf`).join("; ") || "geen verschil", label }),
      h("figcaption", { text: "Casussen per aanbod waarin de verwijzing erbij komt (rechts) of vervalt (links)." })),
      h("figure", {}, regieMatrix(r.regie, { title: "Regieniveau voor en na",
        desc: Object.entries(r.regie.counts).map(([k, n]) => `${k.replace(">", " naar ")}: ${n}`).join("; ") }),
      h("figcaption", { text: "Aantal casussen per regieniveau voor (rijen) en na (kolommen) de wijziging." })));
    $("#impact-table").replaceChildren(
      h("caption", { text: "Per aanbod" }),
      h("thead", {}, h("tr", {}, ["Aanbod", "Erbij", "Eraf", "Anders (urgentie/termijn)"].map((t) => h("th", { scope: "col", text: t })))),
      h("tbody", {}, r.offers.map((o) => h("tr", {}, h("th", { scope: "row", text: nl(o.label) || o.offer }),
        h("td", { text: String(o.added) }), h("td", { text: String(o.removed) }), h("td", { text: String(o.changed) })))));
  }

  input.addEventListener("change", () => { if (input.files[0]) run(input.files[0]); input.value = ""; });
  zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("over");
    if (e.dataTransfer.files[0]) run(e.dataTransfer.files[0]);
  });
  $("#impact-cancel").addEventListener("click", () => job?.cancel());
  $("#impact-download").addEventListener("click", () => { if (result) download(impactCsv(result), "wegwijs-impact.csv", "text/csv"); });
}
