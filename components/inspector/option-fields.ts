import { z } from "zod";

/** How an option is edited, read from its JSON schema type. */
export type OptionKind = "integer" | "number" | "boolean" | "enum" | "text";

/** One field of a role's options, described from its zod schema for the generic form. */
export interface OptionField {
  key: string;
  title: string;
  description?: string;
  kind: OptionKind;
  minimum?: number;
  maximum?: number;
  defaultValue?: unknown;
  /** May be left empty (no default): the node then uses the model's own setting. */
  optional: boolean;
  values?: readonly string[];
  /** The field's own zod schema: the single source of its rules. */
  schema: z.ZodType;
}

interface JsonProperty {
  type?: string;
  title?: string;
  description?: string;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  enum?: unknown[];
}

const cache = new WeakMap<z.ZodObject, OptionField[]>();

/** The fields of an options schema, in declaration order, with titles and bounds from `.meta()` and the checks. */
export function optionFields(schema: z.ZodObject): OptionField[] {
  const cached = cache.get(schema);
  if (cached) return cached;
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, JsonProperty>;
    required?: string[];
  };
  const required = new Set(json.required ?? []);
  const shape: Record<string, z.ZodType> = schema.shape;
  const fields = Object.entries(json.properties ?? {}).map(([key, property]): OptionField => ({
    key,
    title: property.title ?? humanize(key),
    description: property.description,
    kind: kindOf(property),
    minimum: property.minimum,
    maximum: property.maximum,
    defaultValue: property.default,
    optional: !required.has(key) && property.default === undefined,
    values: property.enum?.map(String),
    schema: shape[key],
  }));
  cache.set(schema, fields);
  return fields;
}

function kindOf(property: JsonProperty): OptionKind {
  if (property.enum) return "enum";
  if (property.type === "integer" || property.type === "number" || property.type === "boolean") return property.type;
  return "text";
}

function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The help under a field: its description, and for an optional one what leaving it empty does (said once). */
export function optionHelp(field: OptionField): string {
  return [field.description, field.optional ? "Leave empty for the model's default." : null].filter(Boolean).join(" ");
}

export type ParsedOption = { ok: true; value: unknown } | { ok: false; message: string };

/** Reads what the user typed into a field, checked against the field's schema. */
export function parseOptionInput(field: OptionField, input: string | boolean): ParsedOption {
  if (field.kind === "boolean") return check(field, Boolean(input));
  const text = String(input).trim();
  if (text === "") {
    return field.optional ? { ok: true, value: undefined } : { ok: false, message: `Enter a value${defaultHint(field)}.` };
  }
  if (field.kind === "integer" || field.kind === "number") {
    const value = Number(text);
    if (!Number.isFinite(value)) return { ok: false, message: "Enter a number." };
    if (field.kind === "integer" && !Number.isInteger(value)) return { ok: false, message: "Enter a whole number." };
    return check(field, value);
  }
  return check(field, text);
}

function check(field: OptionField, value: unknown): ParsedOption {
  const parsed = field.schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  if (field.minimum !== undefined && field.maximum !== undefined) {
    return { ok: false, message: `Enter a number from ${field.minimum} to ${field.maximum}.` };
  }
  return { ok: false, message: parsed.error.issues[0]?.message ?? "This value is not allowed." };
}

function defaultHint(field: OptionField): string {
  return field.defaultValue === undefined ? "" : ` (default ${String(field.defaultValue)})`;
}
