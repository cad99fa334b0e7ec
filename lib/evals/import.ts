import Papa from "papaparse";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { caseBody, MAX_CASES, type CaseBody } from "./schemas";

/** A problem with one row of an imported file; `row` counts data rows from 1 (the CSV header is not one). */
export interface RowError {
  row: number;
  message: string;
}

function rowMessage(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message)).join("; ");
}

function fromRecord(record: Record<string, unknown>): unknown {
  const difficulty = record.difficulty;
  const expected = record.expected;
  return {
    input: record.input,
    expected: expected === undefined || expected === null || expected === "" ? null : typeof expected === "string" ? expected : JSON.stringify(expected),
    ...(difficulty === undefined || difficulty === "" ? {} : { difficulty: typeof difficulty === "string" ? Number(difficulty) : difficulty }),
  };
}

function collect(records: readonly unknown[], errors: RowError[]): CaseBody[] {
  const cases: CaseBody[] = [];
  records.forEach((record, i) => {
    if (!record || typeof record !== "object" || Array.isArray(record)) {
      errors.push({ row: i + 1, message: "The row is not an object with an input." });
      return;
    }
    const parsed = caseBody.safeParse(fromRecord(record as Record<string, unknown>));
    if (parsed.success) cases.push(parsed.data);
    else errors.push({ row: i + 1, message: rowMessage(parsed.error) });
  });
  return cases;
}

/**
 * The cases of a CSV (header row with `input`, optional `expected` and `difficulty`) or JSONL
 * file (one object per line). Any bad row fails the whole file with every row's error, so
 * nothing is half-imported.
 */
export function parseCases(format: "csv" | "jsonl", text: string): CaseBody[] {
  const errors: RowError[] = [];
  let records: unknown[];
  if (format === "csv") {
    const result = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: "greedy", transformHeader: (h) => h.trim().toLowerCase() });
    if (!result.meta.fields?.includes("input")) throw new AppError("unprocessable", "The CSV needs a header row with an `input` column.", []);
    for (const e of result.errors) errors.push({ row: (e.row ?? 0) + 1, message: e.message });
    records = result.data;
  } else {
    records = [];
    text.split(/\r?\n/).forEach((line) => {
      if (line.trim() === "") return;
      try {
        records.push(JSON.parse(line));
      } catch {
        records.push(null);
        errors.push({ row: records.length, message: "The line is not valid JSON." });
      }
    });
  }
  const cases = collect(records, errors);
  if (records.length > MAX_CASES) errors.push({ row: MAX_CASES + 1, message: `A dataset holds at most ${MAX_CASES} cases.` });
  if (records.length === 0) errors.push({ row: 1, message: "The file has no cases." });
  if (errors.length > 0) {
    // One row can fail twice (a JSONL line that is not JSON is not an object either): keep the first.
    const unique = errors.filter((e, i) => errors.findIndex((f) => f.row === e.row) === i).sort((a, b) => a.row - b.row);
    throw new AppError("unprocessable", `${unique.length} row${unique.length === 1 ? "" : "s"} could not be imported; nothing was imported.`, unique);
  }
  return cases;
}

/** The cases as a file in `format`, the same columns the importer reads. */
export function serializeCases(format: "csv" | "jsonl", cases: readonly CaseBody[]): string {
  if (format === "jsonl") return cases.map((c) => JSON.stringify({ input: c.input, expected: c.expected, difficulty: c.difficulty })).join("\n") + "\n";
  return Papa.unparse(cases.map((c) => ({ input: c.input, expected: c.expected ?? "", difficulty: c.difficulty })), { columns: ["input", "expected", "difficulty"] }) + "\n";
}
