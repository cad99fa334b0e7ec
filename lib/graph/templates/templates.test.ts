import { describe, expect, it } from "vitest";
import type { GraphDocument, GraphNode } from "../schema";
import { validateGraph } from "../validate";
import { getTemplate, TEMPLATES } from ".";

const ctx = { toolNames: ["calculator", "fetch_url", "list_files", "read_file", "search_files"] };

function byLabel(graph: GraphDocument, label: string): GraphNode {
  const node = graph.nodes.find((candidate) => candidate.label === label);
  if (!node) throw new Error(`no node labelled ${label}`);
  return node;
}

function edgesBetween(graph: GraphDocument, source: string, target: string) {
  const from = byLabel(graph, source).id;
  const to = byLabel(graph, target).id;
  return graph.edges.filter((edge) => edge.source === from && edge.target === to).map((edge) => edge.kind);
}

function template(id: string) {
  const found = getTemplate(id);
  if (!found) throw new Error(`no template ${id}`);
  return found.graph;
}

describe("templates", () => {
  it("offers the three templates with unique kebab-case ids", () => {
    expect(TEMPLATES.map((t) => [t.id, t.name])).toEqual([
      ["codebase-docs", "Codebase documentation"],
      ["research-review", "Research and review"],
      ["triage-at-scale", "Triage at scale"],
    ]);
    for (const t of TEMPLATES) expect(t.description.length).toBeGreaterThan(40);
  });

  it.each(TEMPLATES.map((t) => [t.id, t] as const))("%s is valid without warnings", (_id, t) => {
    expect(validateGraph(t.graph, { ...ctx, models: [] })).toEqual({ ok: true, graph: t.graph, warnings: [] });
  });

  it.each(TEMPLATES.map((t) => [t.id, t] as const))("%s is laid out left to right with real instructions", (_id, t) => {
    const position = new Map(t.graph.nodes.map((node) => [node.id, node.position]));
    for (const edge of t.graph.edges.filter((e) => e.kind === "data")) {
      expect(position.get(edge.target)!.x - position.get(edge.source)!.x).toBe(280);
    }
    const spots = new Set(t.graph.nodes.map((node) => `${node.position.x},${node.position.y}`));
    expect(spots.size).toBe(t.graph.nodes.length);
    for (const node of t.graph.nodes) {
      expect(node.instructions.split(/[.!?](\s|$)/).filter((s) => s.trim().length > 0).length).toBeGreaterThanOrEqual(3);
    }
  });

  it("codebase-docs: nano classifier → mini summariser pool → flagship writer", () => {
    const graph = template("codebase-docs");
    expect(byLabel(graph, "File classifier")).toMatchObject({ role: "planner", tier: "nano" });
    expect(byLabel(graph, "Summariser")).toMatchObject({ role: "executor", tier: "mini", options: { concurrency: 8 } });
    const writer = byLabel(graph, "Documentation writer");
    expect(writer).toMatchObject({ role: "reviewer", tier: "flagship" });
    expect(writer.role === "reviewer" && writer.options.maxRevisions).toBeLessThanOrEqual(1);
    expect(edgesBetween(graph, "File classifier", "Summariser")).toEqual(["data"]);
    expect(edgesBetween(graph, "Summariser", "Documentation writer")).toEqual(["data"]);
    // The summarisers read the attached repository; the writer may send weak summaries back once.
    expect(byLabel(graph, "Summariser").tools).toEqual(["list_files", "read_file", "search_files"]);
    expect(edgesBetween(graph, "Documentation writer", "Summariser")).toEqual(["revise"]);
  });

  it("research-review: planner fans out to researcher and analyst, reviewer can revise both", () => {
    const graph = template("research-review");
    expect(byLabel(graph, "Research planner")).toMatchObject({ role: "planner", tier: "flagship" });
    expect(byLabel(graph, "Researcher")).toMatchObject({
      role: "executor",
      tier: "mini",
      tools: ["fetch_url", "calculator"],
      options: { concurrency: 4 },
    });
    expect(byLabel(graph, "Analyst")).toMatchObject({ role: "executor", tier: "mini", tools: ["calculator"], options: { concurrency: 4 } });
    expect(byLabel(graph, "Reviewer")).toMatchObject({ role: "reviewer", tier: "flagship", options: { maxRevisions: 2 } });
    for (const executor of ["Researcher", "Analyst"]) {
      expect(edgesBetween(graph, "Research planner", executor)).toEqual(["data"]);
      expect(edgesBetween(graph, executor, "Reviewer")).toEqual(["data"]);
      expect(edgesBetween(graph, "Reviewer", executor)).toEqual(["revise"]);
    }
  });

  it("triage-at-scale: mini splitter → nano extractor pool → mini lead → flagship reviewer", () => {
    const graph = template("triage-at-scale");
    expect(byLabel(graph, "Batch splitter")).toMatchObject({ role: "planner", tier: "mini" });
    expect(byLabel(graph, "Extractor")).toMatchObject({ role: "executor", tier: "nano", options: { concurrency: 16 } });
    expect(byLabel(graph, "Triage lead")).toMatchObject({ role: "executor", tier: "mini" });
    expect(byLabel(graph, "Triage reviewer")).toMatchObject({ role: "reviewer", tier: "flagship" });
    expect(edgesBetween(graph, "Batch splitter", "Extractor")).toEqual(["data"]);
    expect(edgesBetween(graph, "Extractor", "Triage lead")).toEqual(["data"]);
    expect(edgesBetween(graph, "Triage lead", "Triage reviewer")).toEqual(["data"]);
  });

  it("hands out copies, so editing one leaves the template intact", () => {
    const copy = template("research-review");
    copy.nodes[0].label = "Changed";
    expect(template("research-review").nodes[0].label).toBe("Research planner");
    expect(getTemplate("no-such-template")).toBeUndefined();
  });
});
