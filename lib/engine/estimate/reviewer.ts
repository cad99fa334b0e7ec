import { reviewerPrompt } from "../prompts";
import { VERDICT_JSON_SCHEMA } from "../role-schemas";
import { callSettings } from "../roles/options";
import { filler, instanceUsage, measureWithUpstream, PROFILE, promptTokens, toolResultTokens, toolRounds } from "./pass";
import type { RoleEstimator } from "./types";

/** The part of a verdict that is its `output` (what downstream nodes read); the rest is the feedback and JSON. */
const OUTPUT_SHARE = 0.6;

/** A reviewer: one structured verdict on all upstream work; on a later pass it also rereads its own feedback. */
export const estimateReviewer: RoleEstimator<"reviewer"> = (node, ctx) => {
  const settings = callSettings(node);
  const previous = ctx.revisionOf
    ? { output: filler(ctx.revisionOf.perInstance), verdict: { verdict: "revise" as const, feedback: filler(PROFILE.feedback), output: filler(ctx.revisionOf.perInstance) } }
    : null;
  const prompt = measureWithUpstream(ctx.upstream, (upstream) => promptTokens(ctx, reviewerPrompt(node, ctx.input, upstream, previous), VERDICT_JSON_SCHEMA));
  const verdict = Math.min(PROFILE.verdict[ctx.scenario], settings.maxOutputTokens);
  const rounds = toolRounds(ctx, node.tools.length > 0, settings.maxToolCalls);
  return {
    usage: instanceUsage(ctx, prompt, verdict, rounds, toolResultTokens(node.tools, ctx)),
    produced: { instances: 1, perInstance: Math.round(verdict * OUTPUT_SHARE), pool: false },
  };
};
