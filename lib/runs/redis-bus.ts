import type { Redis } from "ioredis";
import type { RunEvent } from "@/lib/engine/events";
import { RunEventBus, type RunBus } from "./bus";

/** One stream per run; entry ids are `<seq>-0`, so `Last-Event-ID` is a stream position. */
export const runStreamKey = (runId: string) => `tierflow:run:${runId}:events`;
const REVOCATIONS = "tierflow:share-link-revoked";
const BLOCK_MS = 1_000;
const READ_COUNT = 1_000;
/** How long the end marker outlives a finished run, for readers still on their way. */
const END_TTL_MS = 60_000;
/** Stored events a resuming process offers to its run's stream; only those after the stream's last entry are added. */
const BACKFILL = 500;
// Trims the stream to an end marker, unless another process appended after this one's last
// event: it took the run over (this one stalled past its lease), and its readers need the stream.
const CLOSE_SCRIPT = `
local top = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
if #top > 0 and tonumber(string.match(top[1][1], '^(%d+)')) > tonumber(ARGV[1]) then return 0 end
redis.call('XTRIM', KEYS[1], 'MAXLEN', 0)
redis.call('XADD', KEYS[1], ARGV[1] .. '-1', 'end', '1')
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;
// A process killed between storing events and appending them left the stream short of the log:
// the resuming process appends the missing ones first, so readers following the stream see no gap.
const BACKFILL_SCRIPT = `
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
if #last == 0 then return 0 end
local lastSeq = tonumber(string.match(last[1][1], '^(%d+)'))
local added = 0
for i = 1, #ARGV, 2 do
  if tonumber(ARGV[i]) > lastSeq then
    redis.call('XADD', KEYS[1], ARGV[i] .. '-0', 'e', ARGV[i + 1])
    added = added + 1
  end
