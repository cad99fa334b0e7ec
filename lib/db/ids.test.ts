import { describe, expect, it } from "vitest";
import { newRowId } from "./ids";

describe("newRowId", () => {
  it("is cuid-shaped and unique across many calls", () => {
    const ids = Array.from({ length: 10_000 }, newRowId);
    for (const id of ids.slice(0, 100)) expect(id).toMatch(/^c[0-9a-z]{24}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("sorts by creation time across milliseconds", async () => {
    const first = newRowId();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(newRowId().slice(0, 9) > first.slice(0, 9)).toBe(true);
  });
});
