import { describe, expect, it } from "vitest";
import { parseDirectives, stripDirectives } from "./directives";

describe("directives", () => {
  it("reads [sim:key=value] blocks anywhere in the messages; later values win", () => {
    expect(
      parseDirectives(["Plan a trip [sim:error=429x3] please", "[sim:items=5, tokens=300 tool=calculator]", "[sim:revise=2][sim:items=6]"]),
    ).toEqual({ error: { kind: "429", times: 3 }, items: 6, tokens: 300, tool: ["calculator"], revise: 2 });
    expect(parseDirectives(["[SIM:error=cut]"])).toEqual({ error: { kind: "cut", times: 1 } });
  });

  it("ignores unknown keys and malformed values", () => {
    expect(parseDirectives(["[sim:error=404] [sim:items=many] [sim:colour=red] [sim:tool=a b]"])).toEqual({ tool: ["a"] });
    expect(parseDirectives(["[sim:tools=0 tool-steps=x tool-error=maybe]"])).toEqual({});
  });

  it("reads tool lists, parallel call counts, tool steps and tool errors", () => {
    expect(parseDirectives(["[sim:tool=calculator,fetch_url, items=2]"])).toEqual({ tool: ["calculator", "fetch_url"], items: 2 });
    expect(parseDirectives(["[sim:tools=3 tool-steps=2, tool-error=args]"])).toEqual({ tools: 3, toolSteps: 2, toolError: "args" });
    expect(parseDirectives(["[sim:tool-error=unknown tools=99]"])).toEqual({ toolError: "unknown", tools: 16 });
  });

  it("strips directive blocks from text", () => {
    expect(stripDirectives("Summarise the report [sim:error=500x2] in two lines.")).toBe("Summarise the report in two lines.");
  });
});