end
return added`;

type Listener = (event: RunEvent) => void;

interface RemoteSubscriber {
  onEvent: Listener;
  onEnd: () => void;
  last: number;
  /** Live events held back while this subscriber catches up from the stream. */
  pending: RunEvent[] | null;
}

/** Follows one run's stream for every subscriber in this process, on its own connection (XREAD blocks it). */
interface StreamReader {
  subscribers: Set<RemoteSubscriber>;
  connection: Redis;
}

/**
 * Run events through Redis Streams, so any web process can stream a run executing in any
 * other. Runs executing here still reach local subscribers from memory; every event is also
 * appended to the run's stream. When the run closes (its events stored, the database being
 * the record) the stream is trimmed to an end marker that expires, and readers fall back to
 * storage. Revocations travel on a pub/sub channel.
 */
export class RedisRunBus implements RunBus {
  readonly kind = "redis";
  private readonly local = new RunEventBus();
  private readonly executing = new Map<string, number>();
  private readonly readers = new Map<string, StreamReader>();
  private revocations: Redis | undefined;

  constructor(private readonly redis: Redis) {}

  open(runId: string, stored: readonly RunEvent[] = []): void {
    this.local.open(runId, stored);
    this.executing.set(runId, stored.at(-1)?.seq ?? 0);
    // Sent before any new event on the same connection, so the stream stays in seq order.
    if (stored.length > 0) {
      const tail = stored.slice(-BACKFILL).flatMap((event) => [String(event.seq), JSON.stringify(event)]);
      this.redis.eval(BACKFILL_SCRIPT, 1, runStreamKey(runId), ...tail).catch(report("catch up the stream on"));
    }
  }

  isLive(runId: string): boolean {
    return this.local.isLive(runId);
  }

  publish(event: RunEvent): void {
    this.local.publish(event);
    if (!this.executing.has(event.runId)) return;
    this.executing.set(event.runId, event.seq);
    this.redis.xadd(runStreamKey(event.runId), `${event.seq}-0`, "e", JSON.stringify(event)).catch(report("append to"));
  }

  subscribe(runId: string, afterSeq: number, onEvent: Listener, onEnd: () => void): (() => void) | null {
    const here = this.local.subscribe(runId, afterSeq, onEvent, onEnd);
    if (here) return here;
    const subscriber: RemoteSubscriber = { onEvent, onEnd, last: afterSeq, pending: null };
    const existing = this.readers.get(runId);
    if (existing) {
      subscriber.pending = [];
      existing.subscribers.add(subscriber);
      void this.catchUp(runId, subscriber, existing);
    } else {
      const reader: StreamReader = { subscribers: new Set([subscriber]), connection: this.redis.duplicate() };
      this.readers.set(runId, reader);
      void this.follow(runId, reader, `${afterSeq}-0`);
    }
    return () => {
      const reader = this.readers.get(runId);
      if (!reader?.subscribers.delete(subscriber) || reader.subscribers.size > 0) return;
      this.readers.delete(runId);
      reader.connection.disconnect();
    };
  }

  close(runId: string): void {
    const last = this.executing.get(runId);
    this.executing.delete(runId);
    this.local.close(runId);
    if (last === undefined) return;
    this.redis.eval(CLOSE_SCRIPT, 1, runStreamKey(runId), String(last), END_TTL_MS).catch(report("trim"));
  }

  publishedSeq(runId: string): number | undefined {
    return this.executing.get(runId);
  }

  announceRevocation(linkId: string): void {
    this.local.announceRevocation(linkId);
    this.redis.publish(REVOCATIONS, linkId).catch(report("announce a revocation on"));
  }

  onRevocation(linkId: string, listener: () => void): () => void {
    if (!this.revocations) {
      this.revocations = this.redis.duplicate();
      this.revocations.on("message", (_channel: string, revoked: string) => this.local.announceRevocation(revoked));
      this.revocations.subscribe(REVOCATIONS).catch(report("listen for revocations on"));
    }
    return this.local.onRevocation(linkId, listener);
  }

  /** Releases the connections (tests; a process exiting needs nothing). */
  async quit(): Promise<void> {
    for (const reader of this.readers.values()) reader.connection.disconnect();
    this.readers.clear();
    this.revocations?.disconnect();
  }

  private async follow(runId: string, reader: StreamReader, from: string): Promise<void> {
    const key = runStreamKey(runId);
    let position = from;
    try {
      while (this.readers.get(runId) === reader) {
        const read = await reader.connection.xread("COUNT", READ_COUNT, "BLOCK", BLOCK_MS, "STREAMS", key, position);
        if (!read) {
          // Nothing for a while and no stream: the run is not executing (yet, or any more).
          if (!(await this.redis.exists(key))) return this.end(runId, reader);
          continue;
        }
        for (const [id, fields] of read[0][1]) {
          position = id;
          if (fields[0] === "end") return this.end(runId, reader);
          const event = JSON.parse(fields[1]) as RunEvent;
          for (const subscriber of reader.subscribers) {
            if (subscriber.pending) subscriber.pending.push(event);
            else deliver(subscriber, event);
          }
        }
      }
    } catch (error) {
      // A disconnect from the last unsubscribe ends the read on purpose.
      if (this.readers.get(runId) === reader) {
        report("read")(error);
        this.end(runId, reader);
      }
    }
  }

  /** A subscriber joining a reader already under way first reads what it missed from the stream. */
  private async catchUp(runId: string, subscriber: RemoteSubscriber, reader: StreamReader): Promise<void> {
    try {
      const entries = await this.redis.xrange(runStreamKey(runId), `(${subscriber.last}-0`, "+");
      for (const [, fields] of entries) {
        if (fields[0] === "end") break;
        deliver(subscriber, JSON.parse(fields[1]) as RunEvent);
      }
    } catch (error) {
      report("read")(error);
    }
    const held = subscriber.pending ?? [];
    subscriber.pending = null;
    if (reader.subscribers.has(subscriber)) for (const event of held) deliver(subscriber, event);
  }

  private end(runId: string, reader: StreamReader): void {
    if (this.readers.get(runId) === reader) this.readers.delete(runId);
    reader.connection.disconnect();
    for (const subscriber of reader.subscribers) subscriber.onEnd();
  }
}

function deliver(subscriber: RemoteSubscriber, event: RunEvent): void {
  if (event.seq <= subscriber.last) return;
  subscriber.last = event.seq;
  subscriber.onEvent(event);
}

function report(what: string) {
  return (error: unknown) => console.error(`Could not ${what} Redis:`, error);
}
