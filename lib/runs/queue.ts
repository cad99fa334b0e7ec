import type { GraphDocument } from "@/lib/graph";
import type { ModelClient } from "@/lib/models";
import type { WorkspaceRunResources } from "@/lib/workspaces/run-resources";

/** A stored run (status `queued`) handed to the queue to be executed. */
export interface QueuedRun {
  runId: string;
  workspaceId: string;
}

/** What only a run executed in the process that started it can use. */
export interface InProcessOptions {
  /** A ready model client (tests and benchmarks time the simulator through it). */
  modelClient?: ModelClient;
  /**
   * The graph `startRun` checked and snapshotted into the run. Snapshots never change, so the
   * process that started the run executes this one instead of reading and checking it again.
   */
  graph?: GraphDocument;
  /**
   * The workspace's rows `startRun` checked the graph against (providers, tools, catalog): the run
   * executes with the workspace as it was when it started, as it does with the graph.
   */
  workspace?: WorkspaceRunResources;
}

/**
 * Where started runs wait for a slot and get executed. Two implementations, and nothing
 * above `lib/runs` knows which is in use: the embedded queue (this process admits runs and
 * executes them) and BullMQ (with `REDIS_URL`: web processes enqueue, `npm run worker`
 * processes execute). Either way a run is executed by `executeRun` (resume.ts), which
 * claims it through its lease and runs it from its stored events, so a fresh start and a
 * resume are one code path.
 */
export interface RunQueue {
  /** Admits a run. Answers `running` when it started at once, `queued` while it waits for a slot. */
  enqueue(run: QueuedRun, inProcess?: InProcessOptions): Promise<"queued" | "running">;
  /** Takes a run that has not started off the queue. Answers false when it was not waiting here. */
  withdraw(runId: string): Promise<boolean>;
  /** Runs waiting for a slot and runs executing, for operators. */
  counts(): Promise<{ waiting: number; active: number }>;
}
