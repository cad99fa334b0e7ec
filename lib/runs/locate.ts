import { db } from "@/lib/db";

/**
 * Which of `userId`'s workspaces holds run `runId`, or null when none does (missing and
 * foreign runs answer the same). The run page's twin of lib/graphs/locate.ts.
 */
export async function myWorkspaceHoldingRun(userId: string, runId: string): Promise<string | null> {
  const run = await db.run.findFirst({ where: { id: runId, workspace: { members: { some: { userId } } } }, select: { workspaceId: true } });
  return run?.workspaceId ?? null;
}
