// Planify's service worker (docs/pwa.md), built by vite.config.ts: the build prepends
// `const BUILD = {version, precache}` — this version's name and the files the app needs to start
// without a network (the page, its scripts and styles, the manifest and icons).
/* global BUILD */

const SHELL = `planify-shell-${BUILD.version}`;
const SHELL_PREFIX = "planify-shell-";
// What the previous versions kept: a page still open on the old version may load one of its
// chunks after the update; the one version before this one stays until the next update.
const KEEP_VERSIONS = 2;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(BUILD.precache))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      // Caches are listed oldest first: keep this version and the one before it.
      const shells = (await caches.keys()).filter((k) => k.startsWith(SHELL_PREFIX));
      const keep = new Set([
        SHELL,
        ...shells.filter((k) => k !== SHELL).slice(-(KEEP_VERSIONS - 1)),
      ]);
      await Promise.all(shells.filter((k) => !keep.has(k)).map((k) => caches.delete(k)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // The API always asks the server (data never comes from this cache).
  if (url.pathname.startsWith("/api/") || url.pathname.startsWith("/p/")) return;
  if (request.mode === "navigate") {
    // Pages: the server's answer when there is a network, else the app's page from the cache
    // (the router then shows the page the address names).
    event.respondWith(
      fetch(request).catch(
        async () => (await caches.match("/", { ignoreSearch: true })) ?? Response.error(),
      ),
    );
    return;
  }
  if (url.pathname.startsWith("/assets/") || url.pathname.startsWith("/icons/")) {
    // Named by their content: whichever version holds one has the right bytes.
    event.respondWith(
      caches.match(request).then(
        (hit) =>
          hit ??
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              void caches.open(SHELL).then((cache) => cache.put(request, copy));
            }
            return response;
          }),
      ),
    );
  }
});

self.addEventListener("push", (event) => {
  let message = { title: "Planify", body: "", url: "/notifications", tag: undefined };
  try {
    if (event.data) message = { ...message, ...event.data.json() };
  } catch {
    // A message that is not JSON still shows, as plain text.
    message.body = event.data ? event.data.text() : "";
  }
  event.waitUntil(
    self.registration.showNotification(message.title, {
      body: message.body,
      tag: message.tag,
      data: { url: message.url },
      icon: "/icons/icon-192.png",
      badge: "/icons/icon-192.png",
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL(event.notification.data?.url ?? "/", self.location.origin);
  // Only the app's own pages open from a notification.
  const url = target.origin === self.location.origin ? target.href : self.location.origin;
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      for (const client of windows) {
        if ("focus" in client && client.url.startsWith(self.location.origin)) {
          return client.navigate(url).then((c) => (c ?? client).focus());
        }
      }
      return self.clients.openWindow(url);
    }),
  );
});
