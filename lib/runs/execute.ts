import { db } from "@/lib/db";
import { createRunSummary, foldRunEvents, restoreRun, runGraph, RunLedger } from "@/lib/engine";
import { isFinalEvent, type RunEvent } from "@/lib/engine/events";
import type { GraphDocument } from "@/lib/graph";
import type { ProviderEndpoint } from "@/lib/engine/context";
import { createModelClient, type ModelCatalog, type ModelClient, type ProviderConfig } from "@/lib/models";
import { createAdapter, PROVIDER_KINDS, SIMULATOR_COMPAT } from "@/lib/models/providers";
import type { ProviderEntry } from "@/lib/workspaces/provider";
import { scaledClock } from "./clock";
import { RunEventLog } from "./event-log";
import { RunEventWriter } from "./event-store";
import { storeOutcome, storeWaiting, type NodeResult } from "./run-store";
import { releaseLease } from "./ownership";
import { createRedactor, redactDeep, redactedMessage, StreamRedactor } from "./redact";
import { runtime, SHUTDOWN } from "./runtime";
import type { DocumentReader } from "@/lib/tools";
import type { HttpToolEntry } from "@/lib/tools/http";
import type { McpConnectOptions, McpServerTools } from "@/lib/tools/mcp";
import { createToolHost } from "./tool-host";

export interface LaunchOptions {
  runId: string;
  graph: GraphDocument;
  input: string;
  catalog: ModelCatalog;
  provider: ProviderConfig;
  /** The default provider's label, for the cost panel. */
  providerLabel?: string;
  /** The providers catalog models name, by id. */
  providers?: Record<string, ProviderEntry>;
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
  /** The attached collections, read through the document tools; `attachments` lists their files for planners. */
  documents?: DocumentReader;
  attachments?: string;
}

const INSTANCE_END = new Set<string>(["node.usage", "node.completed", "node.failed", "node.skipped"]);

/**
 * Starts (or resumes) a run in this process and returns at once. Events are numbered, stored,
 * and published on the bus only once stored; each stored batch that ends an instance or charges a
 * call also updates the run's node rows and running cost, so a crash loses no work a viewer saw.
 */
export function launchRun(options: LaunchOptions): void {
  const { runId, graph, input, catalog, provider, providerLabel, providers = {}, budgetNanoUsd, simulation, modelClient, mcp, httpTools = [], stored = [], documents, attachments } = options;
  const controller = new AbortController();
  const history: RunEvent[] = [...stored];
  let summary = foldRunEvents(createRunSummary(graph, catalog), stored);
  const ledger = new RunLedger();
  const charge = (events: readonly RunEvent[]) => {
    for (const event of events) if (event.type === "node.usage") ledger.record(event);
  };
  charge(stored);
  // The node rows as this process last stored them (summaries are copied on change, so an
  // unchanged node is the same object): the outcome writes only the rows that differ.
  const storedNodes = new Map<string, NodeResult>();
  let checkpointNodes: readonly NodeResult[] = [];
  const writer = new RunEventWriter(
    runId,
    (batch) => {
      for (const node of checkpointNodes) storedNodes.set(node.nodeId, node);
      for (const event of batch) if (!isFinalEvent(event)) runtime.bus.publish(event);
    },
    (batch) => {
      summary = foldRunEvents(summary, batch);
      charge(batch);
      const touched = new Set(batch.flatMap((event) => (INSTANCE_END.has(event.type) && "nodeId" in event ? [event.nodeId] : [])));
      checkpointNodes = [...touched].map((nodeId) => summary.nodes[nodeId]);
      if (touched.size === 0) return null;
      return { nodes: checkpointNodes, totals: ledger.totals(0) };
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
  const redact = createRedactor([provider.apiKey, ...Object.values(providers).map((entry) => entry.config.apiKey), ...mcpSecrets(mcp?.servers ?? []), ...httpTools.flatMap((tool) => Object.values(tool.spec.headers))]);
  const tools = createToolHost(mcp, httpTools, documents);
  const outgoing = new StreamRedactor(redact, (event) => log.push(event));

  runtime.bus.open(runId, stored);
  const done = runGraph(graph, input, {
    client,
    ...(providerLabel ? { providerLabel } : {}),
    providers: endpoints(providers, simulation),
    catalog,
    tools,
    emit: (event) => outgoing.push(event),
    signal: controller.signal,
    simulated,
    clock: simulated ? scaledClock(simulation.speed) : undefined,
    budgetNanoUsd,
    attachments,
    ...(stored.length > 0 ? { restore: restoreRun(stored) } : {}),
  })
    .then(async (outcome) => {
      log.flush();
      await writer.flush();
      if (controller.signal.reason === SHUTDOWN) return releaseLease(runId);
      summary = foldRunEvents(summary, history);
      // Stopped at an approval step: the run waits in the database, held by no process.
      if (outcome.status === "waiting") {
        await storeWaiting(runId, summary, outcome.totals);
        return;
      }
      await storeOutcome(runId, redactDeep(outcome, redact), Object.values(summary.nodes).filter((node) => storedNodes.get(node.nodeId) !== node));
      if (finalEvent) runtime.bus.publish(finalEvent);
    })
    .catch(async (error: unknown) => {
      const message = redactedMessage(error, redact);
      console.error(`Run ${runId} crashed: ${message}`, error instanceof Error ? redact(error.stack ?? "") : "");
      await writer.flush();
      // Only while this process still owns the run: one that lost it must not end it for the new owner.
      await db.run.updateMany({ where: { id: runId, ownerId: runtime.ownerId }, data: { status: "failed", error: `Internal error: ${message}`, endedAt: new Date(), ownerId: null } });
    })
    .finally(async () => {
      // Ends the run's MCP sessions; stdio servers' processes stop here, after a cancel too.
      await tools.close();
      runtime.active.delete(runId);
      runtime.bus.close(runId);
    });
  runtime.active.set(runId, { controller, done });
}

/**
 * One SDK client per provider, each with its kind's adapter; the simulator where an entry has no
 * key. A client is built when the run first calls its provider: most runs call one or two of a
 * workspace's providers, and building one costs about 0.1 ms.
 */
function endpoints(entries: Record<string, ProviderEntry>, simulation: LaunchOptions["simulation"]): Record<string, ProviderEndpoint> {
  return Object.fromEntries(
    Object.entries(entries).map(([id, entry]) => {
      const compat = entry.kind === "simulator" || entry.kind === "env" ? SIMULATOR_COMPAT : PROVIDER_KINDS[entry.kind].compat;
      let client: ModelClient["client"] | undefined;
      const endpoint: ProviderEndpoint = {
        label: entry.label,
        get client() {
          return (client ??= createModelClient({ ...entry.config, simulator: simulation }).client);
        },
        adapter: createAdapter(compat),
      };
      return [id, endpoint];
    }),
  );
}

/** Header and env values of the workspace's MCP servers: a server's error text may echo them. */
function mcpSecrets(servers: readonly McpServerTools[]): string[] {
  return servers.flatMap(({ config: { transport } }) => Object.values(transport.type === "http" ? transport.headers : transport.env));
}
