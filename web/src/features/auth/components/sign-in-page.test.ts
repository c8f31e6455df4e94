import { describe, expect, it } from "vitest";
import { safeNext } from "./sign-in-page";

describe("safeNext", () => {
  it("follows same-site paths only", () => {
    expect(safeNext("/equipe?x=1")).toBe("/equipe?x=1");
    expect(safeNext(null)).toBe("/");
    expect(safeNext("https://evil.example/")).toBe("/");
    expect(safeNext("//evil.example/")).toBe("/");
    expect(safeNext("/\\evil.example")).toBe("/");
    expect(safeNext("equipe")).toBe("/");
  });
});
