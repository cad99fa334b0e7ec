import type { RunEvent } from "@/lib/engine/events";

type Listener = (event: RunEvent) => void;

interface Subscriber {
  onEvent: Listener;
  /** Called when the run stops being live here: read the rest from storage. */
  onEnd: () => void;
}

interface LiveRun {
  /** Every event of the run so far, in seq order: late subscribers replay from here. */
  history: RunEvent[];
  subscribers: Set<Subscriber>;
}

/**
 * How run events travel from the process executing a run to every stream showing it, and
 * how a share link's revocation reaches every open stream of it. Two implementations:
 * in-process (RunEventBus, the embedded default) and Redis Streams (RedisRunBus, with
 * REDIS_URL), picked in runtime.ts; nothing else knows which is in use.
 */
export interface RunBus {
  /** Which implementation: a class check would fail across Next's per-route bundles. */
  readonly kind: "in-process" | "redis";
  /** A run starts (or resumes, with its stored events) executing in this process. */
  open(runId: string, stored?: readonly RunEvent[]): void;
  /** Whether the run executes in this process. */
  isLive(runId: string): boolean;
  publish(event: RunEvent): void;
  /**
   * Events with seq > `afterSeq`, then every new one in order, until `onEnd` (read the rest
   * from storage). Null when this bus cannot follow the run.
   */
  subscribe(runId: string, afterSeq: number, onEvent: Listener, onEnd: () => void): (() => void) | null;
  /** The run ended here and its events are stored. */
  close(runId: string): void;
  /** The seq last published for a run executing in this process, if it is. */
  publishedSeq(runId: string): number | undefined;
  /** Tells every open stream of the share link, in every process, that it was revoked. */
  announceRevocation(linkId: string): void;
  onRevocation(linkId: string, listener: () => void): () => void;
}

/**
 * In-process event bus for runs executing in this process. A subscriber gets the history
 * after a given seq and then every new event, with no gap: both happen in the same tick.
 */
export class RunEventBus implements RunBus {
  readonly kind = "in-process";
  private readonly live = new Map<string, LiveRun>();
  private readonly revocationListeners = new Map<string, Set<() => void>>();

  /** Starts following a run; a resumed run brings its stored events, so late subscribers still get them all. */
  open(runId: string, stored: readonly RunEvent[] = []): void {
    this.live.set(runId, { history: [...stored], subscribers: new Set() });
  }

  isLive(runId: string): boolean {
    return this.live.has(runId);
  }

  publish(event: RunEvent): void {
    const run = this.live.get(event.runId);
    if (!run) return;
    run.history.push(event);
    for (const subscriber of run.subscribers) subscriber.onEvent(event);
  }

  /** Replays events with seq > `afterSeq`, then follows. Returns null if the run isn't live here. */
  subscribe(runId: string, afterSeq: number, onEvent: Listener, onEnd: () => void): (() => void) | null {
    const run = this.live.get(runId);
    if (!run) return null;
    for (const event of run.history) if (event.seq > afterSeq) onEvent(event);
    const subscriber = { onEvent, onEnd };
    run.subscribers.add(subscriber);
    return () => run.subscribers.delete(subscriber);
  }

  publishedSeq(runId: string): number | undefined {
    const run = this.live.get(runId);
    return run && (run.history.at(-1)?.seq ?? 0);
  }

  announceRevocation(linkId: string): void {
    for (const listener of this.revocationListeners.get(linkId) ?? []) listener();
  }

  onRevocation(linkId: string, listener: () => void): () => void {
    const listeners = this.revocationListeners.get(linkId) ?? new Set();
    this.revocationListeners.set(linkId, listeners.add(listener));
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.revocationListeners.delete(linkId);
    };
  }

  /** Forgets a finished run once its events are safely stored, and tells its subscribers. */
  close(runId: string): void {
    const run = this.live.get(runId);
    this.live.delete(runId);
    for (const subscriber of run?.subscribers ?? []) subscriber.onEnd();
  }
}
