import { describeNode, quoteLabel, type GraphIssue } from "./issues";
import type { RuleEdge, RuleGraph, RuleNode } from "./rule-graph";
import type { Tier } from "./tiers";
import { ROLE_DEFINITIONS } from "./roles";
import { ancestors, buildTopology, dataCycles, type Topology } from "./topology";

/** What a node's model can do, as the workspace's catalog says. */
export interface ModelAbilities {
  /** The model id the node would run on. */
  model: string;
  structuredOutput: boolean;
  tools: boolean;
}

/** What validation checks a graph against: the tool registry and, optionally, the priced models and what models can do. */
export interface ValidationContext {
  toolNames: readonly string[];
  /** Models with a known price. When given, a node overriding its model with another one gets a warning. */
  models?: readonly string[];
  /** The model a node of this tier (and override) runs on and what it can do; when given, capability gaps are problems on the node. */
  abilities?: (tier: Tier, model: string | undefined) => ModelAbilities;
}

/** Runs every semantic rule over the graph, collecting all errors and warnings. */
export function checkRules(graph: RuleGraph, ctx: ValidationContext): { errors: GraphIssue[]; warnings: GraphIssue[] } {
  const errors: GraphIssue[] = [];
  const warnings: GraphIssue[] = [];
  if (graph.nodes.length === 0) {
    errors.push({ code: "empty_graph", message: "The graph has no nodes. Add at least one node.", path: ["nodes"] });
  }

  const nodesById = uniqueNodes(graph.nodes, errors);
  checkNodeFields(graph.nodes, ctx, errors, warnings);
  const edges = usableEdges(graph.edges, nodesById, errors);
  const topology = buildTopology({ nodes: [...nodesById.values()], edges });

  checkCycles(topology, nodesById, errors);
  checkReviseEdges(edges, topology, nodesById, graph.edgesIncomplete, errors);
  checkPlanners(topology, nodesById, graph.edgesIncomplete, errors);
  return { errors, warnings };
}

function uniqueNodes(nodes: readonly RuleNode[], errors: GraphIssue[]): Map<string, RuleNode> {
  const byId = new Map<string, RuleNode>();
  for (const node of nodes) {
    const first = byId.get(node.id);
    if (!first) {
      byId.set(node.id, node);
      continue;
    }
    errors.push({
      code: "duplicate_node_id",
      message: `${describeNode(node)} has the id "${node.id}", which ${describeNode(first)} already uses. Node ids must be unique.`,
      nodeId: node.id,
      path: ["nodes", node.index, "id"],
    });
  }
  return byId;
}

function checkNodeFields(nodes: readonly RuleNode[], ctx: ValidationContext, errors: GraphIssue[], warnings: GraphIssue[]) {
  const toolNames = new Set(ctx.toolNames);
  const models = ctx.models ? new Set(ctx.models) : undefined;
  for (const node of nodes) {
    const seen = new Set<string>();
    node.tools.forEach((tool, toolIndex) => {
      const path = ["nodes", node.index, "tools", toolIndex];
      if (seen.has(tool)) {
        errors.push({
          code: "duplicate_tool",
          message: `${describeNode(node)} lists the tool "${tool}" more than once.`,
          nodeId: node.id,
          path,
        });
        return;
      }
      seen.add(tool);
      if (!toolNames.has(tool)) {
        errors.push({
          code: "unknown_tool",
          message: `${describeNode(node)} uses the tool "${tool}", which does not exist.`,
          nodeId: node.id,
          path,
        });
      }
    });
    checkAbilities(node, ctx, errors);
    if (models && node.model !== undefined && !models.has(node.model)) {
      warnings.push({
        code: "unpriced_model",
        message: `${describeNode(node)} uses the model "${node.model}", which has no known price; its cost will show as unpriced.`,
        nodeId: node.id,
        path: ["nodes", node.index, "model"],
      });
    }
  }
}

/** A planner or reviewer must answer in a schema, an executor with tools must call them: its model has to be able to. */
function checkAbilities(node: RuleNode, ctx: ValidationContext, errors: GraphIssue[]) {
  if (!ctx.abilities || !node.role || !node.tier) return;
  const { model, structuredOutput, tools } = ctx.abilities(node.tier, node.model);
  const path = ["nodes", node.index, node.model !== undefined ? "model" : "tier"];
  if (ROLE_DEFINITIONS[node.role].answersStructured && !structuredOutput) {
    errors.push({
      code: "model_lacks_structured_output",
      message: `${describeNode(node)} runs on "${model}", which cannot answer in a JSON schema, and a ${node.role} must. Pick a tier or model with structured output, or mark the model as supporting it in Settings → Providers.`,
      nodeId: node.id,
      path,
    });
  }
  if (node.tools.length > 0 && !tools) {
    errors.push({
      code: "model_lacks_tools",
      message: `${describeNode(node)} has tools, but its model "${model}" cannot call tools. Pick a tier or model with tool calling, or remove the node's tools.`,
      nodeId: node.id,
      path,
    });
  }
}

