import { db } from "@/lib/db";

/**
 * Which of `userId`'s workspaces holds graph `graphId`, or null when none does (it does not
 * exist, or it belongs to a workspace they are not in: both answer the same). Pages use it
 * to follow a link into another of the caller's workspaces instead of answering 404.
 */
export async function myWorkspaceHoldingGraph(userId: string, graphId: string): Promise<string | null> {
  const graph = await db.graph.findFirst({ where: { id: graphId, workspace: { members: { some: { userId } } } }, select: { workspaceId: true } });
  return graph?.workspaceId ?? null;
}
