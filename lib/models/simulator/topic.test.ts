import { describe, expect, it } from "vitest";
import { extractPhrases } from "./topic";

describe("extractPhrases", () => {
  it("shows a word lowered only where a sentence starts (text start, after . ! ? : or a line break)", () => {
    // Expected values as the code before the speed-up produced them.
    expect(extractPhrases("Compare Embedded Analytics. Storage engines matter: Write Paths too")).toEqual(["Embedded Analytics", "storage engines matter", "Paths"]);
    expect(extractPhrases("Survey Vector Stores!\n  Postgres Extensions, Cloud Pricing? Local Models\n\nGreat Caching")).toEqual([
      "survey Vector Stores",
      "postgres Extensions",
      "Cloud Pricing",
      "local Models great",
    ]);
    expect(extractPhrases("Release v2.5 ships Fast Paths; Old Engines retire. 42 Teams use it")).toEqual(["release v2", "ships Fast Paths", "Old Engines retire", "Teams"]);
  });

  // Its speed on long conversations is measured by e2e/perf (the simulator fan-out), not timed here.
  it("finds the phrases of a 300 KB conversation", () => {
    const text = "The embedded analytics engine keeps columnar storage. Postgres scales writes: SQLite stays simple! ".repeat(3_000);
    const phrases = extractPhrases(text);
    expect(phrases.slice(0, 3)).toEqual(["embedded analytics engine", "postgres scales writes", "SQLite stays simple"]);
  });
});
