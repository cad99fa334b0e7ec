import { db } from "@/lib/db";
import { createRunSummary, foldRunEvents, restoreRun, runGraph, RunLedger, type RunOutcome, type RunSummary } from "@/lib/engine";
import { isFinalEvent, type RunEvent } from "@/lib/engine/events";
import type { GraphDocument } from "@/lib/graph";
import { createModelClient, type ModelCatalog, type ModelClient, type ProviderConfig } from "@/lib/models";
import { scaledClock } from "./clock";
import { RunEventLog } from "./event-log";
import { RunEventWriter } from "./event-store";
import { releaseLease } from "./ownership";
import { createRedactor, redactDeep, redactedMessage } from "./redact";
import { runtime, SHUTDOWN } from "./runtime";
import type { HttpToolEntry } from "@/lib/tools/http";
import type { McpConnectOptions, McpServerTools } from "@/lib/tools/mcp";
import { createToolHost } from "./tool-host";

export interface LaunchOptions {
  runId: string;
  graph: GraphDocument;
  input: string;
  catalog: ModelCatalog;
  provider: ProviderConfig;
  budgetNanoUsd: number | null;
  simulation: { speed: number; seed: number };
  /** A ready client instead of one from `provider` (benchmarks time the simulator through it). */
  modelClient?: ModelClient;
  /** The workspace's MCP servers and their tools; connected only when a node calls one. */
  mcp?: { servers: readonly McpServerTools[]; options: McpConnectOptions };
  /** The workspace's HTTP tools, header values decrypted. */
  httpTools?: readonly HttpToolEntry[];
  /** Resuming: the run's stored events. Finished work is restored from them, numbering continues after them. */
  stored?: readonly RunEvent[];
}

const INSTANCE_END = new Set<string>(["node.usage", "node.completed", "node.failed", "node.skipped"]);

/**
 * Starts (or resumes) a run in this process and returns at once. Events are numbered, stored,
 * and published on the bus only once stored; each stored batch that ends an instance or charges a
 * call also updates the run's node rows and running cost, so a crash loses no work a viewer saw.
 */
export function launchRun(options: LaunchOptions): void {
  const { runId, graph, input, catalog, provider, budgetNanoUsd, simulation, modelClient, mcp, httpTools = [], stored = [] } = options;
  const controller = new AbortController();
  const history: RunEvent[] = [...stored];
  let summary = foldRunEvents(createRunSummary(graph, catalog), stored);
  const ledger = new RunLedger();
  const charge = (events: readonly RunEvent[]) => {
    for (const event of events) if (event.type === "node.usage") ledger.record(event);
  };
  charge(stored);
  const writer = new RunEventWriter(
    runId,
    (batch) => {
      for (const event of batch) if (!isFinalEvent(event)) runtime.bus.publish(event);
    },
    (batch) => {
      summary = foldRunEvents(summary, batch);
      charge(batch);
      const touched = new Set(batch.flatMap((event) => (INSTANCE_END.has(event.type) && "nodeId" in event ? [event.nodeId] : [])));
      if (touched.size === 0) return [];
      const totals = ledger.totals(0);
      return [
        ...[...touched].map((nodeId) => {
          const row = nodeRow(runId, summary.nodes[nodeId]);
          return db.runNode.upsert({ where: { runId_nodeId: { runId, nodeId } }, create: row, update: row });
        }),
        db.run.update({
          where: { id: runId },
          data: { costNanoUsd: totals.costNanoUsd, baselineNanoUsd: totals.baselineNanoUsd, costComplete: totals.costComplete, usage: totals.usage as object },
        }),
      ];
    },
  );
  let finalEvent: RunEvent | null = null;
  const log = new RunEventLog(
    runId,
    (event) => {
      // Stopping for a shutdown is not an end: the run stays running for the next process to resume.
      if (isFinalEvent(event) && controller.signal.reason === SHUTDOWN) return;
      history.push(event);
      writer.add(event);
      // The final event goes out only once the run's outcome is stored, so a client that
      // sees it and then asks for the run gets the finished state.
      if (isFinalEvent(event)) finalEvent = event;
    },
    undefined,
    stored.at(-1)?.seq ?? 0,
  );
  const { client, simulated } = modelClient ?? createModelClient({ ...provider, simulator: simulation });
  // Everything a run stores, streams or logs passes through this: provider errors may echo the key.
  const redact = createRedactor([provider.apiKey, ...mcpSecrets(mcp?.servers ?? []), ...httpTools.flatMap((tool) => Object.values(tool.spec.headers))]);
  const tools = createToolHost(mcp, httpTools);

  runtime.bus.open(runId, stored);
  const done = runGraph(graph, input, {
    client,
    catalog,
    tools,
    emit: (event) => log.push(redactDeep(event, redact)),
    signal: controller.signal,
    simulated,
    clock: simulated ? scaledClock(simulation.speed) : undefined,
    budgetNanoUsd,
    ...(stored.length > 0 ? { restore: restoreRun(stored) } : {}),
  })
    .then(async (outcome) => {
      log.flush();
      await writer.flush();
      if (controller.signal.reason === SHUTDOWN) return releaseLease(runId);
      summary = foldRunEvents(summary, history);
      await recordOutcome(runId, redactDeep(outcome, redact), summary);
      if (finalEvent) runtime.bus.publish(finalEvent);
    })
    .catch(async (error: unknown) => {
      const message = redactedMessage(error, redact);
      console.error(`Run ${runId} crashed: ${message}`, error instanceof Error ? redact(error.stack ?? "") : "");
      await writer.flush();
      await db.run.update({ where: { id: runId }, data: { status: "failed", error: `Internal error: ${message}`, endedAt: new Date(), ownerId: null } });
    })
    .finally(async () => {
      // Ends the run's MCP sessions; stdio servers' processes stop here, after a cancel too.
      await tools.close();
      runtime.active.delete(runId);
      runtime.bus.close(runId);
    });
  runtime.active.set(runId, { controller, done });
}

/** Header and env values of the workspace's MCP servers: a server's error text may echo them. */
function mcpSecrets(servers: readonly McpServerTools[]): string[] {
  return servers.flatMap(({ config: { transport } }) => Object.values(transport.type === "http" ? transport.headers : transport.env));
}

function nodeRow(runId: string, node: RunSummary["nodes"][string]) {
  return {
    runId,
    nodeId: node.nodeId,
    label: node.label,
    role: node.role,
    tier: node.tier,
    model: node.model,
    status: node.status,
    instances: node.instances,
    usage: node.usage as object,
    costNanoUsd: node.costNanoUsd,
    latencyMs: Math.round(node.wallMs),
    output: node.output,
    error: node.error,
  };
}

async function recordOutcome(runId: string, outcome: RunOutcome, summary: RunSummary): Promise<void> {
  const { totals } = outcome;
  await db.$transaction([
    db.runNode.deleteMany({ where: { runId } }),
    db.runNode.createMany({ data: Object.values(summary.nodes).map((node) => nodeRow(runId, node)) }),
    db.run.update({
      where: { id: runId },
      data: {
        status: outcome.status,
        output: outcome.output,
        approved: outcome.approved,
        error: outcome.error ?? null,
        costNanoUsd: totals.costNanoUsd,
        baselineNanoUsd: totals.baselineNanoUsd,
        costComplete: totals.costComplete,
        usage: totals.usage as object,
        endedAt: new Date(),
        ownerId: null,
        leaseExpiresAt: null,
      },
    }),
  ]);
}
