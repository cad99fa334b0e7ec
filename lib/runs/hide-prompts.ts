import type { PlanSubtask, RunEvent } from "@/lib/engine/events";
import { renderPlan } from "@/lib/engine/outputs";
import { systemPrompt } from "@/lib/engine/prompts";
import { getRoleDefinition, type GraphDocument } from "@/lib/graph";
import { FILE_TEXT_TOOLS } from "@/lib/tools";
import type { RunDetail } from "./queries";
import { createTextRedactor, redactDeep, type Redactor } from "./redact";

/** What stands where a hidden text was quoted. */
const HIDDEN = "[hidden]";

/** Fields that hold identifiers, never prose: a hidden text that happens to equal one must not break the view. */
const IDENTIFIERS: ReadonlySet<string> = new Set(["type", "id", "runId", "nodeId", "callId", "tool", "model", "role", "tier", "executor", "targets", "source", "target", "kind", "status"]);

/**
 * What a share link with "Hide prompts" leaves out: every node's instructions (its system
 * prompt), the messages each instance was sent, the subtask instructions planners wrote
 * (their plans and streamed answers), the file text document tools returned (`read_file`,
 * `search_files`: which files were read still shows) and, unless the sharer chose to show it, the run's task.
 * Fields that hold them are emptied; then every other text (answers, feedback, errors, tool
 * calls) has verbatim copies of them replaced, since a model may quote its prompt.
 *
 * Subtask instructions exist only once a planner answers: the hider learns them from the plans
 * it is given and from the plan events it rewrites, which always come before the work on them.
 */
export class PromptHider {
  private readonly planners: ReadonlySet<string>;
  private readonly hidden = new Set<string>();
  private readonly plans = new Map<string, PlanSubtask[]>();
  private redact: Redactor = (text) => text;

  constructor(
    graph: GraphDocument,
    input: string,
    private readonly hideTask: boolean,
    plans: readonly { nodeId: string; plan: PlanSubtask[] }[] = [],
  ) {
    this.planners = new Set(graph.nodes.filter((node) => getRoleDefinition(node.role).plans).map((node) => node.id));
    for (const node of graph.nodes) this.hidden.add(node.instructions).add(systemPrompt(node));
    if (hideTask) this.hidden.add(input);
    for (const { nodeId, plan } of plans) this.learn(nodeId, plan);
    this.rebuild();
  }

  /** The event as the share link streams it. */
  event(event: RunEvent): RunEvent {
    return redactDeep(this.strip(event), this.redact, IDENTIFIERS);
  }

  /** The run as the share link shows it: no instructions in the graph, planners' outputs as their subtask titles. */
  run<T extends Omit<RunDetail, "graphId">>(run: T): T {
    const nodes = run.nodes.map((node) => {
      if (!this.planners.has(node.nodeId) || node.output === null) return node;
      const plan = this.plans.get(node.nodeId);
      return { ...node, output: plan ? renderPlan(withoutInstructions(plan)) : null };
    });
    const graph = { ...run.graph, nodes: run.graph.nodes.map((node) => ({ ...node, instructions: "" })) };
    return redactDeep({ ...run, input: this.hideTask ? "" : run.input, graph, nodes }, this.redact, IDENTIFIERS);
  }

  private strip(event: RunEvent): RunEvent {
    switch (event.type) {
      case "run.started":
        return this.hideTask ? { ...event, input: "" } : event;
      case "node.started":
        return { ...event, messages: [] };
      case "node.delta":
        // A planner streams its plan, instructions and all.
        return this.planners.has(event.nodeId) ? { ...event, text: "" } : event;
      case "node.tool_result":
        return FILE_TEXT_TOOLS.has(event.tool) ? { ...event, output: HIDDEN } : event;
      case "node.completed": {
        if (!event.plan) return event;
        if (this.learn(event.nodeId, event.plan)) this.rebuild();
        const plan = withoutInstructions(event.plan);
        return { ...event, plan, output: renderPlan(plan) };
      }
      default:
        return event;
    }
  }

  /** Remembers a plan; true when it brought instructions not hidden yet. */
  private learn(nodeId: string, plan: PlanSubtask[]): boolean {
    this.plans.set(nodeId, plan);
    const before = this.hidden.size;
    for (const subtask of plan) this.hidden.add(subtask.instructions);
    return this.hidden.size > before;
  }

  private rebuild(): void {
    this.redact = createTextRedactor(this.hidden, HIDDEN);
  }
}

const withoutInstructions = (plan: readonly PlanSubtask[]): PlanSubtask[] => plan.map((subtask) => ({ ...subtask, instructions: "" }));
