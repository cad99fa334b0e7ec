import { z } from "zod";
import { commonOptionFields, defineRole } from "./define-role";

/** Executor: a pool of subagents, one per routed subtask, each running the tool-call loop. */
export const executorRole = defineRole({
  role: "executor",
  title: "Executor",
  description: "Carries out a subtask, using its tools, and returns the result.",
  defaultTier: "mini",
  defaultInstructions:
    "You are an executor. Complete the subtask you are given, using your tools when they help. " +
    "Answer with the result only, concisely and accurately.",
  canStartRevise: false,
  answersStructured: false,
  usesModel: true,
  plans: false,
  tierAdvice: "by-work",
  optionsSchema: z.object({
    concurrency: z
      .number()
      .int()
      .min(1)
      .max(64)
      .default(4)
      .meta({ title: "Concurrency", description: "Most subtask instances of this node running at once." }),
    maxToolCalls: z
      .number()
      .int()
      .min(0)
      .max(50)
      .default(6)
      .meta({ title: "Max tool calls", description: "Tool calls one instance may make before it must answer." }),
    ...commonOptionFields({ maxOutputTokens: 1500 }),
  }),
});
