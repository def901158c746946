// The rule workbench (www/workbench.html): edit a rule set's files and see, on every edit,
// its load errors, scenario tests and the semantic diff against the rule set as opened;
// run `check` and the impact on a case file in Web Workers with progress and cancel; save
// the changed files as a zip or a (signed) bundle. Everything runs on this device: once
// started, the page forbids itself every request (a second Content-Security-Policy).
import NATIONAL, { changelog as NATIONAL_CHANGELOG } from "national-files";
import { bundleFiles } from "./bundle-files.js";
import { createEditor } from "./editor.js";
import { $, h } from "./dom.js";
import { liveWorker } from "./jobs.js";
import { renderDiff, renderErrors, renderTests, setupCheck } from "./results.js";
import { setupImpact } from "./impact-view.js";
import { setupSave } from "./save.js";
import { setupWitness } from "./witness.js";

const state = {
  base: null, // { label, files, changelog }: the rule set as opened
  files: {}, // path -> text, as edited
  errors: [], // diagnostics of the last load
  result: null, // the last analysis
};
const live = liveWorker();
let editor;

/** The rule set as the worker wants it. */
export const editedRuleset = () => ({ files: { ...state.files } });
export const baseRuleset = () => ({ files: { ...state.base.files } });
export const changedPaths = () => Object.keys(state.files).filter((p) => state.files[p] !== state.base.files[p]);
export const workbench = { state, editedRuleset, baseRuleset, changedPaths, goTo: (file, line, column) => goTo(file, line, column) };

// ------------------------------------------------------------------ files
function open(label, files, changelog = "") {
  state.base = { label, files: { ...files }, changelog };
  state.files = { ...files };
  editor.reset(files);
  $("#ruleset-label").textContent = label;
  renderFileList();
  showFile(Object.keys(files).find((p) => p.startsWith("rules/")) ?? Object.keys(files)[0]);
  analyse();
}

function renderFileList() {
  const changed = new Set(changedPaths());
  const errorFiles = new Set(state.errors.map((d) => d.file));
  $("#file-list").replaceChildren(...Object.keys(state.files).map((path) =>
    h("li", {}, h("button", {
      type: "button", class: "file", "data-path": path, "aria-current": path === editor.path ? "true" : null,
      onclick: () => showFile(path),
    }, path, changed.has(path) ? h("span", { class: "mark changed", text: " gewijzigd" }) : null,
    errorFiles.has(path) ? h("span", { class: "mark error", text: " fout" }) : null))));
}

function showFile(path) {
  editor.open(path);
  $("#editor-title").textContent = `Bestand: ${path}`;
  renderFileList();
  editor.diagnose(state.errors.filter((d) => d.file === path));
}

/** Opens a file at a place (from a load error or a finding) and puts the focus there. */
function goTo(file, line, column) {
  const path = file && Object.keys(state.files).find((p) => p === file || file.endsWith(`/${p}`));
  if (!path) return;
  showFile(path);
  if (line) editor.goTo(line, column ?? 1);
}

async function openFolder(fileList) {
  const files = {};
  let changelog = "";
  for (const f of fileList) {
    const rel = (f.webkitRelativePath || f.name).split("/").slice(1).join("/") || f.name;
    const inFormat = /^(?:[^/]+|rules\/[^/]+|scenarios\/[^/]+)\.(?:toml|json)$/.test(rel);
    if (inFormat) files[rel] = await f.text();
    else if (rel === "CHANGELOG.md") changelog = await f.text();
  }
  if (!Object.keys(files).length) { status("In deze map staan geen bestanden van een regelset (manifest.toml, rules/…)."); return; }
  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
  open(`Map ${fileList[0].webkitRelativePath.split("/")[0] || ""}`, sorted, changelog);
}

async function openBundle(file) {
  try {
    open(`Bundel ${file.name}`, bundleFiles(await file.text()));
  } catch (e) {
    status(`Dit bestand is geen Wegwijs-bundel: ${e.message}`);
  }
}

const status = (text) => { $("#live-status").textContent = text; };

// ------------------------------------------------------------------ live analysis
let timer = 0;
function onEdit(path, text) {
  state.files[path] = text;
  clearTimeout(timer);
  document.body.dataset.analysed = "pending";
  status("Wijziging… de resultaten volgen.");
  timer = setTimeout(analyse, 350);
}

async function analyse() {
  document.body.dataset.analysed = "pending";
  const data = await live.latest({ job: "analyse", base: baseRuleset(), edited: editedRuleset() });
  if (!data) return; // a newer edit is on its way
  const r = data.result ?? {};
  state.errors = r.loadError?.diagnostics ?? [];
  state.result = r;
  if (data.error || r.baseError) {
    status(`De regelset zoals geopend laadt niet: ${(data.error ?? r.baseError).message}`);
    state.errors = (data.error ?? r.baseError).diagnostics ?? [];
  } else if (r.loadError) {
    status(`De regelset laadt niet: ${state.errors.length} fout(en).`);
  } else {
    const failed = r.tests.filter((t) => t.failures.length).length;
    status(`Geladen (${r.hash.slice(0, 19)}…): ${r.tests.length - failed} van ${r.tests.length} scenario's geslaagd, ${r.diff.length} verschilklassen.`);
  }
  renderErrors(state.errors, goTo);
  renderTests(r.tests ?? null);
  renderDiff(r.loadError ? null : r.diff ?? null, (c) => witness.show(c));
  renderFileList();
  editor.diagnose(state.errors.filter((d) => d.file === editor.path));
  document.body.dataset.analysed = r.loadError ? "error" : "ok";
}

// ------------------------------------------------------------------ start
let witness;
function lockDown() {
  const meta = document.createElement("meta");
  meta.httpEquiv = "Content-Security-Policy";
  meta.content = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self'; frame-src 'self'; img-src data:; base-uri 'none'; form-action 'none'";
  document.head.append(meta);
}

function start() {
  editor = createEditor($("#editor"), onEdit);
  $("#open-national").addEventListener("click", () => open("Landelijke regels (ingebouwd)", NATIONAL, NATIONAL_CHANGELOG));
  $("#open-folder").addEventListener("change", (e) => { if (e.target.files.length) openFolder([...e.target.files]); e.target.value = ""; });
  $("#open-bundle").addEventListener("change", (e) => { if (e.target.files[0]) openBundle(e.target.files[0]); e.target.value = ""; });
  witness = setupWitness(workbench);
  setupCheck(workbench);
  setupImpact(workbench);
  setupSave(workbench);
  open("Landelijke regels (ingebouwd)", NATIONAL, NATIONAL_CHANGELOG);
  lockDown();
  document.body.dataset.ready = "1";
}

start();
