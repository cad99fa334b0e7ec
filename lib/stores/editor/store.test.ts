import { describe, expect, it } from "vitest";
import { emptyGraph, getTemplate, type GraphDocument } from "@/lib/graph";
import { DEFAULT_CATALOG } from "@/lib/models/catalog";
import { createEditorStore } from "./store";

const context = { toolNames: ["calculator", "fetch_url"], models: Object.keys(DEFAULT_CATALOG.models) };

function editor(document: GraphDocument = emptyGraph(), clock = { t: 0 }) {
  let counter = 0;
  return createEditorStore({
    document,
    context,
    newId: (role) => `${role}-${++counter}`,
    now: () => clock.t,
  });
}

const research = () => getTemplate("research-review")!.graph;

describe("editor store: building a graph", () => {
  it("adds nodes with role defaults, unique labels, and selects the new one", () => {
    const store = editor();
    const first = store.getState().addNode("executor", { x: 0, y: 0 });
    const second = store.getState().addNode("executor", { x: 0, y: 0 });
    const { nodes, selectedNodeIds } = store.getState();
    expect(nodes.map((node) => node.data.label)).toEqual(["Executor", "Executor 2"]);
    expect(nodes[0].data).toMatchObject({ role: "executor", tier: "mini", options: { concurrency: 4 } });
    // A second node dropped on the same spot does not hide the first.
    expect(nodes[1].position).not.toEqual(nodes[0].position);
    expect(selectedNodeIds).toEqual([second]);
    expect(first).not.toBe(second);
  });

  it("finds free space for nodes added without a drop position", () => {
    const store = editor(research());
    const id = store.getState().addNode("planner", { x: 280, y: 70 }, { findSpace: true });
    const added = store.getState().nodes.find((node) => node.id === id)!.position;
    for (const node of store.getState().nodes.filter((other) => other.id !== id)) {
      const apart = Math.abs(added.x - node.position.x) >= 224 + 24 || Math.abs(added.y - node.position.y) >= 120 + 24;
      expect(apart, node.id).toBe(true);
    }
  });

  it("connects nodes and validates the result like the API", () => {
    const store = editor();
    const plan = store.getState().addNode("planner", { x: 0, y: 0 });
    expect(store.getState().errors.map((issue) => issue.code)).toEqual(["planner_without_executor"]);
    expect(store.getState().nodeIssues[plan]?.[0].code).toBe("planner_without_executor");

    const work = store.getState().addNode("executor", { x: 300, y: 0 });
    const result = store.getState().connect(plan, work, "data");
    expect(result).toEqual({ ok: true, edgeId: `${plan}->${work}` });
    expect(store.getState().errors).toEqual([]);
    expect(store.getState().nodeIssues[plan]).toBeUndefined();
    expect(store.getState().toDocument().edges).toEqual([{ id: `${plan}->${work}`, source: plan, target: work, kind: "data" }]);
  });

  it("takes the edge kind from the handle a connection starts at", () => {
    const store = editor(research());
    store.getState().removeEdge("reviewer-revises-analyst");
    store.getState().onConnect({ source: "reviewer", target: "analyst", sourceHandle: "revise", targetHandle: "in" });
    const edge = store.getState().edges.find((candidate) => candidate.source === "reviewer" && candidate.target === "analyst");
    expect(edge).toMatchObject({ type: "revise", sourceHandle: "revise", targetHandle: "revise-in" });
  });

  it("refuses invalid connections with a reason, and shows it", () => {
    const store = editor(research());
    const edgesBefore = store.getState().edges;
    const refuse = (source: string, target: string, kind: "data" | "revise") => {
      const result = store.getState().connect(source, target, kind);
      expect(result.ok).toBe(false);
      return result.ok ? "" : result.reason;
    };
    expect(refuse("reviewer", "research-planner", "data")).toMatch(/loop/);
    expect(refuse("researcher", "researcher", "data")).toMatch(/itself/);
    expect(refuse("research-planner", "researcher", "data")).toMatch(/already feeds/);
    expect(refuse("researcher", "research-planner", "revise")).toMatch(/Only reviewers/);
    const loner = store.getState().addNode("executor", { x: 0, y: 500 });
    expect(refuse("reviewer", loner, "revise")).toMatch(/upstream/);

    expect(store.getState().edges).toHaveLength(edgesBefore.length);
    expect(store.getState().notice).toMatchObject({ tone: "error", message: expect.stringMatching(/upstream/) });
    expect(store.getState().isValidConnection({ source: "reviewer", target: "research-planner", sourceHandle: "out" })).toBe(false);
    expect(store.getState().isValidConnection({ source: "reviewer", target: "research-planner", sourceHandle: "revise" })).toBe(true);
  });

  it("drops a notice with the next edit, so a refusal never outlives what came after it", () => {
    const store = editor(research());
    store.getState().connect("reviewer", "research-planner", "data");
    expect(store.getState().notice?.message).toMatch(/loop/);
    // Selecting is not an edit: the message stays to be read.
    store.getState().selectNodes(["analyst"]);
    expect(store.getState().notice).not.toBeNull();
    store.getState().updateNode("analyst", { tier: "nano" });
    expect(store.getState().notice).toBeNull();

    store.getState().connect("reviewer", "research-planner", "data");
    store.getState().undo();
    expect(store.getState().notice).toBeNull();
  });

  it("names a refused revise edge's role with the right article", () => {
    const store = editor(research());
    const refused = store.getState().connect("researcher", "research-planner", "revise");
    expect(refused.ok ? "" : refused.reason).toContain("is an executor");
  });
});

