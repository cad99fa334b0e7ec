import { z } from "zod";
import type { ReviewVerdict } from "../events";
import { runInstance } from "../instance";
import { reviewerPrompt } from "../prompts";
import { VERDICT_JSON_SCHEMA } from "../role-schemas";
import { jsonSchemaFormat, parseStructured } from "../structured";
import { runToolLoop } from "../tool-loop";
import { callSettings } from "./options";
import type { RoleRunner } from "./types";

const verdictSchema = z.object({
  verdict: z.enum(["approve", "revise"]),
  feedback: z.string(),
  output: z.string(),
});

/**
 * Reviewer: judges all upstream work and answers with a structured verdict. Its output is the
 * verdict's `output`; whether to send work back is the scheduler's call (it owns the passes).
 */
export const runReviewer: RoleRunner<"reviewer"> = (rt, job) => {
  const { node } = job;
  const prompt = reviewerPrompt(node, rt.input, job.upstream, job.previous);
  const settings = callSettings(node);
  return runInstance(rt, { node, instance: 0, iteration: job.iteration, prompt }, async ({ scope, model, tally }) => {
    const { final } = await runToolLoop(rt, {
      scope,
      model,
      messages: prompt.messages,
      ...settings,
      responseFormat: jsonSchemaFormat("review_verdict", VERDICT_JSON_SCHEMA),
      tally,
    });
    const verdict: ReviewVerdict = parseStructured(final, verdictSchema, "review verdict");
    return { output: verdict.output, verdict };
  });
};
