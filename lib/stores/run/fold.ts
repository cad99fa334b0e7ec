import type { RunEvent } from "@/lib/engine/events";
import type { Role, Tier } from "@/lib/graph";
import { instanceKey, type InstanceKey, type InstanceView, type RunViewState, type TimelineBar, type TranscriptEntry } from "./types";

/** The parts of the run view that `foldTranscripts` owns (the summary comes from the engine's fold). */
export type TranscriptState = Pick<RunViewState, "instances" | "nodeInstances" | "previews" | "timeline" | "startedAt" | "endedAt">;

export const EMPTY_TRANSCRIPTS: TranscriptState = {
  instances: {},
  nodeInstances: {},
  previews: {},
  timeline: [],
  startedAt: null,
  endedAt: null,
};

/** Characters of streamed text a node's card shows. */
export const PREVIEW_CHARS = 280;

/**
 * Folds events into per-instance transcripts, canvas previews and timeline bars. Returns new
 * objects only for what changed: each touched instance is copied once per call, and the
 * timeline array is rebuilt only when a bar starts or ends, so a delta leaves it as it was.
 */
export function foldTranscripts(state: TranscriptState, events: readonly RunEvent[]): TranscriptState {
  const draft = new Draft(state);
  for (const event of events) apply(draft, event);
  return draft.finish();
}

class Draft {
  readonly next: TranscriptState;
  private readonly copied = new Set<InstanceKey>();
  private instancesCopied = false;
  private nodeInstancesCopied = false;
  private previewsCopied = false;
  timelineChanged = false;
  /** Role, label and tier of each node, from its `node.started` events: what timeline bars show. */
  private readonly about = new Map<string, { label: string; role: Role; tier: Tier }>();

  constructor(private readonly base: TranscriptState) {
    const { instances, nodeInstances, previews, timeline, startedAt, endedAt } = base;
    this.next = { instances, nodeInstances, previews, timeline, startedAt, endedAt };
  }

  instance(key: InstanceKey): InstanceView | undefined {
    const current = this.next.instances[key];
    if (!current || this.copied.has(key)) return current;
    const copy = { ...current, entries: [...current.entries], usage: { ...current.usage } };
    this.put(copy);
    return copy;
  }

  put(view: InstanceView): void {
    if (!this.instancesCopied) {
      this.next.instances = { ...this.base.instances };
      this.instancesCopied = true;
    }
    this.next.instances[view.key] = view;
    this.copied.add(view.key);
  }

  addToNode(nodeId: string, key: InstanceKey): void {
    if (!this.nodeInstancesCopied) {
      this.next.nodeInstances = { ...this.base.nodeInstances };
      this.nodeInstancesCopied = true;
    }
    const keys = this.next.nodeInstances[nodeId] ?? [];
    if (!keys.includes(key)) this.next.nodeInstances[nodeId] = [...keys, key];
  }

  preview(nodeId: string, text: string): void {
    if (!this.previewsCopied) {
      this.next.previews = { ...this.base.previews };
      this.previewsCopied = true;
    }
    this.next.previews[nodeId] = text.length > PREVIEW_CHARS ? `…${text.slice(-PREVIEW_CHARS)}` : text;
  }

  remember(nodeId: string, about: { label: string; role: Role; tier: Tier }): void {
    this.about.set(nodeId, about);
  }

  finish(): TranscriptState {
    if (this.timelineChanged) this.next.timeline = buildTimeline(this.next, this.base.timeline, this.about);
    return this.next;
  }
}

function buildTimeline(state: TranscriptState, previous: readonly TimelineBar[], about: Map<string, { label: string; role: Role; tier: Tier }>): TimelineBar[] {
  const origin = state.startedAt ?? Math.min(...Object.values(state.instances).map((i) => i.startedAt));
  const known = new Map(previous.map((bar) => [bar.nodeId, bar]));
  const before = new Map(previous.map((bar) => [bar.key, bar]));
  const bars: TimelineBar[] = [];
  for (const view of Object.values(state.instances)) {
    const node = about.get(view.nodeId) ?? known.get(view.nodeId);
    if (!node) continue;
    const start = view.startedAt - origin;
    const end = view.endedAt === null ? null : view.endedAt - origin;
    // An unchanged bar keeps its object, so the timeline re-renders only the bars that moved.
    const old = before.get(view.key);
    if (old && old.start === start && old.end === end && old.status === view.status && old.label === node.label) {
      bars.push(old);
      continue;
    }
    bars.push({
      key: view.key,
      nodeId: view.nodeId,
      label: node.label,
      role: node.role,
      tier: node.tier,
      instance: view.instance,
      iteration: view.iteration,
      title: view.title,
      start,
      end,
      status: view.status,
    });
  }
  return bars.sort((a, b) => a.start - b.start);
}

