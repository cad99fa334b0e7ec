import { z } from "zod";
import { commonOptionFields, defineRole } from "./define-role";

/** Planner: splits the task into subtasks and routes each to a downstream executor by label. */
export const plannerRole = defineRole({
  role: "planner",
  title: "Planner",
  description: "Breaks the task into subtasks and routes each one to a downstream executor.",
  defaultTier: "flagship",
  defaultInstructions:
    "You are a planner. Break the task into small, independent subtasks that can run in parallel. " +
    "Give each subtask a short title and self-contained instructions, and assign it to the downstream " +
    "executor best suited to it.",
  canStartRevise: false,
  answersStructured: true,
  usesModel: true,
  plans: true,
  tierAdvice: {
    kind: "planning",
    suggested: "flagship",
    ok: "Planning decides how the whole run splits up, so it belongs on flagship.",
    hint: "Planning decides how the whole run splits up; a weaker plan costs more downstream than flagship saves here.",
  },
  optionsSchema: z.object({
    maxSubtasks: z
      .number()
      .int()
      .min(1)
      .max(50)
      .default(6)
      .meta({ title: "Max subtasks", description: "Most subtasks one plan may contain." }),
    ...commonOptionFields({ maxOutputTokens: 2000 }),
  }),
});
