/**
 * A workspace's HTTP tools: saved with their header values encrypted (never returned again,
 * only their names) and handed to runs, where nodes name them `http:<id>`.
 */
import { z } from "zod";
import { decryptSecret, encryptSecret } from "@/lib/auth/secrets";
import { db, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { BlockedHostError, checkOutboundUrl, outboundAllowHosts, TOOL_NAMES } from "@/lib/tools";
import { HTTP_METHODS, httpToolFieldsSchema, httpToolId, httpToolSpecSchema, type HttpToolEntry, type HttpMethod, type HttpToolSpec } from "@/lib/tools/http";

type Env = Record<string, string | undefined>;

/** `GET /api/v1/http-tools`: a tool as members see it; header values never leave the server. */
export interface HttpToolSummary {
  id: string;
  /** What a node stores: `http:<id>`. */
  toolId: string;
  name: string;
  description: string;
  parameters: Record<string, unknown>;
  method: HttpMethod;
  urlTemplate: string;
  headerNames: string[];
  timeoutMs: number;
}

/** `POST /api/v1/http-tools`. */
export const createHttpToolBody = httpToolSpecSchema;
export type CreateHttpToolBody = z.infer<typeof createHttpToolBody>;
/** What a client sends to create one (defaults not yet applied). */
export type CreateHttpToolInput = z.input<typeof createHttpToolBody>;

const fields = httpToolFieldsSchema.shape;
/**
 * `PATCH /api/v1/http-tools/:id`: the fields to change; the result is checked as a whole. A
 * header sent with an empty value keeps its stored value, so a token need not be typed again;
 * a header left out is removed.
 */
export const updateHttpToolBody = z.object({
  name: fields.name.optional(),
  description: fields.description.optional(),
  parameters: fields.parameters.optional(),
  method: fields.method.optional(),
  urlTemplate: fields.urlTemplate.optional(),
  headers: fields.headers.unwrap().optional(),
  timeoutMs: fields.timeoutMs.unwrap().optional(),
});
export type UpdateHttpToolBody = z.infer<typeof updateHttpToolBody>;

/** A stored HTTP tool, header values encrypted. */
export type HttpToolRow = Prisma.HttpToolGetPayload<object>;
type Row = HttpToolRow;

const stringList = z.array(z.string()).catch([]);
const methodOf = (value: string): HttpMethod => z.enum(HTTP_METHODS).catch("GET").parse(value);

function summaryOf(row: Row): HttpToolSummary {
  return {
    id: row.id,
    toolId: httpToolId(row.id),
    name: row.name,
    description: row.description,
    parameters: z.record(z.string(), z.unknown()).catch({ type: "object" }).parse(row.parameters),
    method: methodOf(row.method),
    urlTemplate: row.urlTemplate,
    headerNames: stringList.parse(row.headerNames ?? []),
    timeoutMs: row.timeoutMs,
  };
}

function storedHeaders(row: Row): Record<string, string> {
  if (!row.headersEncrypted) return {};
  try {
    return z.record(z.string(), z.string()).parse(JSON.parse(decryptSecret(row.headersEncrypted)));
  } catch {
    throw new AppError("conflict", `The headers of HTTP tool "${row.name}" can no longer be read (was TIERFLOW_SECRET changed?). An owner can enter them again.`);
  }
}

function unprocessable(path: string[], message: string): AppError {
  return new AppError("unprocessable", message, [{ path, message }]);
}

/** Refuses at save time a host the outbound guard would refuse at run time. */
async function assertAllowed(urlTemplate: string, env: Env): Promise<void> {
  try {
    await checkOutboundUrl(new URL(urlTemplate.replace(/\{[^}]*\}/g, "x")), outboundAllowHosts(env));
  } catch (error) {
    if (error instanceof BlockedHostError) throw unprocessable(["urlTemplate"], `This URL is not allowed: ${error.reason}.`);
    // DNS trouble is not a verdict: the call reports it when it happens.
  }
}

