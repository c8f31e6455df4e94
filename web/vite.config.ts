/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import tailwindcss from "@tailwindcss/vite";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath, URL } from "node:url";
import type { Plugin } from "vite";

// The service worker (sw/service-worker.js, docs/pwa.md) with this build's version and the files
// it keeps for starting offline: the page, every script and style of the office app, the
// manifest and the icons. A new build has a new version, so browsers install it.
function serviceWorker(): Plugin {
  return {
    name: "planify-service-worker",
    apply: "build",
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => /\.(js|css)$/.test(f) && f !== "sw.js")
        .sort();
      const version = createHash("sha256").update(files.join("\n")).digest("hex").slice(0, 12);
      const precache = [
        "/",
        ...files.map((f) => `/${f}`),
        "/manifest.webmanifest",
        "/favicon.svg",
        "/icons/icon-192.png",
        "/icons/icon-512.png",
      ];
      const source = readFileSync(new URL("./sw/service-worker.js", import.meta.url), "utf8");
      this.emitFile({
        type: "asset",
        fileName: "sw.js",
        source: `const BUILD = ${JSON.stringify({ version, precache })};\n${source}`,
      });
    },
  };
}

// `npm run dev` proxies the API to a running `planify serve` (make run) for fast iteration.
const apiTarget = process.env.PLANIFY_DEV_API ?? "http://127.0.0.1:8080";

export default defineConfig({
  plugins: [react(), tailwindcss(), serviceWorker()],
  resolve: {
    alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  server: {
    proxy: {
      "/api": apiTarget,
      "/healthz": apiTarget,
      "/readyz": apiTarget,
    },
  },
  build: {
    target: "es2022",
    sourcemap: true,
    chunkSizeWarningLimit: 250,
    // Every browser we support preloads modules itself; the polyfill would be a chunk shared by
    // both entries, one more request on each first page.
    modulePreload: { polyfill: false },
    // The office app, and the public pages' own small bundle (booking form, client space).
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL("./index.html", import.meta.url)),
        public: fileURLToPath(new URL("./public.html", import.meta.url)),
      },
      // React, the router and TanStack Query in one chunk: every page needs them, and left to
      // itself the bundler cut them into small shared chunks whose overhead cost the first page
      // about 2 KB gzipped (docs/performance.md, "web").
      output: {
        advancedChunks: {
          groups: [
            {
              name: "framework",
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack)[\\/]/,
            },
          ],
        },
      },
    },
  },
  test: {
    environment: "jsdom",
    globals: false,
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    css: false,
  },
});
