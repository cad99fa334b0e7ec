"use client";

import { useMemo, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import type { GraphDocument } from "@/lib/graph";
import type { ModelCatalog } from "@/lib/models/catalog";
import { estimateRunCost } from "@/lib/engine/estimate";
import { useRunStore, type ApprovalSummary } from "@/lib/stores/run";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/components/ui/date-format";
import { formatCost } from "./format";
import { Markdown } from "./markdown";
import { runApi } from "./run-api";

/**
 * What a waiting run waits for: each undecided approval step with its upstream outputs, and the
 * spend so far against the estimate for the rest. Editors decide here; the share page and
 * viewers see the same, read-only (no `canDecide`).
 */
export function ApprovalWait({ runId, graph, input, catalog, simulated, canDecide }: { runId: string; graph: GraphDocument; input: string; catalog: ModelCatalog; simulated: boolean; canDecide: boolean }) {
  const waiting = useRunStore((s) => s.summary.status === "waiting");
  const pending = useRunStore(useShallow((s) => Object.values(s.summary.approvals).filter((gate) => gate.decision === null)));
  if (!waiting || pending.length === 0) return null;
  return (
    <section aria-labelledby="approval-wait" className="space-y-3 rounded-xl border-2 border-pink-300 bg-pink-50/40 p-4 shadow-xs">
      <h2 id="approval-wait" className="text-base font-semibold text-pink-900">
        Waiting for approval
      </h2>
      <CostOutlook graph={graph} input={input} catalog={catalog} simulated={simulated} />
      {pending.map((gate) => (
        <ApprovalCard key={`${gate.nodeId}.${gate.iteration}`} runId={runId} gate={gate} note={graph.nodes.find((n) => n.id === gate.nodeId)?.instructions ?? ""} canDecide={canDecide} />
      ))}
      {!canDecide && <p className="text-sm text-slate-600">An editor of the workspace decides; the run goes on from here once they do.</p>}
    </section>
  );
}

/** Spent so far, and what the nodes not run yet are estimated to cost. */
function CostOutlook({ graph, input, catalog, simulated }: { graph: GraphDocument; input: string; catalog: ModelCatalog; simulated: boolean }) {
  const spent = useRunStore((s) => Object.values(s.summary.nodes).reduce((sum, node) => sum + (node.costNanoUsd ?? 0), 0));
  const notRun = useRunStore(useShallow((s) => Object.values(s.summary.nodes).flatMap((node) => (node.status === "waiting" ? [node.nodeId] : []))));
  const estimate = useMemo(() => estimateRunCost(graph, input, catalog, { simulated }), [graph, input, catalog, simulated]);
  const rest = useMemo(() => {
    const ids = new Set(notRun);
    const nodes = estimate.nodes.filter((node) => ids.has(node.nodeId));
    const sum = (key: "low" | "expected" | "high") => nodes.reduce((total, node) => total + (node.costNanoUsd?.[key] ?? 0), 0);
    return { low: sum("low"), expected: sum("expected"), high: sum("high"), count: nodes.length };
  }, [estimate, notRun]);
  return (
    <dl className="grid grid-cols-2 gap-2 text-sm">
      <div className="rounded-md bg-white p-2">
        <dt className="text-xs text-slate-500">Spent so far</dt>
        <dd className="font-semibold text-slate-900">{formatCost(spent)}</dd>
      </div>
      <div className="rounded-md bg-white p-2">
        <dt className="text-xs text-slate-500">Estimate for the rest ({rest.count} {rest.count === 1 ? "node" : "nodes"})</dt>
        <dd className="font-semibold text-slate-900" title={`${formatCost(rest.low)} – ${formatCost(rest.high)}`}>
          {formatCost(rest.expected)}
        </dd>
      </div>
    </dl>
  );
}

function ApprovalCard({ runId, gate, note, canDecide }: { runId: string; gate: ApprovalSummary; note: string; canDecide: boolean }) {
  return (
    <article aria-label={`Approval: ${gate.label}`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-3">
      <h3 className="text-sm font-semibold text-slate-900">{gate.label}</h3>
      {note.trim() && <Markdown text={note} className="text-sm text-slate-700" />}
      {gate.deadline !== null && (
        <p className="text-xs text-slate-600">
          If nobody decides by <time dateTime={new Date(gate.deadline).toISOString()}>{formatDateTime(gate.deadline)}</time>, it is{" "}
          {gate.onTimeout === "approve" ? "approved as it is" : "rejected"}.
        </p>
      )}
      {gate.upstream.map((upstream) => (
        <section key={upstream.nodeId} aria-label={`Output of ${upstream.label}`} className="rounded-md border border-slate-200 bg-slate-50 p-2">
          <h4 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">From {upstream.label}</h4>
          <div className="max-h-64 overflow-y-auto">
            <Markdown text={upstream.output} className="text-sm" />
          </div>
        </section>
      ))}
      {canDecide && <DecisionForm runId={runId} gate={gate} />}
    </article>
  );
}

function DecisionForm({ runId, gate }: { runId: string; gate: ApprovalSummary }) {
  const [text, setText] = useState(gate.text);
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = `approval-${gate.nodeId}`;

  const send = async (decision: "approve" | "reject") => {
    if (decision === "reject" && !comment.trim()) {
      setError("Give a reason to reject: it is what the run fails with.");
      return;
    }
    setBusy(true);
    setError(null);
    const body =
      decision === "approve"
        ? { decision, ...(text !== gate.text ? { text } : {}), ...(comment.trim() ? { comment: comment.trim() } : {}) }
        : { decision, comment: comment.trim() };
    const result = await runApi.decide(runId, gate.nodeId, body);
    setBusy(false);
    if (!result.ok) setError(result.error.message);
  };

  return (
    <form className="space-y-2" onSubmit={(event) => event.preventDefault()}>
      <label htmlFor={`${id}-text`} className="block text-xs font-medium text-slate-700">
        Text that goes downstream
      </label>
      <textarea id={`${id}-text`} value={text} onChange={(event) => setText(event.target.value)} rows={6} className="w-full rounded-md border border-slate-300 p-2 text-sm" />
      <label htmlFor={`${id}-comment`} className="block text-xs font-medium text-slate-700">
        Comment (the reason, to reject)
      </label>
      <textarea id={`${id}-comment`} value={comment} onChange={(event) => setComment(event.target.value)} rows={2} className="w-full rounded-md border border-slate-300 p-2 text-sm" />
      {error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-2 py-1 text-sm text-red-800">
          {error}
        </p>
      )}
      <div className="flex gap-2">
        <Button size="sm" variant="primary" disabled={busy} onClick={() => void send("approve")}>
          {text !== gate.text ? "Approve with edits" : "Approve"}
        </Button>
        <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50" disabled={busy} onClick={() => void send("reject")}>
          Reject
        </Button>
      </div>
    </form>
  );
}

/** An approval step's decision, for its transcript: who decided what, when, and what went downstream. */
export function ApprovalDecision({ nodeId }: { nodeId: string }) {
  const gate = useRunStore((s) => s.summary.approvals[nodeId]);
  if (!gate) return null;
  const { decision } = gate;
  return (
    <section aria-label="Decision" className="space-y-2">
      <h4 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Decision</h4>
      {decision === null ? (
        <p className="text-sm text-slate-600">Waiting for a person to decide.</p>
      ) : (
        <>
          <p className="text-sm text-slate-800">
            {decision.decision === "approve" ? (decision.edited ? "Approved with edits" : "Approved") : "Rejected"}{" "}
            {decision.timedOut ? "by its timeout" : `by ${decision.by?.name ?? "a person"}`} on{" "}
            <time dateTime={new Date(decision.decidedAt).toISOString()}>{formatDateTime(decision.decidedAt)}</time>
            {decision.comment && <>: {decision.comment}</>}
          </p>
          {decision.decision === "approve" && (
            <div className="rounded-md border border-slate-200 bg-slate-50 p-2">
              <Markdown text={decision.text} className="text-sm" />
            </div>
          )}
        </>
      )}
    </section>
  );
}
