/**
 * Fixtures for the engine's tests: validated graphs, the real tool registry as a ToolHost, the
 * simulator behind the real SDK client, an injectable clock, and event-trace helpers.
 * Not part of the engine's public API.
 */
import OpenAI from "openai";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import { validateGraph, type GraphDocument } from "@/lib/graph";
import { rawEdge, rawGraph, rawNode, type RawEdge, type RawNode } from "@/lib/graph/testing";
import { createModelClient, createSimulator, DEFAULT_CATALOG, SIMULATOR_BASE_URL, type ModelCatalog, type SimulatorOptions } from "@/lib/models";
import { getTool, runTool, TOOL_NAMES, toOpenAITool } from "@/lib/tools";
import type { EngineClock, EngineContext, ProviderEndpoint, RetryPolicy, ToolHost } from "./context";
import type { EngineEvent } from "./events";
import type { RestoredRun } from "./restore";
import { runGraph, type RunOutcome } from "./run-graph";

export { rawEdge, rawNode, type RawEdge, type RawNode };

/** A graph document that passed validation (defaults applied); throws with the issues otherwise. */
export function fixtureGraph(nodes: RawNode[], edges: RawEdge[] = [], settings?: { maxConcurrency: number }): GraphDocument {
  const result = validateGraph({ ...rawGraph(nodes, edges), ...(settings ? { settings } : {}) }, { toolNames: TOOL_NAMES });
  if (!result.ok) throw new Error(`Invalid fixture graph: ${result.errors.map((e) => e.message).join("; ")}`);
  return result.graph;
}

/** The real tool registry behind the engine's ToolHost interface. */
export function registryToolHost(): ToolHost {
  return {
    definitions: (names) => names.map((name) => getTool(name)).filter((tool) => tool !== undefined).map(toOpenAITool),
    run: (name, rawArguments, signal) => runTool(name, rawArguments, { signal }),
    describe: (name) => (getTool(name) ? { server: null, name } : undefined),
  };
}

/** A clock whose sleeps return at once, recording what was asked; time advances by the sleeps. */
export function instantClock(): EngineClock & { sleeps: number[] } {
  let offset = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => Date.now() + offset,
    sleep(ms, signal) {
      if (signal.aborted) return Promise.reject(new DOMException("aborted", "AbortError"));
      sleeps.push(ms);
      offset += ms;
      return Promise.resolve();
    },
  };
}

/** The simulator behind a real SDK client whose request bodies are recorded (for checking what the engine sent). */
export function recordingClient(options: SimulatorOptions = {}): { client: OpenAI; requests: Record<string, unknown>[] } {
  const simulator = createSimulator({ ...options, speed: options.speed ?? 0, seed: options.seed ?? 1 });
  const requests: Record<string, unknown>[] = [];
  const client = new OpenAI({
    apiKey: "simulator",
    baseURL: SIMULATOR_BASE_URL,
    maxRetries: 0,
    fetch: async (input, init) => {
      if (typeof init?.body === "string") requests.push(JSON.parse(init.body) as Record<string, unknown>);
      return simulator.fetch(input, init);
    },
  });
  return { client, requests };
}

/**
 * The real SDK client on a provider that answers every call at once with the same short stream
 * (role, `text` in pieces, `stop`, usage, `[DONE]`) and reads nothing of the request. What a run
 * on it costs is the engine's own work plus the SDK's request path, which every real call pays
 * too; the simulator's planning and tokenizing are left out.
 */
export function instantClient(text: readonly string[] = ["Done."], usage = { prompt_tokens: 100, completion_tokens: 2, total_tokens: 102 }): OpenAI {
  const base = { id: "c", object: "chat.completion.chunk" as const, created: 0, model: "m" };
  const chunks: ChatCompletionChunk[] = [
    { ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] },
    ...text.map((content): ChatCompletionChunk => ({ ...base, choices: [{ index: 0, delta: { content }, finish_reason: null }] })),
    { ...base, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] },
    { ...base, choices: [], usage },
  ];
  const body = `${chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join("")}data: [DONE]\n\n`;
  const headers = { "content-type": "text/event-stream" };
  return new OpenAI({ apiKey: "instant", baseURL: "http://instant.local/v1", maxRetries: 0, fetch: async () => new Response(body, { headers }) });
}

export interface RunOptions {
  speed?: number;
  seed?: number;
  client?: OpenAI;
  catalog?: ModelCatalog;
  clock?: EngineClock;
  budgetNanoUsd?: number | null;
  retry?: Partial<RetryPolicy>;
  signal?: AbortSignal;
  tools?: ToolHost;
  /** Providers besides the default one (`client`), by id. */
  providers?: Record<string, ProviderEndpoint>;
  /** Called with each event as it is emitted. */
  onEvent?: (event: EngineEvent) => void;
  /** Resume from this state (`restoreRun` of a run's earlier events). */
  restore?: RestoredRun;
}

/** Runs a graph on the simulator (through `createModelClient`) and collects its events. */
export async function runFixture(graph: GraphDocument, input: string, options: RunOptions = {}): Promise<{ outcome: RunOutcome; events: EngineEvent[] }> {
  const events: EngineEvent[] = [];
  const client = options.client ?? createModelClient({ simulator: { speed: options.speed ?? 0, seed: options.seed ?? 1 } }).client;
  const ctx: EngineContext = {
    client,
    catalog: options.catalog ?? DEFAULT_CATALOG,
    tools: options.tools ?? registryToolHost(),
    emit: (event) => {
      events.push(event);
      options.onEvent?.(event);
    },
    signal: options.signal ?? new AbortController().signal,
    simulated: true,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.budgetNanoUsd !== undefined ? { budgetNanoUsd: options.budgetNanoUsd } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.restore ? { restore: options.restore } : {}),
    ...(options.providers ? { providers: options.providers } : {}),
  };
  const outcome = await runGraph(graph, input, ctx);
  return { outcome, events };
}

/** The events as "type node#instance.iteration" lines, deltas left out: what order assertions compare. */
export function trace(events: readonly EngineEvent[], nodeId?: string): string[] {
  return events
    .filter((e) => e.type !== "node.delta" && (nodeId === undefined || ("nodeId" in e && e.nodeId === nodeId)))
    .map((e) => ("nodeId" in e ? `${e.type} ${e.nodeId}#${e.instance}.${e.iteration}` : e.type));
}

/** Events of one type, narrowed. */
export function ofType<K extends EngineEvent["type"]>(events: readonly EngineEvent[], type: K): Extract<EngineEvent, { type: K }>[] {
  return events.filter((e): e is Extract<EngineEvent, { type: K }> => e.type === type);
}

/** Index of the first event matching, for "happens before" assertions; -1 if none. */
export function indexOf(events: readonly EngineEvent[], type: EngineEvent["type"], nodeId?: string, instance?: number): number {
  return events.findIndex(
    (e) => e.type === type && (nodeId === undefined || ("nodeId" in e && e.nodeId === nodeId)) && (instance === undefined || ("instance" in e && e.instance === instance)),
  );
}

/** Most instances of `nodeId` running at once, from its started/completed/failed events. */
export function maxSimultaneous(events: readonly EngineEvent[], nodeId?: string): number {
  let running = 0;
  let peak = 0;
  for (const e of events) {
    if (!("nodeId" in e) || (nodeId !== undefined && e.nodeId !== nodeId)) continue;
    if (e.type === "node.started") peak = Math.max(peak, ++running);
    else if (e.type === "node.completed" || e.type === "node.failed") running--;
  }
  return peak;
}
