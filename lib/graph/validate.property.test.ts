import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anyGraph, issueNamingProblems, mutatedGraph, randomGraph } from "./arbitraries";
import { GRAPH_LIMITS } from "./schema";
import { validateGraph, type ValidationContext } from "./validate";

/** `FUZZ_SCALE=10` runs ten times the cases, for a deeper search than CI's. */
const runs = (n: number) => Math.round(n * Number(process.env.FUZZ_SCALE ?? 1));
const ctx: ValidationContext = { toolNames: ["calculator", "fetch_url"], models: ["gpt-5.4", "gpt-5.4-mini"] };

/** Validates, and says what is wrong with the answer (an empty list when nothing is). */
function answerProblems(document: unknown): string[] {
  const before = JSON.stringify(document);
  const result = validateGraph(document, ctx);
  const problems = JSON.stringify(document) === before ? [] : ["validation changed its input"];
  if (result.ok) {
    // What validation accepts, it accepts again unchanged: the parsed graph is what gets stored.
    const again = validateGraph(structuredClone(result.graph), ctx);
    if (!again.ok) problems.push(`the parsed graph does not validate: ${JSON.stringify(again.errors)}`);
    else if (JSON.stringify(again.graph) !== JSON.stringify(result.graph)) problems.push("validating the parsed graph changed it");
    const ids = result.graph.nodes.map((node) => node.id);
    if (new Set(ids).size !== ids.length) problems.push("accepted repeated node ids");
    if (result.graph.nodes.length === 0 || result.graph.nodes.length > GRAPH_LIMITS.nodes) problems.push("accepted a node count out of range");
  } else if (result.errors.length === 0) {
    problems.push("invalid without a single error");
  }
  return [...problems, ...issueNamingProblems(document, result.ok ? [] : result.errors), ...issueNamingProblems(document, result.warnings)];
}

describe("validateGraph, property-based", () => {
  it("answers any mutated template or fixture without throwing, each issue naming its node or field", () => {
    fc.assert(
      fc.property(mutatedGraph, (document) => {
        expect(answerProblems(document)).toEqual([]);
      }),
      { numRuns: runs(2500) },
    );
  });

  it("answers any document built from random parts the same way", () => {
    fc.assert(
      fc.property(randomGraph, (document) => {
        expect(answerProblems(document)).toEqual([]);
      }),
      { numRuns: runs(2000) },
    );
  });

  it("finds at least one problem in most mutants, so the mutations reach the rules", () => {
    const samples = fc.sample(anyGraph, { numRuns: 400, seed: 7 });
    const invalid = samples.filter((document) => !validateGraph(document, ctx).ok).length;
    expect(invalid / samples.length).toBeGreaterThan(0.5);
    const codes = new Set(samples.flatMap((document) => {
      const result = validateGraph(document, ctx);
      return result.ok ? [] : result.errors.map((issue) => issue.code);
    }));
    for (const code of ["invalid_field", "dangling_edge", "duplicate_node_id", "data_cycle", "unsupported_version"]) expect([...codes]).toContain(code);
  });
});
