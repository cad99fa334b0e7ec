import { getRoleDefinition, type GraphDocument, type Role, type Tier } from "@/lib/graph";
import { resolveModel, type ModelCatalog } from "@/lib/models/catalog";
import { ZERO_USAGE, type Usage } from "@/lib/models/cost";
import type { ApprovalDecider, ApprovalUpstream, NodeStatus, RunEvent, RunStatus, RunTotals } from "./events";

/**
 * The state of a run folded from its events: a pure function shared by the server (per-node
 * results, `GET /runs/:id`) and the browser store, so both read a run the same way.
 */

/**
 * One node's state in a run. Usage and cost sum every instance and pass. The run view's
 * figures have one definition each, here: `instances`, `calls`, `wallMs` and `summedMs`
 * (read live ones through `nodeTimes`).
 */
export interface NodeSummary {
  nodeId: string;
  label: string;
  role: Role;
  tier: Tier;
  model: string;
  status: NodeStatus;
  /** Instances started over every pass: one per subtask (1 for a single node) per pass, as the transcript lists them. */
  instances: number;
  /** Of the current pass. */
  instancesRunning: number;
  instancesDone: number;
  /** Pool executors: instances the current pass runs; null for a single-instance node. */
  poolSize: number | null;
  /** The current pass (0 first; +1 each time a reviewer sends the node back). */
  iteration: number;
  usage: Usage;
  /** Null only when every call was unpriced; with some unpriced it is a lower bound. */
  costNanoUsd: number | null;
  costComplete: boolean;
  /** Model calls reported (`node.usage` events), and how many of them were unpriced. */
  calls: number;
  unpricedCalls: number;
  /** Calls whose usage is estimated (the provider reported none: stopped, cut off, retried); included in `usage` and the cost. */
  estimatedCalls: number;
  /** Wall time: how long at least one instance was running (parallel instances count once, idle gaps not at all). */
  wallMs: number;
  /** Summed time: every instance's start → end, added up; above `wallMs` when instances ran in parallel. */
  summedMs: number;
  /** When `wallMs` and `summedMs` were last brought up to date (the last start or end). */
  timedAt: number | null;
  startedAt: number | null;
  endedAt: number | null;
  output: string | null;
  /** Why the node failed or was skipped. */
  error: string | null;
}

/** Spend on one model of one provider, over every node that called it. */
export interface SpendLine {
  provider: string;
  model: string;
  calls: number;
  usage: Usage;
  /** Null only when every call was unpriced; with some unpriced it is a lower bound. */
  costNanoUsd: number | null;
  unpricedCalls: number;
  /** The same tokens priced on the run's flagship tier, whatever vendor that is. */
  baselineNanoUsd: number;
}

/** An approval step reached in the run (its latest pass): what it shows, and its decision once made. */
export interface ApprovalSummary {
  nodeId: string;
  iteration: number;
  label: string;
  upstream: ApprovalUpstream[];
  /** What goes downstream if approved as it is. */
  text: string;
  requestedAt: number;
  /** When the step's timeout decides `onTimeout`; null without one. */
  deadline: number | null;
  onTimeout: "approve" | "reject";
  decision: { decision: "approve" | "reject"; text: string; edited: boolean; comment: string | null; by: ApprovalDecider | null; timedOut: boolean; decidedAt: number } | null;
}

export interface RunSummary {
  status: RunStatus;
  /** Approval steps reached, by node id; a person decides those with no `decision` while the run is `waiting`. */
  approvals: Record<string, ApprovalSummary>;
  nodes: Record<string, NodeSummary>;
  /** Spend by provider and model, keyed `provider · model`, in the order first called. */
  spend: Record<string, SpendLine>;
  totals: RunTotals | null;
  output: string | null;
  approved: boolean | null;
  error: string | null;
  /** `seq` of the last event folded in; events at or below it are ignored. */
  lastSeq: number;
}

/** The summary of a run that has not started: every node `waiting`. */
export function createRunSummary(graph: GraphDocument, catalog: ModelCatalog): RunSummary {
  const nodes: Record<string, NodeSummary> = {};
  for (const node of graph.nodes) {
    nodes[node.id] = {
      nodeId: node.id,
      label: node.label,
      role: node.role,
      tier: node.tier,
      model: getRoleDefinition(node.role).usesModel ? resolveModel(catalog, node.tier, node.model).id : "",
      status: "waiting",
      instances: 0,
      instancesRunning: 0,
      instancesDone: 0,
      poolSize: null,
      iteration: 0,
      usage: { ...ZERO_USAGE },
      costNanoUsd: 0,
      costComplete: true,
      calls: 0,
      unpricedCalls: 0,
      estimatedCalls: 0,
      wallMs: 0,
      summedMs: 0,
      timedAt: null,
      startedAt: null,
      endedAt: null,
      output: null,
      error: null,
    };
  }
  return { status: "queued", approvals: {}, nodes, spend: {}, totals: null, output: null, approved: null, error: null, lastSeq: 0 };
}

