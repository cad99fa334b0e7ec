import { describe, expect, it } from "vitest";
import { withArticle } from "./text";

describe("withArticle", () => {
  it("gives workspace and node roles the article they are read with", () => {
    expect(withArticle("editor")).toBe("an editor");
    expect(withArticle("owner")).toBe("an owner");
    expect(withArticle("executor")).toBe("an executor");
    expect(withArticle("viewer")).toBe("a viewer");
    expect(withArticle("planner")).toBe("a planner");
    expect(withArticle("reviewer")).toBe("a reviewer");
  });

  it("goes by sound, not letter, for words that start like 'you' or 'won'", () => {
    expect(withArticle("user")).toBe("a user");
    expect(withArticle("unit")).toBe("a unit");
    expect(withArticle("one-off")).toBe("a one-off");
    expect(withArticle("umbrella")).toBe("an umbrella");
  });
});
