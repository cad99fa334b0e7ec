import type { JsonObject } from "./request";

export function isRecord(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function pointer(root: JsonObject, ref: string): unknown {
  if (ref === "#") return root;
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    node = isRecord(node) ? node[key] : Array.isArray(node) ? node[Number(key)] : undefined;
  }
  return node;
}

const MAX_REF_HOPS = 32;

/**
 * The schema with local `$ref`s followed and `allOf` merged into one object, so generators can
 * read `type`, `properties`, `required` and bounds directly. Remote refs resolve to `{}` (anything).
 */
export function resolveSchema(schema: unknown, root: JsonObject): JsonObject {
  let current: unknown = schema;
  for (let hops = 0; isRecord(current) && typeof current.$ref === "string" && hops < MAX_REF_HOPS; hops++) {
    const { $ref, ...rest } = current;
    const target = pointer(root, $ref as string);
    current = { ...(isRecord(target) ? target : {}), ...rest };
  }
  if (!isRecord(current)) return current === false ? { not: {} } : {};
  if (!Array.isArray(current.allOf)) return current;
  const { allOf, ...rest } = current;
  const merged: JsonObject = {};
  const properties: JsonObject = {};
  const required: string[] = [];
  for (const part of [...(allOf as unknown[]), rest]) {
    const resolved = resolveSchema(part, root);
    Object.assign(merged, resolved);
    if (isRecord(resolved.properties)) Object.assign(properties, resolved.properties);
    if (Array.isArray(resolved.required)) required.push(...resolved.required.filter((r): r is string => typeof r === "string"));
  }
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.length > 0) merged.required = [...new Set(required)];
  return merged;
}

/** The allowed values of an enum-like schema: `enum`, `const`, or `anyOf`/`oneOf` of consts. */
export function enumValues(schema: JsonObject, root: JsonObject): unknown[] | undefined {
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum;
  if ("const" in schema) return [schema.const];
  const variants = schema.anyOf ?? schema.oneOf;
  if (!Array.isArray(variants) || variants.length === 0) return undefined;
  const values: unknown[] = [];
  for (const v of variants) {
    const inner = enumValues(resolveSchema(v, root), root);
    if (!inner) return undefined;
    values.push(...inner);
  }
  return values;
}

/** The non-null types a schema allows, in its order (empty when it says nothing). */
export function schemaTypes(schema: JsonObject): string[] {
  const t = schema.type;
  const list = typeof t === "string" ? [t] : Array.isArray(t) ? t.filter((x): x is string => typeof x === "string") : [];
  return list;
}

/**
 * The values of a `verdict` enum containing "revise" (a reviewer's schema), looked for in the
 * top-level properties and in nested objects a few levels down.
 */
export function findVerdictEnum(schema: unknown, root: JsonObject, depth = 0): unknown[] | undefined {
  const resolved = resolveSchema(schema, root);
  if (!isRecord(resolved.properties) || depth > 3) return undefined;
  for (const [name, sub] of Object.entries(resolved.properties)) {
    const subSchema = resolveSchema(sub, root);
    if (name.toLowerCase() === "verdict") {
      const values = enumValues(subSchema, root);
      if (values?.includes("revise")) return values;
    }
    const nested = findVerdictEnum(subSchema, root, depth + 1);
    if (nested) return nested;
  }
  return undefined;
}