describe("editor store: history", () => {
  it("undoes and redoes edits step by step", () => {
    const store = editor();
    const a = store.getState().addNode("executor", { x: 0, y: 0 });
    store.getState().updateNode(a, { tier: "nano" });
    store.getState().deleteNodes([a]);
    expect(store.getState().nodes).toHaveLength(0);

    store.getState().undo();
    expect(store.getState().nodes[0].data.tier).toBe("nano");
    store.getState().undo();
    expect(store.getState().nodes[0].data.tier).toBe("mini");
    store.getState().undo();
    expect(store.getState().nodes).toHaveLength(0);
    store.getState().undo(); // nothing left: a no-op
    expect(store.getState().past).toHaveLength(0);

    store.getState().redo();
    store.getState().redo();
    expect(store.getState().nodes[0].data.tier).toBe("nano");
    // A new edit drops the redo stack.
    store.getState().updateNode(a, { label: "Classifier" });
    expect(store.getState().future).toHaveLength(0);
  });

  it("makes one undo step of quick typing, and of a whole drag", () => {
    const clock = { t: 0 };
    const store = editor(emptyGraph(), clock);
    const id = store.getState().addNode("executor", { x: 0, y: 0 });
    for (const label of ["R", "Re", "Res"]) {
      clock.t += 200;
      store.getState().updateNode(id, { label }, { coalesceKey: `label:${id}` });
    }
    expect(store.getState().past).toHaveLength(2);

    for (const x of [10, 20, 30]) store.getState().onNodesChange([{ id, type: "position", position: { x, y: 0 }, dragging: true }]);
    expect(store.getState().past).toHaveLength(2);
    store.getState().onNodesChange([{ id, type: "position", position: { x: 40, y: 0 }, dragging: false }]);
    expect(store.getState().past).toHaveLength(3);
    expect(store.getState().toDocument().nodes[0].position).toEqual({ x: 40, y: 0 });

    store.getState().undo();
    expect(store.getState().toDocument().nodes[0].position).toEqual({ x: 0, y: 0 });
    store.getState().undo();
    expect(store.getState().nodes[0].data.label).toBe("Executor");
  });

  it("puts the nodes an overview drag carried where it dropped them, as one undo step, and back", () => {
    const store = editor(research());
    const at = (id: string) => store.getState().toDocument().nodes.find((node) => node.id === id)!.position;
    const [researcher, analyst] = [at("researcher"), at("analyst")];
    const revision = store.getState().revision;
    store.getState().moveNodes([
      { id: "researcher", position: { x: 400, y: 220 } },
      { id: "analyst", position: { x: 600, y: 240 } },
    ]);
    expect([at("researcher"), at("analyst")]).toEqual([{ x: 400, y: 220 }, { x: 600, y: 240 }]);
    expect(store.getState().revision).toBe(revision + 1);
    store.getState().undo();
    expect([at("researcher"), at("analyst")]).toEqual([researcher, analyst]);
    // A drag that ends where it started changes nothing and leaves no undo step.
    const past = store.getState().past.length;
    store.getState().moveNodes([]);
    expect(store.getState().past).toHaveLength(past);
  });

  it("bumps the revision on document changes but not on selection or drag frames", () => {
    const store = editor(research());
    const start = store.getState().revision;
    store.getState().selectNodes(["researcher"]);
    store.getState().onNodesChange([{ id: "researcher", type: "position", position: { x: 1, y: 1 }, dragging: true }]);
    expect(store.getState().revision).toBe(start);
    expect(store.getState().selectedNodeIds).toEqual(["researcher"]);
    store.getState().setNodeOption("researcher", "concurrency", 8);
    expect(store.getState().revision).toBe(start + 1);

    // Positions alone are not content: lists of nodes need not refresh after a drag.
    const content = store.getState().contentRevision;
    store.getState().onNodesChange([{ id: "researcher", type: "position", position: { x: 5, y: 5 }, dragging: false }]);
    expect(store.getState().revision).toBe(start + 2);
    expect(store.getState().contentRevision).toBe(content);
    store.getState().updateNode("researcher", { label: "Web researcher" });
    expect(store.getState().contentRevision).toBe(content + 1);
  });
});

