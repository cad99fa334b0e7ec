import { db } from "@/lib/db";
import { documentEstimate } from "@/lib/documents";
import { ACCURACY_HOLDOUTS, CALIBRATION_WINDOW } from "@/lib/engine/estimate/calibration";
import type { EstimateDocuments, PastRun } from "@/lib/engine/estimate";
import { AppError } from "@/lib/errors";
import { ZERO_USAGE, type Usage } from "@/lib/models/cost";

/**
 * The history a graph's estimate calibrates on: its latest succeeded runs in the workspace, in
 * the same mode (simulated or real; the simulator's token counts say nothing about a real
 * model's), with each node's stored result (role as in that run's snapshot, instances, usage)
 * and the model calls its `node.usage` events record, and what its attached documents feed the
 * model (as they are now: the priors for that run are then computed the way this run's are). Oldest first.
 */
export async function loadEstimateHistory(workspaceId: string, graphId: string, options: { simulated: boolean }): Promise<PastRun[]> {
  const runs = await db.run.findMany({
    where: { workspaceId, graphId, status: "succeeded", simulated: options.simulated },
    orderBy: { createdAt: "desc" },
    // Enough for the calibration window behind the oldest held-out run.
    take: CALIBRATION_WINDOW + ACCURACY_HOLDOUTS,
    select: { id: true, input: true, documents: true, nodes: { select: { nodeId: true, role: true, model: true, instances: true, usage: true } } },
  });
  if (runs.length === 0) return [];
  const usageEvents = await db.runEvent.findMany({ where: { runId: { in: runs.map((r) => r.id) }, type: "node.usage" }, select: { runId: true, data: true } });
  const calls = new Map<string, number>();
  for (const event of usageEvents) {
    const nodeId = (event.data as { nodeId?: unknown } | null)?.nodeId;
    if (typeof nodeId !== "string") continue;
    const key = `${event.runId}\u0000${nodeId}`;
    calls.set(key, (calls.get(key) ?? 0) + 1);
  }
  const documents = new Map<string, Promise<EstimateDocuments | undefined>>();
  const documentsOf = (stored: unknown) => {
    const ids = Array.isArray(stored) ? stored.filter((id): id is string => typeof id === "string") : [];
    const key = ids.join(",");
    if (!documents.has(key)) {
      // A collection deleted since leaves that run's documents unknown; its priors then go without them.
      const estimate = documentEstimate(workspaceId, ids).catch((error: unknown) => {
        if (error instanceof AppError && error.code === "not_found") return undefined;
        throw error;
      });
      documents.set(key, estimate);
    }
    return documents.get(key)!;
  };
  const attached = await Promise.all(runs.map((run) => documentsOf(run.documents)));
  return runs.map((run, i) => ({
    runId: run.id,
    input: run.input,
    ...(attached[i] ? { documents: attached[i] } : {}),
    nodes: run.nodes.map((node) => ({
      nodeId: node.nodeId,
      role: node.role,
      model: node.model,
      instances: node.instances,
      // A node without usage events (rows written by hand, or an old run) leaves its calls unknown.
      calls: calls.get(`${run.id}\u0000${node.nodeId}`),
      usage: { ...ZERO_USAGE, ...((node.usage as unknown as Usage | null) ?? {}) },
    })),
  })).reverse();
}
