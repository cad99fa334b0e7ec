import { z } from "zod";
import { db } from "@/lib/db";
import { databaseProvider, databaseUrl } from "@/lib/db/url";
import { admissionLimits } from "./local-queue";
import { runQueue } from "./queues";
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
  /** Events published by this process's runs but not stored yet: the total, and the worst run's. */
  eventLag: z.object({ unstoredEvents: z.number().int(), maxPerRun: z.number().int() }),
  /** This process's run queue: runs waiting for a slot, runs admitted, the caps, and where runs execute. */
  queue: z.object({
    waiting: z.number().int(),
    active: z.number().int(),
    maxActive: z.number().int(),
    maxActivePerWorkspace: z.number().int(),
    runner: z.enum(["inline", "process"]),
  }),
});
export type OperatorHealth = z.infer<typeof operatorHealthSchema>;

/** What an operator watches when scaling out: where runs are, and how far storage trails the live events. */
export async function operatorHealth(workspaceId: string): Promise<OperatorHealth> {
  const executing = [...runtime.active.keys()];
  const [activeRuns, stored, counts] = await Promise.all([
    db.run.count({ where: { workspaceId, status: { in: ["queued", "running"] } } }),
    db.run.findMany({ where: { id: { in: executing } }, select: { id: true, lastSeq: true } }),
    runQueue().counts(),
  ]);
  const lags = stored.map((run) => Math.max(0, (runtime.bus.publishedSeq(run.id) ?? run.lastSeq) - run.lastSeq));
  return {
    database: databaseProvider(databaseUrl()),
    bus: runtime.bus.kind,
    activeRuns,
    executingRuns: executing.length,
    eventLag: { unstoredEvents: lags.reduce((sum, lag) => sum + lag, 0), maxPerRun: Math.max(0, ...lags) },
    queue: { ...counts, ...admissionLimits(), runner: runnerMode() },
  };
}
