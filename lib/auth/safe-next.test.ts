import { describe, expect, it } from "vitest";
import { safeNext } from "./safe-next";

describe("safeNext", () => {
  it("keeps paths on this site", () => {
    expect(safeNext("/graphs/abc?x=1#y")).toBe("/graphs/abc?x=1#y");
    expect(safeNext(["/invite/tf_inv_1", "/other"])).toBe("/invite/tf_inv_1");
  });

  it("sends anything that could leave the site home", () => {
    for (const next of ["https://evil.example", "//evil.example", "/\\evil.example", "/a\\b", "javascript:alert(1)", "evil", "/\tx", "", null, undefined]) {
      expect(safeNext(next)).toBe("/");
    }
  });
});
