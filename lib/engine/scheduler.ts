import { buildTopology, descendants, sinks, type GraphDocument, type GraphNode, type Topology } from "@/lib/graph";
import { ApprovalPendingError, errorMessage, RunStoppedError } from "./errors";
import type { ReviewVerdict } from "./events";
import { joinSinkOutputs } from "./outputs";
import type { NodeJob, NodeResult, RevisionNote, RoleRunner, RoleRunners } from "./roles/types";
import { scopeKey } from "./restore";
import type { RunRuntime } from "./runtime";

/** How the graph's nodes ended, as far as the scheduler is concerned. */
export type ScheduleOutcome =
  | { kind: "succeeded"; output: string; approved: boolean | null }
  | { kind: "failed"; error: string }
  /** Nothing left to run but approval steps nobody has decided: the run waits at them. */
  | { kind: "waiting"; nodeIds: string[] }
  | { kind: "stopped" };

/** `gated`: an approval step waiting for a person; its successors wait with it. */
type NodeStatus = "pending" | "running" | "done" | "failed" | "skipped" | "gated";

interface NodeState {
  node: GraphNode;
  preds: NodeState[];
  succs: NodeState[];
  status: NodeStatus;
  /** Data predecessors this pass still waits for. */
  remaining: number;
  iteration: number;
  result: NodeResult | null;
  /** The result of the node's previous pass, shown to it when a reviewer sent it back. */
  previous: NodeResult | null;
  revision: RevisionNote | null;
  /** Reviewers: how many times this one has sent work back. */
  revisionsIssued: number;
}

/**
 * Runs the graph's DAG: a node starts the moment its last data predecessor finishes (so wall
 * time tracks the critical path); concurrency is bounded by the model-call slots in the runtime.
 * It also owns passes: a reviewer's "revise" resets its revise targets and everything downstream
 * of them to a new iteration. On a node failure nothing new starts, pending nodes are skipped and
 * in-flight nodes finish. Per-node work is O(degree); whole-graph scans happen only on a failure
 * or a revision.
 */
export class Scheduler {
  private readonly topology: Topology;
  private readonly states = new Map<string, NodeState>();
  private readonly order: NodeState[] = [];
  private readonly approvals = new Map<string, boolean>();
  private inFlight = 0;
  private failure: { state: NodeState; message: string } | null = null;
  private finished = false;
  private resolve!: (outcome: ScheduleOutcome) => void;

  constructor(
    private readonly rt: RunRuntime,
    graph: GraphDocument,
    private readonly runners: RoleRunners,
  ) {
    this.topology = buildTopology(graph);
    for (const node of graph.nodes) {
      if (this.states.has(node.id)) continue;
      const state: NodeState = { node, preds: [], succs: [], status: "pending", remaining: 0, iteration: 0, result: null, previous: null, revision: null, revisionsIssued: 0 };
      this.states.set(node.id, state);
      this.order.push(state);
    }
    for (const state of this.order) {
      state.preds = this.topology.dataPredecessors.get(state.node.id)!.map((id) => this.states.get(id)!);
      state.succs = this.topology.dataSuccessors.get(state.node.id)!.map((id) => this.states.get(id)!);
      state.remaining = state.preds.length;
    }
  }

  /** Runs every node; resolves when nothing is left in flight (or at once when the run stops). */
  run(): Promise<ScheduleOutcome> {
    const outcome = new Promise<ScheduleOutcome>((resolve) => (this.resolve = resolve));
    this.rt.signal.addEventListener("abort", () => this.settle(), { once: true });
    for (const state of this.order) this.maybeStart(state);
    this.settle();
    return outcome;
  }

  private maybeStart(state: NodeState): void {
    if (state.status !== "pending" || state.remaining > 0 || this.failure || this.rt.signal.aborted) return;
    state.status = "running";
    const iteration = state.iteration;
    this.inFlight++;
    const job: NodeJob = {
      node: state.node,
      iteration,
      upstream: state.preds.map((p) => ({ node: p.node, result: p.result! })),
      downstream: state.succs.map((s) => s.node),
      revision: state.revision,
      previous: state.previous,
    };
    // The job's node and the runner share a role; TypeScript cannot correlate the two unions.
    const runner = this.runners[state.node.role] as RoleRunner;
    let pending: Promise<NodeResult>;
    try {
      pending = runner(this.rt, job);
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (result) => this.onCompleted(state, iteration, result),
      (error: unknown) => this.onFailed(state, error),
    );
  }

