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
 * In-process event bus for runs executing in this process. A subscriber gets the history
 * after a given seq and then every new event, with no gap: both happen in the same tick.
 */
export class RunEventBus {
  private readonly live = new Map<string, LiveRun>();

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

  /** Forgets a finished run once its events are safely stored, and tells its subscribers. */
  close(runId: string): void {
    const run = this.live.get(runId);
    this.live.delete(runId);
    for (const subscriber of run?.subscribers ?? []) subscriber.onEnd();
  }
}
