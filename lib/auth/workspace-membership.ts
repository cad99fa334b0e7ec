import { randomBytes } from "node:crypto";
import { db, DEFAULT_WORKSPACE_SLUG } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isWorkspaceRole, type WorkspaceRole } from "./roles";

/** One of the caller's workspaces, with their role there. */
export interface MyWorkspace {
  id: string;
  slug: string;
  name: string;
  role: WorkspaceRole;
}

/** A member of a workspace, as the members page lists them. */
export interface Member {
  id: string;
  userId: string;
  name: string;
  email: string;
  role: WorkspaceRole;
  joinedAt: string;
}

const asRole = (role: string): WorkspaceRole => (isWorkspaceRole(role) ? role : "viewer");

/**
 * On a fresh install the first account to sign up owns the default workspace, so the
 * embedded default works with no set-up. Later accounts start with no workspace: they
 * create one or join through an invitation. Returns true when this user claimed it.
 */
export async function claimDefaultWorkspace(userId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const workspace = await tx.workspace.findUnique({ where: { slug: DEFAULT_WORKSPACE_SLUG }, select: { id: true } });
    if (!workspace) return false;
    const members = await tx.membership.count({ where: { workspaceId: workspace.id } });
    if (members > 0) return false;
    await tx.membership.create({ data: { workspaceId: workspace.id, userId, role: "owner" } });
    return true;
  });
}

/** The workspaces a user belongs to, oldest membership first (the one used when no cookie names another). */
export async function listMyWorkspaces(userId: string): Promise<MyWorkspace[]> {
  const memberships = await db.membership.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    include: { workspace: { select: { id: true, slug: true, name: true } } },
  });
  return memberships.map(({ workspace, role }) => ({ ...workspace, role: asRole(role) }));
}

function slugFor(name: string): string {
  const base = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  // A random suffix keeps slugs unique without a retry loop, and unguessable from the name.
  return `${base || "workspace"}-${randomBytes(4).toString("hex")}`;
}

/** Creates a workspace owned by `userId`. */
export async function createWorkspace(userId: string, name: string): Promise<MyWorkspace> {
  const workspace = await db.workspace.create({
    data: { name, slug: slugFor(name), members: { create: { userId, role: "owner" } } },
    select: { id: true, slug: true, name: true },
  });
  return { ...workspace, role: "owner" };
}

export async function renameWorkspace(workspaceId: string, name: string) {
  return db.workspace.update({ where: { id: workspaceId }, data: { name }, select: { id: true, slug: true, name: true } });
}

/**
 * Deletes a workspace and everything in it — graphs, runs with their events and nodes, share
 * links, API keys, invitations, memberships and the provider key (every relation cascades from
 * Workspace in prisma/schema.prisma). `confirmName` must be its name as typed by the owner.
 * Refused while a run is going: its runner would keep writing into rows that are gone.
 * Deleting one's last workspace is allowed; the app then asks to create one.
 */
export async function deleteWorkspace(workspaceId: string, confirmName: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const workspace = await tx.workspace.findUnique({ where: { id: workspaceId }, select: { name: true } });
    if (!workspace) throw AppError.notFound("Workspace");
    if (confirmName.trim() !== workspace.name) {
      throw new AppError("unprocessable", `Type the workspace's name, “${workspace.name}”, to confirm that it should be deleted.`);
    }
    const going = await tx.run.count({ where: { workspaceId, status: { in: ["queued", "running"] } } });
    if (going > 0) {
      throw new AppError("conflict", `${going === 1 ? "A run is" : `${going} runs are`} still going in this workspace: cancel ${going === 1 ? "it" : "them"} or wait until ${going === 1 ? "it ends" : "they end"}, then delete the workspace.`);
    }
    await tx.workspace.delete({ where: { id: workspaceId } });
  });
}

/** The user's membership of `workspaceId`; another workspace answers 404, as every foreign id does. */
export async function requireMyWorkspace(userId: string, workspaceId: string): Promise<MyWorkspace> {
  const membership = await db.membership.findUnique({
    where: { workspaceId_userId: { workspaceId, userId } },
    include: { workspace: { select: { id: true, slug: true, name: true } } },
  });
  if (!membership) throw AppError.notFound("Workspace");
  return { ...membership.workspace, role: asRole(membership.role) };
}

export async function listMembers(workspaceId: string): Promise<Member[]> {
  const memberships = await db.membership.findMany({
    where: { workspaceId },
    orderBy: { createdAt: "asc" },
    include: { user: { select: { name: true, email: true } } },
  });
  return memberships.map((m) => ({
    id: m.id,
    userId: m.userId,
    name: m.user.name,
    email: m.user.email,
    role: asRole(m.role),
    joinedAt: m.createdAt.toISOString(),
  }));
}

/** Who asks for a membership change: owners manage everyone; anyone may remove themselves. */
export interface MemberActor {
  userId: string;
  role: WorkspaceRole;
}

const LAST_OWNER = "A workspace needs at least one owner: make someone else an owner first.";

/** Changes a member's role (owners only); the last owner cannot step down. */
export async function changeMemberRole(workspaceId: string, memberId: string, role: WorkspaceRole, actor: MemberActor): Promise<Member> {
  if (actor.role !== "owner") throw new AppError("forbidden", "Only owners change roles.");
  await db.$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { id: memberId, workspaceId } });
    if (!member) throw AppError.notFound("Member");
    if (member.role === "owner" && role !== "owner") {
      const owners = await tx.membership.count({ where: { workspaceId, role: "owner" } });
      if (owners <= 1) throw new AppError("conflict", LAST_OWNER);
    }
    await tx.membership.update({ where: { id: memberId }, data: { role } });
  });
  const member = (await listMembers(workspaceId)).find((m) => m.id === memberId);
  if (!member) throw AppError.notFound("Member");
  return member;
}

/** Removes a member: owners remove anyone, others only themselves (leaving); the last owner stays. */
export async function removeMember(workspaceId: string, memberId: string, actor: MemberActor): Promise<void> {
  await db.$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { id: memberId, workspaceId } });
    if (!member) throw AppError.notFound("Member");
    if (member.userId !== actor.userId && actor.role !== "owner") throw new AppError("forbidden", "Only owners remove other members.");
    if (member.role === "owner") {
      const owners = await tx.membership.count({ where: { workspaceId, role: "owner" } });
      if (owners <= 1) throw new AppError("conflict", member.userId === actor.userId ? `You are the last owner. ${LAST_OWNER}` : LAST_OWNER);
    }
    await tx.membership.delete({ where: { id: memberId } });
  });
}
