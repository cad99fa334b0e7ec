import { beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "@/lib/auth/secrets";
import { db, DEFAULT_WORKSPACE_SLUG, ensureDatabase } from "@/lib/db";
import type { RunEvent } from "@/lib/engine/events";
import { AppError } from "@/lib/errors";
import { TEMPLATES } from "@/lib/graph";
import { cancelRun, runFinished, startRun } from "./service";
import { createShareLink, getSharedRun, revokeShareLink, streamSharedRun } from "./share";
import { listShareLinks } from "./share-links";
import { streamRunEvents } from "./stream";

const template = TEMPLATES.find((t) => t.id === "research-review")!;
let mine = "";
let theirs = "";

async function finishedRun(workspaceId: string): Promise<string> {
  const graph = await db.graph.create({ data: { workspaceId, name: "Shared graph", document: template.graph as object } });
  const run = await startRun(workspaceId, graph.id, { input: "Compare three message queues", simulation: { speed: 0 } });
  await runFinished(run.id);
  return run.id;
}

const sseEvents = (text: string): RunEvent[] =>
  text
    .split("\n\n")
    .filter((block) => block.startsWith("id: "))
    .map((block) => JSON.parse(/^data: (.*)$/m.exec(block)![1]) as RunEvent);

async function notFoundMessage(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("not_found");
  return (error as AppError).message;
}

beforeAll(async () => {
  await ensureDatabase();
  mine = (await db.workspace.findUniqueOrThrow({ where: { slug: DEFAULT_WORKSPACE_SLUG } })).id;
  theirs = (await db.workspace.create({ data: { slug: "share-theirs", name: "Theirs" } })).id;
});

describe("share links", () => {
  it("issues a ≥128-bit token and stores only its hash", async () => {
    const runId = await finishedRun(mine);
    const link = await createShareLink(mine, runId, { hidePrompts: false, createdById: null });
    const [prefix, secret] = [link.token.slice(0, 9), link.token.slice(9)];
    expect(prefix).toBe("tf_share_");
    expect(Buffer.from(secret, "base64url").length * 8).toBeGreaterThanOrEqual(128);

    const row = await db.shareLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(row.tokenHash).toBe(hashToken(link.token));
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(await listShareLinks(mine, runId)).toEqual([{ id: link.id, runId, hidePrompts: false, showTask: false, createdAt: link.createdAt, createdBy: null, lastViewedAt: null }]);

    const shared = await getSharedRun(link.token);
    expect(shared.id).toBe(runId);
    expect(shared.status).toBe("succeeded");
    expect(shared).not.toHaveProperty("graphId");
  });

  it("answers a revoked token exactly like an unknown one, and revoking twice is a 404", async () => {
    const runId = await finishedRun(mine);
    const link = await createShareLink(mine, runId, { hidePrompts: false, createdById: null });
    await revokeShareLink(mine, link.id);
    const revoked = await notFoundMessage(getSharedRun(link.token));
    expect(revoked).toBe(await notFoundMessage(getSharedRun("tf_share_unknown")));
    expect(await notFoundMessage(streamSharedRun(link.token, 0, new AbortController().signal))).toBe(revoked);
    expect(await listShareLinks(mine, runId)).toEqual([]);
    await notFoundMessage(revokeShareLink(mine, link.id));
  });

  it("keeps workspaces apart: another workspace's runs and links are not found", async () => {
    const theirRun = await finishedRun(theirs);
    await notFoundMessage(createShareLink(mine, theirRun, { hidePrompts: false, createdById: null }));
    await notFoundMessage(listShareLinks(mine, theirRun));
    const theirLink = await createShareLink(theirs, theirRun, { hidePrompts: false, createdById: null });
    await notFoundMessage(revokeShareLink(mine, theirLink.id));
    expect((await getSharedRun(theirLink.token)).id).toBe(theirRun);
  });

  it("with hidePrompts, strips instructions from the snapshot and prompts from every event", async () => {
    const runId = await finishedRun(mine);
    const full = sseEvents(await (await streamRunEvents(mine, runId, 0, new AbortController().signal)).text());
    const prompts = full.flatMap((e) => (e.type === "node.started" ? e.messages.map((m) => m.content) : []));
    const instructions = template.graph.nodes.map((n) => n.instructions).filter(Boolean);
    expect(prompts.length).toBeGreaterThan(0);
    expect(instructions.length).toBeGreaterThan(0);

    const link = await createShareLink(mine, runId, { hidePrompts: true, createdById: null });
    const shared = await getSharedRun(link.token);
    expect(shared.hidePrompts).toBe(true);
    const text = await (await streamSharedRun(link.token, 0, new AbortController().signal)).text();
    const redacted = sseEvents(text);
    expect(redacted.map((e) => e.seq)).toEqual(full.map((e) => e.seq));
    for (const secret of [...prompts, ...instructions]) {
      expect(text).not.toContain(JSON.stringify(secret).slice(1, -1));
      expect(JSON.stringify(shared)).not.toContain(JSON.stringify(secret).slice(1, -1));
    }
    // What the models wrote is the result, and stays.
    expect(redacted.at(-1)).toEqual(full.at(-1));
  });

  it("resumes after a seq, and ends an open stream when its link is revoked", async () => {
    const graph = await db.graph.create({ data: { workspaceId: mine, name: "Slow", document: template.graph as object } });
    const run = await startRun(mine, graph.id, { input: "A slow one", simulation: { speed: 0.5 } });
    const link = await createShareLink(mine, run.id, { hidePrompts: false, createdById: null });
    const response = await streamSharedRun(link.token, 1, new AbortController().signal);
    const reading = response.text();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const revokedAt = Date.now();
    await revokeShareLink(mine, link.id);
    const events = sseEvents(await reading);
    // At once, through the bus: not at the next periodic check.
    expect(Date.now() - revokedAt).toBeLessThan(500);
    expect(events[0]?.seq ?? 2).toBeGreaterThan(1);
    expect(events.some((e) => e.type === "run.completed")).toBe(false);
    await cancelRun(mine, run.id);
    await runFinished(run.id);
  });
});
