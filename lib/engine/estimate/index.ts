import type { GraphDocument, GraphNode, NodeOfRole, Role } from "@/lib/graph";
import { buildTopology, descendants, topologicalOrder, type Topology } from "@/lib/graph/topology";
import { modelReasons, resolveModel, type ModelCatalog } from "@/lib/models/catalog";
import { approxTokenCount, priceEstimatedUsage, rangeOf, SCENARIOS, uniformRange, type Range } from "@/lib/models/estimate";
import { parseDirectives, type Directives } from "@/lib/models/simulator/directives";
import { simulatorReasons } from "@/lib/models/simulator/reasoning";
import { calibrateNode, measureAccuracy, nodeSamples, ordered, restatedOutput, type CalibratedNode, type NodeFigures } from "./calibration";
import { estimateApproval } from "./approval";
import { estimateExecutor } from "./executor";
import { addUsage, scaleUsage } from "./pass";
import { estimatePlanner } from "./planner";
import { estimateReviewer } from "./reviewer";
import type { EstimateDocuments, EstimateOptions, NodeEstimate, PassContext, PassUsage, PastRun, Produced, ReviewerRevisions, RoleEstimator, RoleEstimators, RunEstimate } from "./types";

export * from "./types";
export { approxTokenCount } from "@/lib/models/estimate";

/**
 * What a run will cost before it starts, per node and in total, as a range around an expected
 * figure. Each role's estimator builds the prompts its runner sends (lib/engine/prompts.ts) with
 * stand-ins of typical size for outputs not produced yet, and counts them; fan-out, tool rounds
 * and revisions come from the graph's own limits and the attached documents. A node with past
 * runs in `history` is estimated from what those runs used instead (p10 / p50 / p90), and the
 * estimate reports its error on held-out past runs.
 * Pure: pass an exact token counter on the server, the approximation in the browser.
 */

/** Tokens a tool definition nobody described adds to a prompt. */
export const DEFAULT_TOOL_TOKENS = 150;

/** The estimator of each role. Adding a role to `lib/graph` without an estimator here fails to compile. */
export const ROLE_ESTIMATORS: RoleEstimators = {
  planner: estimatePlanner,
  executor: estimateExecutor,
  reviewer: estimateReviewer,
  approval: estimateApproval,
};

const estimatorOf = <R extends Role>(node: NodeOfRole<R>): RoleEstimator<R> => ROLE_ESTIMATORS[node.role as R];

type NodeUsage = PassUsage & { instances: number };

/** The estimate of running `graph` on `input`. */
export function estimateRunCost(graph: GraphDocument, input: string, catalog: ModelCatalog, options: EstimateOptions = {}): RunEstimate {
  const history = options.history ?? [];
  const priors = priorsMemo(graph, catalog, options);
  const estimate = calibratedNodes(graph, catalog, options, priors(input, options.documents), history, priors);
  const flagship = catalog.models[catalog.tiers.flagship]?.pricing;
  const { nodes } = estimate;
  const sum = (f: (node: NodeEstimate, s: (typeof SCENARIOS)[number]) => number): Range => rangeOf((i) => nodes.reduce((acc, node) => acc + f(node, SCENARIOS[i]), 0));
  return {
    nodes,
    costNanoUsd: sum((node, s) => node.costNanoUsd?.[s] ?? 0),
    baselineNanoUsd: flagship
      ? sum((node, s) => priceEstimatedUsage({ input: node.inputTokens[s], cached: node.cachedInputTokens[s], output: node.outputTokens[s] }, flagship))
      : null,
    complete: nodes.every((node) => node.costNanoUsd !== null),
    revisions: estimate.revisions,
    historyRuns: Math.max(0, ...nodes.map((n) => (n.basis.kind === "history" ? n.basis.runs : 0))),
    accuracy: history.length >= 2 ? accuracyOn(graph, catalog, options, history, priors) : null,
  };
}

/**
 * The estimate's error on the graph's own past runs: each held-out run is estimated from the
 * runs before it (and from priors alone), and compared on the nodes the graph still has, both
 * priced on each node's current model.
 */