/**
 * The saving against the flagship baseline. It counts only for work that succeeds: a succeeded
 * run's, or a running one's so far; a run that failed, was cancelled, hit its budget or was
 * interrupted has none (null), only its spend.
 */
export function savingNanoUsd(status: RunStatus, costNanoUsd: number, baselineNanoUsd: number): number | null {
  if (status !== "succeeded" && status !== "running" && status !== "queued") return null;
  return Math.max(0, baselineNanoUsd - costNanoUsd);
}

/** Folds one event into a new summary (the input is not modified). Replayed events (`seq ≤ lastSeq`) change nothing. */
export function applyRunEvent(summary: RunSummary, event: RunEvent): RunSummary {
  return foldRunEvents(summary, [event]);
}

/** Folds many events at once, copying each touched node once: the fast path for replays. */
export function foldRunEvents(summary: RunSummary, events: readonly RunEvent[]): RunSummary {
  const draft = new Draft(summary);
  for (const event of events) {
    if (event.seq <= draft.run.lastSeq) continue;
    draft.run.lastSeq = event.seq;
    applyToDraft(draft, event);
  }
  return draft.finish();
}

/** A copy-on-write working copy: the run object and each node are copied on first change. */
class Draft {
  readonly run: RunSummary;
  private nodesCopied = false;
  private spendCopied = false;
  private readonly copied = new Set<string>();
  private readonly spendTouched = new Set<string>();

  constructor(private readonly base: RunSummary) {
    this.run = { ...base };
  }

  node(id: string): NodeSummary | undefined {
    const current = this.run.nodes[id];
    if (!current) return undefined;
    if (this.copied.has(id)) return current;
    if (!this.nodesCopied) {
      this.run.nodes = { ...this.base.nodes };
      this.nodesCopied = true;
    }
    const copy = { ...current, usage: { ...current.usage } };
    this.run.nodes[id] = copy;
    this.copied.add(id);
    return copy;
  }

  /** The spend line of a provider's model, created on its first call. */
  spendLine(provider: string, model: string): SpendLine {
    const key = `${provider} · ${model}`;
    if (!this.spendCopied) {
      this.run.spend = { ...this.base.spend };
      this.spendCopied = true;
    }
    const current = this.run.spend[key];
    if (this.spendTouched.has(key)) return current;
    this.spendTouched.add(key);
    const line = current
      ? { ...current, usage: { ...current.usage } }
      : { provider, model, calls: 0, usage: { ...ZERO_USAGE }, costNanoUsd: null, unpricedCalls: 0, baselineNanoUsd: 0 };
    this.run.spend[key] = line;
    return line;
  }

  allNodeIds(): string[] {
    return Object.keys(this.run.nodes);
  }

  finish(): RunSummary {
    return this.run;
  }
}

/** `wallMs` and `summedMs` as of `now` (a running instance counts up to `now`). */
export function nodeTimes(node: NodeSummary, now: number | null): { wallMs: number; summedMs: number } {
  const running = node.timedAt !== null && now !== null ? node.instancesRunning : 0;
  const elapsed = running > 0 ? Math.max(0, now! - node.timedAt!) : 0;
  return { wallMs: node.wallMs + elapsed, summedMs: node.summedMs + elapsed * running };
}

function addSpend(line: SpendLine, { usage, costNanoUsd, baselineNanoUsd }: { usage: Usage; costNanoUsd: number | null; baselineNanoUsd: number }): void {
  line.calls++;
  line.baselineNanoUsd += baselineNanoUsd;
  line.usage.inputTokens += usage.inputTokens;
  line.usage.cachedInputTokens += usage.cachedInputTokens;
  line.usage.outputTokens += usage.outputTokens;
  line.usage.reasoningTokens += usage.reasoningTokens;
  if (costNanoUsd === null) line.unpricedCalls++;
  else line.costNanoUsd = (line.costNanoUsd ?? 0) + costNanoUsd;
}

/** Brings the time figures up to `ts`; called before every change to the running count. */
function clockTo(node: NodeSummary, ts: number): void {
  const { wallMs, summedMs } = nodeTimes(node, ts);
  node.wallMs = wallMs;
  node.summedMs = summedMs;
  node.timedAt = ts;
}

function endInstance(node: NodeSummary, ts: number): void {
  clockTo(node, ts);
  node.instancesRunning = Math.max(0, node.instancesRunning - 1);
  node.endedAt = ts;
}

