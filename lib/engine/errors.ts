/**
 * Errors the engine distinguishes. An abort (cancel or budget) is never a node failure: the run's
 * final event explains it. Everything else a node throws becomes a `NodeError` naming what failed.
 */

/** Thrown inside the engine once the run is stopping (cancelled or over budget). */
export class RunStoppedError extends Error {
  constructor() {
    super("The run was stopped");
    this.name = "AbortError";
  }
}

/** Thrown by an approval step nobody has decided yet: the scheduler stops the run at the gate. */
export class ApprovalPendingError extends Error {
  constructor(readonly nodeId: string) {
    super("Waiting for approval");
    this.name = "ApprovalPendingError";
  }
}

/** A node-level failure whose message is written for the user (no stack, no wrapping). */
export class NodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NodeError";
  }
}

/**
 * True when an error means the run is stopping. Only the run's own signal decides: a tool or
 * library that aborts internally (its own timeout) throws an AbortError that is a plain failure.
 */
export function isRunStop(error: unknown, signal: AbortSignal): boolean {
  return error instanceof RunStoppedError || signal.aborted;
}

/** A readable message for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === "string" ? error : "Unknown error";
}
