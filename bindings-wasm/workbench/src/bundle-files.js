// An opened bundle as editable files: its rule set split into the files of the rule-set
// format, in JSON (the loader reads `manifest.json`, `rules/x.json`, … as it reads TOML),
// so a bundle is edited, tested and compared like a folder. The split loads back with the
// bundle's content hash (tests/browser/workbench.test.mjs checks that).

/** `{ path: text }` of a bundle's JSON text; throws on a file that is no bundle. */
export function bundleFiles(text) {
  const bundle = JSON.parse(text);
  const rs = bundle?.ruleset;
  if (!rs || typeof rs !== "object" || !rs.manifest) throw new Error("this file is not a Wegwijs bundle (no ruleset.manifest)");
  const out = (value) => JSON.stringify(value, null, 2) + "\n";
  const files = { "manifest.json": out(rs.manifest), "schema.json": out(rs.schema) };
  for (const key of ["derived", "offers", "regions", "properties"]) {
    if (rs[key] !== undefined) files[`${key}.json`] = out({ [key]: rs[key] });
  }
  files["rules/rules.json"] = out({ rules: rs.rules ?? [] });
  if (rs.scenarios?.length) files["scenarios/scenarios.json"] = out({ scenarios: rs.scenarios });
  return files;
}
