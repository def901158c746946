// Builds the rule workbench (bindings-wasm/www/workbench.html) from bindings-wasm/workbench/src:
// esbuild bundles the page script and its Web Worker, with CodeMirror 6 and fflate from
// node_modules (package.json), into bindings-wasm/www/workbench/ (git-ignored). The WASM
// package (www/pkg-authoring/, the authoring build) stays a separate file the worker imports; the national rules' files
// (rules/) are embedded as a module, so the page needs nothing from elsewhere.
//
//   node bindings-wasm/workbench/build.mjs          (scripts/build-wasm.sh runs it)
import { build } from "esbuild";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const out = join(repo, "bindings-wasm/www/workbench");

/** The national rule set's files as the folder loader reads them (top level, rules/, scenarios/). */
function nationalFiles() {
  const files = {};
  for (const sub of ["", "rules", "scenarios"]) {
    const dir = join(repo, "rules", sub);
    for (const name of readdirSync(dir).sort()) {
      if ((name.endsWith(".toml") || name.endsWith(".json")) && statSync(join(dir, name)).isFile()) {
        files[sub ? `${sub}/${name}` : name] = readFileSync(join(dir, name), "utf8");
      }
    }
  }
  return files;
}

/** `import NATIONAL, { changelog } from "national-files"`: the files above and rules/CHANGELOG.md, as data. */
const nationalPlugin = {
  name: "national-files",
  setup(b) {
    b.onResolve({ filter: /^national-files$/ }, () => ({ path: "national-files", namespace: "national" }));
    b.onLoad({ filter: /.*/, namespace: "national" }, () => ({
      contents: `export default ${JSON.stringify(nationalFiles())};\nexport const changelog = ${JSON.stringify(readFileSync(join(repo, "rules/CHANGELOG.md"), "utf8"))};`,
      loader: "js",
    }));
  },
};

mkdirSync(out, { recursive: true });
await build({
  entryPoints: { workbench: join(here, "src/main.js"), worker: join(here, "src/worker.js") },
  outdir: out,
  bundle: true,
  format: "esm",
  minify: true,
  sourcemap: false,
  target: ["es2022"],
  legalComments: "eof",
  external: ["../pkg/*", "../pkg-authoring/*"],
  plugins: [nationalPlugin],
  logLevel: "warning",
});

// The size the page costs over the wire (scripts and styles; the .wasm is the intake page's).
const www = join(repo, "bindings-wasm/www");
const parts = [join(out, "workbench.js"), join(out, "worker.js"), join(www, "workbench.css"), join(www, "style.css")];
let raw = 0, gz = 0;
for (const p of parts) {
  const bytes = readFileSync(p);
  raw += bytes.length;
  gz += gzipSync(bytes, { level: 9 }).length;
}
const summary = `workbench scripts and styles: ${raw} bytes raw, ${gz} bytes gzipped (${parts.map((p) => p.slice(www.length + 1)).join(", ")})`;
writeFileSync(join(out, "SIZE.txt"), summary + "\n");
console.log(`    ${summary}`);
