import { z } from "zod";
import { AppError } from "@/lib/errors";

/** JSON response with the body typed by the caller. */
export function json<T>(body: T, init?: ResponseInit): Response {
  return Response.json(body, init);
}

/** Whether the request's `Accept` header names `type` (parameters and quality ignored). */
export function accepts(request: Request, type: string): boolean {
  return (request.headers.get("accept") ?? "").split(",").some((range) => range.split(";")[0].trim().toLowerCase() === type);
}

/** Every error leaves the API as `{ error: { code, message, details? } }`. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    return Response.json(
      { error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } },
      { status: error.status },
    );
  }
  console.error("Unhandled error in API route:", error);
  return Response.json({ error: { code: "internal", message: "Something went wrong on our side." } }, { status: 500 });
}

/** Default limit for request bodies: graph documents of 2,000 nodes fit well under it. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/**
 * Reads a JSON body within `maxBytes`, then parses it with `schema`. Oversized bodies answer
 * 413, malformed JSON 400, and schema failures 422 with every issue and its path.
 */
export async function readJson<S extends z.ZodType>(request: Request, schema: S, maxBytes = MAX_BODY_BYTES): Promise<z.infer<S>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readTextWithin(request, maxBytes);
  let raw: unknown;
  try {
    raw = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError(
      "unprocessable",
      "The request body is invalid.",
      parsed.error.issues.map((issue) => ({ path: issue.path, message: issueMessage(issue) })),
    );
  }
  return parsed.data;
}

/** Zod's message, except for a body of the wrong type, where it would name no field at all. */
function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.path.length > 0 || issue.code !== "invalid_type") return issue.message;
  return `The request body must be ${issue.expected === "object" ? "a JSON object" : `JSON of type ${issue.expected}`}.`;
}

/**
 * Parses a request's query string with `schema` (one value per name). Failures answer 400
 * with every issue and its path, as a mistyped filter is a malformed request.
 */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    throw new AppError(
      "bad_request",
      "The query is invalid.",
      parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.message })),
    );
  }
  return parsed.data;
}

async function readTextWithin(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", `The request body is larger than ${Math.round(maxBytes / 1024)} KiB.`);
}
