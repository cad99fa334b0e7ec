import { Ajv } from "ajv";
import type OpenAI from "openai";
import { z } from "zod";
import { tierSchema } from "@/lib/graph";
import { costNanoUsd, resolveModel, usageFromCompletion, type ModelCatalog } from "@/lib/models";

/** How an experiment decides whether a case succeeded: one per dataset, overridable per experiment. */
export const graderSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("exact"), caseSensitive: z.boolean().default(false) }),
  z.object({ kind: z.literal("contains"), caseSensitive: z.boolean().default(false) }),
  /** The case's expected output is the pattern. */
  z.object({ kind: z.literal("regex") }),
  z.object({ kind: z.literal("json-schema"), schema: z.record(z.string(), z.unknown()) }),
  z.object({ kind: z.literal("numeric"), tolerance: z.number().nonnegative().max(1e12) }),
  /** The graph's own final reviewer: approved counts as success. */
  z.object({ kind: z.literal("reviewer-verdict") }),
  /** A model grades the output against a rubric, on a tier the user picks; its cost is kept apart. */
  z.object({ kind: z.literal("rubric"), rubric: z.string().trim().min(1).max(4000), tier: tierSchema }),
]);
export type Grader = z.infer<typeof graderSchema>;
export type GraderKind = Grader["kind"];

/** What a grader saw: the run's output and verdict, and the case's expectation. */
export interface GradeInput {
  output: string | null;
  approved: boolean | null;
  expected: string | null;
  input: string;
}

export interface Grade {
  passed: boolean;
  reason: string;
  /** A model-graded rubric's own cost; 0 for the others. */
  costNanoUsd: number;
}

/** What a rubric grader needs to call a model: the SDK client and the catalog that prices it. */
export interface JudgeContext {
  client: OpenAI;
  catalog: ModelCatalog;
  /** Text appended to the judge's prompt (the simulator's case directive; empty on real providers). */
  simulatorNote?: string;
}

const MAX_GRADED_CHARS = 20_000;
const MAX_PATTERN_CHARS = 300;
// A quantified group that itself holds a quantifier ((a+)+, (\w*)*, (x|y+){2,}): the shapes that backtrack exponentially.
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]/;

const pass = (reason: string): Grade => ({ passed: true, reason, costNanoUsd: 0 });
const fail = (reason: string): Grade => ({ passed: false, reason, costNanoUsd: 0 });
const quote = (text: string) => JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);

/**
 * A regex from a dataset, refused when it could backtrack catastrophically: too long, or a
 * nested quantifier. The graded text is capped too, so a match is bounded.
 */
export function safeRegex(pattern: string): RegExp {
  if (pattern.length > MAX_PATTERN_CHARS) throw new Error(`The pattern is longer than ${MAX_PATTERN_CHARS} characters.`);
  if (NESTED_QUANTIFIER.test(pattern)) throw new Error("The pattern nests quantifiers (like (a+)+), which can take forever to match.");
  return new RegExp(pattern, "u");
}

const ajv = new Ajv({ allErrors: false, strict: false });

function needExpected(input: GradeInput): string | Grade {
  return input.expected === null || input.expected === "" ? fail("The case has no expected output to compare with.") : input.expected;
}

