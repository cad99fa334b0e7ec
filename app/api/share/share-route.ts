import { errorResponse } from "@/lib/api/respond";
import { ensureDatabase } from "@/lib/db";

type RouteContext = { params: Promise<{ token: string }> };

/**
 * The wrapper of the public share API, the twin of `withWorkspace` for callers with no
 * account: the token is the only credential. Every answer, refusals included, is kept out of
 * search engines and caches.
 */
export function withShareToken(handler: (ctx: { request: Request; token: string }) => Promise<Response>) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    let response: Response;
    try {
      await ensureDatabase();
      response = await handler({ request, token: (await context.params).token });
    } catch (error) {
      response = errorResponse(error);
    }
    response.headers.set("X-Robots-Tag", "noindex, nofollow");
    response.headers.set("Referrer-Policy", "no-referrer");
    if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", "private, no-store");
    return response;
  };
}
