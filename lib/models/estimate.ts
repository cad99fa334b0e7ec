import { getRoleDefinition } from "@/lib/graph/roles";
import type { GraphDocument, GraphNode } from "@/lib/graph/schema";
import { buildTopology, descendants, topologicalOrder, type Topology } from "@/lib/graph/topology";
import { modelReasons, REASONING_SHARE, resolveModel, type ModelCatalog, type ModelPricing } from "./catalog";
import { costNanoUsd } from "./cost";
import { simulatorReasons } from "./simulator/reasoning";
import { parseDirectives, type Directives } from "./simulator/directives";

/**
 * What a run will cost before it starts, per node and in total, as a range around an expected
 * figure. Prompt tokens are counted from the task, the nodes' instructions and tools; output
 * lengths are the typical answer sizes per role (the ones the built-in simulator generates);
 * the fan-out of a planner, tool-call rounds and the revisions reviewers may ask for are where
 * the range comes from.
 * Pure: pass an exact token counter on the server, the approximation in the browser.
 */

export type Scenario = "low" | "expected" | "high";
export const SCENARIOS: readonly Scenario[] = ["low", "expected", "high"];
/** A figure in each scenario. */
export type Range = Record<Scenario, number>;
export type TokenCounter = (text: string) => number;

/** A tool definition as the model sees it; its size adds to every prompt of a node that has it. */
export interface EstimateTool {
  /** The id nodes store, when it is not the function name (workspace HTTP and MCP tools). */
  id?: string;
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
}

export interface EstimateOptions {
  /** Tokens in a text; default `approxTokenCount`. */
  countTokens?: TokenCounter;
  /** Definitions of the tools nodes use; an unknown tool counts as `DEFAULT_TOOL_TOKENS`. */
  tools?: readonly EstimateTool[];
  /** Simulated runs follow the simulator's known behaviour and its `[sim:…]` directives in the task. */
  simulated?: boolean;
  /** The documents the run attaches: their sizes are known before it starts. */
  documents?: EstimateDocuments;
}

/** What attached documents feed the model: the file listing planners see, and what one read returns. */
export interface EstimateDocuments {
  /** The listing appended to the task of planners and single nodes. */
  listing: string;
  /** Files attached: a planner fans out over them (up to its `maxSubtasks`). */
  files: number;
  /** Tokens one `read_file` returns on average (each file's size, up to the tool's cap). */
  readTokens: number;
}

/** Tokens one `search_files` call returns: five chunks' snippets with their `path:lines`. */
const SEARCH_RESULT_TOKENS = 400;
/** A document tool in a run without documents answers with a one-line error. */
const NO_DOCUMENTS_TOKENS = 20;
const DOCUMENT_TOOL_NAMES = ["list_files", "read_file", "search_files"];

export interface NodeEstimate {
  nodeId: string;
  label: string;
  role: GraphNode["role"];
  tier: GraphNode["tier"];
  model: string;
  instances: Range;
  calls: Range;
  inputTokens: Range;
  cachedInputTokens: Range;
  /** Reasoning included. */
  outputTokens: Range;
  /** Null when the model is unpriced. */
  costNanoUsd: Range | null;
}

/** A reviewer that may send work back, and the extra passes it adds in each scenario. */
export interface ReviewerRevisions {
  nodeId: string;
  label: string;
  maxRevisions: number;
  passes: Range;
}

export interface RunEstimate {
  nodes: NodeEstimate[];
  /** Sum over priced nodes: a lower bound when `complete` is false. */
  costNanoUsd: Range;
  /** The same tokens priced on the flagship tier; null when that model is unpriced. */
  baselineNanoUsd: Range | null;
  complete: boolean;
  /** Reviewers whose revisions the range includes (the high end allows every one the graph permits). */
  revisions: ReviewerRevisions[];
}

/** o200k-like token count without the 2 MB vocabulary: words, 3-digit groups and symbols. Within ~10% on English prompts. */
export function approxTokenCount(text: string): number {
  let tokens = 0;
  for (const piece of text.match(/[A-Za-z]+|\d{1,3}|[^\sA-Za-z\d]/g) ?? []) tokens += piece.length > 12 ? 2 : 1;
  return tokens;
}