function applyToDraft(draft: Draft, event: RunEvent): void {
  switch (event.type) {
    case "run.started":
      draft.run.status = "running";
      return;
    case "run.resumed":
      draft.run.status = "running";
      // Cut-off instances start over: their first start no longer counts as one running.
      for (const scope of event.rerun) {
        const node = draft.node(scope.nodeId);
        if (!node || scope.iteration !== node.iteration) continue;
        node.instances = Math.max(0, node.instances - 1);
        node.instancesRunning = Math.max(0, node.instancesRunning - 1);
      }
      return;
    case "node.started": {
      const node = draft.node(event.nodeId);
      if (!node || event.iteration < node.iteration) return;
      clockTo(node, event.ts);
      if (event.iteration > node.iteration) {
        node.iteration = event.iteration;
        node.instancesRunning = node.instancesDone = 0;
        node.output = node.error = null;
        node.status = "running";
      }
      node.instances++;
      node.instancesRunning++;
      node.model = event.model;
      node.poolSize = event.poolSize ?? null;
      node.startedAt ??= event.ts;
      if (node.status !== "failed") node.status = "running";
      return;
    }
    case "node.usage": {
      const node = draft.node(event.nodeId);
      if (!node) return;
      node.usage.inputTokens += event.usage.inputTokens;
      node.usage.cachedInputTokens += event.usage.cachedInputTokens;
      node.usage.outputTokens += event.usage.outputTokens;
      node.usage.reasoningTokens += event.usage.reasoningTokens;
      node.calls++;
      if (event.estimated) node.estimatedCalls++;
      if (event.costNanoUsd === null) {
        node.unpricedCalls++;
        node.costComplete = false;
        if (node.unpricedCalls === node.calls) node.costNanoUsd = null;
      } else {
        node.costNanoUsd = (node.costNanoUsd ?? 0) + event.costNanoUsd;
      }
      addSpend(draft.spendLine(event.provider ?? "Default provider", event.model), event);
      return;
    }
    case "node.completed": {
      const node = draft.node(event.nodeId);
      if (!node || event.iteration < node.iteration) return;
      node.instancesDone++;
      endInstance(node, event.ts);
      if (node.status === "failed") return;
      if (node.poolSize === null) {
        node.status = "succeeded";
        node.output = event.output;
      } else if (event.nodeOutput !== undefined) {
        node.status = "succeeded";
        node.output = event.nodeOutput;
      }
      return;
    }
    case "node.failed": {
      const node = draft.node(event.nodeId);
      if (!node || event.iteration < node.iteration) return;
      endInstance(node, event.ts);
      if (node.status !== "failed") node.error = event.error;
      node.status = "failed";
      return;
    }
    case "node.skipped": {
      const node = draft.node(event.nodeId);
      if (!node) return;
      node.status = "skipped";
      node.error = event.reason;
      return;
    }
    case "approval.requested": {
      const node = draft.node(event.nodeId);
      if (node && event.iteration >= node.iteration) node.status = "awaiting_approval";
      const { nodeId, iteration, label, upstream, text, deadline, onTimeout } = event;
      draft.run.approvals = { ...draft.run.approvals, [nodeId]: { nodeId, iteration, label, upstream, text, requestedAt: event.ts, deadline, onTimeout, decision: null } };
      return;
    }
    case "approval.decided": {
      const gate = draft.run.approvals[event.nodeId];
      if (!gate || gate.iteration !== event.iteration || gate.decision) return;
      const { decision, text, edited, comment, by, timedOut } = event;
      draft.run.approvals = { ...draft.run.approvals, [event.nodeId]: { ...gate, decision: { decision, text, edited, comment, by, timedOut, decidedAt: event.ts } } };
      const node = draft.node(event.nodeId);
      if (node?.status === "awaiting_approval") node.status = "running";
      return;
    }
    case "run.waiting":
      draft.run.status = "waiting";
      return;
    case "node.delta":
    case "node.tool_call":
    case "node.tool_result":
    case "node.retry":
    case "review.revise":
      return;
    case "run.completed":
    case "run.failed":
    case "run.cancelled":
    case "run.budget_exceeded": {
      const { usage, costNanoUsd, baselineNanoUsd, costComplete, estimatedCalls, durationMs } = event;
      draft.run.totals = { usage: { ...usage }, costNanoUsd, baselineNanoUsd, costComplete, ...(estimatedCalls ? { estimatedCalls } : {}), durationMs };
      if (event.type === "run.completed") {
        draft.run.status = "succeeded";
        draft.run.output = event.output;
        draft.run.approved = event.approved;
      } else if (event.type === "run.failed") {
        draft.run.status = "failed";
        draft.run.error = event.error;
      } else if (event.type === "run.cancelled") {
        draft.run.status = "cancelled";
        draft.run.error = "The run was cancelled";
      } else {
        draft.run.status = "budget_exceeded";
        draft.run.error = "The run's budget was reached";
      }
      closeNodes(draft, event.ts);
      return;
    }
  }
}

/**
 * A final event closes every node still open: running ones were cut off (cancelled), waiting
 * ones never ran (skipped); instances still in flight stop counting time at the final event.
 */
function closeNodes(draft: Draft, ts: number): void {
  for (const id of draft.allNodeIds()) {
    const { status, instancesRunning } = draft.run.nodes[id];
    if (status === "waiting") draft.node(id)!.status = "skipped";
    if (instancesRunning === 0 && status !== "running" && status !== "awaiting_approval") continue;
    const node = draft.node(id)!;
    clockTo(node, ts);
    node.instancesRunning = 0;
    if (status === "running" || status === "awaiting_approval") node.status = "cancelled";
  }
}
