import { APIConnectionError, APIError } from "openai";
import { MAX_RETRY_AFTER_MS, type RetryPolicy } from "./context";
import { errorMessage } from "./errors";

/** How a failed model-call attempt should be handled. */
export interface Fault {
  retryable: boolean;
  /** The provider's message, shown in `node.retry` and in the node's error. */
  reason: string;
  /** The wait the provider asked for (Retry-After / retry-after-ms), if any. */
  retryAfterMs: number | null;
  /** A 429: the provider's limit, which its other calls share. */
  rateLimited?: true;
}

function headerDelayMs(headers: Headers | undefined, now: number): number | null {
  if (!headers) return null;
  const ms = Number.parseFloat(headers.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get("retry-after");
  if (!value) return null;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}

/**
 * The first error along the cause chain that says retrying cannot help (`retryable: false`),
 * such as the outbound guard refusing a private address before any request was sent.
 */
function permanentCause(error: unknown): Error | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if ((current as { retryable?: unknown }).retryable === false) return current;
  }
  return undefined;
}

/**
 * Classifies an attempt's error. Rate limits (429), server errors (5xx), dropped connections and
 * streams that break mid-way are transient; any other 4xx (bad request, auth, unknown model), a
 * connection refused by policy, and anything else is not. `midStream` marks errors thrown while
 * reading an already-open stream.
 */
export function classifyFault(error: unknown, midStream: boolean, now: number): Fault {
  const permanent = permanentCause(error);
  // The SDK reports it as a bare "Connection error."; the cause's own words say why.
  if (permanent) return { retryable: false, reason: errorMessage(permanent), retryAfterMs: null };
  if (error instanceof APIError && typeof error.status === "number") {
    const status = error.status;
    const retryable = status === 429 || status >= 500;
    return { retryable, reason: errorMessage(error), retryAfterMs: retryable ? headerDelayMs(error.headers, now) : null, ...(status === 429 ? { rateLimited: true as const } : {}) };
  }
  if (error instanceof APIConnectionError || midStream) {
    const reason = midStream ? `Stream interrupted: ${errorMessage(error)}` : errorMessage(error);
    return { retryable: true, reason, retryAfterMs: null };
  }
  return { retryable: false, reason: errorMessage(error), retryAfterMs: null };
}

/**
 * The wait before retry number `retry` (1 for the first): the provider's Retry-After when it gave
 * one (capped at `MAX_RETRY_AFTER_MS`), else exponential backoff from `baseDelayMs`, capped at
 * `maxDelayMs`, with ±20% jitter so parallel instances do not retry in lockstep.
 */
export function retryDelayMs(policy: RetryPolicy, retry: number, retryAfterMs: number | null, random: () => number = Math.random): number {
  if (retryAfterMs !== null) return Math.round(Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(Math.min(policy.maxDelayMs, exponential * (0.8 + 0.4 * random())));
}
