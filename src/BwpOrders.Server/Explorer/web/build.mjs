// Bundles the explorer into dist/: explorer-HASH.js, explorer-HASH.css (names carry their content's hash, so the
// server may let browsers keep them), each also gzipped (NAME.gz, for browsers that accept it), and index.html naming
// them. Nothing in dist/ loads anything from elsewhere.
import * as esbuild from "esbuild";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";

const here = path.dirname(new URL(import.meta.url).pathname);
const dist = path.join(here, "dist");
await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });

const result = await esbuild.build({
  entryPoints: { explorer: path.join(here, "src", "main.jsx") },
  bundle: true,
  minify: true,
  format: "iife",
  target: ["chrome110", "firefox110", "safari16"],
  outdir: dist,
  entryNames: "[name]-[hash]",
  jsx: "automatic",
  loader: { ".woff2": "dataurl", ".png": "dataurl", ".svg": "dataurl" },
  define: { "process.env.NODE_ENV": '"production"' },
  legalComments: "linked",
  metafile: true,
  logLevel: "warning",
});

const outputs = Object.keys(result.metafile.outputs).map((file) => path.basename(file));
const named = (ext) => outputs.find((file) => file.startsWith("explorer-") && file.endsWith(ext));
let html = await readFile(path.join(here, "index.html"), "utf8");
html = html.replace("{{explorer.js}}", named(".js")).replace("{{explorer.css}}", named(".css"));
await writeFile(path.join(dist, "index.html"), html);
for (const file of [named(".js"), named(".css")]) {
  const content = await readFile(path.join(dist, file));
  await writeFile(path.join(dist, `${file}.gz`), gzipSync(content, { level: 9 }));
}
console.log(`explorer: ${outputs.join(", ")}, index.html`);
