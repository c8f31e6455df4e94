#!/usr/bin/env node
// Web app budget: JavaScript transferred for the first page (gzip/brotli bytes on the wire,
// from Chromium's network log) and Lighthouse scores (desktop preset), against a release
// `planify serve` serving web/dist; then the same for the public booking page (its own bundle,
// budget 60 KB, Lighthouse mobile preset). Writes the "web" section of docs/performance.md.
// Usage (from the repository root, after `make build web`): node bench/web.mjs
import { spawn, execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir, cpus, totalmem } from "node:os";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const requireFromWeb = createRequire(path.join(root, "web", "package.json"));
const { chromium } = requireFromWeb("playwright-core");
const chromiumPath = process.env.PLANIFY_CHROMIUM ?? "/usr/bin/chromium";
const chromeFlags = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const BUDGET_KB = 200;
const PUBLIC_BUDGET_KB = 60;
const port = 18095;
const base = `http://127.0.0.1:${port}`;
const work = mkdtempSync(path.join(tmpdir(), "planify-web-bench-"));

async function waitReady() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("server did not become ready");
}

const server = spawn(path.join(root, "build/release/planify"), ["serve"], {
  env: {
    ...process.env,
    PLANIFY_LISTEN: `127.0.0.1:${port}`,
    PLANIFY_DATA_DIR: work,
    PLANIFY_WEB_DIR: path.join(root, "web/dist"),
    PLANIFY_LOG_LEVEL: "warn",
  },
  stdio: ["ignore", "ignore", "inherit"],
});

