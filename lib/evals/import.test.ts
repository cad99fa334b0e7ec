import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseCases, serializeCases } from "./import";

function failure(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a failure");
}

describe("parseCases", () => {
  it("reads a CSV with quoted commas and newlines, defaulting difficulty", () => {
    const cases = parseCases("csv", 'Input,Expected,difficulty\n"Hello, world","line1\nline2",0.9\nSecond,,\n');
    expect(cases).toEqual([
      { input: "Hello, world", expected: "line1\nline2", difficulty: 0.9 },
      { input: "Second", expected: null, difficulty: 0.5 },
    ]);
  });

  it("fails the whole file with an error per bad row", () => {
    const error = failure(() => parseCases("csv", "input,expected,difficulty\nok,a,0.2\n,b,0.1\nfine,c,7\n"));
    expect(error.message).toBe("2 rows could not be imported; nothing was imported.");
    expect(error.details).toEqual([
      { row: 2, message: expect.stringContaining("input") },
      { row: 3, message: "difficulty: Difficulty is 0 to 1." },
    ]);
    expect(failure(() => parseCases("csv", "question,answer\nq,a\n")).message).toContain("`input` column");
  });

  it("reads JSONL, reports lines that are not JSON, and round-trips through export", () => {
    const error = failure(() => parseCases("jsonl", '{"input":"a"}\nnot json\n{"expected":"x"}\n'));
    expect(error.details).toEqual([
      { row: 2, message: "The line is not valid JSON." },
      { row: 3, message: expect.stringContaining("input") },
    ]);
    const cases = [{ input: "q, with comma", expected: "say \"hi\"", difficulty: 0.3 }, { input: "r", expected: null, difficulty: 0.5 }];
    expect(parseCases("csv", serializeCases("csv", cases))).toEqual(cases);
    expect(parseCases("jsonl", serializeCases("jsonl", cases))).toEqual(cases);
  });
});
