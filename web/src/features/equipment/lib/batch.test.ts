import { describe, expect, it } from "vitest";
import type { GearLine } from "../api/logistics";
import {
  addKit,
  addScan,
  addUnit,
  batchLines,
  batchRows,
  emptyBatch,
  setCondition,
  setCount,
} from "./batch";

function line(item_id: number, name: string, booked: number, out = 0): GearLine {
  return {
    item_id,
    name,
    booked,
    out,
    checked_out: out,
    returned_ok: 0,
    returned_damaged: 0,
    returned_missing: 0,
    to_load: Math.max(0, booked - out),
    extra: 0,
  };
}

describe("batch scanning", () => {
  const gear = [line(1, "Enceinte", 2), line(2, "Table", 1), line(3, "Lyre", 4, 4)];

  it("ticks the pick list off as units are scanned", () => {
    let state = emptyBatch();
    state = addScan(state, 1, "Enceinte");
    const rows = batchRows(gear, state, "check-out");
    expect(rows.map((r) => [r.itemId, r.expected, r.scanned, r.missing, r.extra])).toEqual([
      [1, 2, 1, 1, 0],
      [2, 1, 0, 1, 0],
    ]);
  });

  it("shows what the mission did not book as extra", () => {
    let state = addScan(emptyBatch(), 9, "Machine à fumée");
    state = addScan(state, 2, "Table");
    state = addScan(state, 2, "Table");
    const rows = batchRows(gear, state, "check-out");
    expect(rows.find((r) => r.itemId === 2)).toMatchObject({ expected: 1, scanned: 2, extra: 1 });
    expect(rows.at(-1)).toMatchObject({ itemId: 9, expected: 0, scanned: 1, extra: 1 });
  });

  it("expects on return what the mission has out, each line with its condition", () => {
    let state = addScan(emptyBatch(), 3, "Lyre");
    state = setCount(state, 3, 3);
    state = setCondition(state, 3, "damaged");
    const rows = batchRows(gear, state, "return");
    expect(rows).toEqual([
      {
        itemId: 3,
        name: "Lyre",
        expected: 4,
        scanned: 3,
        missing: 1,
        extra: 0,
        condition: "damaged",
      },
    ]);
    expect(batchLines(state, "return")).toEqual([
      { item_id: 3, quantity: 3, condition: "damaged" },
    ]);
    expect(batchLines(state, "check-out")).toEqual([{ item_id: 3, quantity: 3 }]);
    expect(batchLines(setCount(state, 3, 0), "return")).toEqual([]);
  });
});

describe("kits", () => {
  const kit = {
    id: 7,
    items: [
      { item_id: 1, name: "Enceinte", quantity: 2 },
      { item_id: 2, name: "Câble XLR", quantity: 4 },
    ],
  };

  it("a scanned kit adds each of its items, on top of what was scanned", () => {
    let state = addScan(emptyBatch(), 1, "Enceinte");
    state = addKit(state, kit);
    expect(state.scanned.get(1)?.count).toBe(3);
    expect(state.scanned.get(2)?.count).toBe(4);
    // Out as a kit plus the loose speaker; back item by item, each with its condition.
    expect(batchLines(state, "check-out")).toEqual([
      { kit_id: 7, quantity: 1 },
      { item_id: 1, quantity: 1 },
    ]);
    expect(batchLines(state, "return")).toEqual([
      { item_id: 1, quantity: 3, condition: "ok" },
      { item_id: 2, quantity: 4, condition: "ok" },
    ]);
  });

  it("a kit whose count was lowered by hand goes out item by item", () => {
    let state = addKit(emptyBatch(), kit);
    state = addKit(state, kit);
    expect(batchLines(state, "check-out")).toEqual([{ kit_id: 7, quantity: 2 }]);
    state = setCount(state, 2, 5);
    expect(batchLines(state, "check-out")).toEqual([
      { item_id: 1, quantity: 4 },
      { item_id: 2, quantity: 5 },
    ]);
  });

  it("moves units scanned by their label by name, once each, and the rest by quantity", () => {
    let state = emptyBatch();
    state = addUnit(state, 41, 3, "Lyre");
    state = addUnit(state, 41, 3, "Lyre");
    state = addUnit(state, 42, 3, "Lyre");
    state = addScan(state, 3, "Lyre");
    expect(state.scanned.get(3)?.count).toBe(3);
    expect(batchLines(state, "check-out")).toEqual([
      { unit_id: 41, quantity: 1 },
      { unit_id: 42, quantity: 1 },
      { item_id: 3, quantity: 1 },
    ]);
    state = setCondition(state, 3, "damaged");
    state = setCount(state, 3, 1);
    expect(batchLines(state, "return")).toEqual([
      { unit_id: 41, quantity: 1, condition: "damaged" },
    ]);
  });
});
