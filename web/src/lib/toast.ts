// Toasts without sonner on the first page: `toast.success(…)` here loads sonner on the first
// call (a few milliseconds on a warm server) and forwards every call in order; the providers
// mount sonner's <Toaster> once it has arrived, and sonner shows the toasts created before it
// subscribed. Same calls as sonner's `toast` for what the app uses.
import { useSyncExternalStore } from "react";

type Sonner = typeof import("sonner");
type Message = Parameters<Sonner["toast"]>[0];
type Options = Parameters<Sonner["toast"]>[1];

let sonner: Sonner | null = null;
let loading: Promise<Sonner> | null = null;
const listeners = new Set<() => void>();

/** Loads sonner (once); the toaster mounts when it has arrived. */
export function loadToasts(): Promise<Sonner> {
  loading ??= import("sonner").then((module) => {
    sonner = module;
    for (const listener of listeners) listener();
    return module;
  });
  return loading;
}

/** Whether sonner has arrived (the providers mount the toaster then). */
export function useToastsLoaded(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => sonner !== null,
  );
}

function call(show: (module: Sonner) => void) {
  if (sonner) show(sonner);
  else void loadToasts().then(show);
}

type Show = (message: Message, options?: Options) => void;
const kind =
  (pick: (module: Sonner) => (message: Message, options?: Options) => unknown): Show =>
  (message, options) =>
    call((module) => void pick(module)(message, options));

/** sonner's toast, loaded on first use. */
export const toast = Object.assign(
  kind((module) => module.toast),
  {
    success: kind((module) => module.toast.success),
    error: kind((module) => module.toast.error),
    info: kind((module) => module.toast.info),
    warning: kind((module) => module.toast.warning),
  },
);
