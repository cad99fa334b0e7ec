import { db, ensureDatabase } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getAuth } from "./auth";
import { publicOrigin } from "./public-origin";
import { isWorkspaceRole, roleAtLeast, type WorkspaceRole } from "./roles";
import { hashToken } from "./secrets";

/** The cookie naming the workspace a signed-in user is working in. */
export const ACTIVE_WORKSPACE_COOKIE = "tierflow_workspace";

/** The query parameter a page is opened with right after a link switched the active workspace (it then says so). */
export const SWITCHED_PARAM = "switched";

/**
 * The `Set-Cookie` value that makes `workspaceId` the active workspace of this browser.
 * HttpOnly: only the server reads it; a year, so the choice survives restarts. Secure when the
 * public origin is https: behind a TLS-terminating proxy `request.url` still says http.
 */
export function activeWorkspaceCookie(workspaceId: string, request: Request): string {
  const secure = publicOrigin(request).startsWith("https:") ? "; Secure" : "";
  return `${ACTIVE_WORKSPACE_COOKIE}=${encodeURIComponent(workspaceId)}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax${secure}`;
}

/** Who is calling, in which workspace, and what they may do there. */
export interface WorkspaceAccess {
  workspace: { id: string; slug: string; name: string };
  role: WorkspaceRole;
  /** The signed-in user; null for API keys. */
  user: { id: string; name: string; email: string } | null;
  via: "session" | "api_key";
  can(minRole: WorkspaceRole): boolean;
}

function accessFor(
  workspace: WorkspaceAccess["workspace"],
  role: WorkspaceRole,
  user: WorkspaceAccess["user"],
  via: WorkspaceAccess["via"],
): WorkspaceAccess {
  return { workspace, role, user, via, can: (min) => roleAtLeast(role, min) };
}

const workspaceSelect = { id: true, slug: true, name: true } as const;
// lastUsedAt is for people ("used 2 minutes ago"); writing it on every call would be a write per request.
const LAST_USED_RESOLUTION_MS = 60_000;

/** The signed-in user behind a request's session cookie, or null. */
export async function sessionUser(headers: Headers): Promise<WorkspaceAccess["user"]> {
  await ensureDatabase();
  const session = await getAuth().api.getSession({ headers });
  return session ? { id: session.user.id, name: session.user.name, email: session.user.email } : null;
}

/**
 * Resolves the caller's workspace and role — the one place that does. An API key
 * (`Authorization: Bearer …`) acts in its workspace as an editor; a session acts in the
 * workspace its cookie names (or its first), with the member's role there.
 */
export async function resolveWorkspace(source: Request | Headers): Promise<WorkspaceAccess> {
  await ensureDatabase();
  const headers = source instanceof Headers ? source : source.headers;
  const authorization = headers.get("authorization");
  if (authorization) return resolveApiKey(authorization);

  const user = await sessionUser(headers);
  if (!user) throw new AppError("unauthorized", "Sign in to continue.");
  const wanted = readCookie(headers.get("cookie"), ACTIVE_WORKSPACE_COOKIE);
  const membership =
    (wanted ? await db.membership.findUnique({ where: { workspaceId_userId: { workspaceId: wanted, userId: user.id } }, include: { workspace: { select: workspaceSelect } } }) : null) ??
    (await db.membership.findFirst({ where: { userId: user.id }, orderBy: { createdAt: "asc" }, include: { workspace: { select: workspaceSelect } } }));
  if (!membership) throw new AppError("no_workspace", "You are not a member of any workspace yet: create one or open an invitation link.");
  const role = isWorkspaceRole(membership.role) ? membership.role : "viewer";
  return accessFor(membership.workspace, role, user, "session");
}

async function resolveApiKey(authorization: string): Promise<WorkspaceAccess> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) throw new AppError("unauthorized", "The Authorization header must be \"Bearer <API key>\".");
  const key = await db.apiKey.findUnique({ where: { keyHash: hashToken(match[1]) }, include: { workspace: { select: workspaceSelect } } });
  if (!key || key.revokedAt) throw new AppError("unauthorized", "This API key is not valid, or it was revoked.");
  const now = new Date();
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } });
  }
  return accessFor(key.workspace, "editor", null, "api_key");
}

function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return null;
}
