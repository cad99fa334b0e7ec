import type { ModelCatalog } from "@/lib/models/catalog";
import { BudgetGuard } from "./budget";
import { resolveRetryPolicy, systemClock, type EngineClock, type EngineContext, type RetryPolicy, type ToolHost } from "./context";
import { ProviderRoutes } from "./provider-routes";
import type { EngineEvent } from "./events";
import { RunLedger } from "./ledger";
import type { RestoredRun } from "./restore";
import { Semaphore } from "./semaphore";

/** Why a run stopped early, if it did. */
export type StopReason = "cancelled" | "budget_exceeded";

/** A child abort signal of the run, released when the work it guards ends. */
export interface AbortLease {
  signal: AbortSignal;
  release(): void;
}

/** A model call whose request went out and whose usage is not recorded yet. */
export interface OpenCall {
  /** Records its usage (reported, else estimated) and stops watching it; a no-op the second time. */
  settle(): void;
}

/** Distributes an event of type K without its timestamp (the runtime stamps it). */
type Unstamped<E> = E extends unknown ? Omit<E, "ts"> : never;
export type EngineEventBody = Unstamped<EngineEvent>;

/** What every part of the engine shares during one run. */
export interface RunRuntime {
  /** Which provider serves each model call, each with its own rate-limit pause. */
  providers: ProviderRoutes;
  catalog: ModelCatalog;
  tools: ToolHost;
  clock: EngineClock;
  retry: RetryPolicy;
  /** The run's task text. */
  input: string;
  /** The task with the attached documents' listing, for planners and single nodes. */
  inputWithAttachments: string;
  /** Stamps (in place: pass a fresh object) and forwards an event; dropped once the run's final event went out. */
  emit(event: EngineEventBody): void;
  /** Aborted when the run stops (cancel or budget). */
  signal: AbortSignal;
  /** Why `signal` aborted, once it has. */
  readonly stopReason: StopReason | null;
  /** A child of `signal` for one model call, tool call or wait (one listener on the run signal in total). */
  lease(): AbortLease;
  /** The run-wide limit on concurrent model calls (`settings.maxConcurrency`). */
  modelSlots: Semaphore;
  budget: BudgetGuard;
  ledger: RunLedger;
  /** A resumed run's state from its log; null for a fresh run. */
  restored: RestoredRun | null;
  /** Calls in flight, which the calls add and remove themselves. */
  openCalls: Set<OpenCall>;
  /** Settles every call still open: a stopped run's final event must include what they spent. */
  settleOpenCalls(): void;
  /** Stops emitting: called right after the final event. */
  close(): void;
}

/** Builds the runtime of one run from the service's context. */
export function createRuntime(ctx: EngineContext, input: string, maxConcurrency: number): RunRuntime {
  const clock = ctx.clock ?? systemClock;
  const stop = new AbortController();
  const children = new Set<AbortController>();
  let stopReason: StopReason | null = null;
  let closed = false;

  const halt = (reason: StopReason) => {
    if (stop.signal.aborted) return;
    stopReason = reason;
    stop.abort(new DOMException(reason === "cancelled" ? "The run was cancelled" : "The run's budget was reached", "AbortError"));
  };
  stop.signal.addEventListener(
    "abort",
    () => {
      for (const child of children) child.abort(stop.signal.reason);
      children.clear();
    },
    { once: true },
  );
  const onCancel = () => halt("cancelled");
  if (ctx.signal.aborted) onCancel();
  else ctx.signal.addEventListener("abort", onCancel, { once: true });

  const budgetLimit = ctx.budgetNanoUsd ?? null;
  const openCalls = new Set<OpenCall>();
  const budget = new BudgetGuard(budgetLimit, () => halt("budget_exceeded"));
  const ledger = new RunLedger();
  // A resumed run's earlier calls were billed: they count once, in the totals and against the budget.
  for (const priced of ctx.restore?.spend ?? []) {
    ledger.record(priced);
    budget.commit(priced.costNanoUsd);
  }
  return {
    providers: new ProviderRoutes(ctx),
    catalog: ctx.catalog,
    tools: ctx.tools,
    clock,
    retry: resolveRetryPolicy(ctx.retry),
    input,
    inputWithAttachments: ctx.attachments ? `${input}\n\n${ctx.attachments}` : input,
    emit(event) {
      if (closed) return;
      // Callers hand over a fresh object: stamping it in place saves a copy per streamed delta.
      const stamped = event as EngineEvent;
      stamped.ts = clock.now();
      ctx.emit(stamped);
    },
    signal: stop.signal,
    get stopReason() {
      return stopReason;
    },
    lease() {
      const controller = new AbortController();
      if (stop.signal.aborted) controller.abort(stop.signal.reason);
      else children.add(controller);
      return { signal: controller.signal, release: () => children.delete(controller) };
    },
    modelSlots: new Semaphore(maxConcurrency),
    budget,
    ledger,
    restored: ctx.restore ?? null,
    openCalls,
    settleOpenCalls() {
      for (const call of [...openCalls]) call.settle();
    },
    close() {
      closed = true;
      ctx.signal.removeEventListener("abort", onCancel);
    },
  };
}