  private onCompleted(state: NodeState, iteration: number, result: NodeResult): void {
    this.inFlight--;
    if (iteration !== state.iteration) {
      // A reviewer sent this node back while it was running: its result is stale; run again.
      state.status = "pending";
      this.maybeStart(state);
    } else {
      state.status = "done";
      state.result = result;
      if (!(result.verdict && this.revise(state, result.verdict))) {
        if (result.verdict) this.approvals.set(state.node.id, result.verdict.verdict === "approve");
        for (const succ of state.succs) {
          succ.remaining--;
          this.maybeStart(succ);
        }
      }
    }
    this.settle();
  }

  private onFailed(state: NodeState, error: unknown): void {
    this.inFlight--;
    if (error instanceof ApprovalPendingError) {
      state.status = "gated";
    } else if (!(error instanceof RunStoppedError) && !this.rt.signal.aborted) {
      state.status = "failed";
      if (!this.failure) {
        this.failure = { state, message: errorMessage(error) };
        this.skipPending(state);
      }
    }
    this.settle();
  }

  /** Sends work back if the reviewer asked and may; true when it did. */
  private revise(reviewer: NodeState, verdict: ReviewVerdict): boolean {
    const targets = this.topology.reviseTargets.get(reviewer.node.id)!;
    const maxRevisions = reviewer.node.role === "reviewer" ? reviewer.node.options.maxRevisions : 0;
    if (verdict.verdict !== "revise" || targets.length === 0 || reviewer.revisionsIssued >= maxRevisions || this.failure) return false;
    reviewer.revisionsIssued++;

    const rerun = descendants(this.topology, targets);
    for (const id of targets) rerun.add(id);
    const states = this.order.filter((s) => rerun.has(s.node.id));
    const nextIteration = Math.max(...states.map((s) => s.iteration)) + 1;
    const from = { nodeId: reviewer.node.id, instance: 0, iteration: reviewer.iteration };
    for (const s of states) {
      s.iteration = nextIteration;
      s.revision = targets.includes(s.node.id) ? { reviewerLabel: reviewer.node.label, feedback: verdict.feedback } : null;
      if (s.result) s.previous = s.result;
      s.result = null;
      if (s.status !== "running") s.status = "pending";
      this.approvals.delete(s.node.id);
    }
    for (const s of states) s.remaining = s.preds.filter((p) => rerun.has(p.node.id) || p.status !== "done").length;
    // A resumed run replays the decision its log holds: the same pass, not announced twice.
    if (!this.rt.restored?.revisions.has(scopeKey(from))) {
      this.rt.emit({ type: "review.revise", ...from, targets: [...targets], feedback: verdict.feedback, nextIteration });
    }
    for (const s of states) this.maybeStart(s);
    return true;
  }

  private skipPending(failed: NodeState): void {
    const dependents = descendants(this.topology, failed.node.id);
    const name = `"${failed.node.label}"`;
    for (const s of this.order) {
      if (s.status !== "pending") continue;
      s.status = "skipped";
      const reason = dependents.has(s.node.id) ? `Depends on failed node ${name}` : `Not started: the run failed at node ${name}`;
      this.rt.emit({ type: "node.skipped", nodeId: s.node.id, instance: 0, iteration: s.iteration, reason });
    }
  }

  private settle(): void {
    if (this.finished) return;
    if (this.rt.signal.aborted) {
      this.finished = true;
      this.resolve({ kind: "stopped" });
      return;
    }
    if (this.inFlight > 0) return;
    this.finished = true;
    if (this.failure) {
      const { node } = this.failure.state;
      this.resolve({ kind: "failed", error: `Node "${node.label}" (${node.id}) failed: ${this.failure.message}` });
      return;
    }
    const gated = this.order.filter((s) => s.status === "gated").map((s) => s.node.id);
    if (gated.length > 0) {
      this.resolve({ kind: "waiting", nodeIds: gated });
      return;
    }
    const stuck = this.order.find((s) => s.status !== "done");
    if (stuck) {
      this.resolve({ kind: "failed", error: `Node "${stuck.node.label}" (${stuck.node.id}) could not run: its inputs never completed` });
      return;
    }
    const output = joinSinkOutputs(
      sinks(this.topology).map((id) => {
        const s = this.states.get(id)!;
        return { label: s.node.label, output: s.result!.output };
      }),
    );
    const approved = this.approvals.size === 0 ? null : [...this.approvals.values()].every(Boolean);
    this.resolve({ kind: "succeeded", output, approved });
  }
}
