import type { PlanSubtask } from "./events";

/** A pool node's output: each instance's answer under its subtask title, in instance order. */
export function joinPoolOutputs(instances: readonly { title: string; output: string }[]): string {
  return instances.map(({ title, output }) => `## ${title}\n\n${output.trim()}`).join("\n\n");
}

/** The run's output from its sink nodes: one sink's output as is, several under their labels. */
export function joinSinkOutputs(sinks: readonly { label: string; output: string }[]): string {
  if (sinks.length === 1) return sinks[0].output;
  return sinks.map(({ label, output }) => `## ${label}\n\n${output.trim()}`).join("\n\n");
}

/** A plan as readable text: the planner's output for nodes that are not routed subtasks. Empty instructions (a share link hid them) leave just the titles. */
export function renderPlan(subtasks: readonly PlanSubtask[]): string {
  if (subtasks.length === 0) return "The plan has no subtasks.";
  const instructions = (s: PlanSubtask) => (s.instructions ? `\n   ${s.instructions.replace(/\n/g, "\n   ")}` : "");
  return subtasks.map((s, i) => `${i + 1}. ${s.title} → ${s.executor}${instructions(s)}`).join("\n");
}
