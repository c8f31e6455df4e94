import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { codeBook, readOffline } from "./code-book";

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

describe("offline code book", () => {
  const book = codeBook([
    { id: 4, name: "Sub 18 pouces", barcode: "3760000002103" },
    { id: 9, name: "Câble XLR", barcode: null },
  ]);
  it("reads the mission's gear by barcode, MAT code and label address", () => {
    expect(readOffline(book, " 3760000002103 ")?.itemId).toBe(4);
    expect(readOffline(book, "mat-9")?.name).toBe("Câble XLR");
    expect(readOffline(book, "http://192.168.1.20:8080/scanner/materiel/4/")?.itemId).toBe(4);
    expect(readOffline(book, "3760000000017")).toBeNull();
    expect(readOffline(book, "KIT-3")).toBeNull();
  });
});

describe("offline scan queue", () => {
  beforeEach(() => {
    localStorage.clear();
    vi.resetModules();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("keeps scans on the device, sends each once with its key, and keeps a refusal's reason", async () => {
    const queue = await import("./offline-queue");
    const a = queue.enqueueMove({ mission: 3, direction: "check-out", item_id: 4, name: "Sub" });
    const b = queue.enqueueMove({ mission: 3, direction: "check-out", item_id: 9, name: "Câble" });
    expect(a.key).not.toBe(b.key);
    expect(JSON.parse(localStorage.getItem("planify.scanQueue")!)).toHaveLength(2);
    const keys: string[] = [];
    const fetch = vi.fn((_url: string, init: RequestInit) => {
      const key = (init.headers as Record<string, string>)["Idempotency-Key"] ?? "";
      keys.push(key);
      return Promise.resolve(
        key === b.key
          ? json(409, {
              error: { code: "CONFLICT", message: "Plus aucune unité de « Câble ».", fields: [] },
            })
          : json(200, { mission_id: 3 }),
      );
    });
    vi.stubGlobal("fetch", fetch);
    const applied: number[] = [];
    queue.onApplied((n) => applied.push(n));
    expect(await queue.flushQueue()).toBe(1);
    expect(keys).toEqual([a.key, b.key]);
    expect(applied).toEqual([1]);
    const left = queue.queuedMoves();
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ key: b.key, state: "refused" });
    expect(left[0]?.reason).toContain("Plus aucune unité");
    // A refused scan is not sent again; read, it goes.
    expect(await queue.flushQueue()).toBe(0);
    expect(fetch).toHaveBeenCalledTimes(2);
    queue.dismissMove(b.key);
    expect(localStorage.getItem("planify.scanQueue")).toBeNull();
  });

  it("stops at the first network failure and keeps everything for later", async () => {
    const queue = await import("./offline-queue");
    queue.enqueueMove({ mission: 3, direction: "return", item_id: 4, name: "Sub" });
    queue.enqueueMove({ mission: 3, direction: "return", item_id: 9, name: "Câble" });
    const fetch = vi.fn(() => Promise.reject(new TypeError("Failed to fetch")));
    vi.stubGlobal("fetch", fetch);
    expect(await queue.flushQueue()).toBe(0);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(queue.queuedMoves().map((m) => m.state)).toEqual(["pending", "pending"]);
    expect(queue.hasPendingMoves()).toBe(true);
  });
});
