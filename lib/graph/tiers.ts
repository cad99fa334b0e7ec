import { z } from "zod";

/** Model tiers, cheapest last. The graph owns the list; `lib/models` prices each one. */
export const TIERS = ["flagship", "mini", "nano"] as const;

export const tierSchema = z.enum(TIERS);

export type Tier = z.infer<typeof tierSchema>;
