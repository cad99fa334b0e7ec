/**
 * The executor child's entry (child-executor.ts forks it with `--import tsx`): executes the
 * runs the web process admits, off the web process's event loop. Its bus forwards events to the
 * web process; it renews no leases and takes nothing over (the web process does both for it,
 * under the same owner id), and it exits as soon as the web process is gone, so a killed server
 * leaves nothing executing: the next server takes the runs over through their leases.
 */
import { errorMessage } from "@/lib/engine/errors";
import type { FromExecutor, ToExecutor } from "./executor-protocol";
import { IpcRunBus } from "./ipc-bus";
import { executeRun } from "./resume";
import { runtime, SHUTDOWN } from "./runtime";

if (!process.send) throw new Error("executor-main.ts runs as a child of the web process (see child-executor.ts).");
runtime.ownerId = process.env.TIERFLOW_OWNER_ID || runtime.ownerId;

// Messages go out in order, one IPC write per turn of the event loop: a run's burst of events
// costs one message, not one per event.
let outbox: FromExecutor[] = [];
function send(message: FromExecutor): void {
  if (outbox.push(message) === 1) setImmediate(flush);
}
function flush(): void {
  const batch = outbox;
  outbox = [];
  if (process.connected) process.send!(batch);
}
runtime.bus = new IpcRunBus((op) => {
  const last = outbox.at(-1);
  if (last?.type === "bus") last.ops.push(op);
  else send({ type: "bus", ops: [op] });
});

/** Aborts that arrived while their run was still starting. */
const earlyAborts = new Map<string, Error>();

function abort(runId: string, reason: Error): void {
  const active = runtime.active.get(runId);
  if (active) active.controller.abort(reason);
  else earlyAborts.set(runId, reason);
}

async function execute(runId: string): Promise<void> {
  try {
    const started = await executeRun(runId);
    send({ type: "started", runId, started });
    const active = started ? runtime.active.get(runId) : undefined;
    if (!active) return;
    const early = earlyAborts.get(runId);
    if (early) active.controller.abort(early);
    await active.done;
    send({ type: "ended", runId });
  } catch (error) {
    send({ type: "started", runId, started: false, error: errorMessage(error) });
  } finally {
    earlyAborts.delete(runId);
  }
}

process.on("message", (message: ToExecutor) => {
  if (message.type === "execute") void execute(message.runId);
  else abort(message.runId, message.reason === "shutdown" ? SHUTDOWN : new Error(message.message));
});
// The web process decides when runs stop (drain on SIGTERM, then it exits): a signal to the
// whole process group must not stop them here first.
process.on("SIGTERM", () => {});
process.on("SIGINT", () => {});
process.on("disconnect", () => process.exit(0));
send({ type: "ready" });
