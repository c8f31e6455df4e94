// The installable app (docs/pwa.md): the service worker keeps what the app needs to start
// without a network. Registered once the page has loaded, so it never competes with the first
// screen; not in development (Vite serves no sw.js there).
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
      // No service worker (private mode, a browser policy): the app works online as before.
    });
  };
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}
