import { db } from "@/lib/db";
import { createRunSummary, foldRunEvents, runGraph, type RunOutcome, type RunSummary } from "@/lib/engine";
import { isFinalEvent, type RunEvent } from "@/lib/engine/events";
import type { GraphDocument } from "@/lib/graph";
import type { ProviderEndpoint } from "@/lib/engine/context";
import { createModelClient, type ModelCatalog, type ModelClient, type ProviderConfig } from "@/lib/models";
import { createAdapter, PROVIDER_KINDS, SIMULATOR_COMPAT } from "@/lib/models/providers";
import type { ProviderEntry } from "@/lib/workspaces/provider";
import { scaledClock } from "./clock";
import { RunEventLog } from "./event-log";
import { RunEventWriter } from "./event-store";
import { createRedactor, redactDeep, redactedMessage } from "./redact";
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
}

/**
 * Starts a run in this process and returns at once. Events are numbered, published on the
 * bus as they happen and stored in batches; the final state is written when the engine ends.
 */
export function launchRun(options: LaunchOptions): void {
  const { runId, graph, input, catalog, provider, providerLabel, providers = {}, budgetNanoUsd, simulation, modelClient, mcp, httpTools = [] } = options;
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
  const redact = createRedactor([provider.apiKey, ...Object.values(providers).map((entry) => entry.config.apiKey), ...mcpSecrets(mcp?.servers ?? []), ...httpTools.flatMap((tool) => Object.values(tool.spec.headers))]);
  const tools = createToolHost(mcp, httpTools);

  runtime.bus.open(runId);
  const done = runGraph(graph, input, {
    client,
    ...(providerLabel ? { providerLabel } : {}),
    providers: endpoints(providers, simulation),
    catalog,
    tools,
    emit: (event) => log.push(redactDeep(event, redact)),
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

/** One SDK client per provider, each with its kind's adapter; the simulator where an entry has no key. */
function endpoints(entries: Record<string, ProviderEntry>, simulation: LaunchOptions["simulation"]): Record<string, ProviderEndpoint> {
  return Object.fromEntries(
    Object.entries(entries).map(([id, entry]) => {
      const compat = entry.kind === "simulator" || entry.kind === "env" ? SIMULATOR_COMPAT : PROVIDER_KINDS[entry.kind].compat;
      return [id, { label: entry.label, client: createModelClient({ ...entry.config, simulator: simulation }).client, adapter: createAdapter(compat) }];
    }),
  );
}

/** Header and env values of the workspace's MCP servers: a server's error text may echo them. */
function mcpSecrets(servers: readonly McpServerTools[]): string[] {
  return servers.flatMap(({ config: { transport } }) => Object.values(transport.type === "http" ? transport.headers : transport.env));
}

async function recordOutcome(runId: string, outcome: RunOutcome, summary: RunSummary): Promise<void> {
  const { totals } = outcome;
  await db.$transaction([
    db.runNode.createMany({
      data: Object.values(summary.nodes).map((node) => ({
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
      })),
    }),
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
      },
    }),
  ]);
}
