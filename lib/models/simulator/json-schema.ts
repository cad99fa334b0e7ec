import { booleanValue, numberValue, stringValue, type FieldContext } from "./field-values";
import type { Rng } from "./random";
import type { JsonObject } from "./request";
import { enumValues, isRecord, resolveSchema, schemaTypes } from "./schema-utils";
import { phrase } from "./text";
import type { Topic } from "./topic";

/** Inputs for generating a JSON instance of a schema. */
export interface InstanceOptions {
  rng: Rng;
  topic: Topic;
  /** Item count for arrays (`[sim:items=N]`), clamped to each array's bounds; default 3–4. */
  items?: number;
  /** The verdict decided for this response; used for `verdict` enums and the fields that agree with it. */
  verdict?: "approve" | "revise";
}

interface Walk extends FieldContext {
  root: JsonObject;
  items?: number;
  depth: number;
}

// Past this depth (recursive schemas), only what the schema requires is generated.
const MAX_DEPTH = 8;

/**
 * A JSON value that validates against `schema` and reads like an answer to the conversation:
 * objects fill every property (optional ones too), arrays get 3–4 items, enums inside arrays of
 * objects go round-robin by item index, strings are phrased by their property name.
 * Not supported: `pattern`, `not`, conditional schemas (`if`/`then`), `patternProperties`.
 */
export function generateInstance(schema: unknown, options: InstanceOptions): unknown {
  const root = isRecord(schema) ? schema : {};
  return walk(schema, {
    rng: options.rng,
    topic: options.topic,
    index: 0,
    verdict: options.verdict,
    root,
    items: options.items,
    depth: 0,
  });
}

function walk(input: unknown, w: Walk): unknown {
  const schema = resolveSchema(input, w.root);
  const values = Array.isArray(schema.enum) || "const" in schema ? enumValues(schema, w.root) : undefined;
  if (values) return pickEnum(values, w);

  const variants = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(variants) && variants.length > 0) {
    const resolved = variants.map((v) => resolveSchema(v, w.root));
    const nonNull = resolved.find((v) => !(schemaTypes(v).length === 1 && schemaTypes(v)[0] === "null"));
    const siblings = { ...schema };
    delete siblings.anyOf;
    delete siblings.oneOf;
    return walk({ ...siblings, ...(nonNull ?? resolved[0]) }, w);
  }

  const types = schemaTypes(schema);
  const type =
    types.find((t) => t !== "null") ??
    types[0] ??
    (isRecord(schema.properties) ? "object" : schema.items !== undefined || schema.prefixItems !== undefined ? "array" : "string");
  switch (type) {
    case "object":
      return objectValue(schema, w);
    case "array":
      return arrayValue(schema, w);
    case "integer":
      return numberValue(schema, true, w);
    case "number":
      return numberValue(schema, false, w);
    case "boolean":
      return booleanValue(w);
    case "null":
      return null;
    default:
      return stringValue(schema, w);
  }
}

function pickEnum(values: unknown[], w: Walk): unknown {
  if (w.name?.toLowerCase() === "verdict" && w.verdict) {
    if (values.includes(w.verdict)) return w.verdict;
  }
  // Round-robin by item index: a planner's subtasks spread over the executors it offers.
  return values[w.index % values.length];
}

function objectValue(schema: JsonObject, w: Walk): JsonObject {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === "string") : []);
  const out: JsonObject = {};
  for (const [key, sub] of Object.entries(properties)) {
    if (w.depth >= MAX_DEPTH && !required.has(key)) continue;
    out[key] = walk(sub, { ...w, name: key, depth: w.depth + 1 });
  }
  for (const key of required) {
    if (!(key in out)) {
      const extra = isRecord(schema.additionalProperties) ? schema.additionalProperties : { type: "string" };
      out[key] = walk(extra, { ...w, name: key, depth: w.depth + 1 });
    }
  }
  const minProps = typeof schema.minProperties === "number" ? schema.minProperties : 0;
  for (let i = 0; Object.keys(out).length < minProps && schema.additionalProperties !== false; i++) {
    const extra = isRecord(schema.additionalProperties) ? schema.additionalProperties : { type: "string" };
    out[`note_${i + 1}`] = walk(extra, { ...w, name: "note", index: i, depth: w.depth + 1 });
  }
  return out;
}

function arrayValue(schema: JsonObject, w: Walk): unknown[] {
  const min = typeof schema.minItems === "number" ? Math.max(0, Math.ceil(schema.minItems)) : 0;
  const max = typeof schema.maxItems === "number" ? Math.max(min, Math.floor(schema.maxItems)) : Infinity;
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
  const itemSchema = schema.items === false ? undefined : (schema.items ?? {});
  let count = w.depth >= MAX_DEPTH ? min : (w.items ?? w.rng.int(3, 4));
  if (itemSchema === undefined) count = Math.min(count, prefix.length);
  const itemValues = itemSchema !== undefined ? enumValues(resolveSchema(itemSchema, w.root), w.root) : undefined;
  if (schema.uniqueItems === true && itemValues) count = Math.min(count, prefix.length + itemValues.length);
  count = Math.min(Math.max(count, min), max);

  const out: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const sub = i < prefix.length ? prefix[i] : itemSchema;
    let value = walk(sub, { ...w, index: i, depth: w.depth + 1 });
    if (schema.uniqueItems === true) value = makeUnique(value, out, i, w.topic);
    out.push(value);
  }
  return out;
}

function makeUnique(value: unknown, previous: unknown[], index: number, topic: Topic): unknown {
  const seen = new Set(previous.map((v) => JSON.stringify(v)));
  if (!seen.has(JSON.stringify(value))) return value;
  if (typeof value === "string") return `${value || phrase(topic, index)} (${index + 1})`;
  if (typeof value === "number") {
    let n = value;
    while (seen.has(JSON.stringify(n))) n += 1;
    return n;
  }
  return value;
}
