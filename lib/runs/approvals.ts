import { z } from "zod";
import { db } from "@/lib/db";
import type { ApprovalDecider, RunEvent, RunEventOf } from "@/lib/engine/events";
import { AppError } from "@/lib/errors";
import { ownLease } from "./ownership";
import { runQueue } from "./queues";
import { storeEventBatch } from "./run-store";
import { requireAcceptingRuns } from "./run-context";

/** Most characters an approver's edited text or comment may have. */
const TEXT_LIMIT = 200_000;
const COMMENT_LIMIT = 4000;

/** POST /runs/:id/approvals/:nodeId: approve (optionally with an edited text), or reject with a reason. */
export const decideApprovalBody = z.discriminatedUnion("decision", [
  z.object({
    decision: z.literal("approve"),
    /** Replaces what goes downstream; absent to pass the upstream text on as it is. */
    text: z.string().max(TEXT_LIMIT).optional().meta({ description: "What goes downstream instead of the upstream text." }),
    comment: z.string().trim().max(COMMENT_LIMIT).optional(),
  }),
  z.object({
    decision: z.literal("reject"),
    comment: z.string().trim().min(1).max(COMMENT_LIMIT).meta({ description: "Why: the run fails with this reason." }),
  }),
]);
export type DecideApprovalBody = z.infer<typeof decideApprovalBody>;

type Request = RunEventOf<"approval.requested">;
type Decision = Pick<RunEventOf<"approval.decided">, "decision" | "text" | "comment" | "by" | "timedOut">;

/** The approval steps of a run nobody has decided yet, by node id (each node's latest pass). */
async function pendingApprovals(runId: string): Promise<Map<string, Request>> {
  const rows = await db.runEvent.findMany({
    where: { runId, type: { in: ["approval.requested", "approval.decided"] } },
    orderBy: { seq: "asc" },
    select: { data: true },
  });
  const pending = new Map<string, Request>();
  for (const { data } of rows) {
    const event = data as unknown as RunEvent;
    if (event.type === "approval.requested") pending.set(event.nodeId, event);
    else if (event.type === "approval.decided" && pending.get(event.nodeId)?.iteration === event.iteration) pending.delete(event.nodeId);
  }
  return pending;
}

/**
 * Stores decisions on a waiting run and hands it back to the run queue, which resumes it from its
 * log wherever runs execute. The run is claimed first (`waiting` → `running`, owned by this
 * process, so it may write the log), so of two concurrent decisions only one wins; the other,
 * like any decision on a run that is not waiting, answers 409.
 */
async function decideAndResume(runId: string, decisions: readonly { request: Request; decision: Decision }[]): Promise<"queued" | "running"> {
  const claimed = await db.run.updateMany({ where: { id: runId, status: "waiting" }, data: { status: "running", approvalDeadline: null, ...ownLease() } });
  if (claimed.count !== 1) throw new AppError("conflict", "This run is not waiting for a decision any more.");
  const { lastSeq, workspaceId } = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { lastSeq: true, workspaceId: true } });
  const ts = Date.now();
  const events: RunEvent[] = decisions.map(({ request, decision }, i) => ({
    type: "approval.decided",
    runId,
    seq: lastSeq + 1 + i,
    ts,
    nodeId: request.nodeId,
    instance: request.instance,
    iteration: request.iteration,
    ...decision,
    edited: decision.decision === "approve" && decision.text !== request.text,
  }));
  await storeEventBatch(runId, events, null);
  await db.run.update({ where: { id: runId }, data: { status: "queued", ownerId: null, leaseExpiresAt: null } });
  return runQueue().enqueue({ runId, workspaceId });
}

/**
 * Decides the approval step `nodeId` of a waiting run as `decider` (an editor) and resumes the run.
 * Unknown run (or another workspace's): 404. Nothing waiting at that node, already decided, or the
 * run not waiting: 409.
 */
export async function decideApproval(
  workspaceId: string,
  runId: string,
  nodeId: string,
  decider: ApprovalDecider,
  body: DecideApprovalBody,
): Promise<{ id: string; status: string }> {
  requireAcceptingRuns();
  const run = await db.run.findFirst({ where: { id: runId, workspaceId }, select: { status: true } });
  if (!run) throw AppError.notFound("Run");
  const request = (await pendingApprovals(runId)).get(nodeId);
  if (run.status !== "waiting" || !request) throw new AppError("conflict", `Nothing waits for a decision at node "${nodeId}" of this run.`);
  const decision: Decision =
    body.decision === "approve"
      ? { decision: "approve", text: body.text ?? request.text, comment: body.comment || null, by: decider, timedOut: false }
      : { decision: "reject", text: "", comment: body.comment, by: decider, timedOut: false };
  return { id: runId, status: await decideAndResume(runId, [{ request, decision }]) };
}

/**
 * The heartbeat's sweep: every waiting run whose approval deadline has passed gets the timed-out
 * steps decided as they are configured (`onTimeout`), and resumes. The deadline lives in the
 * database, so a wait times out even when the process that started it is long gone.
 */
export async function decideExpiredApprovals(now = Date.now()): Promise<number> {
  const due = await db.run.findMany({ where: { status: "waiting", approvalDeadline: { lte: new Date(now) } }, select: { id: true } });
  let decided = 0;
  for (const { id } of due) {
    const expired = [...(await pendingApprovals(id)).values()].filter((request) => request.deadline !== null && request.deadline <= now);
    if (expired.length === 0) continue;
    const decisions = expired.map((request) => ({
      request,
      decision: { decision: request.onTimeout, text: request.onTimeout === "approve" ? request.text : "", comment: "The wait timed out.", by: null, timedOut: true } satisfies Decision,
    }));
    try {
      await decideAndResume(id, decisions);
      decided++;
    } catch (error) {
      // Decided by a person in the meantime: nothing left to time out.
      if (!(error instanceof AppError && error.code === "conflict")) throw error;
    }
  }
  return decided;
}
