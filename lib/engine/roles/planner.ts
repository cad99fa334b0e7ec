import { z } from "zod";
import { NodeError } from "../errors";
import type { PlanSubtask } from "../events";
import { runInstance } from "../instance";
import { renderPlan } from "../outputs";
import { plannerPrompt } from "../prompts";
import { planJsonSchema } from "../role-schemas";
import { jsonSchemaFormat, parseStructured } from "../structured";
import { runToolLoop } from "../tool-loop";
import { callSettings } from "./options";
import type { RoleRunner } from "./types";

function planSchema(executors: readonly string[]) {
  return z.object({
    subtasks: z.array(
      z.object({
        title: z.string(),
        instructions: z.string(),
        executor: z.enum(executors as [string, ...string[]]),
      }),
    ),
  });
}

/**
 * Planner: asks for a structured plan whose `executor` field is an enum of the labels of the
 * executors directly downstream. A plan longer than `maxSubtasks` is cut to it (servers without
 * strict structured outputs may overshoot); an unknown executor label fails the node.
 */
export const runPlanner: RoleRunner<"planner"> = (rt, job) => {
  const { node } = job;
  const executors = job.downstream.filter((n) => n.role === "executor");
  const labels = [...new Set(executors.map((e) => e.label))];
  const maxSubtasks = node.options.maxSubtasks;
  const prompt = plannerPrompt(node, rt.inputWithAttachments, job.upstream, executors, maxSubtasks, job.revision, job.previous);
  const settings = callSettings(node);

  return runInstance(rt, { node, instance: 0, iteration: job.iteration, prompt }, async ({ scope, model, tally }) => {
    if (labels.length === 0) throw new NodeError("The planner has no downstream executor to route subtasks to");
    const { final } = await runToolLoop(rt, {
      scope,
      model,
      messages: prompt.messages,
      ...settings,
      responseFormat: jsonSchemaFormat("plan", planJsonSchema(labels, maxSubtasks)),
      tally,
    });
    const parsed = parseStructured(final, planSchema(labels), "plan");
    const plan: PlanSubtask[] = parsed.subtasks.slice(0, maxSubtasks).map((s, i) => ({
      title: s.title.trim() || `Subtask ${i + 1}`,
      instructions: s.instructions,
      executor: s.executor,
    }));
    return { output: renderPlan(plan), plan };
  });
};
