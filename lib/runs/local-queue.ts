import type { InProcessOptions, QueuedRun, RunQueue } from "./queue";
import type { RunExecutor } from "./run-executor";

/** How many runs execute at once: in this process, and per workspace. */
export interface AdmissionLimits {
  maxActive: number;
  maxActivePerWorkspace: number;
}

const DEFAULT_MAX_ACTIVE = 100;

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number (got "${raw}").`);
  return value;
}

/**
 * `TIERFLOW_MAX_ACTIVE_RUNS` (default 100) and `TIERFLOW_WORKSPACE_MAX_ACTIVE_RUNS` (default:
 * the process cap, so a single-workspace install uses every slot; fairness between workspaces
 * comes from admitting them in turn). See e2e/perf/load-bench.ts for the measurements behind them.
 */
export function admissionLimits(env: Readonly<Record<string, string | undefined>> = process.env): AdmissionLimits {
  const maxActive = positiveInt("TIERFLOW_MAX_ACTIVE_RUNS", env.TIERFLOW_MAX_ACTIVE_RUNS, DEFAULT_MAX_ACTIVE);
  const maxActivePerWorkspace = Math.min(maxActive, positiveInt("TIERFLOW_WORKSPACE_MAX_ACTIVE_RUNS", env.TIERFLOW_WORKSPACE_MAX_ACTIVE_RUNS, maxActive));
  return { maxActive, maxActivePerWorkspace };
}

interface Waiting {
  run: QueuedRun;
  inProcess: InProcessOptions;
}

/**
 * The embedded queue: admits runs up to a cap per process and per workspace, and executes them
 * through an executor (this process's event loop, or an executor child). Over a cap a run stays
 * `queued`: first in, first out within a workspace, and workspaces with waiting runs take the
 * free slots in turn, so one busy workspace cannot starve another. The waiting list lives in
 * memory; the `queued` rows are the durable record, admitted again when the server starts.
 */
export class LocalRunQueue implements RunQueue {
  /** Waiting runs by workspace; the map's order is the turn order of workspaces. */
  private readonly waiting = new Map<string, Waiting[]>();
  /** Admitted runs (starting or executing): run id → workspace id. */
  private readonly active = new Map<string, string>();
  private readonly activePerWorkspace = new Map<string, number>();

  constructor(
    private readonly executorFor: (inProcess: InProcessOptions) => RunExecutor,
    private readonly limits: AdmissionLimits = admissionLimits(),
  ) {}

  /** Decides synchronously (callers admitting many runs in a loop keep their order), then starts. */
  async enqueue(run: QueuedRun, inProcess: InProcessOptions = {}): Promise<"queued" | "running"> {
    if (this.active.has(run.runId) || this.isWaiting(run.runId)) return this.active.has(run.runId) ? "running" : "queued";
    const line = this.waiting.get(run.workspaceId);
    if (line?.length || !this.hasSlot(run.workspaceId)) {
      if (line) line.push({ run, inProcess });
      else this.waiting.set(run.workspaceId, [{ run, inProcess }]);
      return "queued";
    }
    return (await this.admit(run, inProcess)) ? "running" : "queued";
  }

  async withdraw(runId: string): Promise<boolean> {
    for (const [workspaceId, line] of this.waiting) {
      const at = line.findIndex((entry) => entry.run.runId === runId);
      if (at < 0) continue;
      line.splice(at, 1);
      if (line.length === 0) this.waiting.delete(workspaceId);
      return true;
    }
    return false;
  }

  async counts(): Promise<{ waiting: number; active: number }> {
    let waiting = 0;
    for (const line of this.waiting.values()) waiting += line.length;
    return { waiting, active: this.active.size };
  }

  private isWaiting(runId: string): boolean {
    for (const line of this.waiting.values()) if (line.some((entry) => entry.run.runId === runId)) return true;
    return false;
  }

  private hasSlot(workspaceId: string): boolean {
    return this.active.size < this.limits.maxActive && (this.activePerWorkspace.get(workspaceId) ?? 0) < this.limits.maxActivePerWorkspace;
  }

  /** Takes the slot at once, then starts the run; the slot frees when it ends (or did not start). */
  private async admit(run: QueuedRun, inProcess: InProcessOptions): Promise<boolean> {
    this.active.set(run.runId, run.workspaceId);
    this.activePerWorkspace.set(run.workspaceId, (this.activePerWorkspace.get(run.workspaceId) ?? 0) + 1);
    try {
      const { started, done } = await this.executorFor(inProcess).execute(run.runId, inProcess);
      void done.finally(() => this.release(run));
      return started;
    } catch (error) {
      this.release(run);
      throw error;
    }
  }

  private release(run: QueuedRun): void {
    if (!this.active.delete(run.runId)) return;
    const count = (this.activePerWorkspace.get(run.workspaceId) ?? 1) - 1;
    if (count > 0) this.activePerWorkspace.set(run.workspaceId, count);
    else this.activePerWorkspace.delete(run.workspaceId);
    this.pump();
  }

  /** Fills free slots: each workspace in turn (then to the back of the line) takes its oldest waiting run. */
  private pump(): void {
    while (this.active.size < this.limits.maxActive) {
      const next = [...this.waiting.keys()].find((workspaceId) => this.hasSlot(workspaceId));
      if (next === undefined) return;
      const line = this.waiting.get(next)!;
      const { run, inProcess } = line.shift()!;
      this.waiting.delete(next);
      if (line.length > 0) this.waiting.set(next, line);
      void this.admit(run, inProcess).catch((error: unknown) => console.error(`Could not start run ${run.runId}:`, error));
    }
  }
}
