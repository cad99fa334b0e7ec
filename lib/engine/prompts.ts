import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { getRoleDefinition, type GraphNode } from "@/lib/graph";
import type { PlanSubtask, TranscriptMessage } from "./events";
import type { NodeResult, RevisionNote, UpstreamResult } from "./roles/types";

/**
 * Message building for every role. The system message is the node's instructions alone, so it
 * stays the same across passes (prompt caching; the simulator keys revise rounds on it); the
 * task, upstream work and feedback go in the user message.
 */

/** The opening messages of an instance, as sent and as the transcript shows them. */
export interface Prompt {
  messages: ChatCompletionMessageParam[];
  transcript: TranscriptMessage[];
}

const EXECUTOR_SUMMARY_CHARS = 300;

export function systemPrompt(node: GraphNode): string {
  return node.instructions.trim() || getRoleDefinition(node.role).defaultInstructions;
}

function prompt(node: GraphNode, sections: readonly (string | null)[]): Prompt {
  const system = systemPrompt(node);
  const user = sections.filter((s): s is string => s !== null && s !== "").join("\n\n");
  return {
    messages: [
      { role: "system", content: system },
      { role: "user", content: user },
    ],
    transcript: [
      { role: "system", content: system },
      { role: "user", content: user },
    ],
  };
}

function section(heading: string, body: string): string {
  return `# ${heading}\n\n${body.trim() || "(empty)"}`;
}

function upstreamSections(upstream: readonly UpstreamResult[]): string[] {
  return upstream.map(({ node, result }) => section(`Input from ${node.label}`, result.output));
}

function revisionSection(revision: RevisionNote | null, previous: string | null): string | null {
  if (!revision) return null;
  const parts = [
    previous !== null ? `Your previous output:\n\n${previous.trim()}` : null,
    `Feedback from ${revision.reviewerLabel}:\n\n${revision.feedback.trim()}`,
    "Revise your work so it addresses every point of the feedback.",
  ];
  return section("Revision requested", parts.filter(Boolean).join("\n\n"));
}

/** An executor running once, on the task and its predecessors' outputs. */
export function executorPrompt(
  node: GraphNode,
  input: string,
  upstream: readonly UpstreamResult[],
  revision: RevisionNote | null,
  previous: NodeResult | null,
): Prompt {
  return prompt(node, [section("Task", input), ...upstreamSections(upstream), revisionSection(revision, previous?.output ?? null)]);
}

/** One pool instance: its subtask, with the overall task and any non-planner inputs as context. */
export function subtaskPrompt(
  node: GraphNode,
  input: string,
  subtask: PlanSubtask,
  context: readonly UpstreamResult[],
  revision: RevisionNote | null,
  previousOutput: string | null,
): Prompt {
  return prompt(node, [
    section("Overall task (context)", input),
    ...upstreamSections(context),
    section(`Your subtask: ${subtask.title}`, subtask.instructions),
    revisionSection(revision, previousOutput),
  ]);
}

/** A planner: the task, its inputs, and the executors it may route subtasks to. */
export function plannerPrompt(
  node: GraphNode,
  input: string,
  upstream: readonly UpstreamResult[],
  executors: readonly GraphNode[],
  maxSubtasks: number,
  revision: RevisionNote | null,
  previous: NodeResult | null,
): Prompt {
  const roster = executors
    .map((e) => {
      const about = systemPrompt(e).replace(/\s+/g, " ").slice(0, EXECUTOR_SUMMARY_CHARS);
      const tools = e.tools.length > 0 ? ` (tools: ${e.tools.join(", ")})` : "";
      return `- ${e.label}${tools}: ${about}`;
    })
    .join("\n");
  const howTo =
    `Split the task into at most ${maxSubtasks} subtasks. Give each a short title, self-contained instructions, ` +
    `and the exact label of the executor that should take it:\n\n${roster}`;
  return prompt(node, [
    section("Task", input),
    ...upstreamSections(upstream),
    section("Executors", howTo),
    revisionSection(revision, previous?.output ?? null),
  ]);
}

/** A reviewer: the task and all upstream work, pool instances one by one. */
export function reviewerPrompt(node: GraphNode, input: string, upstream: readonly UpstreamResult[], previous: NodeResult | null): Prompt {
  const work: string[] = [];
  for (const { node: source, result } of upstream) {
    if (result.instances && result.instances.length > 0) {
      result.instances.forEach((instance, i) => work.push(`## ${source.label}, subtask ${i + 1}: ${instance.title}\n\n${instance.output.trim()}`));
    } else {
      work.push(`## ${source.label}\n\n${result.output.trim() || "(empty)"}`);
    }
  }
  const earlier = previous?.verdict ? section("Your feedback on the previous pass", previous.verdict.feedback) : null;
  const howTo =
    'Answer with a verdict. "approve" when the work answers the task correctly and completely; put the final answer ' +
    'for the user in "output". "revise" when it falls short; put specific, actionable feedback in "feedback" and your ' +
    'best current answer in "output".';
  return prompt(node, [section("Task", input), section("Work to review", work.join("\n\n") || "(no upstream work)"), earlier, section("Your answer", howTo)]);
}