export const DEFAULT_TOOL_TOKENS = 150;

/** Typical sizes, in tokens. A real planner may fan out wider and call tools more often than the simulator does. */
const PROFILE = {
  answer: { low: 120, expected: 175, high: 260 },
  planItem: { low: 42, expected: 50, high: 62 },
  verdict: { low: 95, expected: 125, high: 180 },
  toolCall: 20,
  /** Prompt-cache granularity (OpenAI's, and the simulator's). */
  cacheMin: 1024,
  cacheStep: 128,
} as const;
const PLAN_SCHEMA_TOKENS = 112;
const VERDICT_SCHEMA_TOKENS = 90;
const REVIEW_HOW_TO_TOKENS = 75;
const PLAN_HOW_TO = "# Executors\n\nSplit the task into at most N subtasks. Give each a short title, self-contained instructions, and the exact label of the executor that should take it:";

function subtaskCounts(simulated: boolean, directives: Directives, max: number, files: number): Range {
  const clamp = (n: number) => Math.max(1, Math.min(n, max));
  if (simulated && directives.items) return uniform(clamp(directives.items));
  // One subtask per file, less the ones a classifier leaves out (tests, lockfiles, assets).
  if (files > 0) return { low: clamp(Math.ceil(files * 0.6)), expected: clamp(Math.ceil(files * 0.8)), high: clamp(files) };
  return { low: clamp(3), expected: clamp(3.5), high: clamp(simulated ? 4 : 6) };
}

function toolRounds(simulated: boolean, maxToolCalls: number): Range {
  if (maxToolCalls <= 0) return uniform(0);
  return simulated ? uniform(1) : { low: 1, expected: Math.min(2, maxToolCalls), high: Math.min(4, maxToolCalls) };
}

const uniform = (n: number): Range => ({ low: n, expected: n, high: n });
const cacheFloor = (prompt: number) =>
  prompt < PROFILE.cacheMin ? 0 : PROFILE.cacheMin + Math.floor((prompt - PROFILE.cacheMin) / PROFILE.cacheStep) * PROFILE.cacheStep;

/** Items a planner routes to the `index`-th of `k` executor labels, round-robin; fractional counts interpolate. */
function routedShare(subtasks: number, index: number, k: number): number {
  const share = (n: number) => Math.max(0, Math.ceil((n - index) / k));
  const lo = Math.floor(subtasks);
  return share(lo) + (subtasks - lo) * (share(lo + 1) - share(lo));
}

