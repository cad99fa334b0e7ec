import { z } from "zod";
import { ROLE_DEFINITIONS, ROLES, type Role, type RoleDefinition } from "./roles";
import { tierSchema, type Tier } from "./tiers";

export type { Role, RoleOptions } from "./roles";

/** Version of the stored graph document. Bump it only together with a migration in `migrate.ts`. */
export const GRAPH_SCHEMA_VERSION = 3;

export const GRAPH_LIMITS = {
  nodes: 2000,
  edges: 10_000,
  nodeIdLength: 64,
  edgeIdLength: 128,
  labelLength: 80,
  modelLength: 100,
  tools: 16,
  /**
   * A stored tool id, not the name the model sees: `mcp:<serverId>:<toolName>` holds an MCP
   * tool name of up to 128 characters (the spec's limit). Runs give the model a function name of 64 at most.
   */
  toolIdLength: 200,
  instructionsLength: 20_000,
} as const;

/** Node ids end up in URLs, event payloads and logs, so they stay plain. */
export const nodeIdSchema = z
  .string()
  .min(1)
  .max(GRAPH_LIMITS.nodeIdLength)
  .regex(/^[A-Za-z0-9_-]+$/, { error: "may contain only letters, digits, '-' and '_'" });

export const positionSchema = z.object({ x: z.number(), y: z.number() });

const baseNodeShape = {
  id: nodeIdSchema,
  label: z.string().trim().min(1).max(GRAPH_LIMITS.labelLength),
  tier: tierSchema,
  /** Overrides the tier's default model. */
  model: z.string().min(1).max(GRAPH_LIMITS.modelLength).optional(),
  tools: z.array(z.string().min(1).max(GRAPH_LIMITS.toolIdLength)).max(GRAPH_LIMITS.tools).default([]),
  /** The node's system prompt. */
  instructions: z.string().max(GRAPH_LIMITS.instructionsLength).default(""),
  position: positionSchema,
};

function nodeSchemaFor<R extends Role, O extends z.ZodObject>(definition: RoleDefinition<R, O>) {
  return z.object({
    ...baseNodeShape,
    role: z.literal(definition.role),
    // Every option has a default or is optional (see RoleDefinition), so `{}` is valid input.
    options: definition.optionsSchema.prefault({} as z.input<O>),
  });
}

type NodeSchemas = {
  [R in Role]: ReturnType<typeof nodeSchemaFor<R, (typeof ROLE_DEFINITIONS)[R]["optionsSchema"]>>;
};

/** One zod schema per role, built from the role registry. */
export const NODE_SCHEMAS = buildNodeSchemas();

function buildNodeSchemas(): NodeSchemas {
  const definitions: readonly RoleDefinition<Role>[] = ROLES.map((role) => ROLE_DEFINITIONS[role]);
  // Object.fromEntries cannot keep the per-role pairing; NodeSchemas states it.
  return Object.fromEntries(definitions.map((definition) => [definition.role, nodeSchemaFor(definition)])) as unknown as NodeSchemas;
}

/** A node: a discriminated union on `role`, each role with its own `options`. */
export const graphNodeSchema = z.discriminatedUnion(
  "role",
  ROLES.map((role) => NODE_SCHEMAS[role]) as [NodeSchemas[Role], ...NodeSchemas[Role][]],
);

export const EDGE_KINDS = ["data", "revise"] as const;
export const edgeKindSchema = z.enum(EDGE_KINDS);

/**
 * `data` carries a node's output downstream; `revise` runs from a reviewer back to an
 * upstream node it may send back for another pass.
 */
export const graphEdgeSchema = z.object({
  id: z.string().min(1).max(GRAPH_LIMITS.edgeIdLength),
  source: nodeIdSchema,
  target: nodeIdSchema,
  kind: edgeKindSchema.default("data"),
});

export const graphSettingsSchema = z.object({
  maxConcurrency: z
    .number()
    .int()
    .min(1)
    .max(256)
    .default(16)
    .meta({ title: "Max concurrency", description: "Most model calls running at once across the whole run." }),
});

/** The stored graph document. Validates API bodies, stored documents and editor imports alike. */
export const graphDocumentSchema = z.object({
  schemaVersion: z.literal(GRAPH_SCHEMA_VERSION),
  nodes: z.array(graphNodeSchema).max(GRAPH_LIMITS.nodes),
  edges: z.array(graphEdgeSchema).max(GRAPH_LIMITS.edges),
  settings: graphSettingsSchema.prefault({}),
});

export type GraphDocument = z.output<typeof graphDocumentSchema>;
/** A graph document as accepted on input: defaulted fields may be left out. */
export type GraphDocumentInput = z.input<typeof graphDocumentSchema>;
export type GraphNode = z.output<typeof graphNodeSchema>;
/** The node type of one role, e.g. `NodeOfRole<"executor">` has `options.concurrency`. */
export type NodeOfRole<R extends Role> = z.output<NodeSchemas[R]>;
export type GraphEdge = z.output<typeof graphEdgeSchema>;
export type EdgeKind = z.output<typeof edgeKindSchema>;
export type GraphSettings = z.output<typeof graphSettingsSchema>;
export type Position = z.output<typeof positionSchema>;

/** Narrows a node to one role. */
export function isNodeOfRole<R extends Role>(node: GraphNode, role: R): node is NodeOfRole<R> & GraphNode {
  return node.role === role;
}

/**
 * A new node of `role` with that role's defaults (tier, instructions, options); the label
 * defaults to the role's title. Throws if `id` is not a valid node id.
 */
export function createNode<R extends Role>(
  role: R,
  init: { id: string; label?: string; position: Position; tier?: Tier },
): NodeOfRole<R> {
  const definition = ROLE_DEFINITIONS[role];
  const schema: z.ZodType<NodeOfRole<R>> = NODE_SCHEMAS[role] as unknown as z.ZodType<NodeOfRole<R>>;
  return schema.parse({
    id: init.id,
    role,
    label: init.label ?? definition.title,
    tier: init.tier ?? definition.defaultTier,
    instructions: definition.defaultInstructions,
    position: init.position,
  });
}

/** A valid document with no nodes, for a new canvas. */
export function emptyGraph(): GraphDocument {
  return graphDocumentSchema.parse({ schemaVersion: GRAPH_SCHEMA_VERSION, nodes: [], edges: [] });
}
