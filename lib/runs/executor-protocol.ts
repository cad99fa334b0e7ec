import type { RunEvent } from "@/lib/engine/events";

/** What the web process tells an executor child. */
export type ToExecutor =
  | { type: "execute"; runId: string }
  /** Stop a run: a user's cancel (ends it `cancelled`), or a shutdown (checkpoint it, give its lease up). */
  | { type: "abort"; runId: string; reason: "cancel" | "shutdown"; message: string };

/** A bus call made in the child, replayed on the web process's bus. */
export type BusOp = { op: "open"; runId: string; stored: readonly RunEvent[] } | { op: "publish"; event: RunEvent } | { op: "close"; runId: string };

/** What an executor child tells the web process. Sent in batches, in order. */
export type FromExecutor =
  | { type: "ready" }
  | { type: "started"; runId: string; started: boolean; error?: string }
  | { type: "bus"; ops: BusOp[] }
  | { type: "ended"; runId: string };
