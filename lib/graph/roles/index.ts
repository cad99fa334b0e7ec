import { z } from "zod";
import { approvalRole } from "./approval";
import type { RoleDefinition } from "./define-role";
import { executorRole } from "./executor";
import { plannerRole } from "./planner";
import { reviewerRole } from "./reviewer";

export type { RoleDefinition, RoleTierAdvice, WorkKind } from "./define-role";

/** The compiler rejects an entry whose `role` differs from its key. */
function defineRegistry<T extends { [K in keyof T]: RoleDefinition<K & string> }>(definitions: T): T {
  return definitions;
}

/** The role registry: the single source of truth for which roles exist. Add a role here. */
export const ROLE_DEFINITIONS = defineRegistry({
  planner: plannerRole,
  executor: executorRole,
  reviewer: reviewerRole,
  approval: approvalRole,
});

type RoleDefinitions = typeof ROLE_DEFINITIONS;

/** A node role, derived from the registry. */
export type Role = keyof RoleDefinitions;

/** All roles, in registry order. */
export const ROLES: readonly [Role, ...Role[]] = Object.keys(ROLE_DEFINITIONS) as [Role, ...Role[]];

export const roleSchema = z.enum(ROLES);

/** The definition of one role, keeping its exact options schema type. */
export type RoleDefinitionOf<R extends Role> = RoleDefinitions[R];

/** Parsed options of a role (defaults applied). */
export type RoleOptions<R extends Role> = z.output<RoleDefinitions[R]["optionsSchema"]>;

/** Looks up a role's definition. */
export function getRoleDefinition<R extends Role>(role: R): RoleDefinitionOf<R> {
  return ROLE_DEFINITIONS[role];
}

/** True when `value` names a registered role. */
export function isRole(value: unknown): value is Role {
  return typeof value === "string" && Object.hasOwn(ROLE_DEFINITIONS, value);
}
