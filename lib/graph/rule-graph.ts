import { isRole, type Role } from "./roles";
import type { EdgeKind, GraphDocument } from "./schema";
import { TIERS, type Tier } from "./tiers";

const isTier = (value: unknown): value is Tier => TIERS.includes(value as Tier);

/** What the semantic rules read of a node. `index` is its position in the document's `nodes`. */
export interface RuleNode {
  index: number;
  id: string;
  /** Missing when a structurally broken node has no recognisable role. */
  role?: Role;
  label: string;
  /** Missing when a structurally broken node has no recognisable tier. */
  tier?: Tier;
  tools: readonly string[];
  model?: string;
}

export interface RuleEdge {
  index: number;
  id?: string;
  source: string;
  target: string;
  kind: EdgeKind;
}

export interface RuleGraph {
  nodes: RuleNode[];
  edges: RuleEdge[];
  /**
   * True when unreadable edges were left out. Rules that report a missing path (no executor
   * downstream, revise target not upstream) then stay silent: the lost edge might be that path.
   */
  edgesIncomplete: boolean;
}

export function ruleGraphFromDocument(graph: GraphDocument): RuleGraph {
  return {
    nodes: graph.nodes.map((node, index) => ({
      index,
      id: node.id,
      role: node.role,
      label: node.label,
      tier: node.tier,
      tools: node.tools,
      model: node.model,
    })),
    edges: graph.edges.map((edge, index) => ({ index, ...edge })),
    edgesIncomplete: false,
  };
}

/**
 * Reads what it can of a document that failed the schema, so the semantic rules still run
 * and the user sees every problem at once. Items without an id (nodes) or endpoints (edges)
 * are skipped: nothing can refer to them. Null when there is no `nodes` list at all.
 */
export function salvageRuleGraph(document: Record<string, unknown>): RuleGraph | null {
  if (!Array.isArray(document.nodes)) return null;
  const nodes: RuleNode[] = [];
  document.nodes.forEach((item: unknown, index) => {
    if (!isRecord(item) || typeof item.id !== "string" || item.id === "") return;
    const label = typeof item.label === "string" && item.label.trim() !== "" ? item.label.trim() : item.id;
    nodes.push({
      index,
      id: item.id,
      role: isRole(item.role) ? item.role : undefined,
      label,
      tier: isTier(item.tier) ? item.tier : undefined,
      tools: Array.isArray(item.tools) ? item.tools.filter((tool): tool is string => typeof tool === "string") : [],
      model: typeof item.model === "string" ? item.model : undefined,
    });
  });

  const edges: RuleEdge[] = [];
  const rawEdges: unknown[] = Array.isArray(document.edges) ? document.edges : [];
  let edgesIncomplete = !Array.isArray(document.edges);
  rawEdges.forEach((item, index) => {
    const kind = isRecord(item) && item.kind !== undefined ? item.kind : "data";
    if (!isRecord(item) || typeof item.source !== "string" || typeof item.target !== "string" || (kind !== "data" && kind !== "revise")) {
      edgesIncomplete = true;
      return;
    }
    const id = typeof item.id === "string" && item.id !== "" ? item.id : undefined;
    edges.push({ index, id, source: item.source, target: item.target, kind });
  });
  return { nodes, edges, edgesIncomplete };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
