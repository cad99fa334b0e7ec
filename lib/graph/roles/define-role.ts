import { z } from "zod";
import type { Tier } from "../tiers";

/** What a role's node does, as the tier advice judges it. */
export type WorkKind = "planning" | "review" | "classification" | "multi-step" | "general";

/**
 * How the tier advice treats a role: a fixed recommendation (`kind`, `suggested` and the words
 * for a node on that tier or on another), `by-work` to judge each node from its tools and words,
 * or `none` for a role that calls no model.
 */
export type RoleTierAdvice = { kind: WorkKind; suggested: Tier; ok: string; hint: string } | "by-work" | "none";

/**
 * Everything the app knows about one node role: how the canvas labels it, which tier and
 * system prompt a new node starts with, whether it may start `revise` edges, and the
 * schema of its options (read by the inspector to render a generic form).
 */
export interface RoleDefinition<R extends string = string, O extends z.ZodObject = z.ZodObject> {
  role: R;
  title: string;
  description: string;
  defaultTier: Tier;
  defaultInstructions: string;
  /** Only roles that judge other nodes' work may send it back for another pass. */
  canStartRevise: boolean;
  /** Answers in a JSON schema (plan, verdict), so its model needs structured output. */
  answersStructured: boolean;
  /**
   * Calls a model. A role that does not (a person decides) has no tier, model or tools that
   * matter: the inspector hides them, and cost, baseline and validation treat it as free.
   */
  usesModel: boolean;
  /** Answers with a plan of subtasks for downstream executors (share links may hide their instructions). */
  plans: boolean;
  /** The tier advice for this role's nodes. */
  tierAdvice: RoleTierAdvice;
  /** Every field has a default or is optional, so `{}` parses to a complete options object. */
  optionsSchema: O;
}

/** Declares a role definition, keeping its `role` literal and options schema types. */
export function defineRole<R extends string, O extends z.ZodObject>(definition: RoleDefinition<R, O>): RoleDefinition<R, O> {
  return definition;
}

/**
 * Option fields every role shares, so their bounds and wording live in one place.
 * Only the output-token default differs between roles.
 */
export function commonOptionFields(defaults: { maxOutputTokens: number }) {
  return {
    maxOutputTokens: z
      .number()
      .int()
      .min(16)
      .max(128_000)
      .default(defaults.maxOutputTokens)
      .meta({
        title: "Max output tokens",
        description: "Upper bound on tokens the model may generate per call, reasoning included.",
      }),
    temperature: z
      .number()
      .min(0)
      .max(2)
      .optional()
      .meta({
        title: "Temperature",
        description: "Sampling temperature: lower is more focused, higher more varied (some models accept only their own setting).",
      }),
  };
}
