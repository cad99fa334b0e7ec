import type { NodeOfRole } from "@/lib/graph";
import { executorPrompt, subtaskPrompt } from "../prompts";
import { callSettings } from "../roles/options";
import { addUsage, filler, instanceUsage, measureWithUpstream, PROFILE, promptTokens, revisionStandIn, scaleUsage, toolResultTokens, toolRounds } from "./pass";
import type { PassContext, PassEstimate, RoleEstimator } from "./types";

/** Subtask instructions run a little shorter than a plan item (its title and label are not in them). */
const SUBTASK_INSTRUCTIONS_OFFSET = 8;

/**
 * An executor: downstream of a planner, a pool of one instance per subtask routed to its label
 * (siblings share the prompt up to their subtask, so later ones hit the prompt cache); elsewhere
 * one instance on the task and its inputs.
 */
export const estimateExecutor: RoleEstimator<"executor"> = (node, ctx) => {
  const settings = callSettings(node);
  const answer = Math.min(ctx.simulated && ctx.directives.tokens ? ctx.directives.tokens : PROFILE.answer[ctx.scenario], settings.maxOutputTokens);
  const rounds = toolRounds(ctx, node.tools.length > 0, settings.maxToolCalls);
  const toolResult = toolResultTokens(node.tools, ctx);
  const { revision, previous } = revisionStandIn(ctx);
  // Predecessors that route subtasks (planners) make this node a pool, as in the runner.
  const planners = ctx.upstream.filter((u) => u.out.routed);
  if (planners.length === 0) {
    const prompt = measureWithUpstream(ctx.upstream, (upstream) => promptTokens(ctx, executorPrompt(node, ctx.inputWithAttachments, upstream, revision, previous)));
    return { usage: instanceUsage(ctx, prompt, answer, rounds, toolResult), produced: { instances: 1, perInstance: answer, pool: false } };
  }
  return estimatePool(node, ctx, planners, { answer, rounds, toolResult });
};

function estimatePool(
  node: NodeOfRole<"executor">,
  ctx: PassContext,
  planners: PassContext["upstream"],
  each: { answer: number; rounds: number; toolResult: number },
): PassEstimate {
  const instances = planners.reduce((n, u) => n + (u.out.routed?.get(node.label) ?? 0), 0);
  const subtask = { title: "Subtask", instructions: filler(PROFILE.planItem[ctx.scenario] - SUBTASK_INSTRUCTIONS_OFFSET), executor: node.label };
  const { revision, previous } = revisionStandIn(ctx);
  const context = ctx.upstream.filter((u) => !u.out.routed);
  const build = (withSubtask: boolean) =>
    measureWithUpstream(context, (upstream) => {
      const prompt = subtaskPrompt(node, ctx.input, subtask, upstream, revision, previous?.output ?? null);
      if (withSubtask) return promptTokens(ctx, prompt);
      // The prefix siblings share: everything before the subtask section.
      const user = String(prompt.messages[1].content);
      const shared = user.slice(0, user.indexOf(`# Your subtask: ${subtask.title}`));
      return promptTokens(ctx, { ...prompt, messages: [prompt.messages[0], { role: "user", content: shared }] });
    });
  const prompt = build(true);
  const first = instanceUsage(ctx, prompt, each.answer, each.rounds, each.toolResult);
  const sibling = instanceUsage(ctx, prompt, each.answer, each.rounds, each.toolResult, build(false));
  const usage = instances <= 1 ? scaleUsage(first, instances) : addUsage(first, scaleUsage(sibling, instances - 1));
  return { usage, produced: { instances, perInstance: each.answer, pool: true } };
}
