import { describe, expect, it } from "vitest";
import { adviseTier, type AdviceInput } from "./advice";
import { ROLE_DEFINITIONS } from "./roles";

const executor = (overrides: Partial<AdviceInput> = {}): AdviceInput => ({
  role: "executor",
  tier: "mini",
  tools: [],
  label: "Executor",
  instructions: ROLE_DEFINITIONS.executor.defaultInstructions,
  ...overrides,
});

describe("adviseTier", () => {
  it("gives a role that calls no model nothing to change, whatever its tier", () => {
    for (const tier of ["flagship", "mini", "nano"] as const) {
      expect(adviseTier({ role: "approval", tier, tools: ["fetch_url"], label: "Classify" })).toMatchObject({ level: "ok", suggested: tier, summary: "no model" });
    }
  });


  it("puts planners and reviewers on flagship", () => {
    expect(adviseTier({ role: "planner", tier: "flagship", tools: [] })).toMatchObject({ kind: "planning", level: "ok" });
    const cheapPlanner = adviseTier({ role: "planner", tier: "mini", tools: [] });
    expect(cheapPlanner).toMatchObject({ suggested: "flagship", level: "hint" });
    expect(cheapPlanner.message).toContain("Suggested: flagship");

    expect(adviseTier({ role: "reviewer", tier: "flagship", tools: [] })).toMatchObject({ kind: "review", level: "ok" });
    expect(adviseTier({ role: "reviewer", tier: "nano", tools: [] })).toMatchObject({ suggested: "flagship", level: "hint" });
  });

  it("suggests nano for classification, extraction and ranking", () => {
    for (const instructions of [
      "Classify the ticket as bug, feature or question.",
      "Extract the invoice number and total from the email.",
      "Rank the candidates by relevance to the query.",
    ]) {
      const onMini = adviseTier(executor({ instructions }));
      expect(onMini, instructions).toMatchObject({ kind: "classification", suggested: "nano", level: "hint" });
      expect(adviseTier(executor({ instructions, tier: "nano" })), instructions).toMatchObject({ level: "ok" });
    }
  });

  it("asks for mini or better for multi-step reasoning and tool use", () => {
    const reasoning = adviseTier(executor({ tier: "nano", instructions: "Analyze the figures and compare the two plans step by step." }));
    expect(reasoning).toMatchObject({ kind: "multi-step", suggested: "mini", level: "hint" });

    // Tools make it multi-step even when the wording sounds like classification.
    const tools = adviseTier(executor({ tier: "nano", tools: ["calculator"], instructions: "Classify the totals." }));
    expect(tools).toMatchObject({ kind: "multi-step", suggested: "mini", level: "hint" });
    expect(tools.message).toMatch(/Tool use/);

    expect(adviseTier(executor({ tools: ["calculator"] }))).toMatchObject({ level: "ok", suggested: "mini" });
    expect(adviseTier(executor({ tier: "flagship", tools: ["calculator"] }))).toMatchObject({ level: "hint", suggested: "mini" });
  });

  it("warns about nano nodes that browse the web", () => {
    const advice = adviseTier(executor({ tier: "nano", tools: ["fetch_url"], instructions: "Tag each page." }));
    expect(advice.level).toBe("warning");
    expect(advice.suggested).toBe("mini");
    expect(advice.message).toContain("fetch_url");
    expect(advice.summary).toMatch(/mini or better/);
    // The same tools on mini are fine.
    expect(adviseTier(executor({ tools: ["fetch_url"] })).level).toBe("ok");
  });

  it("treats an executor with no signal as general work on mini", () => {
    expect(adviseTier(executor())).toMatchObject({ kind: "general", suggested: "mini", level: "ok" });
    expect(adviseTier(executor({ tier: "nano" }))).toMatchObject({ kind: "general", level: "hint" });
  });
});
