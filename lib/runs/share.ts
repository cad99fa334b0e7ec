import { z } from "zod";
import { hashToken, newToken } from "@/lib/auth/secrets";
import { db } from "@/lib/db";
import type { RunEvent } from "@/lib/engine/events";
import { AppError } from "@/lib/errors";
import { readRunPlans } from "./event-store";
import { PromptHider } from "./hide-prompts";
import { getRunDetail, type RunDetail } from "./queries";
import { MAX_EVENT_SEQ } from "./schemas";
import { describeShareLinks, requireRun, type ShareLinkInfo } from "./share-links";
import { runtime } from "./runtime";
import { streamRunEvents } from "./stream";

/**
 * Share links: a run made readable by anyone holding an unguessable token, read-only and
 * revocable. Only the token's SHA-256 is stored, so the link is shown once, when created.
 * An unknown and a revoked token are refused the same way, as a run that does not exist.
 */

const TOKEN_PREFIX = "tf_share";
/** How often a watcher's stream re-checks that its link still stands (revocation ends it). */
const REVOCATION_CHECK_MS = 2_000;
/** `lastViewedAt` is for people ("viewed 5 min ago"): a write per request would be one per poll. */
export const VIEW_RESOLUTION_MS = 60_000;

/**
 * `POST /api/v1/runs/:id/shares`. `hidePrompts` leaves out instructions, the messages sent and
 * the planners' subtask instructions, and the task too unless `showTask` (see PromptHider).
 */
export const createShareLinkBody = z.object({ hidePrompts: z.boolean().default(false), showTask: z.boolean().default(false) });

/** What a link shows; `showTask` only matters with `hidePrompts`. */
type Visibility = Pick<z.infer<typeof createShareLinkBody>, "hidePrompts" | "showTask">;

/** The public path of a share link; the API answers it as an absolute URL. */
export const sharePath = (token: string) => `/share/${encodeURIComponent(token)}`;

/** What creating a link returns: the only time its token is seen. */
export interface CreatedShareLink extends ShareLinkInfo {
  token: string;
}

/**
 * A run as a share link shows it: its detail without the workspace's graph id (no way back
 * into the workspace) and, with `hidePrompts`, without prompts; `hideTask` says the task was
 * left out too (its `input` is then empty).
 */
export type SharedRun = Omit<RunDetail, "graphId"> & { hidePrompts: boolean; hideTask: boolean };

interface ResolvedLink extends Visibility {
  id: string;
  workspaceId: string;
  runId: string;
}

const hidesTask = (link: Visibility) => link.hidePrompts && !link.showTask;

/** Creates a link to a run of the workspace; the answer carries the token, once. */
export async function createShareLink(
  workspaceId: string,
  runId: string,
  options: { hidePrompts: boolean; showTask?: boolean; createdById: string | null },
): Promise<CreatedShareLink> {
  await requireRun(workspaceId, runId);
  const token = newToken(TOKEN_PREFIX);
  const { hidePrompts, showTask = false, createdById } = options;
  const link = await db.shareLink.create({ data: { workspaceId, runId, tokenHash: hashToken(token), hidePrompts, showTask, createdById } });
  const [{ info }] = await describeShareLinks([link]);
  return { ...info, token };
}

/** Revokes a link of the workspace; it stops working at once, for new visits and open streams. */
export async function revokeShareLink(workspaceId: string, linkId: string): Promise<void> {
  const { count } = await db.shareLink.updateMany({ where: { id: linkId, workspaceId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 0) throw AppError.notFound("Share link");
  runtime.bus.announceRevocation(linkId);
}

async function resolveShareLink(token: string): Promise<ResolvedLink> {
  const link = await db.shareLink.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, workspaceId: true, runId: true, hidePrompts: true, showTask: true, revokedAt: true, lastViewedAt: true },
  });
  if (!link || link.revokedAt) throw AppError.notFound("Run");
  await noteView(link.id, link.lastViewedAt);
  return link;
}

/** Records that a link was read, at most once per VIEW_RESOLUTION_MS. */
async function noteView(linkId: string, lastViewedAt: Date | null): Promise<void> {
  const now = new Date();
  if (lastViewedAt && now.getTime() - lastViewedAt.getTime() < VIEW_RESOLUTION_MS) return;
  await db.shareLink.update({ where: { id: linkId }, data: { lastViewedAt: now } });
}

async function linkStands(linkId: string): Promise<boolean> {
  const link = await db.shareLink.findUnique({ where: { id: linkId }, select: { revokedAt: true } });
  return link !== null && link.revokedAt === null;
}

/** The run behind a share token; 404 for an unknown or revoked one. */
export async function getSharedRun(token: string): Promise<SharedRun> {
  const link = await resolveShareLink(token);
  const { graphId: _graphId, ...detail } = await getRunDetail(link.workspaceId, link.runId);
  const shared: SharedRun = { ...detail, hidePrompts: link.hidePrompts, hideTask: hidesTask(link) };
  if (!link.hidePrompts) return shared;
  return new PromptHider(detail.graph, detail.input, hidesTask(link), await readRunPlans(link.runId, MAX_EVENT_SEQ)).run(shared);
}

/**
 * The run's event stream for a share link, with the private stream's replay and resume. It
 * ends when the link is revoked; with `hidePrompts` prompts are removed before sending.
 */
export async function streamSharedRun(token: string, afterSeq: number, signal: AbortSignal): Promise<Response> {
  const link = await resolveShareLink(token);
  let redact: ((event: RunEvent) => RunEvent) | undefined;
  if (link.hidePrompts) {
    const { graph, input } = await getRunDetail(link.workspaceId, link.runId);
    // Plans streamed after `afterSeq` pass through the hider, which learns them on the way.
    const hider = new PromptHider(graph, input, hidesTask(link), await readRunPlans(link.runId, afterSeq));
    redact = (event) => hider.event(event);
  }
  // Revocation closes the stream at once through the bus; the periodic check covers a missed notice.
  const revoked = new AbortController();
  const stopListening = runtime.bus.onRevocation(link.id, () => revoked.abort());
  const ended = AbortSignal.any([signal, revoked.signal]);
  ended.addEventListener("abort", stopListening, { once: true });
  return streamRunEvents(link.workspaceId, link.runId, afterSeq, ended, {
    redact,
    stillAllowed: { check: () => linkStands(link.id), everyMs: REVOCATION_CHECK_MS },
  });
}
