import type OpenAI from "openai";
import type { ChatCompletionTool } from "openai/resources/chat/completions";
import type { ModelCatalog } from "@/lib/models/catalog";
import type { ProviderAdapter } from "@/lib/models/providers";
import type { EngineEvent, ToolSource } from "./events";
import type { RestoredRun } from "./restore";

/** The tools a run may call: the run service backs it with the tool registry. */
export interface ToolHost {
  /** Chat Completions tool definitions for these tool names (unknown names left out). */
  definitions(names: readonly string[]): ChatCompletionTool[];
  /**
   * Runs one tool call with the model's raw JSON arguments. A failure the model should read
   * comes back as `{ ok: false }`; an abort of `signal` rejects.
   */
  run(name: string, rawArguments: string, signal: AbortSignal): Promise<{ ok: true; output: string } | { ok: false; error: string }>;
  /** Where the tool the model calls by this function name lives, for the transcript; undefined when unknown. */
  describe?(name: string): ToolSource | undefined;
}

/** Time as the engine sees it; tests inject one to check backoff without waiting. */
export interface EngineClock {
  /** Milliseconds since the epoch (event timestamps and latencies). */
  now(): number;
  /** Resolves after `ms`; rejects with an AbortError as soon as `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** How provider faults (429, 5xx, cut streams) are retried. */
export interface RetryPolicy {
  /** Attempts per model call, the first included. */
  maxAttempts: number;
  /** Backoff before the first retry; doubles each time. */
  baseDelayMs: number;
  /** Cap on the exponential backoff (a provider's Retry-After is honoured up to `MAX_RETRY_AFTER_MS`). */
  maxDelayMs: number;
}

/** One model provider a run may call: catalog models name it by id (`ModelInfo.provider`). */
export interface ProviderEndpoint {
  /** Shown in the cost panel and transcripts, e.g. "Local Ollama". */
  label: string;
  /** Read when a call goes to this provider (a getter may build it then). */
  readonly client: OpenAI;
  /** How this provider's compatibility layer differs; absent for full OpenAI compatibility. */
  adapter?: ProviderAdapter;
}

/** Everything a run needs from outside the engine. */
export interface EngineContext {
  /** The `openai` SDK client (real provider or the simulator behind its `fetch`) of the default provider: models naming none. */
  client: OpenAI;
  /** The default provider's label; "Simulator" when `simulated`, else "OpenAI". */
  providerLabel?: string;
  /** The workspace's other providers, by id. */
  providers?: Readonly<Record<string, ProviderEndpoint>>;
  catalog: ModelCatalog;
  tools: ToolHost;
  /** Receives every event, synchronously and in order; the service numbers, stores and publishes them. Must not throw. */
  emit(event: EngineEvent): void;
  /** Aborting it cancels the run: in-flight model and tool calls are aborted. */
  signal: AbortSignal;
  simulated: boolean;
  clock?: EngineClock;
  /** Spend limit in nano-USD; `null`/absent for none. */
  budgetNanoUsd?: number | null;
  retry?: Partial<RetryPolicy>;
  /** Set when resuming a run: its state from the stored events (`restoreRun`). */
  restore?: RestoredRun;
  /**
   * A listing of the documents attached to the run. Planners and nodes that work on the task
   * directly see it after the task; pool instances reach their files through the document tools.
   */
  attachments?: string;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({ maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 20_000 });

/** The longest Retry-After the engine waits for; beyond it a stalled run is worse than a failed call. */
export const MAX_RETRY_AFTER_MS = 60_000;

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error && signal.reason.name === "AbortError"
    ? signal.reason
    : new DOMException("This operation was aborted", "AbortError");
}

/** Wall-clock time with `setTimeout` sleeps. */
export const systemClock: EngineClock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    if (signal.aborted) return Promise.reject(abortReason(signal));
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortReason(signal));
      };
      const timer = setTimeout(() => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal.addEventListener("abort", onAbort, { once: true });
    });
  },
};

/** The retry policy with defaults filled in and nonsense values clamped. */
export function resolveRetryPolicy(partial: Partial<RetryPolicy> | undefined): RetryPolicy {
  const pick = (value: number | undefined, fallback: number, min: number) =>
    value !== undefined && Number.isFinite(value) ? Math.max(min, value) : fallback;
  return {
    maxAttempts: Math.floor(pick(partial?.maxAttempts, DEFAULT_RETRY_POLICY.maxAttempts, 1)),
    baseDelayMs: pick(partial?.baseDelayMs, DEFAULT_RETRY_POLICY.baseDelayMs, 0),
    maxDelayMs: pick(partial?.maxDelayMs, DEFAULT_RETRY_POLICY.maxDelayMs, 0),
  };
}
