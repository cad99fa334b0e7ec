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
  /** A tool to call by name, or "none" to never call one. */
  tool?: string;
}

const DIRECTIVE_BLOCK = /\[sim:([^\]]*)\]/gi;
const ERROR_VALUE = /^(429|500|cut)(?:x(\d+))?$/i;
const MAX_COUNT = 10_000;

function count(value: string): number | undefined {
  if (!/^\d+$/.test(value)) return undefined;
  return Math.min(Number(value), MAX_COUNT);
}

/** Directives found across the texts, in order; a later value for a key wins. Unknown keys are ignored. */
export function parseDirectives(texts: readonly string[]): Directives {
  const out: Directives = {};
  for (const text of texts) {
    for (const block of text.matchAll(DIRECTIVE_BLOCK)) {
      for (const pair of block[1].split(/[\s,;]+/)) {
        const eq = pair.indexOf("=");
        if (eq <= 0) continue;
        const key = pair.slice(0, eq).trim().toLowerCase();
        const value = pair.slice(eq + 1).trim();
        if (key === "error") {
          const m = ERROR_VALUE.exec(value);
          if (m) out.error = { kind: m[1].toLowerCase() as "429" | "500" | "cut", times: Math.max(1, count(m[2] ?? "1") ?? 1) };
        } else if (key === "revise" || key === "items" || key === "tokens") {
          const n = count(value);
          if (n !== undefined) out[key] = n;
        } else if (key === "tool" && /^[\w-]{1,64}$/.test(value)) {
          out.tool = value;
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
