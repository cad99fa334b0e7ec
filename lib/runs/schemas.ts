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
