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
  /** Units scanned per item, in scan order (a kit's items included). */
  scanned: Map<number, { name: string; count: number; condition: ReturnCondition }>;
  /** Kits scanned, with what each holds: a check-out names them so the journal keeps the kit. */
  kits: Map<number, { count: number; items: { item_id: number; quantity: number }[] }>;
  /** Units scanned by their own label (unit id → item id): they move by name. */
  units: Map<number, number>;
}

export function emptyBatch(): BatchState {
  return { scanned: new Map(), kits: new Map(), units: new Map() };
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
  return { ...state, scanned };
}

/** A unit's label: one unit of its item, counted once however often it is scanned. */
export function addUnit(
  state: BatchState,
  unitId: number,
  itemId: number,
  name: string,
): BatchState {
  if (state.units.has(unitId)) return state;
  const units = new Map(state.units);
  units.set(unitId, itemId);
  return { ...addScan(state, itemId, name), units };
}

/** A scanned kit label: each of its items, as many units as the kit holds. */
export function addKit(
  state: BatchState,
  kit: { id: number; items: readonly { item_id: number; name: string; quantity: number }[] },
): BatchState {
  const items = kit.items;
  const kits = new Map(state.kits);
  kits.set(kit.id, {
    count: (kits.get(kit.id)?.count ?? 0) + 1,
    items: items.map((i) => ({ item_id: i.item_id, quantity: i.quantity })),
  });
  const scanned = new Map(state.scanned);
  for (const item of items) {
    const current = scanned.get(item.item_id);
    scanned.set(item.item_id, {
      name: item.name,
      count: Math.min((current?.count ?? 0) + item.quantity, 10000),
      condition: current?.condition ?? "ok",
    });
  }
  return { ...state, scanned, kits };
}

/** Sets the scanned count of an item (0 removes it). */
export function setCount(state: BatchState, itemId: number, count: number): BatchState {
  const scanned = new Map(state.scanned);
  const current = scanned.get(itemId);
  if (!current) return state;
  if (count <= 0) scanned.delete(itemId);
  else scanned.set(itemId, { ...current, count: Math.min(count, 10000) });
  return { ...state, scanned };
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
  return { ...state, scanned };
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

/**
 * `count` units of `itemId`: the units scanned by name first (one line each), the rest by
 * quantity (the server takes units in order).
 */
function itemLines(
  state: BatchState,
  itemId: number,
  count: number,
  direction: BatchDirection,
): MoveLine[] {
  const scan = state.scanned.get(itemId);
  const withCondition = (line: MoveLine): MoveLine =>
    direction === "return" ? { ...line, condition: scan?.condition ?? "ok" } : line;
  const lines: MoveLine[] = [];
  for (const [unitId, unitItem] of state.units) {
    if (unitItem !== itemId || lines.length >= count) continue;
    lines.push(withCondition({ unit_id: unitId, quantity: 1 }));
  }
  const loose = count - lines.length;
  if (loose > 0) lines.push(withCondition({ item_id: itemId, quantity: loose }));
  return lines;
}

/** The request's lines: every scanned item, with its condition on a return. */
export function batchLines(state: BatchState, direction: BatchDirection): MoveLine[] {
  if (direction === "check-out" && state.kits.size > 0) {
    // Kits go out as kits (the journal remembers them) when every unit they hold is still
    // counted; otherwise (a count lowered by hand) item by item.
    const inKits = new Map<number, number>();
    for (const kit of state.kits.values()) {
      for (const i of kit.items) {
        inKits.set(i.item_id, (inKits.get(i.item_id) ?? 0) + i.quantity * kit.count);
      }
    }
    const whole = [...inKits].every(([id, n]) => (state.scanned.get(id)?.count ?? 0) >= n);
    if (whole) {
      const lines: MoveLine[] = [...state.kits].map(([id, kit]) => ({
        kit_id: id,
        quantity: kit.count,
      }));
      for (const [itemId, scan] of state.scanned) {
        const loose = scan.count - (inKits.get(itemId) ?? 0);
        if (loose > 0) lines.push(...itemLines(state, itemId, loose, direction));
      }
      return lines;
    }
  }
  return [...state.scanned].flatMap(([itemId, scan]) =>
    itemLines(state, itemId, scan.count, direction),
  );
}
