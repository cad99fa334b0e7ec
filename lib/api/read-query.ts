import type { z } from "zod";
import { AppError } from "@/lib/errors";

/**
 * Parses a request's query string with `schema` (each parameter once, as a string; coerce
 * numbers in the schema). A failure answers 422 with every issue and its parameter.
 */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    throw new AppError(
      "unprocessable",
      "The query string is invalid.",
      parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.message })),
    );
  }
  return parsed.data;
}
