import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import type { RunEvent } from "@/lib/engine/events";
import { RedisRunBus, runStreamKey } from "./redis-bus";

// Runs in the "scale" project, against the real redis-server e2e/services.sh started.
const url = process.env.REDIS_URL!;
const connections: Redis[] = [];
const buses: RedisRunBus[] = [];
/** A bus as one process of a deployment holds it. */
function processBus(): RedisRunBus {
  const redis = new Redis(url);
  connections.push(redis);
  const bus = new RedisRunBus(redis);
  buses.push(bus);
  return bus;
}
afterAll(async () => {
  await Promise.all(buses.map((bus) => bus.quit()));
  connections.forEach((redis) => redis.disconnect());
});

const delta = (runId: string, seq: number) => ({ type: "node.delta", runId, seq, ts: seq, nodeId: "n", instance: 0, iteration: 0, text: `t${seq}` }) as unknown as RunEvent;
const until = async (check: () => boolean, ms = 3_000) => {
  for (const start = Date.now(); !check(); ) {
    if (Date.now() - start > ms) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe("the Redis event bus", () => {
  it("streams a run executing in one process to viewers in another, from any seq, in order, without a gap or a duplicate", async () => {
    const worker = processBus();
    const web = processBus();
    const runId = `run-${Date.now()}`;
    worker.open(runId);
    for (let seq = 1; seq <= 5; seq++) worker.publish(delta(runId, seq));

    const first: number[] = [];
    const late: number[] = [];
    let ended = 0;
    web.subscribe(runId, 0, (event) => first.push(event.seq), () => ended++);
    await until(() => first.length === 5);
    // A second viewer joins the same reader mid-run, resuming after seq 3 (its Last-Event-ID).
    web.subscribe(runId, 3, (event) => late.push(event.seq), () => ended++);
    for (let seq = 6; seq <= 200; seq++) worker.publish(delta(runId, seq));
    await until(() => first.length === 200 && late.length === 197);
    expect(first).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(late).toEqual(Array.from({ length: 197 }, (_, i) => i + 4));

    const redis = connections[0];
    expect((await redis.xrange(runStreamKey(runId), "-", "+", "COUNT", 2)).map(([id]) => id)).toEqual(["1-0", "2-0"]);
    expect(worker.publishedSeq(runId)).toBe(200);
    worker.close(runId);
    await until(() => ended === 2);
    // Stored by now, so trimmed: only the end marker stays, and it expires.
    expect(await redis.xlen(runStreamKey(runId))).toBe(1);
    expect(await redis.pttl(runStreamKey(runId))).toBeGreaterThan(0);
    expect(worker.publishedSeq(runId)).toBeUndefined();
  });

  it("fills the stream with the events a killed process stored but never appended, when another resumes the run", async () => {
    const dead = processBus();
    const runId = `run-${Date.now()}-resumed`;
    dead.open(runId);
    for (let seq = 1; seq <= 3; seq++) dead.publish(delta(runId, seq));
    const web = processBus();
    const seen: number[] = [];
    web.subscribe(runId, 0, (event) => seen.push(event.seq), () => {});
    await until(() => seen.length === 3);
    // Events 4 and 5 were stored but the process died before appending them; a new one resumes.
    const resumer = processBus();
    resumer.open(runId, [1, 2, 3, 4, 5].map((seq) => delta(runId, seq)));
    resumer.publish(delta(runId, 6));
    await until(() => seen.length === 6);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("leaves the stream alone when a process that lost the run to another closes it", async () => {
    const stalled = processBus();
    const runId = `run-${Date.now()}-lost`;
    const redis = new Redis(url);
    connections.push(redis);
    stalled.open(runId);
    stalled.publish(delta(runId, 1));
    // The takeover comes a lease after the stalled process's last append, which has landed by then.
    for (const start = Date.now(); (await redis.xlen(runStreamKey(runId))) === 0; ) {
      if (Date.now() - start > 3_000) throw new Error("timed out");
    }
    const owner = processBus();
    owner.open(runId, [delta(runId, 1)]);
    owner.publish(delta(runId, 2));
    await new Promise((resolve) => setTimeout(resolve, 50));
    stalled.close(runId);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await redis.xrange(runStreamKey(runId), "-", "+")).map(([id]) => id)).toEqual(["1-0", "2-0"]);
    owner.close(runId);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await redis.xrange(runStreamKey(runId), "-", "+")).map(([id]) => id)).toEqual(["2-1"]);
  });

  it("ends a subscription at once for a run no process is executing, so the stream reads storage", async () => {
    const web = processBus();
    let ended = false;
    const started = Date.now();
    web.subscribe(`gone-${Date.now()}`, 0, () => {}, () => (ended = true));
    await until(() => ended);
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it("carries a share link's revocation to every process at once", async () => {
    const [one, other] = [processBus(), processBus()];
    const heard: string[] = [];
    other.onRevocation("link-a", () => heard.push("a"));
    const stop = other.onRevocation("link-b", () => heard.push("b"));
    stop();
    await new Promise((resolve) => setTimeout(resolve, 100)); // the subscription reaches Redis
    const revokedAt = Date.now();
    one.announceRevocation("link-a");
    one.announceRevocation("link-b");
    await until(() => heard.length > 0);
    expect(Date.now() - revokedAt).toBeLessThan(200);
    expect(heard).toEqual(["a"]);
  });
});