/** What one tool call of a node returns, in tokens: a file read is the attached files' average size. */
function toolResultTokens(tools: readonly string[], input: string, docs: EstimateDocuments | undefined): number {
  if (docs && tools.includes("read_file")) return docs.readTokens;
  if (docs && tools.includes("search_files")) return SEARCH_RESULT_TOKENS;
  if (!docs && DOCUMENT_TOOL_NAMES.some((name) => tools.includes(name))) return NO_DOCUMENTS_TOKENS;
  if (tools.includes("fetch_url") && /https?:\/\//.test(input)) return 1500;
  return tools.includes("calculator") ? 8 : 150;
}

/** What a node hands downstream in one scenario. */
interface Produced {
  /** Instances of the last pass (pool size, or 1). */
  instances: number;
  /** Tokens of each instance's output text. */
  perInstance: number;
  pool: boolean;
  /** Plan items per downstream executor label (planners only). */
  routed?: Map<string, number>;
}

interface Usage {
  calls: number;
  input: number;
  cached: number;
  output: number;
}

/** The estimate of running `graph` on `input`. */
export function estimateRunCost(graph: GraphDocument, input: string, catalog: ModelCatalog, options: EstimateOptions = {}): RunEstimate {
  const count = options.countTokens ?? approxTokenCount;
  const simulated = options.simulated ?? false;
  const topology = buildTopology(graph);
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const order = topologicalOrder(topology) ?? graph.nodes.map((node) => node.id);
  const revisions = revisionPasses(graph, topology, simulated, parseDirectives([input]));
  const extraPasses = revisions.passes;
  const toolTokens = new Map(
    (options.tools ?? []).map(({ id, ...definition }) => [id ?? definition.name, count(JSON.stringify({ type: "function", function: definition }))]),
  );
  const flagship = catalog.models[catalog.tiers.flagship]?.pricing;

  const perScenario = SCENARIOS.map((scenario) => {
    const produced = new Map<string, Produced>();
    const usages = new Map<string, Usage & { instances: number }>();
    for (const id of order) {
      const node = byId.get(id)!;
      const ctx: NodeContext = { scenario, input, count, simulated, topology, byId, produced, toolTokens, documents: options.documents };
      const model = resolveModel(catalog, node.tier, node.model);
      // A simulated run reasons where the simulator does; a real one where the catalog says.
      const reasons = simulated ? simulatorReasons(model.id) : modelReasons(model);
      const result = estimateNode(node, reasons, ctx);
      produced.set(id, result.produced);
      const passes = 1 + (extraPasses.get(id)?.[scenario] ?? 0);
      // A revision pass also reads the node's previous output and the reviewer's feedback.
      const revised = passes > 1 ? estimateNode(node, reasons, { ...ctx, revisionTokens: result.produced.perInstance + 80 }).usage : null;
      const total = revised ? addUsage(result.usage, scaleUsage(revised, passes - 1)) : result.usage;
      usages.set(id, { ...total, instances: result.produced.instances });
    }
    return usages;
  });

  const nodes: NodeEstimate[] = graph.nodes.map((node) => {
    const model = resolveModel(catalog, node.tier, node.model);
    const pick = (f: (u: Usage & { instances: number }) => number): Range => rangeOf((i) => f(perScenario[i].get(node.id)!));
    const pricing = model.info?.pricing;
    return {
      nodeId: node.id,
      label: node.label,
      role: node.role,
      tier: node.tier,
      model: model.id,
      instances: pick((u) => u.instances),
      calls: pick((u) => u.calls),
      inputTokens: pick((u) => Math.round(u.input)),
      cachedInputTokens: pick((u) => Math.round(u.cached)),
      outputTokens: pick((u) => Math.round(u.output)),
      costNanoUsd: pricing ? pick((u) => priceOf(u, pricing)) : null,
    };
  });
  const sum = (f: (node: NodeEstimate, s: Scenario) => number): Range => rangeOf((i) => nodes.reduce((acc, node) => acc + f(node, SCENARIOS[i]), 0));
  return {
    nodes,
    costNanoUsd: sum((node, s) => node.costNanoUsd?.[s] ?? 0),
    baselineNanoUsd: flagship
      ? sum((node, s) => priceOf({ calls: 0, input: node.inputTokens[s], cached: node.cachedInputTokens[s], output: node.outputTokens[s] }, flagship))
      : null,
    complete: nodes.every((node) => node.costNanoUsd !== null),
    revisions: revisions.reviewers,
  };
}

const rangeOf = (value: (index: number) => number): Range => ({ low: value(0), expected: value(1), high: value(2) });
const addUsage = (a: Usage, b: Usage): Usage => ({ calls: a.calls + b.calls, input: a.input + b.input, cached: a.cached + b.cached, output: a.output + b.output });
const scaleUsage = (u: Usage, k: number): Usage => ({ calls: u.calls * k, input: u.input * k, cached: u.cached * k, output: u.output * k });

function priceOf(u: Usage, pricing: ModelPricing): number {
  const input = Math.round(u.input);
  return costNanoUsd({ inputTokens: input, cachedInputTokens: Math.min(Math.round(u.cached), input), outputTokens: Math.round(u.output), reasoningTokens: 0 }, pricing) ?? 0;
}

/**
 * Extra passes per node. A reviewer's revise edges send their targets and everything downstream
 * of them back, up to `maxRevisions` times in a run; nodes after the reviewer wait for its last
 * verdict, so they run once. Reviewers add up: each may spend all its revisions, and a pass
 * sent back by an outer reviewer reruns an inner one without resetting its count.
 * Whether a reviewer revises is the model's call, so only the high end counts revisions; a
 * simulated run with `[sim:revise=N]` revises exactly that often.
 */
function revisionPasses(
  graph: GraphDocument,
  topology: Topology,
  simulated: boolean,
  directives: Directives,
): { passes: Map<string, Range>; reviewers: ReviewerRevisions[] } {
  const passes = new Map<string, Range>();
  const reviewers: ReviewerRevisions[] = [];
  for (const node of graph.nodes) {
    const targets = topology.reviseTargets.get(node.id) ?? [];
    if (node.role !== "reviewer" || targets.length === 0 || node.options.maxRevisions === 0) continue;
    const max = node.options.maxRevisions;
    const extra: Range = simulated && directives.revise !== undefined ? uniform(Math.min(directives.revise, max)) : { low: 0, expected: 0, high: max };
    reviewers.push({ nodeId: node.id, label: node.label, maxRevisions: max, passes: extra });
    const after = descendants(topology, node.id);
    for (const id of new Set([...targets, ...descendants(topology, targets)])) {
      if (after.has(id)) continue;
      const current = passes.get(id);
      passes.set(id, current ? rangeOf((i) => current[SCENARIOS[i]] + extra[SCENARIOS[i]]) : extra);
    }
  }
  return { passes, reviewers };
}

interface NodeContext {
  scenario: Scenario;
  input: string;
  count: TokenCounter;
  simulated: boolean;
  topology: Topology;
  byId: Map<string, GraphNode>;
  produced: Map<string, Produced>;
  toolTokens: Map<string, number>;
  documents?: EstimateDocuments;
  /** A revision pass: the previous output and the feedback join the prompt. */
  revisionTokens?: number;
}

/** One pass of a node; `reasons` when its model bills hidden reasoning. */
function estimateNode(node: GraphNode, reasons: boolean, ctx: NodeContext): { usage: Usage; produced: Produced } {
  const { scenario: s, count, input } = ctx;
  // A step that calls no model (an approval) is free and hands its upstream text on as it is.
  if (!getRoleDefinition(node.role).usesModel || !("maxOutputTokens" in node.options)) {
    const passed = (ctx.topology.dataPredecessors.get(node.id) ?? []).reduce((n, id) => {
      const out = ctx.produced.get(id);
      return n + (out ? out.instances * out.perInstance : 0);
    }, 0);
    return { usage: { calls: 0, input: 0, cached: 0, output: 0 }, produced: { instances: 1, perInstance: passed || count(input), pool: false } };
  }
  const directives = parseDirectives([input, node.instructions]);
  const maxOut = node.options.maxOutputTokens;
  const answer = Math.min(ctx.simulated && directives.tokens ? directives.tokens : PROFILE.answer[s], maxOut);
  const system = node.instructions.trim() || getRoleDefinition(node.role).defaultInstructions;
  const tools = node.tools.length > 0 ? 1 + node.tools.reduce((n, name) => n + (ctx.toolTokens.get(name) ?? DEFAULT_TOOL_TOKENS), 0) : 0;
  const maxToolCalls = "maxToolCalls" in node.options ? node.options.maxToolCalls : 6;
  const rounds = tools > 0 ? toolRounds(ctx.simulated, maxToolCalls)[s] : 0;
  const docs = ctx.documents;
  const toolResult = toolResultTokens(node.tools, input, docs);
  // A predecessor not yet estimated (a cycle in a graph still being drawn) contributes nothing.
  const upstream = (ctx.topology.dataPredecessors.get(node.id) ?? []).flatMap((id) => {
    const out = ctx.produced.get(id);
    return out ? [{ node: ctx.byId.get(id)!, out }] : [];
  });
  const section = (heading: string, tokens: number) => count(`# ${heading}\n\n`) + 2 + tokens;
  const upstreamTokens = (list: typeof upstream) => list.reduce((n, u) => n + section(`Input from ${u.node.label}`, u.out.instances * (u.out.perInstance + (u.out.pool ? 10 : 0))), 0);
  const revision = ctx.revisionTokens ?? 0;
  const fixed = tools + 4 + count(system) + 4 + 3 + revision;

  /** One instance: its tool rounds and final answer. */
  const instance = (user: number, schema: number, final: number, shared: number): Usage => {
    let prompt = fixed + schema + user;
    let usage: Usage = { calls: 1, input: prompt, cached: cacheFloor(shared), output: final };
    for (let round = 0; round < rounds; round++) {
      const next = prompt + 8 + PROFILE.toolCall + toolResult;
      usage = addUsage(usage, { calls: 1, input: next, cached: cacheFloor(prompt), output: PROFILE.toolCall });
      prompt = next;
    }
    return { ...usage, output: usage.output * (1 + (reasons ? REASONING_SHARE[s] : 0)) };
  };

  const task = count(`# Task\n\n${input}`);
  // Planners and single nodes see the attached files' listing after the task (pool instances do not).
  const taskWithFiles = docs ? count(`# Task\n\n${input}\n\n${docs.listing}`) : task;
  if (node.role === "planner") {
    const labels = [...new Set((ctx.topology.dataSuccessors.get(node.id) ?? []).map((id) => ctx.byId.get(id)!).filter((n) => n.role === "executor").map((n) => n.label))];
    const roster = labels.reduce((n, label) => {
      const executor = [...ctx.byId.values()].find((e) => e.label === label)!;
      const about = (executor.instructions.trim() || getRoleDefinition("executor").defaultInstructions).replace(/\s+/g, " ").slice(0, 300);
      return n + count(`- ${label}${executor.tools.length ? ` (tools: ${executor.tools.join(", ")})` : ""}: ${about}`) + 1;
    }, 0);
    const n = subtaskCounts(ctx.simulated, directives, node.options.maxSubtasks, docs?.files ?? 0)[s];
    const plan = Math.min(4 + n * PROFILE.planItem[s], maxOut);
    const user = taskWithFiles + upstreamTokens(upstream) + count(PLAN_HOW_TO) + roster + 4;
    const routed = new Map(labels.map((label, i) => [label, routedShare(n, i, labels.length)]));
    return { usage: instance(user, PLAN_SCHEMA_TOKENS + labels.reduce((k, l) => k + count(l) + 1, 0), plan, 0), produced: { instances: 1, perInstance: plan, pool: false, routed } };
  }

  if (node.role === "reviewer") {
    const work = upstream.reduce((n, u) => n + u.out.instances * (count(`## ${u.node.label}, subtask 1: `) + 8 + u.out.perInstance), 0);
    const user = task + count("# Work to review\n\n") + work + count("# Your answer\n\n") + REVIEW_HOW_TO_TOKENS + 6 + revision;
    const verdict = Math.min(PROFILE.verdict[s], maxOut);
    return { usage: instance(user, VERDICT_SCHEMA_TOKENS, verdict, 0), produced: { instances: 1, perInstance: Math.round(verdict * 0.6), pool: false } };
  }

  const planners = upstream.filter((u) => u.node.role === "planner");
  if (planners.length === 0) {
    const user = taskWithFiles + upstreamTokens(upstream);
    return { usage: instance(user, 0, answer, 0), produced: { instances: 1, perInstance: answer, pool: false } };
  }
  const instances = planners.reduce((n, u) => n + (u.out.routed?.get(node.label) ?? 0), 0);
  const context = count(`# Overall task (context)\n\n${input}`) + upstreamTokens(upstream.filter((u) => u.node.role !== "planner"));
  const subtask = PROFILE.planItem[s] - 8;
  const first = instance(context + section("Your subtask: Title", subtask), 0, answer, 0);
  // Siblings share the prompt up to their subtask: later ones hit the prompt cache when it is long enough.
  const sibling = instance(context + section("Your subtask: Title", subtask), 0, answer, fixed + context);
  const usage = instances <= 1 ? scaleUsage(first, instances) : addUsage(first, scaleUsage(sibling, instances - 1));
  return { usage, produced: { instances, perInstance: answer, pool: true } };
}
