import { ZERO_USAGE } from "@/lib/models/cost";
import { ApprovalPendingError, NodeError } from "../errors";
import type { NodeScope } from "../events";
import { joinSinkOutputs } from "../outputs";
import { scopeKey } from "../restore";
import type { RoleRunner, UpstreamResult } from "./types";

/** What an approval passes on unless the person edits it: its upstream output, or the task when it has none. */
function passThrough(input: string, upstream: readonly UpstreamResult[]): string {
  if (upstream.length === 0) return input;
  if (upstream.length === 1) return upstream[0].result.output;
  return joinSinkOutputs(upstream.map((u) => ({ label: u.node.label, output: u.result.output })));
}

/**
 * Approval: a gate where a person decides, calling no model. Reached for the first time it emits
 * `node.started` and `approval.requested`, and stops there (`ApprovalPendingError`): the scheduler
 * lets the rest of the run finish and the run waits, holding no process. A resumed run finds the
 * request, and once the service stored an `approval.decided` in the log, the step completes with
 * the approved (or edited) text, or fails with the rejection's reason.
 */
export const runApproval: RoleRunner<"approval"> = async (rt, job) => {
  const { node } = job;
  const scope: NodeScope = { nodeId: node.id, instance: 0, iteration: job.iteration };
  const key = scopeKey(scope);
  const finished = rt.restored?.completed.get(key);
  if (finished) return { output: finished.output };
  const gate = rt.restored?.approvals.get(key);
  if (!gate) {
    const { timeoutSeconds, onTimeout } = node.options;
    rt.emit({ type: "node.started", ...scope, role: node.role, label: node.label, tier: node.tier, model: "", messages: [] });
    rt.emit({
      type: "approval.requested",
      ...scope,
      label: node.label,
      upstream: job.upstream.map((u) => ({ nodeId: u.node.id, label: u.node.label, output: u.result.output })),
      text: passThrough(rt.input, job.upstream),
      deadline: timeoutSeconds === undefined ? null : rt.clock.now() + timeoutSeconds * 1000,
      onTimeout,
    });
    throw new ApprovalPendingError(node.id);
  }
  const { request, decision } = gate;
  if (!decision) throw new ApprovalPendingError(node.id);
  const latencyMs = Math.max(0, decision.ts - request.ts);
  if (decision.decision === "reject") {
    const who = decision.timedOut ? "by its timeout" : `by ${decision.by?.name ?? "a person"}`;
    const error = `Rejected ${who}${decision.comment ? `: ${decision.comment}` : ""}`;
    rt.emit({ type: "node.failed", ...scope, error, usage: { ...ZERO_USAGE }, costNanoUsd: 0 });
    throw new NodeError(error);
  }
  rt.emit({ type: "node.completed", ...scope, output: decision.text, usage: { ...ZERO_USAGE }, costNanoUsd: 0, latencyMs });
  return { output: decision.text };
};