describe("editor store: clipboard", () => {
  it("copies and pastes nodes with the edges between them, under new ids", () => {
    const store = editor(research());
    store.getState().selectNodes(["research-planner", "researcher"]);
    store.getState().copySelection();
    store.getState().paste();
    const { nodes, edges, selectedNodeIds } = store.getState();
    expect(nodes).toHaveLength(6);
    const pasted = nodes.slice(4);
    expect(pasted.map((node) => node.data.label)).toEqual(["Research planner 2", "Researcher 2"]);
    expect(pasted[1].data.tools).toEqual(["fetch_url", "calculator"]);
    expect(pasted[1].position).toEqual({ x: 280 + 40, y: 0 + 40 });
    expect(selectedNodeIds).toEqual(pasted.map((node) => node.id));
    const between = edges.filter((edge) => edge.source === pasted[0].id);
    expect(between).toMatchObject([{ target: pasted[1].id, type: "data" }]);
    // The copy is independent of the original.
    store.getState().updateNode(pasted[1].id, { tools: [] });
    expect(store.getState().nodes.find((node) => node.id === "researcher")!.data.tools).toEqual(["fetch_url", "calculator"]);
  });

  it("duplicates the selection, and one undo removes the duplicates", () => {
    const store = editor(research());
    store.getState().selectNodes(["analyst"]);
    store.getState().duplicateSelection();
    expect(store.getState().nodes.map((node) => node.data.label)).toContain("Analyst 2");
    store.getState().undo();
    expect(store.getState().nodes).toHaveLength(4);
  });

  it("deletes the selection with its edges", () => {
    const store = editor(research());
    store.getState().selectNodes(["analyst"]);
    store.getState().deleteSelection();
    const { nodes, edges } = store.getState();
    expect(nodes.map((node) => node.id)).not.toContain("analyst");
    expect(edges.some((edge) => edge.source === "analyst" || edge.target === "analyst")).toBe(false);
    expect(edges).toHaveLength(3);
  });
});

describe("editor store: import", () => {
  it("imports a valid document as one undoable step", () => {
    const store = editor();
    const result = store.getState().importDocument(research());
    expect(result.ok).toBe(true);
    expect(store.getState().nodes).toHaveLength(4);
    expect(store.getState().toDocument()).toEqual(research());
    store.getState().undo();
    expect(store.getState().nodes).toHaveLength(0);
  });

  it("lists every error of an invalid document and leaves the canvas alone", () => {
    const store = editor(research());
    const broken = research() as unknown as { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] };
    broken.nodes[1].tools = ["teleport"];
    broken.nodes[2].tier = "mega";
    broken.edges.push({ id: "loop", source: "reviewer", target: "research-planner", kind: "data" });
    const result = store.getState().importDocument(broken);
    expect(result.ok).toBe(false);
    const codes = result.ok ? [] : result.errors.map((issue) => issue.code);
    expect(codes).toEqual(expect.arrayContaining(["unknown_tool", "unknown_tier", "data_cycle"]));
    expect(store.getState().toDocument()).toEqual(research());
    expect(store.getState().past).toHaveLength(0);
  });

  it("imports a well-formed document that still has problems, as the API would save it", () => {
    const store = editor();
    const halfBuilt = { ...research(), edges: [] };
    const result = store.getState().importDocument(halfBuilt);
    expect(result.ok && result.problems.map((issue) => issue.code)).toEqual(["planner_without_executor"]);
    expect(store.getState().nodes).toHaveLength(4);
    expect(store.getState().errors.map((issue) => issue.code)).toEqual(["planner_without_executor"]);
  });

  it("round-trips a template through export and import unchanged", () => {
    const store = editor(research());
    const exported = JSON.parse(JSON.stringify(store.getState().toDocument()));
    const other = editor();
    expect(other.getState().importDocument(exported).ok).toBe(true);
    expect(other.getState().toDocument()).toEqual(research());
  });
});

describe("editor store: layout", () => {
  it("lays data edges out left to right as one undo step", () => {
    const store = editor(research());
    store.getState().autoLayout();
    const x = (id: string) => store.getState().nodes.find((node) => node.id === id)!.position.x;
    expect(x("research-planner")).toBeLessThan(x("researcher"));
    expect(x("researcher")).toBe(x("analyst"));
    expect(x("analyst")).toBeLessThan(x("reviewer"));
    store.getState().undo();
    expect(store.getState().toDocument()).toEqual(research());
  });
});

describe("editor store: the tier advisor's proposal", () => {
  it("sets several tiers as one undo step, dropping the changed nodes' model overrides", () => {
    const store = editor(research());
    store.getState().updateNode("researcher", { model: "gpt-5.4-mini" });
    const before = Object.fromEntries(store.getState().nodes.map((n) => [n.id, n.data.tier]));
    store.getState().setTiers({ researcher: "nano", analyst: "nano", reviewer: "flagship" });
    const after = Object.fromEntries(store.getState().nodes.map((n) => [n.id, n.data]));
    expect(after.researcher).toMatchObject({ tier: "nano" });
    expect(after.researcher).not.toHaveProperty("model");
    expect(after.analyst.tier).toBe("nano");
    store.getState().undo();
    expect(Object.fromEntries(store.getState().nodes.map((n) => [n.id, n.data.tier]))).toEqual(before);
    expect(store.getState().nodes.find((n) => n.id === "researcher")!.data.model).toBe("gpt-5.4-mini");
  });
});