function gradeText(grader: Grader, input: GradeInput, output: string): Grade {
  switch (grader.kind) {
    case "exact":
    case "contains": {
      const expected = needExpected(input);
      if (typeof expected !== "string") return expected;
      const fold = (s: string) => (grader.caseSensitive ? s.trim() : s.trim().toLowerCase());
      const ok = grader.kind === "exact" ? fold(output) === fold(expected) : fold(output).includes(fold(expected));
      return ok ? pass(`The output ${grader.kind === "exact" ? "equals" : "contains"} ${quote(expected)}.`) : fail(`The output does not ${grader.kind === "exact" ? "equal" : "contain"} ${quote(expected)}.`);
    }
    case "regex": {
      const expected = needExpected(input);
      if (typeof expected !== "string") return expected;
      let pattern: RegExp;
      try {
        pattern = safeRegex(expected);
      } catch (error) {
        return fail(`The pattern cannot be used: ${(error as Error).message}`);
      }
      return pattern.test(output) ? pass(`The output matches /${expected}/.`) : fail(`The output does not match /${expected}/.`);
    }
    case "json-schema": {
      let value: unknown;
      try {
        value = JSON.parse(output.trim().replace(/^```(?:json)?\s*|\s*```$/g, ""));
      } catch {
        return fail("The output is not JSON.");
      }
      let validate;
      try {
        validate = ajv.compile(grader.schema);
      } catch (error) {
        return fail(`The schema is invalid: ${(error as Error).message}`);
      }
      if (validate(value)) return pass("The output is JSON that matches the schema.");
      const first = validate.errors?.[0];
      return fail(`The output does not match the schema: ${first ? `${first.instancePath || "(root)"} ${first.message}` : "invalid"}.`);
    }
    case "numeric": {
      const expected = needExpected(input);
      if (typeof expected !== "string") return expected;
      const want = Number(expected);
      if (!Number.isFinite(want)) return fail(`The expected output ${quote(expected)} is not a number.`);
      const numbers = output.match(/-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi) ?? [];
      const last = numbers.at(-1);
      if (last === undefined) return fail("The output holds no number.");
      const got = Number(last);
      const off = Math.abs(got - want);
      return off <= grader.tolerance ? pass(`${got} is within ${grader.tolerance} of ${want}.`) : fail(`${got} is ${off} away from ${want} (tolerance ${grader.tolerance}).`);
    }
    default:
      throw new Error(`gradeText does not handle ${grader.kind}`);
  }
}

const RUBRIC_FORMAT = {
  type: "json_schema",
  json_schema: {
    name: "grade",
    strict: true,
    schema: {
      type: "object",
      additionalProperties: false,
      properties: { grade: { type: "string", enum: ["pass", "fail"] }, reason: { type: "string" } },
      required: ["grade", "reason"],
    },
  },
} as const;

const rubricReply = z.object({ grade: z.enum(["pass", "fail"]), reason: z.string() });

async function gradeRubric(grader: Extract<Grader, { kind: "rubric" }>, input: GradeInput, output: string, judge: JudgeContext): Promise<Grade> {
  const model = resolveModel(judge.catalog, grader.tier);
  const user = [
    `## Task\n\n${input.input}`,
    input.expected ? `## Expected answer\n\n${input.expected}` : "",
    `## Output to grade\n\n${output}`,
    judge.simulatorNote ?? "",
  ].filter(Boolean).join("\n\n");
  const completion = await judge.client.chat.completions.create({
    model: model.id,
    messages: [
      { role: "system", content: `You grade an AI system's output against a rubric. Answer "pass" or "fail" with a one-sentence reason.\n\nRubric:\n${grader.rubric}` },
      { role: "user", content: user },
    ],
    response_format: RUBRIC_FORMAT,
  });
  const cost = costNanoUsd(usageFromCompletion(completion.usage), model.info?.pricing) ?? 0;
  let reply;
  try {
    reply = rubricReply.parse(JSON.parse(completion.choices[0]?.message.content ?? ""));
  } catch {
    return { passed: false, reason: `The ${grader.tier} judge (${model.id}) gave no readable grade.`, costNanoUsd: cost };
  }
  return { passed: reply.grade === "pass", reason: `Judge (${model.id}): ${reply.reason}`, costNanoUsd: cost };
}

/** Grades one case's run. Only the rubric calls a model (through `judge`); the others are pure. */
export async function grade(grader: Grader, input: GradeInput, judge?: JudgeContext): Promise<Grade> {
  if (grader.kind === "reviewer-verdict") {
    if (input.approved === null) return fail("The run ended without a reviewer's verdict.");
    return input.approved ? pass("The graph's reviewer approved the output.") : fail("The graph's reviewer did not approve the output.");
  }
  if (input.output === null) return fail("The run produced no output.");
  const output = input.output.slice(0, MAX_GRADED_CHARS);
  if (grader.kind === "rubric") {
    if (!judge) throw new Error("A rubric grader needs a model client.");
    return gradeRubric(grader, input, output, judge);
  }
  return gradeText(grader, input, output);
}
