import type { GraphNode, NodeOfRole, Role } from "@/lib/graph";
import type { Usage } from "@/lib/models/cost";
import type { EstimateDocuments, EstimatedUsage, Range, Scenario, TokenCounter } from "@/lib/models/estimate";
import type { Directives } from "@/lib/models/simulator/directives";

/** The estimate's wire shapes (the estimate route answers with a `RunEstimate`; the run launcher renders it). */

export type { EstimateDocuments, Range, Scenario, TokenCounter } from "@/lib/models/estimate";

/** A tool definition as the model sees it; its size adds to every prompt of a node that has it. */
export interface EstimateTool {
  /** The id nodes store, when it is not the function name (workspace HTTP and MCP tools). */
  id?: string;
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
}


/** One node of a finished past run, as its stored result reports it. */
export interface PastRunNode {
  nodeId: string;
  role: string;
  model: string;
  /** Instances over every pass. */
  instances: number;
  /** Model calls over every instance and pass (its `node.usage` events), when known. */
  calls?: number;
  /** Summed over every instance, call and pass. */
  usage: Usage;
}

/** A finished past run of the graph: the history estimates calibrate on. */
export interface PastRun {
  runId: string;
  input: string;
  /** What the documents it attached feed the model, when known. */
  documents?: EstimateDocuments;
  nodes: readonly PastRunNode[];
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
  /** Finished past runs of this graph, oldest first: nodes with history are estimated from what they used. */
  history?: readonly PastRun[];
}

/** Where a node's figures come from: its own past runs, or the per-role priors. */
export type EstimateBasis = { kind: "history"; runs: number } | { kind: "priors" };

export interface NodeEstimate {
  nodeId: string;
  label: string;
  role: GraphNode["role"];
  tier: GraphNode["tier"];
  model: string;
  basis: EstimateBasis;
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

/**
 * How far the estimate was off on held-out past runs: each of the latest runs estimated from
 * the history before it, against what it cost (both priced on the graph's current models).
 */
export interface EstimateAccuracy {
  /** Held-out runs measured. */
  runs: number;
  /** Mean absolute percentage error of the expected cost, as a fraction (0.12 = ±12%). */
  meanAbsPercentError: number;
  /** The same runs estimated from the priors alone. */
  priorsMeanAbsPercentError: number;
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
  /** Past runs the calibrated nodes drew on (0: priors only). */
  historyRuns: number;
  /** Null without at least two past runs (one to hold out, one to learn from). */
  accuracy: EstimateAccuracy | null;
}

/** What a node hands downstream in one scenario. */
export interface Produced {
  /** Instances of the last pass (pool size, or 1). */
  instances: number;
  /** Tokens of each instance's output text. */
  perInstance: number;
  pool: boolean;
  /** Plan items per downstream executor label: set by nodes that route subtasks (planners). */
  routed?: ReadonlyMap<string, number>;
}

/** One pass of a node, summed over its instances and their calls. */
export interface PassUsage extends EstimatedUsage {
  calls: number;
}

/** What a role estimator knows when it prices one pass of a node in one scenario. */
export interface PassContext {
  scenario: Scenario;
  /** The run's task. */
  input: string;
  /** The task as planners and single nodes see it: with the attached files' listing. */
  inputWithAttachments: string;
  count: TokenCounter;
  simulated: boolean;
  /** The node's model bills hidden reasoning. */
  reasons: boolean;
  /** `[sim:…]` directives in the task and the node's instructions. */
  directives: Directives;
  /** Data predecessors already estimated, in document order, with what they produce. */
  upstream: readonly { node: GraphNode; out: Produced }[];
  /** Data successors. */
  downstream: readonly GraphNode[];
  /** Tokens the node's tool definitions add to each of its prompts. */
  toolTokens: number;
  documents?: EstimateDocuments;
  /** A revision pass: what this node produced on the pass before, sent back with feedback. */
  revisionOf: Produced | null;
}

export interface PassEstimate {
  usage: PassUsage;
  produced: Produced;
}

/** Prices one pass of a node of its role, building the prompts the role's runner sends. */
export type RoleEstimator<R extends Role = Role> = (node: NodeOfRole<R>, ctx: PassContext) => PassEstimate;

/** One estimator per role: the compiler rejects a registry missing a role. */
export type RoleEstimators = { [R in Role]: RoleEstimator<R> };
