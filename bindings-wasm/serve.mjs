// A small static file server for the page (bindings-wasm/www), on 127.0.0.1 only.
// Used by scripts/serve-page.sh and by the browser tests (tests/browser/), which start and
// stop it themselves on an ephemeral port.
//
//   node bindings-wasm/serve.mjs [--port 8080] [--root bindings-wasm/www]
import { createServer } from "node:http";
import { createReadStream, statSync } from "node:fs";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

export const defaultRoot = resolve(dirname(fileURLToPath(import.meta.url)), "www");

/** Starts the server; resolves to { server, port, url, hits, close() }. Port 0 = any free
 *  port. `hits` lists every request received ({ method, path }), for tests. */
export function startServer({ root = defaultRoot, port = 0, host = "127.0.0.1", log = false } = {}) {
  const base = resolve(root);
  const hits = [];
  const server = createServer((req, res) => {
    hits.push({ method: req.method, path: req.url });
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      const size = statSync(file).size;
      res.writeHead(200, {
        "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
        "Content-Length": size,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
      });
      if (req.method === "HEAD") res.end();
      else createReadStream(file).pipe(res);
      if (log) console.log(`${req.method} ${path} 200`);
    } catch {
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("not found\n");
      if (log) console.log(`${req.method} ${path} 404`);
    }
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => {
      const actual = server.address().port;
      ok({
        server,
        port: actual,
        url: `http://${host}:${actual}/`,
        hits,
        close: () => new Promise((done) => { server.closeAllConnections?.(); server.close(() => done()); }),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const { url } = await startServer({ root: arg("--root", defaultRoot), port: Number(arg("--port", 8080)), log: true });
  console.log(`Wegwijs page: ${url}  (Ctrl-C to stop)`);
}
