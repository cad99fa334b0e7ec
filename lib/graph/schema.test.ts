import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import { ROLE_DEFINITIONS, ROLES, roleSchema } from "./roles";
import {
  createNode,
  emptyGraph,
  GRAPH_SCHEMA_VERSION,
  graphDocumentSchema,
  graphNodeSchema,
  type GraphNode,
  type NodeOfRole,
  type RoleOptions,
} from "./schema";
import { pipeline, rawNode } from "./testing";

/** Strips default/optional wrappers to the field's value schema. */
function innerType(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodDefault || current instanceof z.ZodOptional) current = current.unwrap() as z.ZodType;
  return current;
}

describe("role registry", () => {
  it("derives the role list and schema from the definitions", () => {
    expect(ROLES).toEqual(["planner", "executor", "reviewer", "approval"]);
    for (const role of ROLES) expect(ROLE_DEFINITIONS[role].role).toBe(role);
    expect(roleSchema.options).toEqual(ROLES);
    expect(roleSchema.safeParse("critic").success).toBe(false);
  });

  it("lets only reviewers start revise edges", () => {
    expect(ROLES.filter((role) => ROLE_DEFINITIONS[role].canStartRevise)).toEqual(["reviewer"]);
  });

  it("describes every option so a generic form can render it", () => {
    for (const role of ROLES) {
      const shape: Record<string, z.ZodType> = ROLE_DEFINITIONS[role].optionsSchema.shape;
      for (const [name, field] of Object.entries(shape)) {
        const meta = z.globalRegistry.get(field);
        expect(meta?.title, `${role}.${name} title`).toBeTruthy();
        expect(meta?.description, `${role}.${name} description`).toBeTruthy();
        const inner = innerType(field);
        expect(inner instanceof z.ZodNumber || inner instanceof z.ZodBoolean || inner instanceof z.ZodEnum, `${role}.${name} kind`).toBe(true);
      }
    }
  });

  it("gives each role its documented option defaults", () => {
    expect(ROLE_DEFINITIONS.planner.optionsSchema.parse({})).toEqual({ maxSubtasks: 6, maxOutputTokens: 2000 });
    expect(ROLE_DEFINITIONS.executor.optionsSchema.parse({})).toEqual({ concurrency: 4, maxToolCalls: 6, maxOutputTokens: 1500 });
    expect(ROLE_DEFINITIONS.reviewer.optionsSchema.parse({})).toEqual({ maxRevisions: 2, maxOutputTokens: 2000 });
  });

  it("enforces option bounds", () => {
    const { planner, executor, reviewer } = ROLE_DEFINITIONS;
    expect(planner.optionsSchema.safeParse({ maxSubtasks: 51 }).success).toBe(false);
    expect(planner.optionsSchema.safeParse({ maxOutputTokens: 15 }).success).toBe(false);
    expect(executor.optionsSchema.safeParse({ concurrency: 65 }).success).toBe(false);
    expect(executor.optionsSchema.safeParse({ maxToolCalls: 0, temperature: 2 }).success).toBe(true);
    expect(reviewer.optionsSchema.safeParse({ temperature: 2.1 }).success).toBe(false);
    expect(reviewer.optionsSchema.safeParse({ maxRevisions: 11 }).success).toBe(false);
  });
});

describe("graph document schema", () => {
  it("fills defaults for tools, instructions, options, edge kind and settings", () => {
    const graph = graphDocumentSchema.parse(pipeline());
    expect(graph.settings).toEqual({ maxConcurrency: 16 });
    expect(graph.edges.every((edge) => edge.kind === "data")).toBe(true);
    expect(graph.nodes[0]).toEqual({
      id: "plan",
      role: "planner",
      label: "Plan research",
      tier: "flagship",
      tools: [],
      instructions: "",
      position: { x: 0, y: 0 },
      options: { maxSubtasks: 6, maxOutputTokens: 2000 },
    });
  });

  it("merges given options with the role's defaults and trims labels", () => {
    const node = graphNodeSchema.parse(rawNode("executor", "pool", { label: "  Pool  ", options: { concurrency: 12 } }));
    expect(node.label).toBe("Pool");
    expect(node.options).toEqual({ concurrency: 12, maxToolCalls: 6, maxOutputTokens: 1500 });
  });

  it("types each role's node with its own options", () => {
    expectTypeOf<NodeOfRole<"executor">["options"]>().toEqualTypeOf<RoleOptions<"executor">>();
    expectTypeOf<RoleOptions<"executor">["concurrency"]>().toEqualTypeOf<number>();
    expectTypeOf<RoleOptions<"planner">>().not.toHaveProperty("concurrency");
    expectTypeOf<GraphNode["role"]>().toEqualTypeOf<"planner" | "executor" | "reviewer" | "approval">();
    const node = graphNodeSchema.parse(rawNode("reviewer", "r"));
    if (node.role === "reviewer") expect(node.options.maxRevisions).toBe(2);
  });
});

describe("createNode", () => {
  it("starts a node with its role's tier, instructions, options and title", () => {
    const node = createNode("executor", { id: "exec-1", position: { x: 280, y: 140 } });
    expect(node).toEqual({
      id: "exec-1",
      role: "executor",
      label: "Executor",
      tier: "mini",
      tools: [],
      instructions: ROLE_DEFINITIONS.executor.defaultInstructions,
      position: { x: 280, y: 140 },
      options: { concurrency: 4, maxToolCalls: 6, maxOutputTokens: 1500 },
    });
    expectTypeOf(node).toEqualTypeOf<NodeOfRole<"executor">>();
  });

  it("takes a label and tier", () => {
    const node = createNode("reviewer", { id: "r", label: "Checker", tier: "nano", position: { x: 0, y: 0 } });
    expect(node).toMatchObject({ label: "Checker", tier: "nano", options: { maxRevisions: 2 } });
  });

  it("refuses an invalid id", () => {
    expect(() => createNode("planner", { id: "has space", position: { x: 0, y: 0 } })).toThrow();
  });
});

describe("emptyGraph", () => {
  it("is a complete current-version document", () => {
    expect(emptyGraph()).toEqual({ schemaVersion: GRAPH_SCHEMA_VERSION, nodes: [], edges: [], settings: { maxConcurrency: 16 } });
    expect(graphDocumentSchema.parse(emptyGraph())).toEqual(emptyGraph());
  });
});
