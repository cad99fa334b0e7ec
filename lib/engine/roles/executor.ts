import type { NodeOfRole } from "@/lib/graph";
import { errorMessage, NodeError, RunStoppedError } from "../errors";
import type { PlanSubtask } from "../events";
import { runInstance } from "../instance";
import { describeFinish } from "../model-call";
import { joinPoolOutputs } from "../outputs";
import { executorPrompt, subtaskPrompt, type Prompt } from "../prompts";
import type { RunRuntime } from "../runtime";
import { Semaphore } from "../semaphore";
import { runToolLoop } from "../tool-loop";
import { callSettings } from "./options";
import type { InstanceResult, NodeJob, NodeResult, RoleRunner } from "./types";

/**
 * Executor. Directly downstream of a planner it is a pool: one instance per subtask routed to
 * its label (instance = index among them), up to `concurrency` at once, and its output joins
 * the instances' answers under their titles. Elsewhere it runs once on its inputs.
 */
export const runExecutor: RoleRunner<"executor"> = (rt, job) => {
  const planners = job.upstream.filter((u) => u.node.role === "planner");
  if (planners.length === 0) return runSingle(rt, job);
  const subtasks = planners.flatMap((p) => (p.result.plan ?? []).filter((s) => s.executor === job.node.label));
  if (subtasks.length === 0) return runUnrouted(rt, job);
  return runPool(rt, job, subtasks);
};

function answer(rt: RunRuntime, job: NodeJob<"executor">, prompt: Prompt, instance: number, pool?: { title: string; size: number }, finish?: (output: string) => string | undefined) {
  const settings = callSettings(job.node);
  return runInstance(
    rt,
    { node: job.node, instance, iteration: job.iteration, prompt, ...(pool ? { pool } : {}) },
    async ({ scope, model, tally }) => {
      const { final } = await runToolLoop(rt, { scope, model, messages: prompt.messages, ...settings, tally });
      // An empty answer with a reason (refusal, output limit spent on reasoning) is a failure, not a silent blank.
      const why = describeFinish(final);
      if (!final.content.trim() && why) throw new NodeError(`The executor produced no answer: ${why}`);
      return { output: final.content };
    },
    finish && ((result) => finish(result.output)),
  );
}

function runSingle(rt: RunRuntime, job: NodeJob<"executor">): Promise<NodeResult> {
  return answer(rt, job, executorPrompt(job.node, rt.inputWithAttachments, job.upstream, job.revision, job.previous), 0);
}

/** Nothing was routed here: the node completes at once, without a model call. */
async function runUnrouted(rt: RunRuntime, job: NodeJob<"executor">): Promise<NodeResult> {
  const output = `No subtasks were routed to ${job.node.label}.`;
  return runInstance(rt, { node: job.node, instance: 0, iteration: job.iteration, prompt: { messages: [], transcript: [] } }, async () => ({ output }));
}

async function runPool(rt: RunRuntime, job: NodeJob<"executor">, subtasks: readonly PlanSubtask[]): Promise<NodeResult> {
  const node: NodeOfRole<"executor"> = job.node;
  const size = subtasks.length;
  const context = job.upstream.filter((u) => u.node.role !== "planner");
  const slots = new Semaphore(node.options.concurrency);
  const results: InstanceResult[] = new Array(size);
  let done = 0;
  let failure: { index: number; error: unknown } | null = null;

  const runOne = async (subtask: PlanSubtask, index: number) => {
    const lease = rt.lease();
    let release: () => void;
    try {
      release = await slots.acquire(lease.signal);
    } catch {
      return; // the run stopped while this instance waited for a slot
    } finally {
      lease.release();
    }
    try {
      // A failed sibling dooms the node: instances not yet started never start.
      if (failure || rt.signal.aborted) return;
      const previous = job.revision ? (job.previous?.instances?.find((i) => i.title === subtask.title)?.output ?? null) : null;
      const prompt = subtaskPrompt(node, rt.input, subtask, context, job.revision, previous);
      await answer(rt, job, prompt, index, { title: subtask.title, size }, (output) => {
        results[index] = { title: subtask.title, output };
        done++;
        return done === size && !failure ? joinPoolOutputs(results) : undefined;
      });
    } catch (error) {
      if (!(error instanceof RunStoppedError) && !failure) failure = { index, error };
    } finally {
      release();
    }
  };

  await Promise.all(subtasks.map(runOne));
  if (rt.signal.aborted) throw new RunStoppedError();
  if (failure) {
    const { index, error } = failure;
    throw new NodeError(`subtask ${index + 1} "${subtasks[index].title}": ${errorMessage(error)}`);
  }
  return { output: joinPoolOutputs(results), instances: results };
}
