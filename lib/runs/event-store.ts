import { db } from "@/lib/db";
import type { PlanSubtask, RunEvent, RunEventOf } from "@/lib/engine/events";
import { RunNotOwnedError, storeEventBatch, type Checkpoint } from "./run-store";

/** What goes in the same transaction as a batch of events (per-node results, running cost), if anything. */
export type CheckpointOf = (batch: readonly RunEvent[]) => Checkpoint | null;

/**
 * Writes a run's events in batches (one transaction per flush) and hands each batch to
 * `onStored` only once it is stored, so no viewer sees an event (a completion, a charge) that a
 * crash could lose. Group commit: events are written at the end of the turn of the event loop
 * that added them, or, while a write is under way, all together as soon as it is done. A viewer
 * so waits for at most about two commits, never for a timer (deltas are already coalesced
 * upstream, see RunEventLog), and a busy run still writes few, large batches. Writes never
 * overlap, and batches reach `onStored` in order.
 */
export class RunEventWriter {
  private buffer: RunEvent[] = [];
  private writing: Promise<void> | null = null;
  private due: ReturnType<typeof setImmediate> | null = null;

  constructor(
    private readonly runId: string,
    private readonly onStored: (batch: readonly RunEvent[]) => void = () => {},
    private readonly checkpoint: CheckpointOf = () => null,
  ) {}

  add(event: RunEvent): void {
    this.buffer.push(event);
    // While a write is under way, its end writes what came meanwhile.
    if (!this.writing) this.due ??= setImmediate(() => this.write());
  }

  /** Resolves once everything added so far is stored. */
  async flush(): Promise<void> {
    if (this.due) {
      clearImmediate(this.due);
      this.due = null;
    }
    if (!this.writing) this.write();
    // Each write starts the next one for what came meanwhile, until the buffer is empty.
    while (this.writing) await this.writing;
  }

  private write(): void {
    this.due = null;
    if (this.writing || this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    this.writing = this.store(batch).finally(() => {
      this.writing = null;
      this.write();
    });
  }

  /**
   * Stores one batch, retrying a failed write (a busy or briefly unreachable database) with
   * back-off before anything after it, so the log never gets a hole. A write refused because the
   * seqs are already stored, or because this process no longer owns the run, is not retried:
   * another owner has the run, and this one stops when its heartbeat sees that.
   */
  private async store(batch: readonly RunEvent[]): Promise<void> {
    const checkpoint = this.checkpoint(batch);
    for (let attempt = 0; ; attempt++) {
      try {
        await storeEventBatch(this.runId, batch, checkpoint);
        this.onStored(batch);
        return;
      } catch (error) {
        if (attempt >= WRITE_RETRIES || ownedElsewhere(error)) {
          console.error(`Could not store events ${batch[0].seq}–${batch[batch.length - 1].seq} of run ${this.runId}:`, error);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      }
    }
  }
}

/** Attempts after the first: back-off from 50 ms doubling, about 25 s in all. */
const WRITE_RETRIES = 9;

/** A refused fence, or Prisma's "unique constraint" (the seqs are stored already) and "record not found" (the fenced update: not the owner). */
function ownedElsewhere(error: unknown): boolean {
  if (error instanceof RunNotOwnedError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return code === "P2002" || code === "P2025" || (typeof code === "string" && code.startsWith("SQLITE_CONSTRAINT"));
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
