import type { Directives } from "./directives";

/** OpenAI's error body: `{ error: { message, type, param, code } }`. */
export interface ApiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export const SIMULATED_HEADER = "x-tierflow-simulated";

/** A JSON error response in OpenAI's shape, marked as simulated. */
export function errorResponse(
  status: number,
  error: ApiErrorBody["error"],
  headers: Record<string, string> = {},
): Response {
  return Response.json({ error } satisfies ApiErrorBody, {
    status,
    headers: { [SIMULATED_HEADER]: "1", ...headers },
  });
}

export function invalidRequest(message: string, param: string | null = null, status = 400): Response {
  return errorResponse(status, { message, type: "invalid_request_error", param, code: null });
}

export function rateLimited(model: string): Response {
  return errorResponse(
    429,
    {
      message: `Rate limit reached for ${model} (simulated) on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in 1s.`,
      type: "requests",
      param: null,
      code: "rate_limit_exceeded",
    },
    { "retry-after": "1", "x-ratelimit-remaining-requests": "0" },
  );
}

export function serverError(): Response {
  return errorResponse(500, {
    message: "The server had an error while processing your request (simulated). Sorry about that!",
    type: "server_error",
    param: null,
    code: null,
  });
}

/**
 * The error a cut stream fails with: the same `TypeError("terminated")` Node's fetch raises when
 * a connection drops mid-body, so code written for real networks handles both alike.
 */
export function streamCutError(): TypeError {
  return new TypeError("terminated", { cause: new Error("simulated: connection closed mid-stream") });
}

const MAX_TRACKED = 50_000;

/** Counts per key with a size cap (oldest forgotten first), for attempts and revise rounds. */
export class Counter {
  private readonly counts = new Map<string, number>();

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  /** Increments and returns the new count. */
  bump(key: string): number {
    const n = this.get(key) + 1;
    this.counts.delete(key);
    this.counts.set(key, n);
    if (this.counts.size > MAX_TRACKED) this.counts.delete(this.counts.keys().next().value as string);
    return n;
  }
}

export type FaultKind = NonNullable<Directives["error"]>["kind"];

/** The fault to inject into this attempt of a request, if its `[sim:error=…]` directive still applies. */
export function faultForAttempt(directives: Directives, attempts: Counter, requestKey: string): FaultKind | undefined {
  if (!directives.error) return undefined;
  const attempt = attempts.bump(requestKey);
  return attempt <= directives.error.times ? directives.error.kind : undefined;
}
