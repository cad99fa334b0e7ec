import { RunEventBus } from "./bus";

interface RunRuntime {
  bus: RunEventBus;
  /** Runs executing in this process, by id: cancelling aborts the controller. */
  active: Map<string, { controller: AbortController; done: Promise<void> }>;
}

const globalForRuns = globalThis as unknown as { tierflowRuns?: RunRuntime };

/**
 * Process-wide run state. Kept on globalThis because Next.js may load a module once per
 * route bundle: every route must see the same bus and the same active runs.
 */
export const runtime: RunRuntime = (globalForRuns.tierflowRuns ??= { bus: new RunEventBus(), active: new Map() });
