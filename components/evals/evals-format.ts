import type { Grader } from "@/lib/evals/wire";

export const GRADER_LABELS: Record<Grader["kind"], string> = {
  exact: "Exact match",
  contains: "Contains the expected output",
  regex: "Matches the expected regex",
  "json-schema": "JSON valid against a schema",
  numeric: "Number within a tolerance",
  "reviewer-verdict": "The graph's reviewer approves",
  rubric: "Model-graded rubric",
};

export const percent = (value: number | null) => (value === null ? "—" : `${(value * 100).toFixed(0)}%`);
