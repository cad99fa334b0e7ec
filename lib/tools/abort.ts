/** True for the errors `fetch`, `node:http` and `AbortSignal` raise when an operation is aborted. */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}

/**
 * The error to throw once `signal` has aborted: the caught error if it already is an
 * AbortError, else the signal's own AbortError reason, else a fresh AbortError.
 */
export function abortErrorFrom(signal: AbortSignal, caught?: unknown): Error {
  if (isAbortError(caught)) return caught as Error;
  if (isAbortError(signal.reason)) return signal.reason as Error;
  const reason = signal.reason instanceof Error ? signal.reason.message : "The operation was aborted";
  return new DOMException(reason, "AbortError");
}
