import { z } from "zod";
import { isSimSpeed, SIM_SPEED } from "@/lib/models/simulator/speed";

/** `POST /api/v1/graphs/:id/runs`. */
export const startRunBody = z.object({
  input: z.string().trim().min(1, "Give the run a task.").max(100_000, "The task is longer than 100,000 characters."),
  budgetUsd: z.number().positive("A budget must be more than $0.").max(10_000).optional(),
  simulation: z
    .object({
      /** The simulator's speed-up factor (`SIM_SPEED`). Ignored with a real API key. */
      speed: z
        .number()
        .min(SIM_SPEED.instant)
        .max(SIM_SPEED.fastest)
        .refine(isSimSpeed, `Speed is a speed-up factor: 0 for instant, or ${SIM_SPEED.slowest} (ten times slower) and up.`)
        .optional()
        .meta({ description: "Speed-up factor over realistic simulated latency: 1 realistic, 3 three times faster, 0.5 half as fast, 0 instant." }),
      seed: z.number().int().nonnegative().optional(),
    })
    .optional(),
});

export type StartRunBody = z.infer<typeof startRunBody>;
