import { z } from "zod";
import type { WorkspaceRole } from "@/lib/auth/roles";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";

/**
 * OpenAPI 3.1 from the zod schemas the routes parse with. Each operation is declared once
 * (app/api/v1/operations.ts) with the very schema objects its handler passes to `readJson`
 * and `readQuery`; a test calls every handler and checks it parses with those objects, so
 * the document cannot describe a request the route would not accept.
 */

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/**
 * Who may call: `workspace` is `withWorkspace` (session cookie or API key), `session` is
 * `withSession` (a signed-in browser only), `public` has no guard.
 */
export type OperationAuth = "workspace" | "session" | "public";

export interface ApiOperation {
  method: HttpMethod;
  /** The route as its folder names it: `/api/v1/runs/[id]`. */
  route: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  auth: OperationAuth;
  /** The guard's `minRole`; absent means any member. */
  minRole?: WorkspaceRole;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: {
    status: number;
    description: string;
    /** Checked against real answers in the operations test. */
    schema?: z.ZodType;
    /** Defaults to application/json when there is a schema. */
    contentType?: string;
  };
  /** Errors beyond the ones the guard and parsers give every such route (e.g. a 409). */
  errors?: ErrorCode[];
}

type JsonSchema = Record<string, unknown>;

/** The parts of an OpenAPI 3.1 document this generator writes. */
export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: { url: string; description?: string }[];
  tags: { name: string; description?: string }[];
  paths: Record<string, Partial<Record<Lowercase<HttpMethod>, JsonSchema>>>;
  components: { securitySchemes: Record<string, JsonSchema>; schemas: Record<string, JsonSchema>; responses: Record<string, JsonSchema> };
}

/** `/api/v1/runs/[id]` → `/api/v1/runs/{id}`. */
export const openApiPath = (route: string) => route.replace(/\[(\w+)\]/g, "{$1}");

/** A zod schema as JSON Schema 2020-12, the dialect of OpenAPI 3.1. Requests describe what is sent (`io: "input"`). */
export function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema;
  return rest;
}

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      details: z.unknown().optional().describe("Per-field problems for 400 and 422: `[{ path, message }]`."),
    }),
  })
  .describe("Every error answers with this body.");

const SECURITY_SCHEMES = {
  apiKey: {
    type: "http",
    scheme: "bearer",
    description: "A workspace API key (`tf_key_…`, Settings → API keys). It acts as an editor of its workspace.",
  },
  sessionCookie: {
    type: "apiKey",
    in: "cookie",
    name: "tierflow.session_token",
    description:
      "The browser session of a signed-in user, acting in the workspace the `tierflow_workspace` cookie names. Writes must come from Tierflow's own pages (same Origin).",
  },
};

const STATUS_TEXT: Partial<Record<number, string>> = {
  400: "The request is malformed (bad JSON or query).",
  401: "No valid session or API key.",
  403: "The caller's role or credential may not do this.",
  404: "Not found in the caller's workspace.",
  409: "Conflicts with the current state.",
  410: "Gone.",
  413: "The body is too large.",
  422: "The body fails validation.",
};

function errorStatuses(op: ApiOperation): number[] {
  const codes = new Set<number>((op.errors ?? []).map((code) => ERROR_STATUS[code]));
  if (op.auth !== "public") codes.add(401);
  if (op.minRole || op.auth === "session") codes.add(403);
  if (/\[\w+\]/.test(op.route)) codes.add(404);
  if (op.query) codes.add(400);
  if (op.body) [400, 413, 422].forEach((code) => codes.add(code));
  return [...codes].sort((a, b) => a - b);
}

function securityOf(op: ApiOperation): Record<string, string[]>[] {
  if (op.auth === "public") return [];
  if (op.auth === "session" || op.minRole === "owner") return [{ sessionCookie: [] }];
  return [{ apiKey: [] }, { sessionCookie: [] }];
}

function roleNote(op: ApiOperation): string | null {
  if (op.auth === "session") return "Signed-in browsers only: API keys are refused (403).";
  if (op.minRole === "owner") return "Needs the **owner** role; API keys act as editors, so they are refused.";
  if (op.minRole === "editor") return "Needs the **editor** role or above (API keys qualify).";
  return null;
}

function parametersOf(op: ApiOperation): JsonSchema[] {
  const path = [...op.route.matchAll(/\[(\w+)\]/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string" } }));
  if (!op.query) return path;
  const query = jsonSchemaOf(op.query, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  const fromQuery = Object.entries(query.properties ?? {}).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return { name, in: "query", required: query.required?.includes(name) ?? false, ...(description ? { description } : {}), schema: rest };
  });
  return [...path, ...fromQuery];
}

function operationObject(op: ApiOperation): JsonSchema {
  const { response } = op;
  const contentType = response.contentType ?? "application/json";
  const success: JsonSchema = {
    description: response.description,
    ...(response.schema ? { content: { [contentType]: { schema: jsonSchemaOf(response.schema, "output") } } } : {}),
  };
  const responses: Record<string, JsonSchema> = { [String(response.status)]: success };
  for (const status of errorStatuses(op)) responses[String(status)] = { $ref: `#/components/responses/Error${status}` };
  const description = [op.description, roleNote(op)].filter(Boolean).join("\n\n");
  const parameters = parametersOf(op);
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    ...(description ? { description } : {}),
    security: securityOf(op),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchemaOf(op.body, "input") } } } } : {}),
    responses,
  };
}

/** Builds the document; throws on two operations for one method and path. */
export function buildOpenApiDocument(
  operations: readonly ApiOperation[],
  meta: { title: string; version: string; description: string; tags: { name: string; description?: string }[]; schemas?: Record<string, JsonSchema> },
): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const op of operations) {
    const path = (paths[openApiPath(op.route)] ??= {});
    const method = op.method.toLowerCase() as Lowercase<HttpMethod>;
    if (path[method]) throw new Error(`Two operations for ${op.method} ${op.route}.`);
    path[method] = operationObject(op);
  }
  const responses = Object.fromEntries(
    Object.entries(STATUS_TEXT).map(([status, description]) => [
      `Error${status}`,
      { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
    ]),
  );
  return {
    openapi: "3.1.0",
    info: { title: meta.title, version: meta.version, description: meta.description },
    // Relative: the document describes whichever origin serves it.
    servers: [{ url: "/", description: "This Tierflow server" }],
    tags: meta.tags,
    paths,
    components: { securitySchemes: SECURITY_SCHEMES, schemas: { Error: jsonSchemaOf(errorBodySchema, "output"), ...meta.schemas }, responses },
  };
}
