/**
 * An HTTP tool as a workspace defines it: what the model sees (name, description, parameters
 * JSON schema) and the request its arguments fill in (method, URL template, headers).
 */
import { z } from "zod";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export const DEFAULT_HTTP_TOOL_TIMEOUT_MS = 15_000;
export const MAX_HTTP_TOOL_TIMEOUT_MS = 120_000;
/** Characters of response body the model reads at most. */
export const DEFAULT_HTTP_TOOL_OUTPUT_CHARS = 20_000;

// `{orderId}` in a URL template: a top-level property of the parameters schema.
const PLACEHOLDER = /\{([a-zA-Z_][a-zA-Z0-9_]*)\}/g;

/** The placeholder names of a URL template, in order. */
export function templatePlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1]);
}

/** A JSON schema the model's arguments must match; OpenAI function parameters are an object. */
export const httpToolParametersSchema = z
  .record(z.string(), z.unknown())
  .refine((schema) => schema.type === "object", { message: 'must be a JSON Schema with "type": "object"' })
  .refine((schema) => schema.properties === undefined || (typeof schema.properties === "object" && schema.properties !== null && !Array.isArray(schema.properties)), {
    message: '"properties" must be an object',
  })
  .superRefine((schema, ctx) => {
    try {
      z.fromJSONSchema(schema as never);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `is not a valid JSON Schema: ${error instanceof Error ? error.message : String(error)}` });
    }
  });

const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, "is not a valid header name");

/** The fields of an HTTP tool, each checked on its own. */
export const httpToolFieldsSchema = z.object({
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "use letters, digits, _ and -, at most 64 characters"),
    description: z.string().trim().min(1).max(2000),
    parameters: httpToolParametersSchema,
    method: z.enum(HTTP_METHODS),
    urlTemplate: z
      .string()
      .trim()
      .max(2000)
      .refine((value) => /^https?:\/\//i.test(value), { message: "must start with http:// or https://" })
      .refine((value) => URL.canParse(value.replace(PLACEHOLDER, "x")), { message: "is not a valid URL" }),
    /** Header values are secrets: stored encrypted and never shown again. */
    headers: z.record(headerName, z.string().max(4000)).default({}),
    timeoutMs: z.number().int().min(1000).max(MAX_HTTP_TOOL_TIMEOUT_MS).default(DEFAULT_HTTP_TOOL_TIMEOUT_MS),
});

/** The request side and the model side of an HTTP tool, as saved: the fields, and every URL placeholder a parameter. */
export const httpToolSpecSchema = httpToolFieldsSchema.superRefine((spec, ctx) => {
  const properties = (spec.parameters.properties ?? {}) as Record<string, unknown>;
  for (const name of templatePlaceholders(spec.urlTemplate)) {
    if (!Object.hasOwn(properties, name)) ctx.addIssue({ code: "custom", path: ["urlTemplate"], message: `placeholder {${name}} is not a property of the parameters` });
  }
});

export type HttpToolSpec = z.infer<typeof httpToolSpecSchema>;
export type HttpToolSpecInput = z.input<typeof httpToolSpecSchema>;

/** The stable id a node stores for an HTTP tool. */
export function httpToolId(id: string): string {
  return `http:${id}`;
}

/** An HTTP tool as a run calls it: the id nodes name it by and the spec, header values decrypted. */
export interface HttpToolEntry {
  toolId: string;
  spec: HttpToolSpec;
}
