import type { Redis } from "ioredis";

/**
 * Per-workspace run concurrency shared by every worker through Redis
 * (`TIERFLOW_WORKSPACE_MAX_ACTIVE_RUNS`, the same setting as the embedded queue's cap; unset,
 * no cap). Each workspace has a sorted set of the runs holding a slot, scored by when the
 * hold expires: a worker renews its runs' holds with its lease heartbeat, so the slots of a
 * worker that died free themselves after one lease.
 */
export function workspaceRunCap(env: Readonly<Record<string, string | undefined>> = process.env): number | null {
  const raw = env.TIERFLOW_WORKSPACE_MAX_ACTIVE_RUNS;
  if (raw === undefined || raw.trim() === "") return null;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`TIERFLOW_WORKSPACE_MAX_ACTIVE_RUNS must be a positive whole number (got "${raw}").`);
  return value;
}

const slotsKey = (workspaceId: string) => `tierflow:workspace:${workspaceId}:run-slots`;

// Drops expired holds, then takes (or renews) the run's hold if it has one or a slot is free.
const TAKE_SLOT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZSCORE', KEYS[1], ARGV[3]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[4]) then
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
  return 1
end
return 0`;

/** The slots of every workspace, in Redis. */
export class WorkspaceSlots {
  constructor(
    private readonly redis: Redis,
    private readonly cap: number | null,
    private readonly holdMs: number,
  ) {}

  /** Takes a slot for the run (renewing one it holds); false while the workspace is at its cap. */
  async take(workspaceId: string, runId: string, now = Date.now()): Promise<boolean> {
    if (this.cap === null) return true;
    const taken = await this.redis.eval(TAKE_SLOT, 1, slotsKey(workspaceId), now, now + this.holdMs, runId, this.cap, this.holdMs * 2);
    return taken === 1;
  }

  /** Keeps the holds of runs still executing (the lease heartbeat calls this). */
  async renew(runs: ReadonlyArray<{ workspaceId: string; runId: string }>, now = Date.now()): Promise<void> {
    if (this.cap === null || runs.length === 0) return;
    const batch = this.redis.multi();
    for (const { workspaceId, runId } of runs) batch.zadd(slotsKey(workspaceId), "XX", now + this.holdMs, runId);
    await batch.exec();
  }

  /** Frees the run's slot. */
  async release(workspaceId: string, runId: string): Promise<void> {
    if (this.cap === null) return;
    await this.redis.zrem(slotsKey(workspaceId), runId);
  }

  /** Runs holding a slot in the workspace now. */
  async held(workspaceId: string, now = Date.now()): Promise<number> {
    return this.redis.zcount(slotsKey(workspaceId), `(${now}`, "+inf");
  }
}