/** Reports broken edges and returns the ones the graph rules can reason about. */
function usableEdges(edges: readonly RuleEdge[], nodesById: ReadonlyMap<string, RuleNode>, errors: GraphIssue[]): RuleEdge[] {
  const usable: RuleEdge[] = [];
  const edgeIds = new Set<string>();
  const connections = new Set<string>();
  for (const edge of edges) {
    const name = edge.id ? `Edge "${edge.id}"` : `Edge #${edge.index + 1}`;
    const ids = { ...(edge.id && { edgeId: edge.id }) };
    if (edge.id !== undefined) {
      if (edgeIds.has(edge.id)) {
        errors.push({
          code: "duplicate_edge_id",
          message: `${name} has the same id as an earlier edge. Edge ids must be unique.`,
          ...ids,
          path: ["edges", edge.index, "id"],
        });
      }
      edgeIds.add(edge.id);
    }

    const source = nodesById.get(edge.source);
    const target = nodesById.get(edge.target);
    if (!source || !target) {
      const missing = [edge.source, edge.target].filter((id) => !nodesById.has(id));
      const unique = [...new Set(missing)];
      errors.push({
        code: "dangling_edge",
        message:
          unique.length === 1
            ? `${name} refers to node "${unique[0]}", which does not exist.`
            : `${name} refers to nodes "${unique[0]}" and "${unique[1]}", which do not exist.`,
        ...ids,
        path: ["edges", edge.index, source ? "target" : "source"],
      });
      continue;
    }
    if (source === target) {
      errors.push({
        code: "self_loop",
        message: `${describeNode(source)} has ${edge.kind === "revise" ? "a revise" : "an"} edge to itself.`,
        nodeId: source.id,
        ...ids,
        path: ["edges", edge.index],
      });
      continue;
    }
    const key = `${edge.kind}\u0000${edge.source}\u0000${edge.target}`;
    if (connections.has(key)) {
      errors.push({
        code: "duplicate_edge",
        message: `${name} repeats the ${edge.kind} edge from ${quoteLabel(source)} to ${quoteLabel(target)}.`,
        ...ids,
        path: ["edges", edge.index],
      });
      continue;
    }
    connections.add(key);
    usable.push(edge);
  }
  return usable;
}

function checkCycles(topology: Topology, nodesById: ReadonlyMap<string, RuleNode>, errors: GraphIssue[]) {
  for (const cycle of dataCycles(topology)) {
    for (const id of cycle) {
      const node = nodesById.get(id)!;
      const others = cycle.filter((other) => other !== id);
      errors.push({
        code: "data_cycle",
        message:
          `${describeNode(node)} is on a cycle of data edges with ${listLabels(others, nodesById)}. ` +
          "Data edges must not loop back; use a revise edge from a reviewer to send work back.",
        nodeId: id,
        path: ["nodes", node.index],
      });
    }
  }
}

function checkReviseEdges(
  edges: readonly RuleEdge[],
  topology: Topology,
  nodesById: ReadonlyMap<string, RuleNode>,
  edgesIncomplete: boolean,
  errors: GraphIssue[],
) {
  // Computed once per reviewer: a graph may hold many revise edges.
  const upstreamOf = new Map<string, Set<string>>();
  for (const edge of edges) {
    if (edge.kind !== "revise") continue;
    const source = nodesById.get(edge.source)!;
    const target = nodesById.get(edge.target)!;
    const ids = { nodeId: source.id, ...(edge.id && { edgeId: edge.id }) };
    if (!source.role) continue;
    if (!ROLE_DEFINITIONS[source.role].canStartRevise) {
      errors.push({
        code: "revise_not_from_reviewer",
        message: `${describeNode(source)} cannot send work back to ${quoteLabel(target)}: only reviewers may start a revise edge.`,
        ...ids,
        path: ["edges", edge.index, "source"],
      });
      continue;
    }
    let upstream = upstreamOf.get(source.id);
    if (!upstream) {
      upstream = ancestors(topology, source.id);
      upstreamOf.set(source.id, upstream);
    }
    if (!edgesIncomplete && !upstream.has(target.id)) {
      errors.push({
        code: "revise_not_to_ancestor",
        message:
          `${describeNode(source)} has a revise edge to ${quoteLabel(target)}, which is not upstream of it. ` +
          "A revise edge must point to a node that feeds the reviewer through data edges.",
        ...ids,
        path: ["edges", edge.index, "target"],
      });
    }
  }
}

function checkPlanners(
  topology: Topology,
  nodesById: ReadonlyMap<string, RuleNode>,
  edgesIncomplete: boolean,
  errors: GraphIssue[],
) {
  const nodes = [...nodesById.values()];
  // A node whose role could not be read might be an executor; do not blame the planner for it.
  const possibleExecutors = nodes.filter((node) => node.role === "executor" || node.role === undefined).map((node) => node.id);
  const feedsAnExecutor = ancestors(topology, possibleExecutors);

  for (const planner of nodes) {
    if (planner.role !== "planner") continue;
    if (!edgesIncomplete && !feedsAnExecutor.has(planner.id)) {
      errors.push({
        code: "planner_without_executor",
        message: `${describeNode(planner)} has no executor downstream. Connect it to at least one executor with a data edge.`,
        nodeId: planner.id,
        path: ["nodes", planner.index],
      });
    }

    const byLabel = new Map<string, RuleNode>();
    for (const id of topology.dataSuccessors.get(planner.id)!) {
      const executor = nodesById.get(id)!;
      if (executor.role !== "executor") continue;
      const key = executor.label.trim().toLowerCase();
      const first = byLabel.get(key);
      if (!first) {
        byLabel.set(key, executor);
        continue;
      }
      errors.push({
        code: "ambiguous_executor_label",
        message:
          `${describeNode(executor)} has the same label as another executor below ${describeNode(planner)}. ` +
          "The planner routes subtasks by label, so give each executor a distinct one.",
        nodeId: executor.id,
        path: ["nodes", executor.index, "label"],
      });
    }
  }
}

function listLabels(ids: readonly string[], nodesById: ReadonlyMap<string, RuleNode>): string {
  const shown = ids.slice(0, 5).map((id) => quoteLabel(nodesById.get(id)!));
  if (ids.length > shown.length) return `${shown.join(", ")} and ${ids.length - shown.length} more`;
  if (shown.length === 1) return shown[0];
  return `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}`;
}
