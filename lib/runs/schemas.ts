import { z } from "zod";

/** `POST /api/v1/graphs/:id/runs`. */
export const startRunBody = z.object({
  input: z.string().trim().min(1, "Give the run a task.").max(100_000, "The task is longer than 100,000 characters."),
  budgetUsd: z.number().positive("A budget must be more than $0.").max(10_000, "A budget is at most $10,000.").optional(),
  simulation: z
    .object({
      /** Latency multiplier for the simulator: 1 = realistic, 0 = instant. Ignored with a real API key. */
      speed: z.number().min(0).max(100).optional(),
      seed: z.number().int().nonnegative().optional(),
    })
    .optional(),
});

export type StartRunBody = z.infer<typeof startRunBody>;

/** The largest seq a run can store: `RunEvent.seq` is a 32-bit integer column. */
export const MAX_EVENT_SEQ = 2_147_483_647;

/**
 * A resume position (`Last-Event-ID` or `?after=`): the seq of the last event the client has,
 * in plain decimal digits with no sign, spaces, exponent or leading zeros, from 0 to
 * MAX_EVENT_SEQ. One rule for the header and the query, so neither is read more loosely.
 */
export const resumePositionSchema = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,9})$/, `must be a whole number from 0 to ${MAX_EVENT_SEQ} in plain digits`)
  .transform(Number)
  .pipe(z.number().max(MAX_EVENT_SEQ, `must be a whole number from 0 to ${MAX_EVENT_SEQ} in plain digits`));
