import { withWorkspace } from "@/lib/api/guard";
import { json, readJson } from "@/lib/api/respond";
import { publicUrl } from "@/lib/auth/public-origin";
import { createShareLink, createShareLinkBody, listShareLinks, sharePath } from "@/lib/runs";

type Params = { id: string };

/** A run's working share links. Viewers may see them (no token is ever listed); only editors create. */
export const GET = withWorkspace<Params>(async ({ params, access }) => json({ links: await listShareLinks(access.workspace.id, params.id) }));

/** Creates a share link; the answer is the only place its token and URL appear. */
export const POST = withWorkspace<Params>(
  async ({ request, params, access }) => {
    const body = await readJson(request, createShareLinkBody);
    const link = await createShareLink(access.workspace.id, params.id, { ...body, createdById: access.user?.id ?? null });
    return json({ ...link, url: publicUrl(request, sharePath(link.token)) }, { status: 201 });
  },
  { minRole: "editor" },
);
