import { ensureDatabase } from "@/lib/db";
import { resolveWorkspace, type WorkspaceAccess, type WorkspaceRole } from "@/lib/auth/workspace";
import { AppError } from "@/lib/errors";
import { errorResponse } from "./respond";

export interface GuardedContext<P> {
  request: Request;
  params: P;
  access: WorkspaceAccess;
}

type RouteContext<P> = { params: Promise<P> };

/**
 * The one guard every API route goes through: it resolves the caller's workspace and role,
 * refuses callers below `minRole`, and turns thrown `AppError`s into JSON responses.
 */
export function withWorkspace<P = Record<string, never>>(
  handler: (ctx: GuardedContext<P>) => Promise<Response>,
  options: { minRole?: WorkspaceRole } = {},
) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      await ensureDatabase();
      const access = await resolveWorkspace(request);
      if (options.minRole && !access.can(options.minRole)) {
        throw new AppError("forbidden", `This needs the ${options.minRole} role in the workspace.`);
      }
      return await handler({ request, params: await context.params, access });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
