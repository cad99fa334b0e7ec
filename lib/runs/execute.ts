import { db, sqliteDateTime, sqliteWrite } from "@/lib/db";
import { createRunSummary, foldRunEvents, runGraph, type RunOutcome, type RunSummary } from "@/lib/engine";
import { isFinalEvent, type RunEvent } from "@/lib/engine/events";
import type { GraphDocument } from "@/lib/graph";
import { createModelClient, type ModelCatalog, type ModelClient, type ProviderConfig } from "@/lib/models";
import { scaledClock } from "./clock";
import { RunEventLog } from "./event-log";
import { RunEventWriter } from "./event-store";
import { createRedactor, redactDeep, redactedMessage, StreamRedactor } from "./redact";
import { runtime } from "./runtime";
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
}

/**
 * Starts a run in this process and returns at once. Events are numbered, published on the
 * bus as they happen and stored in batches; the final state is written when the engine ends.
 */
export function launchRun(options: LaunchOptions): void {
  const { runId, graph, input, catalog, provider, budgetNanoUsd, simulation, modelClient, mcp, httpTools = [] } = options;
  const controller = new AbortController();
  const history: RunEvent[] = [];
  const writer = new RunEventWriter(runId);
  let finalEvent: RunEvent | null = null;
  const log = new RunEventLog(runId, (event) => {
    history.push(event);
    writer.add(event);
    // The final event goes out only once the run's outcome is stored, so a client that
    // sees it and then asks for the run gets the finished state.
    if (isFinalEvent(event)) finalEvent = event;
    else runtime.bus.publish(event);
  });
  const { client, simulated } = modelClient ?? createModelClient({ ...provider, simulator: simulation });
  // Everything a run stores, streams or logs passes through this: provider errors may echo the key.
  const redact = createRedactor([provider.apiKey, ...mcpSecrets(mcp?.servers ?? []), ...httpTools.flatMap((tool) => Object.values(tool.spec.headers))]);
  const tools = createToolHost(mcp, httpTools);
  const outgoing = new StreamRedactor(redact, (event) => log.push(event));

  runtime.bus.open(runId);
  const done = runGraph(graph, input, {
    client,
    catalog,
    tools,
    emit: (event) => outgoing.push(event),
    signal: controller.signal,
    simulated,
    clock: simulated ? scaledClock(simulation.speed) : undefined,
    budgetNanoUsd,
  })
    .then(async (outcome) => {
      log.flush();
      await writer.flush();
      const summary = foldRunEvents(createRunSummary(graph, catalog), history);
      await recordOutcome(runId, redactDeep(outcome, redact), summary);
      if (finalEvent) runtime.bus.publish(finalEvent);
    })
    .catch(async (error: unknown) => {
      const message = redactedMessage(error, redact);
      console.error(`Run ${runId} crashed: ${message}`, error instanceof Error ? redact(error.stack ?? "") : "");
      await writer.flush();
      await db.run.update({ where: { id: runId }, data: { status: "failed", error: `Internal error: ${message}`, endedAt: new Date() } });
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

/**
 * The run's per-node results and final state, in one transaction. Through prepared statements:
 * Prisma's createMany cost ~0.1 ms per node here, most of a large run's persistence time.
 */
async function recordOutcome(runId: string, outcome: RunOutcome, summary: RunSummary): Promise<void> {
  const { totals } = outcome;
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
  await sqliteWrite((run) => {
    for (const node of Object.values(summary.nodes)) {
      run(
        'INSERT INTO "RunNode" ("runId", "nodeId", "label", "role", "tier", "model", "status", "instances", "usage", "costNanoUsd", "latencyMs", "output", "error") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        runId,
        node.nodeId,
        node.label,
        node.role,
        node.tier,
        node.model,
        node.status,
        node.instances,
        json(node.usage),
        node.costNanoUsd ?? null,
        Math.round(node.wallMs),
        node.output ?? null,
        node.error ?? null,
      );
    }
    run(
      'UPDATE "Run" SET "status" = ?, "output" = ?, "approved" = ?, "error" = ?, "costNanoUsd" = ?, "baselineNanoUsd" = ?, "costComplete" = ?, "usage" = ?, "endedAt" = ? WHERE "id" = ?',
      outcome.status,
      outcome.output ?? null,
      outcome.approved === undefined || outcome.approved === null ? null : Number(outcome.approved),
      outcome.error ?? null,
      totals.costNanoUsd,
      totals.baselineNanoUsd,
      Number(totals.costComplete),
      json(totals.usage),
      sqliteDateTime(new Date()),
      runId,
    );
  });
}
