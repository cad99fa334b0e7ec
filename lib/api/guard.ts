import { isPublicOrigin } from "@/lib/auth/public-origin";
import type { WorkspaceRole } from "@/lib/auth/roles";
import { resolveWorkspace, type WorkspaceAccess } from "@/lib/auth/workspace-access";
import { AppError } from "@/lib/errors";
import { errorResponse } from "./respond";

export interface GuardedContext<P> {
  request: Request;
  params: P;
  access: WorkspaceAccess;
}

type RouteContext<P> = { params: Promise<P> };

export const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cookie-authenticated writes must come from Tierflow's own pages. Browsers always send
 * `Origin` on cross-site requests, so a foreign or opaque one is refused (SameSite=Lax
 * cookies already keep most of them out; this closes the rest). "Own" is the public origin
 * rule of lib/auth/public-origin.ts, the one better-auth's trusted origins use too.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  if (origin !== null && !isPublicOrigin(origin, request)) throw new AppError("forbidden", "Cross-site requests are not allowed.");
}

/**
 * The one guard every API route goes through: it resolves the caller's workspace and role
 * (session or API key), refuses callers below `minRole` and cross-site cookie writes, and
 * turns thrown `AppError`s into JSON responses.
 */
export function withWorkspace<P = Record<string, never>>(
  handler: (ctx: GuardedContext<P>) => Promise<Response>,
  options: { minRole?: WorkspaceRole } = {},
) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      const access = await resolveWorkspace(request);
      if (access.via === "session" && !SAFE_METHODS.has(request.method)) assertSameOrigin(request);
      if (options.minRole && !access.can(options.minRole)) {
        throw new AppError("forbidden", `This needs the ${options.minRole} role in the workspace.`);
      }
      return await handler({ request, params: await context.params, access });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
