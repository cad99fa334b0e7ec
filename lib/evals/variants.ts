import { z } from "zod";
import { TIERS, tierSchema, type GraphDocument, type Tier } from "@/lib/graph";

/**
 * A variant of a graph for an experiment: a name and the tier of each node it changes. A node
 * it names runs on that tier's default model (the node's own model override is set aside);
 * nodes it does not name run as designed.
 */
export const variantSchema = z.object({
  name: z.string().trim().min(1).max(80),
  tiers: z.record(z.string(), tierSchema).default({}),
});
export type Variant = z.infer<typeof variantSchema>;

export const AS_DESIGNED = "As designed";
export const ALL_FLAGSHIP = "All flagship";

export function applyVariant(graph: GraphDocument, variant: Variant): GraphDocument {
  return {
    ...graph,
    nodes: graph.nodes.map((node) => {
      const tier = variant.tiers[node.id];
      if (!tier) return node;
      const { model: _override, ...rest } = node;
      return { ...rest, tier };
    }),
  };
}

/** The tier below `tier` (flagship → mini → nano), or null at the bottom. */
export function tierBelow(tier: Tier): Tier | null {
  return TIERS[TIERS.indexOf(tier) + 1] ?? null;
}

/** The effective tier of every node under a variant. */
export function tiersUnder(graph: GraphDocument, variant: Variant): Record<string, Tier> {
  return Object.fromEntries(graph.nodes.map((n) => [n.id, variant.tiers[n.id] ?? n.tier]));
}

/** Suggested variants: as designed, all flagship, and each node one tier below its design. */
export function presetVariants(graph: GraphDocument): Variant[] {
  const presets: Variant[] = [
    { name: AS_DESIGNED, tiers: {} },
    { name: ALL_FLAGSHIP, tiers: Object.fromEntries(graph.nodes.map((n) => [n.id, "flagship" as Tier])) },
  ];
  for (const node of graph.nodes) {
    const below = tierBelow(node.tier);
    if (below) presets.push({ name: `${node.label} → ${below}`, tiers: { [node.id]: below } });
  }
  return presets;
}
