import { describe, expect, it } from "vitest";
import { createModelClient, DEFAULT_CATALOG } from "@/lib/models";
import { caseDirective } from "@/lib/models/simulator/quality";
import { grade, safeRegex, type GradeInput } from "./graders";

const base: GradeInput = { output: "The capital is Paris.", approved: null, expected: "Paris", input: "Capital of France?" };

describe("text graders", () => {
  it("exact compares the whole output, trimmed, case-insensitive unless asked", async () => {
    expect(await grade({ kind: "exact", caseSensitive: false }, { ...base, output: "  paris \n" })).toMatchObject({ passed: true, reason: 'The output equals "Paris".' });
    expect((await grade({ kind: "exact", caseSensitive: true }, { ...base, output: "paris" })).passed).toBe(false);
    expect((await grade({ kind: "exact", caseSensitive: false }, base)).passed).toBe(false);
  });

  it("contains finds the expectation inside the output", async () => {
    expect((await grade({ kind: "contains", caseSensitive: false }, base)).passed).toBe(true);
    expect(await grade({ kind: "contains", caseSensitive: false }, { ...base, expected: "Lyon" })).toMatchObject({ passed: false, reason: 'The output does not contain "Lyon".' });
    expect(await grade({ kind: "contains", caseSensitive: false }, { ...base, expected: null })).toMatchObject({ passed: false, reason: "The case has no expected output to compare with." });
  });

  it("regex matches the case's pattern and refuses patterns that backtrack catastrophically", async () => {
    expect((await grade({ kind: "regex" }, { ...base, expected: "\\bPar[a-z]+\\b" })).passed).toBe(true);
    expect((await grade({ kind: "regex" }, { ...base, expected: "^Paris$" })).passed).toBe(false);
    const evil = await grade({ kind: "regex" }, { ...base, output: "a".repeat(40) + "!", expected: "^(a+)+$" });
    expect(evil).toMatchObject({ passed: false, reason: expect.stringContaining("nests quantifiers") });
    expect(() => safeRegex("(\\w*)*x")).toThrow();
    expect(() => safeRegex("x".repeat(301))).toThrow(/longer than 300/);
    expect(safeRegex("(ab)+c").test("ababc")).toBe(true);
  });

  it("json-schema parses the output (fenced or not) and validates it", async () => {
    const schema = { type: "object", properties: { score: { type: "number", minimum: 0 } }, required: ["score"] };
    expect((await grade({ kind: "json-schema", schema }, { ...base, output: '```json\n{"score": 3}\n```' })).passed).toBe(true);
    expect(await grade({ kind: "json-schema", schema }, { ...base, output: '{"score": -1}' })).toMatchObject({ passed: false, reason: expect.stringContaining("/score must be >= 0") });
    expect(await grade({ kind: "json-schema", schema }, base)).toMatchObject({ passed: false, reason: "The output is not JSON." });
  });

  it("numeric takes the last number of the output within the tolerance", async () => {
    const g = { kind: "numeric", tolerance: 0.5 } as const;
    expect(await grade(g, { ...base, output: "Step 1 gives 10, so the total is 42.3", expected: "42" })).toMatchObject({ passed: true, reason: "42.3 is within 0.5 of 42." });
    expect((await grade(g, { ...base, output: "about 43", expected: "42" })).passed).toBe(false);
    expect(await grade(g, { ...base, output: "none", expected: "42" })).toMatchObject({ passed: false, reason: "The output holds no number." });
  });

  it("reviewer-verdict follows the graph's own reviewer", async () => {
    expect(await grade({ kind: "reviewer-verdict" }, { ...base, approved: true })).toMatchObject({ passed: true });
    expect((await grade({ kind: "reviewer-verdict" }, { ...base, approved: false })).passed).toBe(false);
    expect(await grade({ kind: "reviewer-verdict" }, base)).toMatchObject({ passed: false, reason: "The run ended without a reviewer's verdict." });
  });
});

describe("the rubric grader", () => {
  const { client } = createModelClient({ simulator: { speed: 0 } });
  const rubric = { kind: "rubric", rubric: "Pass when the output names the right city.", tier: "nano" } as const;
  const note = caseDirective({ difficulty: 0, expected: "Paris" });

  it("asks the chosen tier through the SDK and keeps its cost apart", async () => {
    const right = await grade(rubric, { ...base, output: "The city is...\n\nAnswer: Paris" }, { client, catalog: DEFAULT_CATALOG, simulatorNote: note });
    expect(right).toMatchObject({ passed: true, reason: expect.stringMatching(/^Judge \(gpt-5\.4-nano\): /) });
    expect(right.costNanoUsd).toBeGreaterThan(0);
    const wrong = await grade(rubric, { ...base, output: "The city is...\n\nAnswer: Lyon" }, { client, catalog: DEFAULT_CATALOG, simulatorNote: note });
    expect(wrong.passed).toBe(false);
  });

  it("prices the judge at its tier: a flagship judge costs more than a nano one", async () => {
    const input = { ...base, output: "Answer: Paris" };
    const nano = await grade(rubric, input, { client, catalog: DEFAULT_CATALOG, simulatorNote: note });
    const flagship = await grade({ ...rubric, tier: "flagship" }, input, { client, catalog: DEFAULT_CATALOG, simulatorNote: note });
    expect(flagship.reason).toContain("gpt-5.4");
    expect(flagship.costNanoUsd).toBeGreaterThan(nano.costNanoUsd);
  });
});
