import { z } from "zod";
import { defineRole } from "./define-role";

/** Longest wait an approval may time out after: 30 days. */
const MAX_TIMEOUT_SECONDS = 30 * 24 * 60 * 60;

/**
 * Approval: a gate between nodes where a person decides. The run pauses (holding no process)
 * until an editor approves, edits the text that goes downstream, or rejects; it calls no model.
 * Its instructions are the note the person reads.
 */
export const approvalRole = defineRole({
  role: "approval",
  title: "Approval",
  description: "Pauses the run until a person approves, edits or rejects the upstream result.",
  defaultTier: "nano",
  defaultInstructions: "Check the upstream result before the run goes on.",
  canStartRevise: false,
  answersStructured: false,
  usesModel: false,
  plans: false,
  tierAdvice: "none",
  optionsSchema: z.object({
    timeoutSeconds: z
      .number()
      .int()
      .min(1)
      .max(MAX_TIMEOUT_SECONDS)
      .optional()
      .meta({ title: "Timeout (seconds)", description: "Ends the wait on its own after this long; leave empty to wait for a person however long it takes." }),
    onTimeout: z
      .enum(["approve", "reject"])
      .default("reject")
      .meta({ title: "On timeout", description: "What a timeout decides: approve the upstream text as it is, or reject and end the run." }),
  }),
});
