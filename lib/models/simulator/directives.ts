/**
 * Test directives written into message text as `[sim:key=value]` (several pairs may share one
 * bracket, separated by spaces or commas). They let a graph author or a test force the
 * simulator's behaviour: failures, review verdicts, list sizes, answer lengths, tool use.
 */
export interface Directives {
  /** Fail the first `times` attempts of this exact request. */
  error?: { kind: "429" | "500" | "cut"; times: number };
  /** Answer "revise" to the first N verdict requests sharing a system prompt, then "approve". */
  revise?: number;
  /** Item count for arrays in structured outputs (clamped to the schema's bounds). */
  items?: number;
  /** Approximate length of text answers, in tokens. */
  tokens?: number;
  /**
   * Tools to call by name, in one response (`[sim:tool=calculator,fetch_url]`: parallel calls),
   * or `["none"]` (`[sim:tool=none]`) to never call one. Names the request does not offer are skipped.
   */
  tool?: string[];
  /** Tool calls per response (`[sim:tools=2]`), picked among the offered tools; 1 by default. */
  tools?: number;
  /**
   * Responses that call tools before the answer (`[sim:tool-steps=2]`: call, read the result,
   * call again, then answer); 1 by default, so a tool result is normally answered in text.
   */
  toolSteps?: number;
  /**
   * Make the first call a broken one (`[sim:tool-error=unknown]`: a tool that is not offered;
   * `[sim:tool-error=args]`: arguments that violate the tool's schema), so error paths run.
   */
  toolError?: "unknown" | "args";
}

const DIRECTIVE_BLOCK = /\[sim:([^\]]*)\]/gi;
const ERROR_VALUE = /^(429|500|cut)(?:x(\d+))?$/i;
const MAX_COUNT = 10_000;
// Parallel calls per response and tool steps per conversation are capped: the engine caps them anyway.
const MAX_TOOL_CALLS = 16;

function count(value: string): number | undefined {
  if (!/^\d+$/.test(value)) return undefined;
  return Math.min(Number(value), MAX_COUNT);
}

const TOOL_NAME = /^[\w-]{1,64}$/;

function readPair(out: Directives, key: string, value: string): void {
  if (key === "error") {
    const m = ERROR_VALUE.exec(value);
    if (m) out.error = { kind: m[1].toLowerCase() as "429" | "500" | "cut", times: Math.max(1, count(m[2] ?? "1") ?? 1) };
  } else if (key === "revise" || key === "items" || key === "tokens") {
    const n = count(value);
    if (n !== undefined) out[key] = n;
  } else if (key === "tools" || key === "tool-steps") {
    const n = count(value);
    if (n !== undefined && n > 0) out[key === "tools" ? "tools" : "toolSteps"] = Math.min(n, MAX_TOOL_CALLS);
  } else if (key === "tool-error" && (value === "unknown" || value === "args")) {
    out.toolError = value;
  } else if (key === "tool" && TOOL_NAME.test(value)) {
    out.tool = [value];
  }
}

/** Directives found across the texts, in order; a later value for a key wins. Unknown keys are ignored. */
export function parseDirectives(texts: readonly string[]): Directives {
  const out: Directives = {};
  for (const text of texts) {
    for (const block of text.matchAll(DIRECTIVE_BLOCK)) {
      // Spaces, semicolons and commas separate pairs, except that `tool=a,b` (no spaces) lists several tools.
      for (const chunk of block[1].split(/[\s;]+/)) {
        let lastKey = "";
        for (const pair of chunk.split(",")) {
          const eq = pair.indexOf("=");
          if (eq < 0 && lastKey === "tool" && out.tool && TOOL_NAME.test(pair)) out.tool.push(pair);
          if (eq <= 0) continue;
          lastKey = pair.slice(0, eq).trim().toLowerCase();
          readPair(out, lastKey, pair.slice(eq + 1).trim());
        }
      }
    }
  }
  return out;
}

/** The text with directive blocks removed, so generated answers never echo them. */
export function stripDirectives(text: string): string {
  return text.replace(DIRECTIVE_BLOCK, " ").replace(/[ \t]{2,}/g, " ").trim();
}
