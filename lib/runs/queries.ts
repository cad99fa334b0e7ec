import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createRunSummary, foldRunEvents, savingNanoUsd, type NodeSummary } from "@/lib/engine";
import type { RunStatus } from "@/lib/engine/events";
import type { GraphDocument } from "@/lib/graph";
import { readStoredGraph } from "@/lib/graphs/stored-document";
import { addUsage, baselineNanoUsd, nanoToUsd, ZERO_USAGE, type ModelCatalog, type Usage } from "@/lib/models";
import type { Run, RunNode } from "@/lib/generated/prisma/client";
import { workspaceModels } from "@/lib/workspaces/provider";
import { readRunEvents } from "./event-store";
import { encodeRunCursor, type ListRunsQuery, type RunListItem, type RunPage } from "./schemas";
import { isTerminalStatus } from "./service";

/** A node's result as the API reports it. */
export interface RunNodeResult {
  nodeId: string;
  label: string;
  role: string;
  tier: string;
  model: string;
  status: string;
  /** Instances over every pass (one per subtask per pass). */
  instances: number;
  usage: Usage;
  costUsd: number | null;
  /** Wall time: how long at least one of the node's instances was running. */
  latencyMs: number;
  output: string | null;
  error: string | null;
}

/** `GET /api/v1/runs/:id`. */
export interface RunDetail {
  id: string;
  graphId: string | null;
  graphName: string;
  status: RunStatus;
  input: string;
  output: string | null;
  approved: boolean | null;
  error: string | null;
  simulated: boolean;
  costUsd: number;
  baselineCostUsd: number;
  /** Null for a run that did not succeed (failed, cancelled, over budget, interrupted): it saved nothing. */
  savingUsd: number | null;
  costComplete: boolean;
  budgetUsd: number | null;
  usage: Usage;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
  graph: GraphDocument;
  nodes: RunNodeResult[];
  /** The workspace's models and prices, for the live view's cost arithmetic. */
  catalog: ModelCatalog;
}

export type { RunListItem } from "./schemas";

const durationOf = (run: Pick<Run, "startedAt" | "endedAt">) =>
  run.startedAt && run.endedAt ? run.endedAt.getTime() - run.startedAt.getTime() : null;

function fromSummary(node: NodeSummary): RunNodeResult {
  return {
    nodeId: node.nodeId,
    label: node.label,
    role: node.role,
    tier: node.tier,
    model: node.model,
    status: node.status,
    instances: node.instances,
    usage: node.usage,
    costUsd: node.costNanoUsd === null ? null : nanoToUsd(node.costNanoUsd),
    latencyMs: Math.round(node.wallMs),
    output: node.output,
    error: node.error,
  };
}

function fromRow(node: RunNode): RunNodeResult {
  return {
    nodeId: node.nodeId,
    label: node.label,
    role: node.role,
    tier: node.tier,
    model: node.model,
    status: node.status,
    instances: node.instances,
    usage: (node.usage as unknown as Usage | null) ?? { ...ZERO_USAGE },
    costUsd: node.costNanoUsd === null ? null : nanoToUsd(node.costNanoUsd),
    latencyMs: node.latencyMs,
    output: node.output,
    error: node.error,
  };
}

/**
 * A run with per-node results. Finished runs read their stored results; a run still going
 * (here or in another process) is folded from its stored events, so the answer is live.
 * A snapshot this version cannot read throws `unreadable_document`.
 */
export async function getRunDetail(workspaceId: string, runId: string): Promise<RunDetail> {
  const run = await db.run.findFirst({ where: { id: runId, workspaceId }, include: { nodes: true } });
  if (!run) throw AppError.notFound("Run");
  // Snapshots are never rewritten, so an old run's graph is migrated each time it is read.
  const graph = readStoredGraph(run.graphSnapshot, { kind: "run", id: run.id });
  let nodes: RunNodeResult[];
  let live: { costNanoUsd: number; baselineNanoUsd: number; usage: Usage } | null = null;
  // Runs store no catalog: a live run is priced with the workspace's current one (the one it started with, unless changed since).
  const { catalog } = await workspaceModels(workspaceId);
  if (isTerminalStatus(run.status) && run.nodes.length > 0) {
    const order = new Map(graph.nodes.map((node, index) => [node.id, index]));
    nodes = run.nodes.sort((a, b) => (order.get(a.nodeId) ?? 0) - (order.get(b.nodeId) ?? 0)).map(fromRow);
  } else {
    const summary = foldRunEvents(createRunSummary(graph, catalog), await readRunEvents(run.id, 0, Number.MAX_SAFE_INTEGER));
    nodes = graph.nodes.map((node) => fromSummary(summary.nodes[node.id]));
    const states = Object.values(summary.nodes);
    const usage = addUsage(...states.map((node) => node.usage));
    live = {
      costNanoUsd: states.reduce((sum, node) => sum + (node.costNanoUsd ?? 0), 0),
      baselineNanoUsd: baselineNanoUsd(usage, catalog) ?? 0,
      usage,
    };
  }
  const cost = live?.costNanoUsd ?? run.costNanoUsd;
  const baseline = live?.baselineNanoUsd ?? run.baselineNanoUsd;
  const saving = savingNanoUsd(run.status as RunStatus, cost, baseline);
  return {
    id: run.id,
    graphId: run.graphId,
    graphName: run.graphName,
    status: run.status as RunStatus,
    input: run.input,
    output: run.output,
    approved: run.approved,
    error: run.error,
    simulated: run.simulated,
    costUsd: nanoToUsd(cost),
    baselineCostUsd: nanoToUsd(baseline),
    savingUsd: saving === null ? null : nanoToUsd(saving),
    costComplete: run.costComplete,
    budgetUsd: run.budgetNanoUsd === null ? null : nanoToUsd(run.budgetNanoUsd),
    usage: live?.usage ?? ((run.usage as unknown as Usage | null) ?? { ...ZERO_USAGE }),
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    endedAt: run.endedAt?.toISOString() ?? null,
    durationMs: durationOf(run),
    graph,
    nodes,
    catalog,
  };
}

/** A graph's runs, newest first. */
export async function listRuns(workspaceId: string, graphId: string, take = 50): Promise<RunListItem[]> {
  const runs = await db.run.findMany({ where: { workspaceId, graphId }, orderBy: { createdAt: "desc" }, take });
  return runs.map(toRunListItem);
}

function toRunListItem(run: Run): RunListItem {
  return {
    id: run.id,
    status: run.status as RunStatus,
    input: run.input.length > 200 ? `${run.input.slice(0, 200)}…` : run.input,
    simulated: run.simulated,
    costUsd: nanoToUsd(run.costNanoUsd),
    baselineCostUsd: nanoToUsd(run.baselineNanoUsd),
    createdAt: run.createdAt.toISOString(),
    durationMs: durationOf(run),
  };
}

/**
 * One page of the workspace's runs, newest first, optionally of one status and one graph.
 * Keyset pagination on (createdAt, id): runs started meanwhile never shift a later page.
 */
export async function listWorkspaceRuns(workspaceId: string, query: ListRunsQuery): Promise<RunPage> {
  const { cursor, limit } = query;
  const rows = await db.run.findMany({
    where: {
      workspaceId,
      ...(query.status ? { status: query.status } : {}),
      ...(query.graphId ? { graphId: query.graphId } : {}),
      ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    runs: page.map((run) => ({ ...toRunListItem(run), graphId: run.graphId, graphName: run.graphName })),
    nextCursor: rows.length > limit && last ? encodeRunCursor(last) : null,
  };
}