try {
  await waitReady();
  // The first-run set-up signs the owner in: do it through the browser's own request context
  // so the session cookie lands where the page will use it.
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromeFlags.slice(1) });
  const page = await browser.newPage();
  const setup = await page.request.post(`${base}/api/v1/setup`, {
    headers: { Origin: base },
    data: {
      organization_name: "Bench",
      owner_email: "bench@example.fr",
      owner_display_name: "Bench",
      owner_password: "bench password 123",
    },
  });
  if (setup.status() !== 201) throw new Error(`setup failed: ${setup.status()}`);

  // The scripts a page loads on a cold cache: bytes on the wire, and gzip of each file the way
  // the server's zlib default would (the budget is stated in gzip; the server may send brotli).
  async function scriptsOf(target, url, ready) {
    const cdp = await target.context().newCDPSession(target);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const requests = new Map();
    cdp.on("Network.responseReceived", (e) =>
      requests.set(e.requestId, { url: e.response.url, type: e.type, encoding: e.response.headers["content-encoding"] ?? e.response.headers["Content-Encoding"] ?? "none" }),
    );
    const sizes = new Map();
    cdp.on("Network.loadingFinished", (e) => sizes.set(e.requestId, e.encodedDataLength));
    await target.goto(url, { waitUntil: "networkidle" });
    await ready();
    await target.waitForTimeout(500);
    const found = [];
    for (const [id, info] of requests) {
      if (info.type === "Script") found.push({ ...info, bytes: sizes.get(id) ?? 0 });
    }
    for (const s of found) {
      s.gzip = gzipSync(readFileSync(path.join(root, "web/dist", new URL(s.url).pathname))).length;
    }
    return found;
  }

  // 1. Bytes on the wire for the first page (the dashboard), cold cache.
  const scripts = await scriptsOf(page, base + "/", () =>
    page.getByRole("heading", { name: "Tableau de bord", level: 1 }).waitFor(),
  );
  // Lighthouse loads the same signed-in dashboard: it gets the session cookie as a header.
  const cookies = await page.context().cookies();
  const cookieHeader = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const csrf = cookies.find((c) => c.name === "planify_csrf")?.value ?? "";
  const opened = await page.request.put(`${base}/api/v1/booking-settings`, {
    headers: { Origin: base, "X-CSRF-Token": csrf },
    data: { enabled: true, intro: "Parlez-nous de votre événement.", event_types: ["Mariage", "Anniversaire"] },
  });
  if (opened.status() !== 200) throw new Error(`booking settings failed: ${opened.status()}`);
  // The public booking page, as a stranger's phone opens it (no session).
  const stranger = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, locale: "fr-FR" });
  const publicPage = await stranger.newPage();
  const publicScripts = await scriptsOf(publicPage, base + "/reserver/bench", () =>
    publicPage.getByRole("button", { name: "Envoyer la demande" }).waitFor(),
  );
  await browser.close();
  const totalJs = scripts.reduce((sum, s) => sum + s.bytes, 0);
  const totalGzip = scripts.reduce((sum, s) => sum + s.gzip, 0);
  const publicGzip = publicScripts.reduce((sum, s) => sum + s.gzip, 0);

  // 2. Lighthouse: the dashboard with the desktop preset, the public page with the mobile one.
  const lighthouse = path.join(root, "web/node_modules/.bin/lighthouse");
  function runLighthouse(url, name, extra) {
    const out = path.join(work, `${name}.json`);
    execFileSync(
      lighthouse,
      [
        url,
        ...extra,
        "--only-categories=performance,accessibility,best-practices",
        `--chrome-path=${chromiumPath}`,
        `--chrome-flags=${chromeFlags.join(" ")}`,
        "--output=json",
        `--output-path=${out}`,
        "--quiet",
      ],
      { stdio: ["ignore", "ignore", "inherit"] },
    );
    return JSON.parse(readFileSync(out, "utf8"));
  }
  const report = runLighthouse(base + "/", "lighthouse", [
    "--preset=desktop",
    `--extra-headers=${JSON.stringify({ Cookie: cookieHeader })}`,
  ]);
  const publicReport = runLighthouse(base + "/reserver/bench", "lighthouse-public", []);
  if (process.env.PLANIFY_KEEP_LIGHTHOUSE) writeFileSync(process.env.PLANIFY_KEEP_LIGHTHOUSE, JSON.stringify(report));
  const scoresOf = (r) => {
    const score = (id) => Math.round((r.categories[id]?.score ?? 0) * 100);
    return { performance: score("performance"), accessibility: score("accessibility"), bestPractices: score("best-practices") };
  };
  const scores = scoresOf(report);
  const publicScores = scoresOf(publicReport);
  const audits = report.audits;
  const publicAudits = publicReport.audits;

  const kb = (bytes) => (bytes / 1024).toFixed(1);
  const lines = [
    "## Web app: first-page JavaScript and Lighthouse (bench/web.mjs)",
    "",
    `Command: \`node bench/web.mjs\` (part of \`make bench\`), release server serving web/dist, a fresh`,
    `SQLite database after the first-run set-up; the page measured is the dashboard (\`/\`).`,
    "",
    `**JavaScript for the first page: ${kb(totalGzip)} KB gzipped** (budget ${BUDGET_KB} KB); ${kb(totalJs)} KB actually`,
    `transferred (Chromium's network log, cache disabled; the server chose the encoding below).`,
    `${scripts.length} scripts: the entry chunk plus the dashboard route's lazy chunks.`,
    "",
    "| script | KB gzip | KB transferred | encoding |",
    "|---|---|---|---|",
    ...scripts
      .sort((a, b) => b.gzip - a.gzip)
      .map((s) => `| \`${new URL(s.url).pathname}\` | ${kb(s.gzip)} | ${kb(s.bytes)} | ${s.encoding} |`),
    "",
    `**Lighthouse ${report.lighthouseVersion}, desktop preset:** performance ${scores.performance}, accessibility ${scores.accessibility}, best practices ${scores.bestPractices}`,
    `(first contentful paint ${audits["first-contentful-paint"]?.displayValue ?? "?"}, largest contentful paint`,
    `${audits["largest-contentful-paint"]?.displayValue ?? "?"}, total blocking time ${audits["total-blocking-time"]?.displayValue ?? "?"}, CLS ${audits["cumulative-layout-shift"]?.displayValue ?? "?"}).`,
    "",
    "### The public booking page (`/reserver/<slug>`, its own bundle: public.html)",
    "",
    `**JavaScript: ${kb(publicGzip)} KB gzipped** (budget ${PUBLIC_BUDGET_KB} KB), ${publicScripts.length} script(s):`,
    ...publicScripts.map((s) => `\`${new URL(s.url).pathname}\` ${kb(s.gzip)} KB gzip (${kb(s.bytes)} KB transferred, ${s.encoding});`),
    "a stranger's phone (375 px, no session), the form of an organisation whose page is open.",
    "",
    `**Lighthouse ${publicReport.lighthouseVersion}, mobile preset** (simulated slow 4G, 4× CPU slowdown): performance ${publicScores.performance}, accessibility ${publicScores.accessibility}, best practices ${publicScores.bestPractices}`,
    `(first contentful paint ${publicAudits["first-contentful-paint"]?.displayValue ?? "?"}, largest contentful paint ${publicAudits["largest-contentful-paint"]?.displayValue ?? "?"},`,
    `total blocking time ${publicAudits["total-blocking-time"]?.displayValue ?? "?"}, CLS ${publicAudits["cumulative-layout-shift"]?.displayValue ?? "?"}).`,
    "",
    `Run on ${new Date().toISOString().slice(0, 10)}, commit ${execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root }).toString().trim()}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, ${execFileSync(chromiumPath, ["--version"], { stdio: ["ignore", "pipe", "ignore"] }).toString().trim()}.`,
  ];
  const section = path.join(work, "web-section.md");
  writeFileSync(section, lines.join("\n") + "\n");
  execFileSync("node", [path.join(root, "bench/update-doc.mjs"), "web", section], { stdio: "inherit" });
  console.log(`first-page JS ${kb(totalGzip)} KB gzip (${kb(totalJs)} KB transferred); Lighthouse perf ${scores.performance}, a11y ${scores.accessibility}, best practices ${scores.bestPractices}`);
  console.log(`public booking page JS ${kb(publicGzip)} KB gzip; Lighthouse mobile perf ${publicScores.performance}, a11y ${publicScores.accessibility}, best practices ${publicScores.bestPractices}`);
  const failed =
    totalGzip > BUDGET_KB * 1024 ||
    publicGzip > PUBLIC_BUDGET_KB * 1024 ||
    [...Object.values(scores), ...Object.values(publicScores)].some((s) => s < 90);
  if (failed) {
    console.error("web budget missed (JS > 200 KB, public page JS > 60 KB, or a Lighthouse score < 90)");
    process.exitCode = 1;
  }
} finally {
  server.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
}