function accuracyOn(graph: GraphDocument, catalog: ModelCatalog, options: EstimateOptions, history: readonly PastRun[], priors: Priors) {
  const current = graph.nodes.map((node) => {
    const model = resolveModel(catalog, node.tier, node.model);
    return { node, pricing: model.info?.pricing, reasons: reasonsOf(model, options.simulated ?? false) };
  });
  const matched = (run: PastRun) =>
    current.flatMap((c) => {
      const past = run.nodes.find((n) => n.nodeId === c.node.id && n.role === c.node.role && n.instances > 0);
      return past && c.pricing ? [{ ...c, past, pricing: c.pricing }] : [];
    });
  return measureAccuracy(
    history,
    (run, before) => {
      const { nodes } = calibratedNodes(graph, catalog, options, priors(run.input, run.documents), before, priors);
      return matched(run).reduce((n, m) => n + (nodes.find((e) => e.nodeId === m.node.id)?.costNanoUsd?.expected ?? 0), 0);
    },
    (run) =>
      matched(run).reduce(
        (n, m) => n + priceEstimatedUsage({ input: m.past.usage.inputTokens, cached: m.past.usage.cachedInputTokens, output: restatedOutput(m.past.usage, m.reasons) }, m.pricing),
        0,
      ),
  );
}

/** A simulated run reasons where the simulator does; a real one where the catalog says. */
const reasonsOf = (model: ReturnType<typeof resolveModel>, simulated: boolean) => (simulated ? simulatorReasons(model.id) : modelReasons(model));

/** The priors' figures of every node for a task (and its documents), and the revisions they allow for. */
interface PriorEstimate {
  figures: Map<string, NodeFigures>;
  revisions: ReviewerRevisions[];
}
type Priors = (input: string, documents: EstimateDocuments | undefined) => PriorEstimate;

/** Priors per task and documents, computed once each: held-out runs and the history share them. */
function priorsMemo(graph: GraphDocument, catalog: ModelCatalog, options: EstimateOptions): Priors {
  const memo = new Map<string, PriorEstimate>();
  return (input, documents) => {
    const key = JSON.stringify([input, documents ?? null]);
    let found = memo.get(key);
    if (!found) memo.set(key, (found = priorFigures(graph, input, catalog, { ...options, documents })));
    return found;
  };
}

function priorFigures(graph: GraphDocument, input: string, catalog: ModelCatalog, options: EstimateOptions): PriorEstimate {
  const count = options.countTokens ?? approxTokenCount;
  const simulated = options.simulated ?? false;
  const topology = buildTopology(graph);
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const order = topologicalOrder(topology) ?? graph.nodes.map((node) => node.id);
  const revisions = revisionPasses(graph, topology, simulated, parseDirectives([input]));
  const toolTokens = new Map(
    (options.tools ?? []).map(({ id, ...definition }) => [id ?? definition.name, count(JSON.stringify({ type: "function", function: definition }))]),
  );
  const toolTokensOf = (node: GraphNode) => (node.tools.length > 0 ? 1 + node.tools.reduce((n, name) => n + (toolTokens.get(name) ?? DEFAULT_TOOL_TOKENS), 0) : 0);
  const inputWithAttachments = options.documents ? `${input}\n\n${options.documents.listing}` : input;

  const perScenario = SCENARIOS.map((scenario) => {
    const produced = new Map<string, Produced>();
    const usages = new Map<string, NodeUsage>();
    for (const id of order) {
      const node = byId.get(id)!;
      const reasons = reasonsOf(resolveModel(catalog, node.tier, node.model), simulated);
      const directives: Directives = parseDirectives([input, node.instructions]);
      // A predecessor not yet estimated (a cycle in a graph still being drawn) contributes nothing.
      const upstream = (topology.dataPredecessors.get(id) ?? []).flatMap((p) => {
        const out = produced.get(p);
        return out ? [{ node: byId.get(p)!, out }] : [];
      });
      const downstream = (topology.dataSuccessors.get(id) ?? []).map((s) => byId.get(s)!);
      const ctx: PassContext = {
        scenario,
        input,
        inputWithAttachments,
        count,
        simulated,
        reasons,
        directives,
        upstream,
        downstream,
        toolTokens: toolTokensOf(node),
        documents: options.documents,
        revisionOf: null,
      };
      const first = estimatorOf(node)(node, ctx);
      produced.set(id, first.produced);
      const passes = 1 + (revisions.passes.get(id)?.[scenario] ?? 0);
      // A revision pass also reads the node's previous output and the reviewer's feedback.
      const revised = passes > 1 ? estimatorOf(node)(node, { ...ctx, revisionOf: first.produced }).usage : null;
      const total = revised ? addUsage(first.usage, scaleUsage(revised, passes - 1)) : first.usage;
      usages.set(id, { ...total, instances: first.produced.instances * passes });
    }
    return usages;
  });
  const figures = new Map(
    graph.nodes.map((node) => {
      const pick = (f: (u: NodeUsage) => number): Range => rangeOf((i) => f(perScenario[i].get(node.id)!));
      return [node.id, { instances: pick((u) => u.instances), calls: pick((u) => u.calls), input: pick((u) => u.input), cached: pick((u) => u.cached), output: pick((u) => u.output) }];
    }),
  );
  return { figures, revisions: revisions.reviewers };
}

