import { resolveWorkspace, sessionUser, type WorkspaceAccess } from "@/lib/auth/workspace-access";
import { AppError } from "@/lib/errors";
import { assertSameOrigin, SAFE_METHODS } from "./guard";
import { errorResponse } from "./respond";

type RouteContext<P> = { params: Promise<P> };
type User = NonNullable<WorkspaceAccess["user"]>;

/**
 * For the few routes a signed-in user needs before they belong to a workspace (creating
 * one, accepting an invitation): a session is required, API keys are not accepted, and
 * writes must come from Tierflow's own pages. Everything else goes through `withWorkspace`.
 */
export function withSession<P = Record<string, never>>(handler: (ctx: { request: Request; params: P; user: User }) => Promise<Response>) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      if (request.headers.get("authorization")) {
        // A bad or revoked key answers 401 as everywhere else; a good one may not act beyond its workspace.
        await resolveWorkspace(request);
        throw new AppError("forbidden", "API keys act in their own workspace only; sign in to do this.");
      }
      const user = await sessionUser(request.headers);
      if (!user) throw new AppError("unauthorized", "Sign in to continue.");
      if (!SAFE_METHODS.has(request.method)) assertSameOrigin(request);
      return await handler({ request, params: await context.params, user });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
