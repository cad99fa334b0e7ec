import type { GraphNode } from "@/lib/graph";
import { resolveModel, type ResolvedModel } from "@/lib/models/catalog";
import { errorMessage, isRunStop, NodeError, RunStoppedError } from "./errors";
import type { NodeScope, PlanSubtask, ReviewVerdict } from "./events";
import { InstanceTally } from "./ledger";
import { scopeKey } from "./restore";
import type { Prompt } from "./prompts";
import type { RunRuntime } from "./runtime";

/** One instance of a node about to run. */
export interface InstanceSpec {
  node: GraphNode;
  instance: number;
  iteration: number;
  prompt: Prompt;
  /** Pool instances: the subtask title and the pass's instance count. */
  pool?: { title: string; size: number };
}

/** What an instance produced. */
export interface InstanceOutput {
  output: string;
  plan?: PlanSubtask[];
  verdict?: ReviewVerdict;
}

/** What an instance's body works with. */
export interface InstanceWork {
  scope: NodeScope;
  model: ResolvedModel;
  tally: InstanceTally;
}

/** The model a node runs on. */
export function nodeModel(rt: RunRuntime, node: GraphNode): ResolvedModel {
  return resolveModel(rt.catalog, node.tier, node.model);
}

/**
 * Runs one instance and brackets it with events: `node.started` first, then `node.completed`
 * (usage, cost, latency) or `node.failed` (error, usage, cost). `finish` may add the node's output to the completion
 * that ends a pool's pass. A run stop emits nothing here: the run's final event closes it.
 * In a resumed run, an instance whose completion is in the log returns it and emits nothing.
 */
export async function runInstance(
  rt: RunRuntime,
  spec: InstanceSpec,
  body: (work: InstanceWork) => Promise<InstanceOutput>,
  finish?: (output: InstanceOutput) => string | undefined,
): Promise<InstanceOutput> {
  const { node } = spec;
  const scope: NodeScope = { nodeId: node.id, instance: spec.instance, iteration: spec.iteration };
  const restored = rt.restored?.completed.get(scopeKey(scope));
  if (restored) {
    finish?.(restored);
    return restored;
  }
  const model = nodeModel(rt, node);
  const tally = new InstanceTally();
  const started = rt.clock.now();
  rt.emit({
    type: "node.started",
    ...scope,
    role: node.role,
    label: node.label,
    tier: node.tier,
    model: model.id,
    ...(spec.pool ? { title: spec.pool.title, poolSize: spec.pool.size } : {}),
    messages: spec.prompt.transcript,
  });
  let result: InstanceOutput;
  try {
    result = await body({ scope, model, tally });
  } catch (error) {
    if (isRunStop(error, rt.signal)) throw new RunStoppedError();
    const message = errorMessage(error);
    rt.emit({ type: "node.failed", ...scope, error: message, ...tally.fields() });
    throw error instanceof NodeError ? error : new NodeError(message);
  }
  if (rt.signal.aborted) throw new RunStoppedError();
  const nodeOutput = finish?.(result);
  rt.emit({
    type: "node.completed",
    ...scope,
    output: result.output,
    ...(result.plan ? { plan: result.plan } : {}),
    ...(result.verdict ? { verdict: result.verdict } : {}),
    ...(nodeOutput !== undefined ? { nodeOutput } : {}),
    ...tally.fields(),
    latencyMs: Math.max(0, rt.clock.now() - started),
  });
  return result;
}
