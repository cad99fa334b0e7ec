import { z } from "zod";
import { graderSchema } from "./graders";

export const MAX_CASES = 2_000;

/** One case of a dataset: its input, what success looks like, and a difficulty the simulator reads. */
export const caseBody = z.object({
  input: z.string().trim().min(1, "A case needs an input.").max(100_000),
  expected: z.string().max(100_000).nullable().default(null),
  difficulty: z.number().min(0, "Difficulty is 0 to 1.").max(1, "Difficulty is 0 to 1.").default(0.5),
});
export type CaseBody = z.infer<typeof caseBody>;

export const createDatasetBody = z.object({
  name: z.string().trim().min(1, "Give the dataset a name.").max(120),
  grader: graderSchema.default({ kind: "contains", caseSensitive: false }),
  cases: z.array(caseBody).max(MAX_CASES).default([]),
});

export const updateDatasetBody = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  grader: graderSchema.optional(),
});

/** `POST /api/v1/datasets/:id/import`: a CSV or JSONL file's text, appended in one transaction or not at all. */
export const importCasesBody = z.object({
  format: z.enum(["csv", "jsonl"]),
  text: z.string().min(1, "The file is empty.").max(5_000_000),
});

export const exportQuery = z.object({ format: z.enum(["csv", "jsonl"]).default("jsonl") });
