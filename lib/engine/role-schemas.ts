/**
 * The structured-output JSON schemas the planner and reviewer send. Their own pure file so the
 * cost estimator counts the very schemas the runners put in `response_format`.
 */

/** The plan a planner answers with: subtasks routed to the labels of its downstream executors. */
export function planJsonSchema(executors: readonly string[], maxSubtasks: number): Record<string, unknown> {
  return {
    type: "object",
    properties: {
      subtasks: {
        type: "array",
        minItems: 1,
        maxItems: maxSubtasks,
        items: {
          type: "object",
          properties: {
            title: { type: "string", description: "A short title for the subtask." },
            instructions: { type: "string", description: "Self-contained instructions for the executor." },
            executor: { type: "string", enum: [...executors], description: "Label of the executor that takes this subtask." },
          },
          required: ["title", "instructions", "executor"],
          additionalProperties: false,
        },
      },
    },
    required: ["subtasks"],
    additionalProperties: false,
  };
}

/** A reviewer's verdict. */
export const VERDICT_JSON_SCHEMA: Record<string, unknown> = {
  type: "object",
  properties: {
    verdict: { type: "string", enum: ["approve", "revise"], description: "approve the work, or send it back for revision." },
    feedback: { type: "string", description: "What is wrong or missing, specifically; brief when approving." },
    output: { type: "string", description: "The final answer for the user." },
  },
  required: ["verdict", "feedback", "output"],
  additionalProperties: false,
};
