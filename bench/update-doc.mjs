#!/usr/bin/env node
// Replaces one generated section of docs/performance.md, keeping the others.
// Usage: node bench/update-doc.mjs <section> <file-with-new-content>
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const [section, contentFile] = process.argv.slice(2);
if (!section || !contentFile) {
  console.error("usage: update-doc.mjs <section> <content-file>");
  process.exit(2);
}
const doc = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "docs", "performance.md");
const header = `# Performance

Measured by \`make bench\` (bench/run for the server, bench/web.mjs for the web app). Figures
come from one run on the machine named in each section; compare runs on the same machine only.
Tests never assert timings.
`;
let text = existsSync(doc) ? readFileSync(doc, "utf8") : header;
const start = `<!-- ${section}:start -->`;
const end = `<!-- ${section}:end -->`;
const block = `${start}\n${readFileSync(contentFile, "utf8").trim()}\n${end}`;
const i = text.indexOf(start);
const j = text.indexOf(end);
text = i >= 0 && j > i ? text.slice(0, i) + block + text.slice(j + end.length) : `${text.trimEnd()}\n\n${block}\n`;
writeFileSync(doc, text);
console.log(`docs/performance.md: section "${section}" updated`);
