import type { RunEvent } from "@/lib/engine/events";
import type { RunBus } from "./bus";
import type { BusOp } from "./executor-protocol";

/**
 * The bus inside an executor child: every open, publish and close is forwarded to the web
 * process, whose own bus serves the viewers. The durability rule holds unchanged: execute.ts
 * publishes an event only once it is stored, so the child has stored it before sending it.
 * Viewers never subscribe in the child, so following and revocations are not served here.
 */
export class IpcRunBus implements RunBus {
  readonly kind = "in-process";
  private readonly live = new Map<string, number>();

  constructor(private readonly forward: (op: BusOp) => void) {}

  open(runId: string, stored: readonly RunEvent[] = []): void {
    this.live.set(runId, stored.at(-1)?.seq ?? 0);
    this.forward({ op: "open", runId, stored });
  }

  isLive(runId: string): boolean {
    return this.live.has(runId);
  }

  publish(event: RunEvent): void {
    if (!this.live.has(event.runId)) return;
    this.live.set(event.runId, event.seq);
    this.forward({ op: "publish", event });
  }

  subscribe(): null {
    return null;
  }

  close(runId: string): void {
    this.live.delete(runId);
    this.forward({ op: "close", runId });
  }

  publishedSeq(runId: string): number | undefined {
    return this.live.get(runId);
  }

  announceRevocation(): void {}

  onRevocation(): () => void {
    return () => {};
  }
}

/** Replays a child's bus calls on this process's bus. */
export function applyBusOps(bus: RunBus, ops: readonly BusOp[]): void {
  for (const op of ops) {
    if (op.op === "publish") bus.publish(op.event);
    else if (op.op === "open") openOrCatchUp(bus, op.runId, op.stored);
    else bus.close(op.runId);
  }
}

/**
 * The web process opens a run's topic when it hands the run over (child-executor.ts), so a
 * viewer who connects before the child has started follows it live. The child's own open then
 * brings only a resume's stored events, published to those viewers after what they have.
 */
function openOrCatchUp(bus: RunBus, runId: string, stored: readonly RunEvent[]): void {
  if (!bus.isLive(runId)) return bus.open(runId, stored);
  const seen = bus.publishedSeq(runId) ?? 0;
  for (const event of stored) if (event.seq > seen) bus.publish(event);
}
