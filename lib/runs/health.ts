import { z } from "zod";
import { db } from "@/lib/db";
import { sharedRedis } from "@/lib/db/redis";
import { databaseProvider, databaseUrl } from "@/lib/db/url";
import { admissionLimits } from "./local-queue";
import { queueKind, runQueue } from "./queues";
import { runStreamKey } from "./redis-bus";
import { runnerMode } from "./runner";
import { runtime } from "./runtime";

/** `?detail=1` asks for the operator's view (owner or API key); without it the check is public. */
export const healthQuery = z.object({ detail: z.enum(["0", "1"]).optional() });

export const operatorHealthSchema = z.object({
  database: z.enum(["sqlite", "postgresql"]),
  bus: z.enum(["in-process", "redis"]),
  /** The caller's workspace: runs queued or running anywhere. */
  activeRuns: z.number().int(),
  /** This process. */
  executingRuns: z.number().int(),
  /**
   * Events published but not stored yet: the total, and the worst run's. This process's runs;
   * with Redis, every running run of the caller's workspace (its stream against its stored seq).
   */
  eventLag: z.object({ unstoredEvents: z.number().int(), maxPerRun: z.number().int() }),
  /**
   * The run queue: runs waiting for a worker or a slot, and runs being executed (deployment-wide
   * with BullMQ). The embedded queue also reports its caps and where runs execute.
   */
  queue: z.object({
    kind: z.enum(["embedded", "bullmq"]),
    waiting: z.number().int(),
    active: z.number().int(),
    maxActive: z.number().int().optional(),
    maxActivePerWorkspace: z.number().int().optional(),
    runner: z.enum(["inline", "process"]).optional(),
  }),
});
export type OperatorHealth = z.infer<typeof operatorHealthSchema>;

/** What an operator watches when scaling out: where runs are, and how far storage trails the live events. */
export async function operatorHealth(workspaceId: string): Promise<OperatorHealth> {
  const executing = [...runtime.active.keys()];
  const redis = runtime.bus.kind === "redis" ? sharedRedis() : null;
  const [activeRuns, stored, queue] = await Promise.all([
    db.run.count({ where: { workspaceId, status: { in: ["queued", "running"] } } }),
    db.run.findMany({
      where: redis ? { OR: [{ id: { in: executing } }, { workspaceId, status: "running" }] } : { id: { in: executing } },
      select: { id: true, lastSeq: true },
      take: 500,
    }),
    runQueue().counts(),
  ]);
  const streamed = redis ? await streamedSeqs(redis, stored.map((run) => run.id)) : new Map<string, number>();
  const lags = stored.map((run) => Math.max(0, (runtime.bus.publishedSeq(run.id) ?? streamed.get(run.id) ?? run.lastSeq) - run.lastSeq));
  return {
    database: databaseProvider(databaseUrl()),
    bus: runtime.bus.kind,
    activeRuns,
    executingRuns: executing.length,
    eventLag: { unstoredEvents: lags.reduce((sum, lag) => sum + lag, 0), maxPerRun: Math.max(0, ...lags) },
    queue: queueKind() === "bullmq" ? { kind: "bullmq", ...queue } : { kind: "embedded", ...queue, ...admissionLimits(), runner: runnerMode() },
  };
}

/** The seq last appended to each run's Redis stream (entry ids are `<seq>-0`; an end marker is `<seq>-1`). */
async function streamedSeqs(redis: NonNullable<ReturnType<typeof sharedRedis>>, runIds: readonly string[]): Promise<Map<string, number>> {
  if (runIds.length === 0) return new Map();
  const batch = redis.pipeline();
  for (const id of runIds) batch.xrevrange(runStreamKey(id), "+", "-", "COUNT", 1);
  const replies = (await batch.exec()) ?? [];
  const seqs = new Map<string, number>();
  replies.forEach(([error, entries], i) => {
    const last = !error && Array.isArray(entries) ? (entries[0] as [string, string[]] | undefined) : undefined;
    if (last) seqs.set(runIds[i], Number(last[0].split("-")[0]));
  });
  return seqs;
}