async function assertNameFree(workspaceId: string, name: string, exceptId?: string): Promise<void> {
  if ((TOOL_NAMES as readonly string[]).includes(name)) throw unprocessable(["name"], `"${name}" is the name of a built-in tool.`);
  const clash = await db.httpTool.findFirst({ where: { workspaceId, name, ...(exceptId ? { NOT: { id: exceptId } } : {}) }, select: { id: true } });
  if (clash) throw new AppError("conflict", `An HTTP tool named "${name}" already exists in this workspace.`, [{ path: ["name"], message: "is taken" }]);
}

/** The workspace's HTTP tools, by name. */
export async function listHttpTools(workspaceId: string): Promise<HttpToolSummary[]> {
  const rows = await db.httpTool.findMany({ where: { workspaceId }, orderBy: { name: "asc" } });
  return rows.map(summaryOf);
}

/** Saves a new HTTP tool. */
export async function createHttpTool(workspaceId: string, body: CreateHttpToolBody, env: Env = process.env): Promise<HttpToolSummary> {
  await assertNameFree(workspaceId, body.name);
  await assertAllowed(body.urlTemplate, env);
  const row = await db.httpTool.create({ data: { workspaceId, ...columnsOf(body) } });
  return summaryOf(row);
}

function columnsOf(spec: HttpToolSpec) {
  const headerNames = Object.keys(spec.headers);
  return {
    name: spec.name,
    description: spec.description,
    parameters: spec.parameters as Prisma.InputJsonValue,
    method: spec.method,
    urlTemplate: spec.urlTemplate,
    headersEncrypted: headerNames.length ? encryptSecret(JSON.stringify(spec.headers)) : null,
    headerNames,
    timeoutMs: spec.timeoutMs,
  };
}

/** Changes an HTTP tool; the merged tool is checked like a new one (schema, placeholders, address). */
export async function updateHttpTool(workspaceId: string, id: string, body: UpdateHttpToolBody, env: Env = process.env): Promise<HttpToolSummary> {
  const row = await db.httpTool.findFirst({ where: { id, workspaceId } });
  if (!row) throw AppError.notFound("HTTP tool");
  const stored = storedHeaders(row);
  const headers = body.headers
    ? Object.fromEntries(Object.entries(body.headers).map(([key, value]) => [key, value === "" ? (stored[key] ?? "") : value]))
    : stored;
  const parsed = httpToolSpecSchema.safeParse({ ...summaryOf(row), ...body, headers });
  if (!parsed.success) {
    throw new AppError("unprocessable", "The changed HTTP tool is invalid.", parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.message })));
  }
  const spec = parsed.data;
  if (spec.name !== row.name) await assertNameFree(workspaceId, spec.name, id);
  if (spec.urlTemplate !== row.urlTemplate) await assertAllowed(spec.urlTemplate, env);
  return summaryOf(await db.httpTool.update({ where: { id }, data: columnsOf(spec) }));
}

/** Removes an HTTP tool; nodes that use it then show an unknown-tool problem. */
export async function deleteHttpTool(workspaceId: string, id: string): Promise<{ id: string }> {
  const row = await db.httpTool.findFirst({ where: { id, workspaceId }, select: { id: true } });
  if (!row) throw AppError.notFound("HTTP tool");
  await db.httpTool.delete({ where: { id } });
  return { id };
}

/** What a run needs to call the workspace's HTTP tools, header values decrypted. */
export async function workspaceHttpTools(workspaceId: string): Promise<HttpToolEntry[]> {
  return httpToolsOf(await db.httpTool.findMany({ where: { workspaceId }, ...httpToolRowsQuery }));
}

/** How a run's HTTP tool rows are read, wherever they are loaded. */
export const httpToolRowsQuery = { orderBy: { name: "asc" } } as const;

/** `workspaceHttpTools` from rows already loaded. */
export function httpToolsOf(rows: readonly HttpToolRow[]): HttpToolEntry[] {
  return rows.map((row) => {
    const summary = summaryOf(row);
    const spec: HttpToolSpec = { ...summary, headers: storedHeaders(row) };
    return { toolId: summary.toolId, spec };
  });
}
