import type { Role } from "./roles";
import { GRAPH_SCHEMA_VERSION } from "./schema";

/**
 * Builders for graph documents in tests (raw, unparsed input, so tests can also break them).
 * Not part of the public API.
 */
export type RawNode = Record<string, unknown> & { id: string; role: Role; label: string };
export type RawEdge = Record<string, unknown> & { id: string; source: string; target: string };

const defaultTier: Record<Role, string> = { planner: "flagship", executor: "mini", reviewer: "flagship", approval: "nano" };

export function rawNode(role: Role, id: string, overrides: Record<string, unknown> = {}): RawNode {
  return { id, role, label: id, tier: defaultTier[role], position: { x: 0, y: 0 }, ...overrides };
}

export function rawEdge(source: string, target: string, overrides: Record<string, unknown> = {}): RawEdge {
  return { id: `${source}->${target}`, source, target, ...overrides };
}

export function rawGraph(nodes: RawNode[], edges: RawEdge[] = []) {
  return { schemaVersion: GRAPH_SCHEMA_VERSION, nodes, edges };
}

/** Planner "plan" → executor "work" → reviewer "review": the smallest valid hierarchy. */
export function pipeline() {
  return rawGraph(
    [
      rawNode("planner", "plan", { label: "Plan research" }),
      rawNode("executor", "work", { label: "Worker" }),
      rawNode("reviewer", "review", { label: "Final review" }),
    ],
    [rawEdge("plan", "work"), rawEdge("work", "review")],
  );
}
