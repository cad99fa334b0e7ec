import { beforeAll, describe, expect, it } from "vitest";
import { requestsAs, signUpForTest } from "@/lib/auth/testing";
import { db } from "@/lib/db";
import type { RunEvent, RunEventOf } from "@/lib/engine/events";
import { rawEdge, rawGraph, rawNode } from "@/lib/graph/testing";
import { cancelRun, decideExpiredApprovals, runFinished, startRun, takeOverExpiredRuns } from "@/lib/runs";
import { readRunEvents } from "@/lib/runs/event-store";
import { POST as decide } from "./[id]/approvals/[nodeId]/route";

let ownerCookie = "";
let viewerCookie = "";
let strangerCookie = "";
let workspaceId = "";
const asOwner = requestsAs(() => ownerCookie);
const asViewer = requestsAs(() => viewerCookie);
const asStranger = requestsAs(() => strangerCookie);

/** draft → gate (approval) → publish. */
function gatedGraph(gateOptions: Record<string, unknown> = {}) {
  return rawGraph(
    [
      rawNode("executor", "draft", { label: "Drafter" }),
      rawNode("approval", "gate", { label: "Sign-off", options: gateOptions }),
      rawNode("executor", "publish", { label: "Publisher" }),
    ],
    [rawEdge("draft", "gate"), rawEdge("gate", "publish")],
  );
}

/** Starts a run of the gated graph and waits for it to stop at the gate. */
async function waitingRun(gateOptions: Record<string, unknown> = {}): Promise<string> {
  const graph = await db.graph.create({ data: { workspaceId, name: "Gated", document: gatedGraph(gateOptions) as object } });
  const run = await startRun(workspaceId, graph.id, { input: "Announce the launch.", simulation: { speed: 0 } });
  await runFinished(run.id);
  return run.id;
}

function post(as: typeof asOwner, runId: string, body: unknown, nodeId = "gate") {
  return decide(as(`http://test/api/v1/runs/${runId}/approvals/${nodeId}`, { method: "POST", body: JSON.stringify(body) }), { params: Promise.resolve({ id: runId, nodeId }) });
}

const ofType = <K extends RunEvent["type"]>(events: RunEvent[], type: K) => events.filter((e): e is RunEventOf<K> => e.type === type);

beforeAll(async () => {
  const owner = await signUpForTest({ name: "Ada Approver" });
  ownerCookie = owner.cookie;
  workspaceId = (await db.membership.findFirstOrThrow({ where: { userId: owner.userId } })).workspaceId;
  const viewer = await signUpForTest({ name: "Vic Viewer" });
  viewerCookie = viewer.cookie;
  await db.membership.create({ data: { workspaceId, userId: viewer.userId, role: "viewer" } });
  const stranger = await signUpForTest({ name: "Stan Stranger" });
  await db.membership.deleteMany({ where: { userId: stranger.userId } });
  await db.workspace.create({ data: { slug: `approvals-theirs-${Date.now()}`, name: "Theirs", members: { create: { userId: stranger.userId, role: "owner" } } } });
  strangerCookie = stranger.cookie;
}, 30_000);

