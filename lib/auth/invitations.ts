import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hashToken, newToken } from "./secrets";
import { isWorkspaceRole, type WorkspaceRole } from "./roles";

export type InvitationStatus = "pending" | "accepted" | "revoked" | "expired";

/** An invitation as owners see it in the list; the token is never stored, so never listed. */
export interface InvitationSummary {
  id: string;
  role: WorkspaceRole;
  status: InvitationStatus;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
}

/** What the invite page shows about a link before anyone joins. */
export interface InvitationPreview {
  workspaceName: string;
  role: WorkspaceRole;
  status: InvitationStatus;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const asRole = (role: string): WorkspaceRole => (isWorkspaceRole(role) ? role : "viewer");

type InvitationRow = { id: string; role: string; createdAt: Date; expiresAt: Date; revokedAt: Date | null; acceptedAt: Date | null };

function statusOf(row: InvitationRow, now = new Date()): InvitationStatus {
  if (row.acceptedAt) return "accepted";
  if (row.revokedAt) return "revoked";
  return row.expiresAt.getTime() <= now.getTime() ? "expired" : "pending";
}

function summary(row: InvitationRow): InvitationSummary {
  return {
    id: row.id,
    role: asRole(row.role),
    status: statusOf(row),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
  };
}

/** The path of an invitation link; the API answers it as an absolute URL on the public origin too. */
export function invitationPath(token: string): string {
  return `/invite/${token}`;
}

/** Creates an invitation link for `role`; the token comes back this once and is stored only as its hash. */
export async function createInvitation(
  workspaceId: string,
  input: { role: WorkspaceRole; expiresInDays: number; createdById: string | null },
): Promise<{ invitation: InvitationSummary; token: string; path: string }> {
  const token = newToken("tf_inv");
  const row = await db.invitation.create({
    data: {
      workspaceId,
      role: input.role,
      tokenHash: hashToken(token),
      createdById: input.createdById,
      expiresAt: new Date(Date.now() + input.expiresInDays * DAY_MS),
    },
  });
  return { invitation: summary(row), token, path: invitationPath(token) };
}

export async function listInvitations(workspaceId: string): Promise<InvitationSummary[]> {
  const rows = await db.invitation.findMany({ where: { workspaceId }, orderBy: { createdAt: "desc" }, take: 100 });
  return rows.map(summary);
}

/** Revokes a pending invitation; an accepted one has done its work and stays as it is. */
export async function revokeInvitation(workspaceId: string, id: string): Promise<InvitationSummary> {
  const row = await db.invitation.findFirst({ where: { id, workspaceId } });
  if (!row) throw AppError.notFound("Invitation");
  if (row.acceptedAt) throw new AppError("conflict", "This invitation was already used.");
  if (row.revokedAt) return summary(row);
  return summary(await db.invitation.update({ where: { id }, data: { revokedAt: new Date() } }));
}

/** The invitation behind a link, or null for an unknown token. */
export async function previewInvitation(token: string): Promise<InvitationPreview | null> {
  const row = await db.invitation.findUnique({ where: { tokenHash: hashToken(token) }, include: { workspace: { select: { name: true } } } });
  return row ? { workspaceName: row.workspace.name, role: asRole(row.role), status: statusOf(row) } : null;
}

const GONE: Record<Exclude<InvitationStatus, "pending">, string> = {
  accepted: "This invitation link was already used.",
  revoked: "This invitation link was revoked.",
  expired: "This invitation link has expired.",
};

/**
 * Joins the invitation's workspace with its role, once: unknown tokens answer 404, used,
 * revoked and expired ones 410. Someone already in the workspace keeps their role and the
 * link stays unused, for whoever it was meant for.
 */
export async function acceptInvitation(token: string, userId: string): Promise<{ workspaceId: string; role: WorkspaceRole; joined: boolean }> {
  return db.$transaction(async (tx) => {
    const row = await tx.invitation.findUnique({ where: { tokenHash: hashToken(token) } });
    if (!row) throw new AppError("not_found", "This invitation link is not valid.");
    const now = new Date();
    const status = statusOf(row, now);
    if (status !== "pending") throw new AppError("gone", GONE[status]);

    const existing = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId: row.workspaceId, userId } } });
    if (existing) return { workspaceId: row.workspaceId, role: asRole(existing.role), joined: false };

    // Claim the link first and only if still pending, so two people opening it at once cannot both join.
    const claimed = await tx.invitation.updateMany({
      where: { id: row.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now, acceptedBy: userId },
    });
    if (claimed.count !== 1) throw new AppError("gone", GONE.accepted);
    await tx.membership.create({ data: { workspaceId: row.workspaceId, userId, role: row.role } });
    return { workspaceId: row.workspaceId, role: asRole(row.role), joined: true };
  });
}
