import * as z from "zod/mini";
import { ApiError, apiRequest, NETWORK_ERROR } from "@/lib/api-client";

// The offline scan queue (docs/pwa.md): a scan made without network is kept on the device with
// its own Idempotency-Key, shown « en attente », and sent when the network returns. The server
// is the judge: each is applied once (a resend after a lost answer is recognised by its key) or
// refused with its reason, which stays on screen until the user dismisses it.

const STORAGE_KEY = "planify.scanQueue";

export interface QueuedMove {
  key: string;
  mission: number;
  direction: "check-out" | "return";
  item_id: number;
  name: string;
  scanned_at: string;
  state: "pending" | "refused";
  reason?: string;
}

let memory: QueuedMove[] | null = null;
const listeners = new Set<() => void>();

function read(): QueuedMove[] {
  if (memory) return memory;
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "[]") as unknown;
    memory = Array.isArray(stored) ? (stored as QueuedMove[]) : [];
  } catch {
    memory = [];
  }
  return memory;
}

function write(next: QueuedMove[]) {
  memory = next;
  if (next.length === 0) localStorage.removeItem(STORAGE_KEY);
  else localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  for (const listener of listeners) listener();
}

/** The queue as it is now (the same array until it changes, for useSyncExternalStore). */
export function queuedMoves(): QueuedMove[] {
  return read();
}

export function subscribeQueue(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Keeps one scan to send later. */
export function enqueueMove(move: Omit<QueuedMove, "key" | "state" | "scanned_at">): QueuedMove {
  const queued: QueuedMove = {
    ...move,
    key: `scan-${crypto.randomUUID()}`,
    scanned_at: new Date().toISOString(),
    state: "pending",
  };
  write([...read(), queued]);
  return queued;
}

/** Forgets a refused scan once the user has read why. */
export function dismissMove(key: string) {
  write(read().filter((m) => m.key !== key));
}

let flushing: Promise<number> | null = null;
const appliedListeners = new Set<(count: number) => void>();

/** Told once per sending run that applied anything, with how many. */
export function onApplied(listener: (count: number) => void): () => void {
  appliedListeners.add(listener);
  return () => appliedListeners.delete(listener);
}

/**
 * Sends the pending scans, oldest first, one at a time; stops at the first network failure
 * (still offline). Returns how many the server applied; a call during a run joins it.
 */
export function flushQueue(): Promise<number> {
  flushing ??= (async () => {
    let applied = 0;
    try {
      for (const move of read().filter((m) => m.state === "pending")) {
        try {
          await apiRequest(
            `/api/v1/missions/${move.mission}/gear/${move.direction}`,
            z.object({ mission_id: z.number() }),
            {
              method: "POST",
              headers: { "Idempotency-Key": move.key },
              body: {
                items: [
                  move.direction === "return"
                    ? { item_id: move.item_id, quantity: 1, condition: "ok" }
                    : { item_id: move.item_id, quantity: 1 },
                ],
                notes: "Scan hors ligne",
              },
            },
          );
          write(read().filter((m) => m.key !== move.key));
          applied += 1;
        } catch (error) {
          if (error instanceof ApiError && error.code === NETWORK_ERROR) break;
          const reason = error instanceof Error ? error.message : String(error);
          write(
            read().map((m) =>
              m.key === move.key ? { ...m, state: "refused" as const, reason } : m,
            ),
          );
        }
      }
    } finally {
      flushing = null;
    }
    if (applied > 0) for (const listener of appliedListeners) listener(applied);
    return applied;
  })();
  return flushing;
}

/** Whether anything waits to be sent (the shell flushes at start when so). */
export function hasPendingMoves(): boolean {
  return read().some((m) => m.state === "pending");
}
