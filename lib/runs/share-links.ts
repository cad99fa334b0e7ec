import { z } from "zod";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/**
 * Share links as their workspace sees them, to audit and revoke: what each shows, who made it,
 * when, and when it was last opened. Never the token: only its hash is stored.
 */

/** A share link as the workspace lists it. */
export interface ShareLinkInfo {
  id: string;
  runId: string;
  hidePrompts: boolean;
  /** With `hidePrompts`: the task stays visible. */
  showTask: boolean;
  createdAt: string;
  /** Who created it; null for an API key, or an account that no longer exists. */
  createdBy: { id: string; name: string } | null;
  /** When its page or API was last read, to the minute; null when never. */
  lastViewedAt: string | null;
}

/** A link in the workspace-wide list, with the run it opens. */
export interface WorkspaceShareLink extends ShareLinkInfo {
  run: { id: string; graphName: string; status: string; createdAt: string };
}

/** `GET /api/v1/shares`: newest first; `cursor` is the `nextCursor` of the page before. */
export const listShareLinksQuery = z.object({
  cursor: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

type StoredLink = { id: string; runId: string; hidePrompts: boolean; showTask: boolean; createdAt: Date; createdById: string | null; lastViewedAt: Date | null };

/** Lists stored links with their creators' names, found in one query. */
export async function describeShareLinks<L extends StoredLink>(links: L[]): Promise<(L & { info: ShareLinkInfo })[]> {
  const ids = [...new Set(links.flatMap((link) => (link.createdById ? [link.createdById] : [])))];
  const users = ids.length ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
  const byId = new Map(users.map((user) => [user.id, user]));
  return links.map((link) => ({
    ...link,
    info: {
      id: link.id,
      runId: link.runId,
      hidePrompts: link.hidePrompts,
      showTask: link.showTask,
      createdAt: link.createdAt.toISOString(),
      createdBy: (link.createdById && byId.get(link.createdById)) || null,
      lastViewedAt: link.lastViewedAt?.toISOString() ?? null,
    },
  }));
}

/** 404 unless the run belongs to the workspace. */
export async function requireRun(workspaceId: string, runId: string): Promise<void> {
  const run = await db.run.findFirst({ where: { id: runId, workspaceId }, select: { id: true } });
  if (!run) throw AppError.notFound("Run");
}

/** A run's links that still work, newest first. */
export async function listShareLinks(workspaceId: string, runId: string): Promise<ShareLinkInfo[]> {
  await requireRun(workspaceId, runId);
  const links = await db.shareLink.findMany({ where: { workspaceId, runId, revokedAt: null }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return (await describeShareLinks(links)).map((link) => link.info);
}

/**
 * Every working link of the workspace, newest first, a page at a time. An unknown cursor (a
 * link since revoked, or another workspace's) answers 404 like any id the workspace lacks.
 */
export async function listWorkspaceShareLinks(
  workspaceId: string,
  { cursor, limit }: z.infer<typeof listShareLinksQuery>,
): Promise<{ links: WorkspaceShareLink[]; nextCursor: string | null }> {
  const where = { workspaceId, revokedAt: null };
  if (cursor && !(await db.shareLink.findFirst({ where: { ...where, id: cursor }, select: { id: true } }))) throw AppError.notFound("Share link");
  const page = await db.shareLink.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    include: { run: { select: { id: true, graphName: true, status: true, createdAt: true } } },
  });
  const more = page.length > limit;
  const links = (await describeShareLinks(page.slice(0, limit))).map(({ info, run }) => ({
    ...info,
    run: { ...run, createdAt: run.createdAt.toISOString() },
  }));
  return { links, nextCursor: more ? links[links.length - 1].id : null };
}
