// A diff class's witness in the intake page: the page (index.html, unchanged) is shown in a
// frame and the witness is opened there as a case file through its own "Dossier openen"
// control, with the evaluation time set; next to it both proposals side by side, under the
// rule set as opened and as edited, with what differs marked.
import { $, h, nl } from "./dom.js";
import { start } from "./jobs.js";

const pad = (n) => String(n).padStart(2, "0");
/** RFC 3339 -> a datetime-local value in this device's time zone (as the intake page reads it). */
function toLocal(text) {
  const d = new Date(text);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Waits until the frame's intake page has started (body[data-ready]). */
function intakeReady(frame) {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const poll = () => {
      const ready = frame.contentDocument?.body?.dataset.ready;
      if (ready === "1") resolve(frame.contentDocument);
      else if (ready === "error" || Date.now() - t0 > 30_000) reject(new Error("the intake page did not start"));
      else setTimeout(poll, 50);
    };
    poll();
  });
}

/** Puts the witness into the intake page's form: its time, then the case as a case file. */
async function fillIntake(frame, witness) {
  const doc = await intakeReady(frame);
  const nowInput = doc.getElementById("now-input");
  nowInput.value = toLocal(witness.now);
  nowInput.dispatchEvent(new Event("change", { bubbles: true }));
  const fileInput = doc.getElementById("record-file");
  const transfer = new DataTransfer();
  transfer.items.add(new File([JSON.stringify(witness.case)], "getuige.json", { type: "application/json" }));
  fileInput.files = transfer.files;
  fileInput.dispatchEvent(new Event("change", { bubbles: true }));
}

const referralKey = (r) => `${r.status} · ${r.urgency}${r.deadline ? ` · uiterlijk ${r.deadline}` : ""}`;

/** One proposal, compact: regie, regiehouder, referrals; `other` marks what differs. */
function proposalColumn(title, p, other) {
  const theirs = new Map(other.referrals.map((r) => [r.offer, referralKey(r)]));
  return h("div", { class: "proposal-col" }, h("h3", { text: title }),
    h("p", { class: p.regie.level !== other.regie.level ? "differs" : "" }, h("strong", { text: "Regie: " }), `${p.regie.level} ${nl(p.regie.label)}`),
    h("p", { class: (p.regiehouder?.id ?? "") !== (other.regiehouder?.id ?? "") ? "differs" : "" }, h("strong", { text: "Regiehouder: " }),
      p.regiehouder ? nl(p.regiehouder.label) : "geen"),
    h("ul", { class: "referral-list" }, p.referrals.map((r) => h("li", {
      class: theirs.get(r.offer) === referralKey(r) ? "" : "differs", "data-offer": r.offer,
    }, h("strong", { text: nl(r.label) || r.offer }), ` (${referralKey(r)})`,
      theirs.has(r.offer) ? (theirs.get(r.offer) === referralKey(r) ? null : h("span", { class: "tag", text: " anders" })) : h("span", { class: "tag", text: " alleen hier" })))));
}

export function setupWitness(wb) {
  const view = $("#witness-view");
  const frame = $("#intake-frame");
  $("#witness-close").addEventListener("click", () => { view.hidden = true; last?.focus(); });
  let last = null;
  return {
    async show(c) {
      last = document.activeElement;
      view.hidden = false;
      $("#witness-title").textContent = `Getuige voor ${c.outcome}: ${c.old} → ${c.new}`;
      $("#witness-title").focus();
      $("#witness-status").textContent = "De getuige wordt geopend…";
      document.body.dataset.witness = "loading";
      if (!frame.getAttribute("src")) frame.setAttribute("src", "index.html");
      else frame.contentWindow.location.reload();
      await new Promise((r) => (frame.onload = r));
      try {
        const [before, after] = await Promise.all([
          start({ job: "evaluate", ruleset: wb.baseRuleset(), witness: c.witness }).promise,
          start({ job: "evaluate", ruleset: wb.editedRuleset(), witness: c.witness }).promise,
          fillIntake(frame, c.witness),
        ]);
        $("#witness-proposals").replaceChildren(
          proposalColumn("Voorstel: regelset zoals geopend", before.proposal, after.proposal),
          proposalColumn("Voorstel: bewerkte regelset", after.proposal, before.proposal));
        $("#witness-status").textContent = "De intake links toont de getuige met de ingebouwde landelijke regels; rechts beide voorstellen naast elkaar.";
        document.body.dataset.witness = "shown";
      } catch (e) {
        $("#witness-status").textContent = `De getuige kon niet worden geopend: ${e.message}`;
        document.body.dataset.witness = "error";
      }
    },
  };
}
