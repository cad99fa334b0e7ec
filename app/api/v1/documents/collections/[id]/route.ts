import { withWorkspace } from "@/lib/api/guard";
import { deleteCollection } from "@/lib/documents";

type Params = { id: string };

/** `DELETE /api/v1/documents/collections/:id`: the collection, its files and its index. */
export const DELETE = withWorkspace<Params>(
  async ({ params, access }) => {
    await deleteCollection(access.workspace.id, params.id);
    return new Response(null, { status: 204 });
  },
  { minRole: "editor" },
);
