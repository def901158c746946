// Saving: the changed files as a zip (fflate), or the edited rule set as a bundle (signed
// when a secret key file is given; the key is read into memory for this one call and never
// kept), each with the CHANGELOG lines the user wrote on top of the rule set's CHANGELOG.md.
import { strToU8, zipSync } from "fflate";
import { $, download } from "./dom.js";
import { start } from "./jobs.js";

/** The CHANGELOG with the user's lines as a new section above the first release. */
export function withChangelog(changelog, lines) {
  const entry = `## Ongepubliceerd — werkbank\n\n${lines.trim()}\n\n`;
  const at = changelog.search(/^## /m);
  if (!changelog) return `# Changelog\n\n${entry}`;
  return at < 0 ? `${changelog.trimEnd()}\n\n${entry}` : changelog.slice(0, at) + entry + changelog.slice(at);
}

export function setupSave(wb) {
  const out = $("#save-status");
  const lines = () => $("#changelog").value.trim();
  function ready() {
    if (!wb.changedPaths().length) { out.textContent = "Er is niets gewijzigd."; return false; }
    if (!lines()) { out.textContent = "Schrijf eerst de CHANGELOG-regels: wat er verandert, en de bron (R-nummer) of ‘voorstel’."; $("#changelog").focus(); return false; }
    return true;
  }
  const changelogFile = () => withChangelog(wb.state.base.changelog, lines());

  $("#save-zip").addEventListener("click", () => {
    if (!ready()) return;
    const entries = { "CHANGELOG.md": strToU8(changelogFile()) };
    for (const p of wb.changedPaths()) entries[p] = strToU8(wb.state.files[p]);
    download(zipSync(entries, { level: 6 }), "wegwijs-wijzigingen.zip", "application/zip");
    out.textContent = `Zip met ${wb.changedPaths().length} gewijzigd(e) bestand(en) en CHANGELOG.md gedownload.`;
  });

  $("#save-bundle").addEventListener("click", async () => {
    if (!ready()) return;
    const keyFile = $("#key-file").files[0];
    const key = keyFile ? await keyFile.text() : null;
    try {
      const { bundle } = await start({ job: "bundle", ruleset: wb.editedRuleset(), key }).promise;
      const entries = { "CHANGELOG.md": strToU8(changelogFile()), [key ? "wegwijs-bundle.signed.json" : "wegwijs-bundle.json"]: strToU8(bundle) };
      download(zipSync(entries, { level: 6 }), "wegwijs-bundel.zip", "application/zip");
      out.textContent = key ? "Ondertekende bundel met CHANGELOG.md gedownload (zip)." : "Bundel (niet ondertekend) met CHANGELOG.md gedownload (zip).";
    } catch (e) {
      out.textContent = `Geen bundel: ${e.message}`;
    }
  });
}