/** The text streamed since the last tool call or retry: what a node's card previews. */
function trailingText(entries: readonly TranscriptEntry[]): string {
  const last = entries.at(-1);
  return last?.kind === "text" ? last.text : "";
}

function apply(draft: Draft, event: RunEvent): void {
  switch (event.type) {
    case "run.started":
      draft.next.startedAt = event.ts;
      draft.timelineChanged = true;
      return;
    case "node.started": {
      const key = instanceKey(event);
      draft.remember(event.nodeId, { label: event.label, role: event.role, tier: event.tier });
      draft.put({
        key,
        nodeId: event.nodeId,
        instance: event.instance,
        iteration: event.iteration,
        title: event.title ?? null,
        model: event.model,
        messages: event.messages,
        entries: [],
        status: "running",
        startedAt: event.ts,
        endedAt: null,
        output: null,
        plan: null,
        verdict: null,
        usage: { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0, reasoningTokens: 0 },
        costNanoUsd: 0,
        calls: 0,
        estimatedCalls: 0,
        error: null,
      });
      draft.addToNode(event.nodeId, key);
      draft.timelineChanged = true;
      return;
    }
    case "node.delta": {
      const view = draft.instance(instanceKey(event));
      if (!view) return;
      const last = view.entries.at(-1);
      if (last?.kind === "text") view.entries[view.entries.length - 1] = { kind: "text", text: last.text + event.text };
      else view.entries.push({ kind: "text", text: event.text });
      draft.preview(event.nodeId, trailingText(view.entries));
      return;
    }
    case "node.tool_call": {
      const view = draft.instance(instanceKey(event));
      view?.entries.push({
        kind: "tool",
        callId: event.callId,
        tool: event.tool,
        ...(event.source ? { source: event.source } : {}),
        arguments: event.arguments,
        result: null,
      });
      if (view) draft.preview(event.nodeId, `Calling ${event.tool}…`);
      return;
    }
    case "node.tool_result": {
      const view = draft.instance(instanceKey(event));
      if (!view) return;
      const index = view.entries.findLastIndex((e) => e.kind === "tool" && e.callId === event.callId);
      const entry = view.entries[index];
      const result = { ok: event.ok, output: event.output, durationMs: event.durationMs };
      if (entry?.kind === "tool") view.entries[index] = { ...entry, result };
      else view.entries.push({ kind: "tool", callId: event.callId, tool: event.tool, arguments: "", result });
      return;
    }
    case "node.usage": {
      const view = draft.instance(instanceKey(event));
      if (!view) return;
      view.usage.inputTokens += event.usage.inputTokens;
      view.usage.cachedInputTokens += event.usage.cachedInputTokens;
      view.usage.outputTokens += event.usage.outputTokens;
      view.usage.reasoningTokens += event.usage.reasoningTokens;
      view.calls++;
      if (event.estimated) view.estimatedCalls++;
      view.costNanoUsd = event.costNanoUsd === null ? view.costNanoUsd : (view.costNanoUsd ?? 0) + event.costNanoUsd;
      if (event.costNanoUsd === null && view.calls === 1) view.costNanoUsd = null;
      return;
    }
    case "node.retry": {
      const view = draft.instance(instanceKey(event));
      if (!view) return;
      // The failed attempt's partial text is not part of the answer.
      if (view.entries.at(-1)?.kind === "text") view.entries.pop();
      view.entries.push({ kind: "retry", attempt: event.attempt, delayMs: event.delayMs, reason: event.reason });
      return;
    }
    case "node.completed": {
      const view = draft.instance(instanceKey(event));
      if (!view) return;
      view.status = "succeeded";
      view.endedAt = event.ts;
      view.output = event.output;
      view.plan = event.plan ?? null;
      view.verdict = event.verdict ?? null;
      view.usage = { ...event.usage };
      view.costNanoUsd = event.costNanoUsd;
      draft.timelineChanged = true;
      return;
    }
    case "node.failed": {
      const view = draft.instance(instanceKey(event));
      if (!view) return;
      view.status = "failed";
      view.endedAt = event.ts;
      view.error = event.error;
      draft.timelineChanged = true;
      return;
    }
    case "review.revise": {
      const view = draft.instance(instanceKey(event));
      view?.entries.push({ kind: "revise", targets: event.targets, feedback: event.feedback, nextIteration: event.nextIteration });
      return;
    }
    case "node.skipped":
      return;
    case "run.completed":
    case "run.failed":
    case "run.cancelled":
    case "run.budget_exceeded": {
      draft.next.endedAt = event.ts;
      // Instances still running were cut off by the stop: the final event closes them.
      for (const view of Object.values(draft.next.instances)) {
        if (view.status !== "running") continue;
        const open = draft.instance(view.key)!;
        open.status = "cancelled";
        open.endedAt = event.ts;
      }
      draft.timelineChanged = true;
      return;
    }
  }
}
