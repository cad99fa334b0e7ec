import { z } from "zod";
import { commonOptionFields, defineRole } from "./define-role";

/** Reviewer: judges upstream work, approves it or sends it back along a `revise` edge. */
export const reviewerRole = defineRole({
  role: "reviewer",
  title: "Reviewer",
  description: "Checks the upstream results and approves them or sends them back for revision.",
  defaultTier: "flagship",
  defaultInstructions:
    "You are a reviewer. Check the upstream results against the original task for correctness and " +
    "completeness. Approve and write the final answer, or ask for a revision with specific, actionable feedback.",
  canStartRevise: true,
  answersStructured: true,
  usesModel: true,
  plans: false,
  tierAdvice: {
    kind: "review",
    suggested: "flagship",
    ok: "The final review decides what the run returns, so it belongs on flagship.",
    hint: "The final review decides what the run returns; flagship catches mistakes that cheaper tiers let through.",
  },
  optionsSchema: z.object({
    maxRevisions: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(2)
      .meta({ title: "Max revisions", description: "How many times this reviewer may send work back before the run ends." }),
    ...commonOptionFields({ maxOutputTokens: 2000 }),
  }),
});
