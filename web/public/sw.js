// Planify's service worker: shows what the server pushes (docs/notifications.md) and opens
// the notification's page when tapped.
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
      icon: "/favicon.svg",
      badge: "/favicon.svg",
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
