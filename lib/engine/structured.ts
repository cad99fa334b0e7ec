import type { ResponseFormatJSONSchema } from "openai/resources/shared";
import type { z } from "zod";
import { NodeError } from "./errors";
import { describeFinish, type ModelCallResult } from "./model-call";

/** A strict JSON-schema response format (structured outputs). */
export function jsonSchemaFormat(name: string, schema: Record<string, unknown>): ResponseFormatJSONSchema {
  return { type: "json_schema", json_schema: { name, strict: true, schema } };
}

/**
 * Parses and validates a structured answer. Invalid JSON or a shape that does not match is a
 * node failure whose message says what was wrong (and why, when the answer was cut or refused).
 */
export function parseStructured<T>(result: ModelCallResult, schema: z.ZodType<T>, what: string): T {
  const why = describeFinish(result);
  let json: unknown;
  try {
    json = JSON.parse(result.content);
  } catch (error) {
    const detail = why || (result.content.trim() === "" ? "the answer was empty" : (error as Error).message);
    throw new NodeError(`The ${what} was not valid JSON: ${detail}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.length ? issue.path.join(".") : "(root)"}: ${issue.message}`)
      .join("; ");
    throw new NodeError(`The ${what} did not match its schema: ${issues}${why ? ` (${why})` : ""}`);
  }
  return parsed.data;
}
