import type { MathNode } from "mathjs";
import { z } from "zod";
import { getSandbox, parseRestricted } from "./math-sandbox";
import { defineTool } from "./types";

/** Longest expression accepted; longer input is refused before parsing. */
export const MAX_EXPRESSION_LENGTH = 500;
const MAX_OUTPUT_CHARS = 5_000;
// Plain notation from 1e-9 to 1e15, so 3628800 does not come back as 3.6288e+6.
const FORMAT_OPTIONS = { precision: 14, lowerExp: -9, upperExp: 15 } as const;

/** Formats an evaluation result; a block (`a; b`) yields one line per expression. */
function formatResult(value: unknown): string {
  const { math } = getSandbox();
  if (value === undefined) throw new Error("The expression produced no value");
  const entries = (value as { entries?: unknown }).entries;
  if (math.typeOf(value) === "ResultSet" && Array.isArray(entries)) {
    return entries.map((entry) => math.format(entry, FORMAT_OPTIONS)).join("\n");
  }
  if (typeof value === "function") throw new Error("The expression evaluates to a function, not a value");
  return math.format(value, FORMAT_OPTIONS);
}

/**
 * Evaluates a math expression in the hardened mathjs sandbox and returns the formatted
 * result (14 significant digits). Throws an Error whose message explains what was wrong.
 */
export function calculate(expression: string): string {
  const trimmed = expression.trim();
  if (trimmed === "") throw new Error("Empty expression: pass something to evaluate, e.g. 2 * (3 + 4)");
  if (trimmed.length > MAX_EXPRESSION_LENGTH) {
    throw new Error(`Expression too long: ${trimmed.length} characters, the limit is ${MAX_EXPRESSION_LENGTH}`);
  }
  let output: string;
  try {
    const node = parseRestricted(trimmed);
    // mathjs hides results followed by ';'. With no variables a hidden result is lost work, so show them all.
    if (node.type === "BlockNode") {
      for (const block of (node as MathNode & { blocks: { visible: boolean }[] }).blocks) block.visible = true;
    }
    output = formatResult(node.compile().evaluate(new Map()));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not evaluate "${trimmed}": ${message}`);
  }
  return output.length > MAX_OUTPUT_CHARS ? `${output.slice(0, MAX_OUTPUT_CHARS)} … (result truncated)` : output;
}

/** `calculator`: exact arithmetic, math functions and unit conversion, without running code. */
export const calculatorTool = defineTool({
  name: "calculator",
  title: "Calculator",
  description:
    "Evaluate a math expression and return the result to 14 significant digits. Supports + - * / ^ %, parentheses, " +
    "functions (sqrt, log, sin, round, factorial, combinations, mean, std, det, …), constants (pi, e), complex " +
    'numbers, small matrices ([1, 2; 3, 4]) and unit conversion ("5 cm to inch", "60 mph to km/h"). ' +
    "Separate several expressions with ';'. Variables and function definitions are not supported.",
  parameters: z.object({
    expression: z
      .string()
      .min(1)
      .max(MAX_EXPRESSION_LENGTH)
      .describe('The expression to evaluate, e.g. "sqrt(2) * 10" or "3.5 km to mile".'),
  }),
  async execute({ expression }) {
    return calculate(expression);
  },
});
