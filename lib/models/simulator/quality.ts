import type { Tier } from "@/lib/graph";
import { tierFromModelId } from "../catalog";
import { messageText } from "../tokens";
import { hashString } from "./random";
import type { SimRequest } from "./request";

/**
 * The simulator's quality model: whether a simulated call gets a dataset case right.
 *
 * Experiments on the simulator write a simulator-only directive into the task,
 * `[sim:case-difficulty=0.6 case-expect=<base64url>]` (see `caseDirective`); real providers never
 * get it. A call that sees it answers the expected output, or a wrong one, by a seeded roll
 * against its chance of being right:
 *
 *   chance = 0.995 − difficulty × WORKLOAD_WEIGHT[workload] × TIER_GAP[tier]
 *
 * - `TIER_GAP`: how far a tier falls short of a perfect model on hard work.
 * - The workload comes from the node's instructions (its system prompt): a node that classifies,
 *   labels, routes, splits or extracts does light work (weight 0.03); anything else reasons or
 *   synthesises (weight 1). So downgrading a classification node barely changes the outcome,
 *   downgrading a synthesis node does.
 * - The roll is keyed by the case, the node's instructions and the task, never the model, so
 *   every variant of an experiment draws the same number for the same call: a cheaper tier can
 *   only turn right answers wrong, which makes variants directly comparable.
 * - Wrong work propagates: a call that reads an upstream "Answer:" line that is not the expected
 *   output answers wrong too.
 */
export const TIER_GAP: Record<Tier, number> = { flagship: 0.05, mini: 0.35, nano: 0.8 };
export const WORKLOAD_WEIGHT = { light: 0.03, reasoning: 1 } as const;
const BEST_CHANCE = 0.995;
const LIGHT_WORK = /\b(classif\w*|categori[sz]\w*|label\w*|route\w*|routing|split\w*|extract\w*|tag\w*)\b/i;
const CASE_BLOCK = /\[sim:[^\]]*\bcase-difficulty=(0(?:\.\d+)?|1(?:\.0+)?)[\s,;]+case-expect=([A-Za-z0-9_-]*)[^\]]*\]/i;
const ANSWER_LINE = /^Answer: (.*)$/gm;

export interface SimCase {
  difficulty: number;
  expected: string;
}

/** The directive that tells the simulator a case's difficulty and expected output. Simulator-only. */
export function caseDirective(sim: SimCase): string {
  const difficulty = Math.min(1, Math.max(0, sim.difficulty));
  return `[sim:case-difficulty=${difficulty.toFixed(2)} case-expect=${Buffer.from(sim.expected, "utf8").toString("base64url")}]`;
}

/** The case a request carries, from its raw (unstripped) message texts. */
export function readSimCase(req: SimRequest): SimCase | undefined {
  for (const m of req.body.messages) {
    const match = CASE_BLOCK.exec(messageText(m));
    if (match) return { difficulty: Number(match[1]), expected: Buffer.from(match[2], "base64url").toString("utf8") };
  }
  return undefined;
}

export type Workload = keyof typeof WORKLOAD_WEIGHT;

export function workloadOf(instructions: string): Workload {
  return LIGHT_WORK.test(instructions) ? "light" : "reasoning";
}

/** The documented chance that `tier` gets a case of `difficulty` right on `workload`. */
export function chanceOfRight(tier: Tier, difficulty: number, workload: Workload): number {
  return Math.max(0, BEST_CHANCE - difficulty * WORKLOAD_WEIGHT[workload] * TIER_GAP[tier]);
}

/** A deterministic wrong answer: never equal to, nor containing, the expected one. */
export function wrongAnswer(expected: string): string {
  return `not ${expected.replace(/\s+/g, " ").split("").reverse().join("")}`.slice(0, 200) + " (wrong)";
}

function isRight(req: SimRequest, sim: SimCase): boolean {
  const instructions = req.texts.filter((t) => t.role === "system" || t.role === "developer").map((t) => t.text).join("\n");
  const users = req.texts.filter((t) => t.role === "user").map((t) => t.text);
  const upstream = users.join("\n");
  const wrong = wrongAnswer(sim.expected);
  for (const [, said] of upstream.matchAll(ANSWER_LINE)) if (said.trim() === wrong) return false;
  // Keyed by the node's instructions and the task (the user message's first section, up to the
  // next heading of any level), never by upstream text, which differs per tier and per run:
  // every variant draws the same number for the same node.
  const first = users[0] ?? "";
  const next = first.slice(1).search(/\n#{1,6} /);
  const task = next < 0 ? first : first.slice(0, next + 1);
  const roll = hashString(`${sim.expected}\u0000${instructions}\u0000${task}`) / 2 ** 32;
  return roll < chanceOfRight(tierFromModelId(req.model), sim.difficulty, workloadOf(instructions));
}

function withAnswer(value: unknown, key: string | undefined, line: string): unknown {
  if (typeof value === "string") return key === "output" || key === "instructions" ? `${value}\n\n${line}` : value;
  if (Array.isArray(value)) return value.map((v) => withAnswer(v, key, line));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withAnswer(v, k, line)]));
  return value;
}

/**
 * A rubric judge (a structured answer with a `grade` field): it passes the graded output when
 * it holds the expected answer, and errs by the same chance model on light work.
 */
function judge(req: SimRequest, sim: SimCase, instance: Record<string, unknown>): Record<string, unknown> {
  const graded = req.texts.filter((t) => t.role === "user").map((t) => t.text).join("\n");
  const holds = graded.includes(`Answer: ${sim.expected}`);
  const roll = hashString(`judge\u0000${graded}`) / 2 ** 32;
  const right = roll < chanceOfRight(tierFromModelId(req.model), sim.difficulty, "light");
  const pass = right ? holds : !holds;
  return { ...instance, grade: pass ? "pass" : "fail", reason: pass ? "The output gives the expected answer." : "The output does not give the expected answer." };
}

/**
 * The turn's content with the case's answer line added: to a text answer, or to the `output`
 * and `instructions` fields of a structured one (a reviewer's final answer, a planner's subtasks).
 * Unchanged when the request carries no case.
 */
export function applyQuality(req: SimRequest, content: string, structured: boolean): string {
  const sim = readSimCase(req);
  if (!sim) return content;
  if (structured) {
    const parsed = parseObject(content);
    if (parsed && "grade" in parsed) return JSON.stringify(judge(req, sim, parsed));
  }
  const line = `Answer: ${isRight(req, sim) ? sim.expected : wrongAnswer(sim.expected)}`;
  if (!structured) return `${content}\n\n${line}`;
  const parsed = parseObject(content);
  return parsed ? JSON.stringify(withAnswer(parsed, undefined, line)) : content;
}

function parseObject(content: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(content);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
