import type { EngineEvent, RunEvent } from "@/lib/engine/events";

type DeltaEvent = Extract<EngineEvent, { type: "node.delta" }>;

const scopeKey = (e: { nodeId: string; instance: number; iteration: number }) => `${e.nodeId}\u0000${e.instance}\u0000${e.iteration}`;

/**
 * Numbers engine events for one run. Text deltas are coalesced per node instance for up to
 * `deltaWindowMs` (any other event flushes them first, so order is kept): a streamed answer
 * becomes a few events instead of one per token, and nothing a viewer needs is lost.
 */
export class RunEventLog {
  private seq: number;
  private readonly pending = new Map<string, DeltaEvent>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly runId: string,
    private readonly sink: (event: RunEvent) => void,
    private readonly deltaWindowMs = 25,
    startSeq = 0,
  ) {
    this.seq = startSeq;
  }

  get lastSeq(): number {
    return this.seq;
  }

  push(event: EngineEvent): void {
    if (event.type === "node.delta") {
      const key = scopeKey(event);
      const open = this.pending.get(key);
      if (open) open.text += event.text;
      else this.pending.set(key, { ...event });
      this.timer ??= setTimeout(() => this.flush(), this.deltaWindowMs);
      return;
    }
    this.flush();
    this.number(event);
  }

  /** Emits the coalesced deltas now. */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.pending.size === 0) return;
    const deltas = [...this.pending.values()];
    this.pending.clear();
    for (const delta of deltas) this.number(delta);
  }

  private number(event: EngineEvent): void {
    this.seq += 1;
    this.sink({ ...event, runId: this.runId, seq: this.seq } as RunEvent);
  }
}
