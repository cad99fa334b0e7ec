import { describe, expect, it } from "vitest";
import { initials } from "./initials";

describe("initials", () => {
  it("takes the first letters of the first and last names", () => {
    expect(initials("Olivia Owner")).toBe("OO");
    expect(initials("  ada   lovelace ")).toBe("AL");
    expect(initials("Jean-Luc de la Croix")).toBe("JC");
  });

  it("copes with one name, no name and letters outside ASCII", () => {
    expect(initials("Prince")).toBe("P");
    expect(initials("   ")).toBe("?");
    expect(initials("Émile Żeleński")).toBe("ÉŻ");
  });
});
