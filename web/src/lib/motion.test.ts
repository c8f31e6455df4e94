import { describe, expect, it } from "vitest";
import { enter } from "./motion";

describe("enter", () => {
  it("leaves inline styles it did not animate in place", async () => {
    const first = document.createElement("div");
    enter(first); // loads GSAP
    await import("gsap");
    await new Promise((resolve) => setTimeout(resolve, 0));
    const dialog = document.createElement("div");
    dialog.style.pointerEvents = "auto"; // what Radix sets on an open modal's content
    document.body.append(dialog);
    enter(dialog, { y: 0, scale: 0.97 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(dialog.style.pointerEvents).toBe("auto");
    expect(dialog.style.opacity).toBe("");
    expect(dialog.style.visibility).toBe("");
  });
});
