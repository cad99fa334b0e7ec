import { db } from "@/lib/db";
import type { PlanSubtask, RunEvent, RunEventOf } from "@/lib/engine/events";
import { storeEventBatch, type Checkpoint } from "./run-store";

/** Events that finish an instance, charge for a call or decide a pass: stored at once, not on the timer. */
const CHECKPOINT_TYPES = new Set<string>(["node.usage", "node.completed", "node.failed", "node.skipped", "review.revise"]);

/** What goes in the same transaction as a batch of events (per-node results, running cost), if anything. */
export type CheckpointOf = (batch: readonly RunEvent[]) => Checkpoint | null;

/**
 * Writes a run's events in batches (one transaction per flush) and hands each batch to
 * `onStored` only once it is stored, so no viewer sees an event (a completion, a charge) that a
 * crash could lose. A batch is written when an instance finishes or is charged (at the end of that
 * turn of the event loop, so instances finishing together share one commit), and otherwise at
 * most `intervalMs` after its first event. Writes never overlap, and batches reach `onStored` in order.
 */
export class RunEventWriter {
  private buffer: RunEvent[] = [];
  private writing: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private checkpointDue: ReturnType<typeof setImmediate> | null = null;

  constructor(
    private readonly runId: string,
    private readonly onStored: (batch: readonly RunEvent[]) => void = () => {},
    private readonly checkpoint: CheckpointOf = () => null,
    private readonly intervalMs = 100,
  ) {}

  add(event: RunEvent): void {
    this.buffer.push(event);
    if (CHECKPOINT_TYPES.has(event.type)) this.checkpointDue ??= setImmediate(() => void this.flush());
    else this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
  }

  /** Resolves once everything added so far is stored. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.checkpointDue) {
      clearImmediate(this.checkpointDue);
      this.checkpointDue = null;
    }
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length > 0) {
      this.writing = this.writing.then(() =>
        storeEventBatch(this.runId, batch, this.checkpoint(batch)).then(
            () => this.onStored(batch),
            (error: unknown) => console.error(`Could not store events of run ${this.runId}:`, error),
          ),
      );
    }
    return this.writing;
  }
}

/** Stored events of a run with seq > `afterSeq`, in order. */
export async function readRunEvents(runId: string, afterSeq = 0, limit = 5000): Promise<RunEvent[]> {
  const rows = await db.runEvent.findMany({
    where: { runId, seq: { gt: afterSeq } },
    orderBy: { seq: "asc" },
    take: limit,
    select: { data: true },
  });
  return rows.map((row) => row.data as unknown as RunEvent);
}

/** The plans a run's planners made, in order, from its stored events up to `upToSeq`. */
export async function readRunPlans(runId: string, upToSeq: number): Promise<{ nodeId: string; plan: PlanSubtask[] }[]> {
  const rows = await db.runEvent.findMany({
    where: { runId, type: "node.completed", seq: { lte: upToSeq } },
    orderBy: { seq: "asc" },
    select: { data: true },
  });
  return rows.flatMap(({ data }) => {
    const event = data as unknown as RunEventOf<"node.completed">;
    return event.plan ? [{ nodeId: event.nodeId, plan: event.plan }] : [];
  });
}
