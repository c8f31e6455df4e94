import type { GearLine, MoveLine, ReturnCondition } from "../api/logistics";

/** Loading a truck (check-out) or unloading it (return). */
export type BatchDirection = "check-out" | "return";

/** One line of a batch: what the mission expects and what was scanned so far. */
export interface BatchRow {
  itemId: number;
  name: string;
  expected: number;
  scanned: number;
  missing: number;
  extra: number;
  condition: ReturnCondition;
}

export interface BatchState {
  /** Units scanned per item, in scan order. */
  scanned: Map<number, { name: string; count: number; condition: ReturnCondition }>;
}

export function emptyBatch(): BatchState {
  return { scanned: new Map() };
}

/** Adds one scanned unit of `itemId` (a new state; the old one is left as is). */
export function addScan(state: BatchState, itemId: number, name: string): BatchState {
  const scanned = new Map(state.scanned);
  const current = scanned.get(itemId);
  scanned.set(itemId, {
    name,
    count: (current?.count ?? 0) + 1,
    condition: current?.condition ?? "ok",
  });
  return { scanned };
}

/** A scanned kit label: each of its items, as many units as the kit holds. */
export function addKit(
  state: BatchState,
  items: readonly { item_id: number; name: string; quantity: number }[],
): BatchState {
  const scanned = new Map(state.scanned);
  for (const item of items) {
    const current = scanned.get(item.item_id);
    scanned.set(item.item_id, {
      name: item.name,
      count: Math.min((current?.count ?? 0) + item.quantity, 10000),
      condition: current?.condition ?? "ok",
    });
  }
  return { scanned };
}

/** Sets the scanned count of an item (0 removes it). */
export function setCount(state: BatchState, itemId: number, count: number): BatchState {
  const scanned = new Map(state.scanned);
  const current = scanned.get(itemId);
  if (!current) return state;
  if (count <= 0) scanned.delete(itemId);
  else scanned.set(itemId, { ...current, count: Math.min(count, 10000) });
  return { scanned };
}

export function setCondition(
  state: BatchState,
  itemId: number,
  condition: ReturnCondition,
): BatchState {
  const scanned = new Map(state.scanned);
  const current = scanned.get(itemId);
  if (!current) return state;
  scanned.set(itemId, { ...current, condition });
  return { scanned };
}

/**
 * The pick list against the scans: for a check-out, what is still to load; for a return, what
 * the mission has out. Lines the mission expects come first, in its order; then extras.
 */
export function batchRows(
  gear: readonly GearLine[],
  state: BatchState,
  direction: BatchDirection,
): BatchRow[] {
  const rows: BatchRow[] = [];
  const seen = new Set<number>();
  for (const line of gear) {
    const expected = direction === "check-out" ? line.to_load : line.out;
    const scan = state.scanned.get(line.item_id);
    if (expected === 0 && !scan) continue;
    seen.add(line.item_id);
    const scanned = scan?.count ?? 0;
    rows.push({
      itemId: line.item_id,
      name: line.name,
      expected,
      scanned,
      missing: Math.max(0, expected - scanned),
      extra: Math.max(0, scanned - expected),
      condition: scan?.condition ?? "ok",
    });
  }
  for (const [itemId, scan] of state.scanned) {
    if (seen.has(itemId)) continue;
    rows.push({
      itemId,
      name: scan.name,
      expected: 0,
      scanned: scan.count,
      missing: 0,
      extra: scan.count,
      condition: scan.condition,
    });
  }
  return rows;
}

/** The request's lines: every scanned item, with its condition on a return. */
export function batchLines(state: BatchState, direction: BatchDirection): MoveLine[] {
  return [...state.scanned].map(([itemId, scan]) =>
    direction === "return"
      ? { item_id: itemId, quantity: scan.count, condition: scan.condition }
      : { item_id: itemId, quantity: scan.count },
  );
}