const expectedOf = (f: NodeFigures) => ({ instances: f.instances.expected, calls: f.calls.expected, input: f.input.expected, cached: f.cached.expected, output: f.output.expected });

/** Every node's estimate: from its history when it has one (scaled to this task by the priors), from the priors otherwise. */
function calibratedNodes(
  graph: GraphDocument,
  catalog: ModelCatalog,
  options: EstimateOptions,
  current: PriorEstimate,
  history: readonly PastRun[],
  priors: Priors,
): { nodes: NodeEstimate[]; revisions: ReviewerRevisions[] } {
  const simulated = options.simulated ?? false;
  const nodes = graph.nodes.map((node): NodeEstimate => {
    const model = resolveModel(catalog, node.tier, node.model);
    const prior = current.figures.get(node.id)!;
    const pastPrior = (run: PastRun) => {
      const figures = priors(run.input, run.documents).figures.get(node.id);
      return figures ? expectedOf(figures) : null;
    };
    const calibrated = calibrateNode(nodeSamples(node, history, reasonsOf(model, simulated), pastPrior), prior);
    const figures = calibrated ? fromHistory(calibrated, prior) : prior;
    const pricing = model.info?.pricing;
    const round = (r: Range) => rangeOf((i) => Math.round(r[SCENARIOS[i]]));
    return {
      nodeId: node.id,
      label: node.label,
      role: node.role,
      tier: node.tier,
      model: model.id,
      basis: calibrated ? { kind: "history", runs: calibrated.runs } : { kind: "priors" },
      instances: figures.instances,
      calls: figures.calls,
      inputTokens: round(figures.input),
      cachedInputTokens: round(figures.cached),
      outputTokens: round(figures.output),
      costNanoUsd: pricing
        ? rangeOf((i) => {
            const s = SCENARIOS[i];
            return priceEstimatedUsage({ input: figures.input[s], cached: figures.cached[s], output: figures.output[s] }, pricing);
          })
        : null,
    };
  });
  return { nodes, revisions: current.revisions };
}

/** A calibrated node's figures, each ordered low ≤ expected ≤ high; calls scale with instances when no run recorded them. */
function fromHistory(c: CalibratedNode, prior: NodeFigures) {
  const perInstance = (s: (typeof SCENARIOS)[number]) => (prior.instances[s] > 0 ? prior.calls[s] / prior.instances[s] : 1);
  const calls = c.calls ?? rangeOf((i) => c.instances[SCENARIOS[i]] * perInstance(SCENARIOS[i]));
  return { instances: ordered(c.instances), calls: ordered(calls), input: ordered(c.input), cached: ordered(c.cached), output: ordered(c.output) };
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
    if (targets.length === 0 || !("maxRevisions" in node.options) || node.options.maxRevisions === 0) continue;
    const max = node.options.maxRevisions;
    const extra: Range = simulated && directives.revise !== undefined ? uniformRange(Math.min(directives.revise, max)) : { low: 0, expected: 0, high: max };
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
