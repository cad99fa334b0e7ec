import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { db } from "@/lib/db";
import type { FromExecutor, ToExecutor } from "./executor-protocol";
import { applyBusOps } from "./ipc-bus";
import type { Execution, RunExecutor } from "./run-executor";
import { runtime, SHUTDOWN } from "./runtime";

/** How often one run may take its executor down with it before it ends `failed` instead of resuming again. */
const MAX_CRASHES_PER_RUN = 3;

/** A run this process handed to a child: its proxy in `runtime.active`, and how to settle it. */
interface Handed {
  runId: string;
  controller: AbortController;
  crashes: number;
  /** Called with the child's answer to `execute` (every time it is sent: again after a crash). */
  onStarted: (started: boolean, error?: string) => void;
  finish: () => void;
}

// Looked up at run time: the bundler would otherwise take the forked file for a module of the
// server bundle and fail to resolve it. The child runs the source, through tsx.
const ENTRY = new Map([["executor", "lib/runs/executor-main.ts"]]);

/** The executor child's entry file, run through tsx (a TypeScript loader, no build step). */
function entryFile(): string {
  return path.resolve(process.cwd(), ENTRY.get("executor")!);
}

/** One executor child process, restarted when it dies; the runs it had are resumed in the new one. */
class ExecutorChild {
  readonly runs = new Map<string, Handed>();
  private child: ChildProcess | null = null;
  private ready: Promise<void> = Promise.resolve();
  private failuresInRow = 0;
  private stopped = false;
  /** Milliseconds from fork to the child's first message, for the log and the load bench. */
  bootMs: number | null = null;

  constructor(private readonly index: number) {
    this.spawn();
  }

  private spawn(): void {
    const forkedAt = performance.now();
    let markReady = () => {};
    this.ready = new Promise((resolve) => (markReady = resolve));
    const child = fork(/* turbopackIgnore: true */ entryFile(), [], {
      execArgv: ["--import", "tsx"],
      env: { ...process.env, TIERFLOW_OWNER_ID: runtime.ownerId, TIERFLOW_EXECUTOR_INDEX: String(this.index) },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.child = child;
    child.on("message", (batch: FromExecutor[]) => {
      for (const message of batch) {
        if (message.type === "ready") {
          this.bootMs = performance.now() - forkedAt;
          this.failuresInRow = 0;
          markReady();
        } else if (message.type === "bus") applyBusOps(runtime.bus, message.ops);
        else if (message.type === "started") this.runs.get(message.runId)?.onStarted(message.started, message.error);
        else this.runs.get(message.runId)?.finish();
      }
    });
    child.on("exit", (code, signal) => {
      if (this.child !== child || this.stopped) return;
      this.child = null;
      console.error(`Run executor ${this.index} exited (${signal ?? `code ${code}`}); resuming its ${this.runs.size} run(s) in a new one.`);
      this.failuresInRow++;
      setTimeout(() => void this.recover().catch((error: unknown) => console.error("Could not recover the run executor:", error)), Math.min(5000, 200 * 2 ** (this.failuresInRow - 1)));
    });
  }

  /** After a crash: the runs' live topics end (viewers fall back to storage), their leases are let go, and a new child resumes them. */
  private async recover(): Promise<void> {
    if (this.stopped) return;
    const handed = [...this.runs.values()];
    for (const run of handed) if (runtime.bus.isLive(run.runId)) runtime.bus.close(run.runId);
    await db.run.updateMany({ where: { id: { in: handed.map((run) => run.runId) }, ownerId: runtime.ownerId }, data: { ownerId: null, leaseExpiresAt: null } });
    this.spawn();
    for (const run of handed) {
      if (++run.crashes > MAX_CRASHES_PER_RUN) {
        await db.run.updateMany({
          where: { id: run.runId, status: { in: ["queued", "running"] } },
          data: { status: "failed", error: `Internal error: the run executor stopped ${run.crashes} times while executing this run.`, endedAt: new Date(), ownerId: null },
        });
        run.finish();
        continue;
      }
      await this.send({ type: "execute", runId: run.runId });
      if (run.controller.signal.aborted) await this.sendAbort(run);
    }
  }

  /** Resolves once the child answers (a cold start compiles the run code through tsx). */
  whenReady(): Promise<void> {
    return this.ready;
  }

  async send(message: ToExecutor): Promise<void> {
    await this.ready;
    this.child?.send(message);
  }

  sendAbort(run: Handed): Promise<void> {
    const shutdown = run.controller.signal.reason === SHUTDOWN;
    const message = run.controller.signal.reason instanceof Error ? run.controller.signal.reason.message : "Cancelled by the user.";
    return this.send({ type: "abort", runId: run.runId, reason: shutdown ? "shutdown" : "cancel", message });
  }

  /** Stops the child without resuming anything (tests; a server exiting ends it through the IPC channel anyway). */
  stop(): void {
    this.stopped = true;
    this.child?.kill("SIGKILL");
  }

  /** Kills the child as a crash would (tests of the recovery path). */
  crash(): void {
    this.child?.kill("SIGKILL");
  }
}

/**
 * Executes runs in executor child processes (`TIERFLOW_EXECUTORS` of them, default 1), so the
 * web process's event loop only admits runs, relays their events to viewers and answers
 * requests. Each run gets a proxy in this process's `runtime.active`: aborting it (a cancel, a
 * drain, a lost lease) is sent to the child, and it settles when the run has ended there.
 */
export class ChildRunExecutor implements RunExecutor {
  readonly kind = "process";
  readonly children: ExecutorChild[];

  constructor(count = executorCount()) {
    this.children = Array.from({ length: count }, (_, index) => new ExecutorChild(index));
  }

  execute(runId: string): Promise<Execution> {
    const child = this.children.reduce((least, next) => (next.runs.size < least.runs.size ? next : least));
    const controller = new AbortController();
    let settle = () => {};
    const done = new Promise<void>((resolve) => (settle = resolve));
    // Live here from the hand-over: a viewer connecting before the child starts the run follows
    // it at once instead of polling storage. (A Redis bus follows any run already.)
    const preOpened = runtime.bus.kind === "in-process";
    return new Promise<Execution>((resolve) => {
      const run: Handed = {
        runId,
        controller,
        crashes: 0,
        finish: () => {
          if (!child.runs.delete(runId)) return;
          // Opened below: a run the child never started (or that ended there without closing) closes here.
          if (preOpened && runtime.bus.isLive(runId)) runtime.bus.close(runId);
          if (runtime.active.get(runId)?.done === done) runtime.active.delete(runId);
          settle();
        },
        onStarted: (started, error) => {
          if (error) console.error(`The run executor could not start run ${runId}: ${error}`);
          if (!started) run.finish();
        },
      };
      child.runs.set(runId, run);
      runtime.active.set(runId, { controller, done });
      if (preOpened) runtime.bus.open(runId);
      controller.signal.addEventListener("abort", () => void child.sendAbort(run), { once: true });
      void child.send({ type: "execute", runId });
      // Admitted and handed over: the child claims it (a run cancelled meanwhile just ends
      // there). Not waiting for that keeps POST /runs off the child's load.
      resolve({ started: true, done });
    });
  }

  stop(): void {
    for (const child of this.children) child.stop();
  }
}

/** `TIERFLOW_EXECUTORS`: how many executor children share the runs (default 1). */
export function executorCount(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const raw = env.TIERFLOW_EXECUTORS?.trim();
  if (!raw) return 1;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1) throw new Error(`TIERFLOW_EXECUTORS must be a positive whole number (got "${raw}").`);
  return count;
}