describe("approval steps over the API", () => {
  it("stop the run waiting, held by no process and left alone by the takeover", async () => {
    const runId = await waitingRun();
    const run = await db.run.findUniqueOrThrow({ where: { id: runId }, include: { nodes: true } });
    expect(run).toMatchObject({ status: "waiting", ownerId: null, leaseExpiresAt: null, endedAt: null, approvalDeadline: null });
    expect(run.nodes.find((n) => n.nodeId === "gate")?.status).toBe("awaiting_approval");
    expect(run.nodes.find((n) => n.nodeId === "draft")?.status).toBe("succeeded");
    expect(run.costNanoUsd).toBeGreaterThan(0);
    await takeOverExpiredRuns();
    expect((await db.run.findUniqueOrThrow({ where: { id: runId } })).status).toBe("waiting");
  });

  it("refuse a viewer (403) and another workspace (404), and leave the run waiting", async () => {
    const runId = await waitingRun();
    expect((await post(asViewer, runId, { decision: "approve" })).status).toBe(403);
    expect((await post(asStranger, runId, { decision: "approve" })).status).toBe(404);
    expect((await post(asOwner, runId, { decision: "reject" })).status).toBe(422);
    expect((await post(asOwner, runId, { decision: "approve" }, "publish")).status).toBe(409);
    expect((await db.run.findUniqueOrThrow({ where: { id: runId } })).status).toBe("waiting");
  });

  it("approve with an edited text: the run resumes and the downstream node gets the edit; a second decision answers 409", async () => {
    const runId = await waitingRun();
    const edited = "Launch note, as edited by a person: ship it on Tuesday.";
    const response = await post(asOwner, runId, { decision: "approve", text: edited, comment: "Tightened the wording." });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: runId, status: "running" });
    await runFinished(runId);

    const run = await db.run.findUniqueOrThrow({ where: { id: runId }, include: { nodes: true } });
    expect(run.status).toBe("succeeded");
    const events = await readRunEvents(runId);
    expect(ofType(events, "approval.decided")).toMatchObject([{ nodeId: "gate", decision: "approve", text: edited, edited: true, comment: "Tightened the wording.", by: { name: "Ada Approver" }, timedOut: false }]);
    expect(ofType(events, "run.resumed")).toHaveLength(1);
    const publish = ofType(events, "node.started").find((e) => e.nodeId === "publish")!;
    expect(publish.messages.map((m) => m.content).join("\n")).toContain(edited);
    // Nothing ran twice; the run's cost is its nodes' cost.
    expect(ofType(events, "node.started").filter((e) => e.nodeId === "draft")).toHaveLength(1);
    expect(run.nodes.reduce((sum, n) => sum + (n.costNanoUsd ?? 0), 0)).toBeCloseTo(run.costNanoUsd, 3);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));

    expect((await post(asOwner, runId, { decision: "approve" })).status).toBe(409);
    expect((await post(asOwner, runId, { decision: "reject", comment: "Too late" })).status).toBe(409);
  });

  it("reject with a reason: the run fails with it, and nothing downstream runs", async () => {
    const runId = await waitingRun();
    expect((await post(asOwner, runId, { decision: "reject", comment: "Wrong launch date." })).status).toBe(200);
    await runFinished(runId);
    const run = await db.run.findUniqueOrThrow({ where: { id: runId }, include: { nodes: true } });
    expect(run.status).toBe("failed");
    expect(run.error).toContain("Rejected by Ada Approver: Wrong launch date.");
    expect(run.nodes.find((n) => n.nodeId === "publish")?.status).toBe("skipped");
  });

  it("time out: the sweep decides expired waits as configured, and only those", async () => {
    const runId = await waitingRun({ timeoutSeconds: 60, onTimeout: "approve" });
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    const request = ofType(await readRunEvents(runId), "approval.requested")[0];
    expect(run.approvalDeadline?.getTime()).toBe(request.deadline);

    expect(await decideExpiredApprovals(request.deadline! - 1000)).toBe(0);
    expect((await db.run.findUniqueOrThrow({ where: { id: runId } })).status).toBe("waiting");
    expect(await decideExpiredApprovals(request.deadline! + 1)).toBeGreaterThanOrEqual(1);
    await runFinished(runId);
    expect((await db.run.findUniqueOrThrow({ where: { id: runId } })).status).toBe("succeeded");
    expect(ofType(await readRunEvents(runId), "approval.decided")).toMatchObject([{ decision: "approve", text: request.text, edited: false, by: null, timedOut: true }]);

    const rejecting = await waitingRun({ timeoutSeconds: 1, onTimeout: "reject" });
    const deadline = (await db.run.findUniqueOrThrow({ where: { id: rejecting } })).approvalDeadline!.getTime();
    await decideExpiredApprovals(deadline + 1);
    await runFinished(rejecting);
    const rejected = await db.run.findUniqueOrThrow({ where: { id: rejecting } });
    expect(rejected).toMatchObject({ status: "failed", approvalDeadline: null });
    expect(rejected.error).toContain("Rejected by its timeout");
  });
});

describe("cancelling a run that waits for approval", () => {
  it("ends it cancelled, closing its log with the spend so far; deciding afterwards answers 409", async () => {
    const runId = await waitingRun();
    const before = await db.run.findUniqueOrThrow({ where: { id: runId } });
    expect(await cancelRun(workspaceId, runId)).toEqual({ id: runId, status: "cancelled" });
    const events = await readRunEvents(runId);
    expect(events.at(-1)).toMatchObject({ type: "run.cancelled", seq: before.lastSeq + 1, costNanoUsd: before.costNanoUsd });
    const run = await db.run.findUniqueOrThrow({ where: { id: runId }, include: { nodes: true } });
    expect(run.status).toBe("cancelled");
    expect(Object.fromEntries(run.nodes.map((n) => [n.nodeId, n.status]))).toMatchObject({ draft: "succeeded", gate: "cancelled", publish: "skipped" });
    expect((await post(asOwner, runId, { decision: "approve" })).status).toBe(409);
  });
});
