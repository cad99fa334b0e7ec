import { db, sqliteWrite } from "@/lib/db";
import type { PlanSubtask, RunEvent, RunEventOf } from "@/lib/engine/events";

/**
 * Writes a run's events in batches (one transaction per flush), so persistence costs
 * microseconds per event rather than a round trip each. Writes never overlap.
 */
export class RunEventWriter {
  private buffer: RunEvent[] = [];
  private writing: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly runId: string,
    private readonly intervalMs = 100,
  ) {}

  add(event: RunEvent): void {
    this.buffer.push(event);
    this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
  }

  /** Resolves once everything added so far is stored. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length > 0) {
      const lastSeq = batch[batch.length - 1].seq;
      this.writing = this.writing.then(() =>
        storeEventBatch(this.runId, batch, lastSeq).then(
            () => undefined,
            (error: unknown) => console.error(`Could not store events of run ${this.runId}:`, error),
          ),
      );
    }
    return this.writing;
  }
}

/**
 * One batch and the run's new lastSeq in one transaction, through prepared statements: Prisma's
 * createMany spent ~50 µs per event building the query and re-serialising the JSON.
 */
function storeEventBatch(runId: string, batch: readonly RunEvent[], lastSeq: number): Promise<void> {
  return sqliteWrite((run) => {
    for (const event of batch) run('INSERT INTO "RunEvent" ("runId", "seq", "type", "data") VALUES (?, ?, ?, ?)', runId, event.seq, event.type, JSON.stringify(event));
    run('UPDATE "Run" SET "lastSeq" = ? WHERE "id" = ?', lastSeq, runId);
  });
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
