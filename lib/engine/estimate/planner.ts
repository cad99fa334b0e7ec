import type { Scenario } from "@/lib/models/estimate";
import { plannerPrompt } from "../prompts";
import { planJsonSchema } from "../role-schemas";
import { callSettings } from "../roles/options";
import { instanceUsage, measureWithUpstream, PROFILE, promptTokens, revisionStandIn, toolResultTokens, toolRounds } from "./pass";
import type { PassContext, RoleEstimator } from "./types";

/** Subtasks a plan holds, up to the planner's `maxSubtasks`: one per attached file (less those a classifier leaves out), or a handful. */
function subtaskCount(ctx: PassContext, maxSubtasks: number): number {
  const clamp = (n: number) => Math.max(1, Math.min(n, maxSubtasks));
  if (ctx.simulated && ctx.directives.items) return clamp(ctx.directives.items);
  const files = ctx.documents?.files ?? 0;
  const byFiles: Record<Scenario, number> = { low: Math.ceil(files * 0.6), expected: Math.ceil(files * 0.8), high: files };
  if (files > 0) return clamp(byFiles[ctx.scenario]);
  // The simulator plans 3–4 items; a real model may use every subtask the planner allows.
  return clamp({ low: 3, expected: 3.5, high: ctx.simulated ? 4 : maxSubtasks }[ctx.scenario]);
}

/** Items a planner routes to the `index`-th of `k` executor labels, round-robin; fractional counts interpolate. */
function routedShare(subtasks: number, index: number, k: number): number {
  const share = (n: number) => Math.max(0, Math.ceil((n - index) / k));
  const lo = Math.floor(subtasks);
  return share(lo) + (subtasks - lo) * (share(lo + 1) - share(lo));
}

/** A planner: one structured plan over the task, routed round-robin to its downstream executors. */
export const estimatePlanner: RoleEstimator<"planner"> = (node, ctx) => {
  const executors = ctx.downstream.filter((n) => n.role === "executor");
  const labels = [...new Set(executors.map((e) => e.label))];
  const settings = callSettings(node);
  const max = node.options.maxSubtasks;
  const { revision, previous } = revisionStandIn(ctx);
  const schema = planJsonSchema(labels, max);
  const prompt = measureWithUpstream(ctx.upstream, (upstream) =>
    promptTokens(ctx, plannerPrompt(node, ctx.inputWithAttachments, upstream, executors, max, revision, previous), schema),
  );
  const n = subtaskCount(ctx, max);
  const plan = Math.min(4 + n * PROFILE.planItem[ctx.scenario], settings.maxOutputTokens);
  const rounds = toolRounds(ctx, node.tools.length > 0, settings.maxToolCalls);
  return {
    usage: instanceUsage(ctx, prompt, plan, rounds, toolResultTokens(node.tools, ctx)),
    produced: { instances: 1, perInstance: plan, pool: false, routed: new Map(labels.map((label, i) => [label, routedShare(n, i, labels.length)])) },
  };
};
